"""The demo institute's unit: 18 beds, federal holidays, and sponsored studies that fill it.

Some studies are booked (pinned), some requested (the planner places them), one runs under
an IND on full clinical hold, which the planner refuses to dose and the calendar explains, and
one whose IND is still in FDA's 30 days, planned from the day it goes into effect.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from translink.accounts.demo import RESEARCHER_LOGIN
from translink.accounts.models import Organization
from translink.alliances.models import Alliance
from translink.people.models import Researcher
from translink.regulatory.models import Ind
from translink.regulatory.rules.holidays import federal_holidays
from translink.tcrc import actions
from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, Study, Unit
from translink.tcrc.solver.generator import watched_after_dose

DEMO_PLAN_SECONDS = 5

# protocol, title, part, cohorts, participants, nights, telemetry, scans, days from today
# to the earliest start, priority, IND product prefix (or "").
STUDIES: list[tuple[str, str, str, int, int, int, bool, list[int], int, int, str]] = [
    (
        "ALD-101",
        "First-in-human single ascending dose of ALD-101",
        "SAD",
        6,
        8,
        2,
        False,
        [],
        3,
        8,
        "",
    ),
    ("BRW-220", "Multiple ascending dose of BRW-220", "MAD", 4, 8, 8, True, [], 10, 7, ""),
    ("RRI-101-PET", "Microglial PET tracer dosimetry", "SAD", 3, 6, 2, False, [1], 5, 9, "RRI-101"),
    ("ALD-140", "Food effect of ALD-140 tablets", "FE", 1, 10, 2, False, [], 20, 4, ""),
    ("CST-310", "Single ascending dose of CST-310", "SAD", 5, 8, 3, True, [], 30, 6, ""),
    ("BRW-305", "Cardiac safety of BRW-305", "MAD", 3, 8, 10, True, [], 45, 5, ""),
    (
        "RRI-620-SAD",
        "Tau antisense single ascending dose",
        "SAD",
        4,
        8,
        3,
        False,
        [],
        14,
        7,
        "RRI-620",
    ),
    ("NRT-015", "Multiple ascending dose of NRT-015", "MAD", 5, 10, 12, False, [2], 60, 3, ""),
    # Its IND is in FDA's 30 days: planned from the day it goes into effect, on condition.
    (
        "RRI-330-SAD",
        "Live biotherapeutic first in human",
        "SAD",
        2,
        6,
        2,
        False,
        [],
        7,
        6,
        "RRI-330",
    ),
]
BOOKED = {"ALD-101", "BRW-220"}
OUTAGE_FROM = 20  # bed 9B is out of service for five nights from three weeks ahead


def load(context: dict[str, Any]) -> None:
    today = timezone.localdate()
    unit = Unit.objects.create(name="Translational and Clinical Research Center", plan_seconds=20)
    for room in range(9):
        for bed in range(2):
            Bed.objects.create(
                unit=unit,
                code=f"{room + 1}{'AB'[bed]}",
                room=f"Room {room + 1}",
                telemetry=room < 5,
            )
    for year in (today.year, today.year + 1):
        for day in sorted(federal_holidays(year)):
            Closure.objects.create(unit=unit, day=day, reason="Federal holiday")
    BedOutage.objects.create(
        bed=unit.beds.get(code="9B"),
        first_night=today + timedelta(days=OUTAGE_FROM),
        last_night=today + timedelta(days=OUTAGE_FROM + 4),
        reason="Bed frame replaced",
    )
    companies = [
        o for o in context["organizations"].values() if o.kind == Organization.Kind.COMPANY
    ]
    lead = Researcher.objects.filter(user__email=RESEARCHER_LOGIN).first()
    for n, row in enumerate(STUDIES):
        _study(unit, today, n, row, companies, lead)
    run = actions.request_plan(None, unit, reason="Demo plan", today=today)
    run.time_limit = DEMO_PLAN_SECONDS
    run.save(update_fields=["time_limit"])
    actions.solve_run(run)
    for study in Study.objects.filter(protocol_number__in=BOOKED):
        if not study.cohorts.filter(dose_day=None).exists():
            actions.book_study(None, study)


def _study(
    unit: Unit,
    today: date,
    n: int,
    row: tuple[Any, ...],
    companies: list[Organization],
    lead: Researcher | None,
) -> Study:
    protocol, title, part, count, size, nights, telemetry, scans, start, priority, ind_prefix = row
    ind = Ind.objects.filter(product__startswith=ind_prefix).first() if ind_prefix else None
    sponsor = companies[n % len(companies)]
    # The institute's own tracer study grew out of an alliance now in development: a
    # partner of that alliance sponsors it, as the study record requires.
    alliance = (
        Alliance.objects.filter(stage="development").first() if ind_prefix == "RRI-101" else None
    )
    if alliance is not None:
        partner = alliance.partners.filter(kind=Organization.Kind.COMPANY).first()
        if partner is not None and (ind is None or ind.sponsor_company_id in (None, partner.pk)):
            sponsor = partner
        else:
            alliance = None
    study = Study.objects.create(
        unit=unit,
        sponsor=sponsor,
        principal_investigator=lead if n % 3 == 0 else None,
        protocol_number=protocol,
        title=title,
        ind=ind,
        alliance=alliance,
        submitted_at=timezone.now() - timedelta(days=90 - n),
    )
    crossover = part == "FE"
    for sequence in range(1, count + 1):
        Cohort.objects.create(
            study=study,
            part=part,
            sequence=sequence,
            participants=size,
            sentinels=0 if crossover else 2,
            sentinel_gap_days=0 if crossover else 1,
            standby=0 if crossover else 1,
            nights=nights,
            load=_load(nights),
            scan_days=scans,
            periods=[nights + 7] if crossover else [],
            telemetry=telemetry,
            skill=2,
            # The first dose in people: emergency-trained nurses until the day after.
            shift_skill=[list(levels) for levels in watched_after_dose(nights)]
            if part == "SAD" and sequence == 1
            else [],
            high_risk=part == "SAD" and sequence == 1,
            review_gap_days=7,
            earliest=today + timedelta(days=start),
            target=today + timedelta(days=start + 7 + (sequence - 1) * (nights + 9)),
            priority=priority,
        )
    return study


def _load(nights: int) -> list[list[int]]:
    """Admission, the dosing day with intensive PK sampling, observation, discharge."""
    stay = [[2, 1, 1], [4, 2, 1]] + [[1, 1, 1]] * (nights - 1)
    return [*stay[:nights], [1, 0, 0]]
