"""From the unit's records to the planner's instance, and back from day numbers to dates.

Day 0 is the plan's first day: today, or earlier when a stay that began before today is
still under way (such stays are pinned where they are). A study under an IND that does not
allow dosing is left out with the reason (21 CFR 312.40, 312.42); one whose IND takes effect
later is not dosed before that day.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from translink.regulatory.actions import may_dose
from translink.regulatory.models import Ind
from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, Stay, Study, Unit
from translink.tcrc.solver import instance as solver


@dataclass
class UnitInstance:
    """The planner's instance with the records behind each cohort key."""

    instance: solver.Instance
    starts_on: date
    cohorts: dict[str, Cohort]
    refused: dict[int, str] = field(default_factory=dict)  # study id -> why it cannot dose
    # study id -> what its dosing depends on (an IND awaiting its 30 days, a partial hold)
    conditions: dict[int, str] = field(default_factory=dict)
    fingerprint: list[tuple[object, ...]] = field(default_factory=list)
    # The days (by number) staffed with the weekday figures, not the weekend ones.
    roster: frozenset[int] = frozenset()

    def day(self, on: date) -> int:
        return (on - self.starts_on).days

    def date(self, day: int) -> date:
        return self.starts_on + timedelta(days=day)


def review_lag(cohort: Cohort) -> int:
    """Days from a cohort's first dosing day to the next cohort's: the stay, then the review."""
    gap = cohort.sentinel_gap_days if cohort.sentinels else 0
    return (
        gap
        + max([0, *cohort.periods])
        + cohort.admission_offset
        + cohort.nights
        + cohort.review_gap_days
    )


def build(unit: Unit, today: date, *, extra: list[Cohort] | None = None) -> UnitInstance:
    """The unit's instance from ``today``: cohorts in the unit now pinned (whatever became
    of their study since), booked studies pinned, requested ones free, finished ones out
    but still holding the next cohort back by their safety-review gap."""
    unit = Unit.objects.get(pk=unit.pk)  # its stored capacities, not the caller's copy
    cohorts = list(
        Cohort.objects.filter(study__unit=unit)
        .exclude(status=Cohort.Status.CANCELLED)
        .select_related("study", "study__ind")
        .order_by("study__submitted_at", "study_id", "sequence")
    )
    under_way = [c for c in cohorts if in_the_unit(c, today)]
    starts_on = min([today, *(_admitted(c) for c in under_way)])
    plan_unit, built_roster = _unit(unit, starts_on, today)
    built = UnitInstance(solver.Instance(plan_unit, ()), starts_on, {}, roster=built_roster)
    built.fingerprint = fingerprint(unit)
    floors = _review_floors(built, cohorts, today)
    open_studies = (Study.Status.REQUESTED, Study.Status.BOOKED)
    planned = [
        c
        for c in cohorts
        if c in under_way or (c.study.status in open_studies and not _finished(c, today))
    ]
    solver_cohorts: list[solver.Cohort] = []
    for cohort in [*planned, *(extra or [])]:
        pinned = cohort in under_way
        earliest = 0 if pinned else _ind_earliest(built, cohort)
        if earliest is None:
            continue
        fixed = pinned or cohort.study.status == Study.Status.BOOKED
        floor = max(
            earliest, built.day(today), built.day(cohort.earliest), floors.get(cohort.pk, 0)
        )
        solver_cohorts.append(to_solver(built, cohort, floor, fixed))
        built.cohorts[str(cohort.pk)] = cohort
    keys = {c.key for c in solver_cohorts}
    rules = [
        solver.Precedence(str(a.pk), str(b.pk), review_lag(a))
        for a, b in itertools.pairwise(planned)
        if a.study_id == b.study_id and str(a.pk) in keys and str(b.pk) in keys
    ]
    built.instance = replace(built.instance, cohorts=tuple(solver_cohorts))
    built.instance = replace(built.instance, precedences=tuple(rules))
    built.instance = replace(built.instance, beds_so_far=_beds_so_far(built, under_way, today))
    return built


def _beds_so_far(
    built: UnitInstance, under_way: list[Cohort], today: date
) -> dict[tuple[str, str, int, int], tuple[tuple[str, int], ...]]:
    """The beds each participant in the unit has slept in up to tonight, as (bed, first
    night) in order: what happened stays as it was, and they stay where they are."""
    found: dict[tuple[str, str, int, int], list[tuple[str, int]]] = {}
    stays = Stay.objects.filter(cohort__in=under_way, first_night__lte=today, nights__gte=1)
    for stay in stays.select_related("bed").order_by("first_night", "pk"):
        key = (str(stay.cohort_id), stay.group, stay.period, stay.number)
        found.setdefault(key, []).append((stay.bed.code, built.day(stay.first_night)))
    return {key: tuple(segments) for key, segments in found.items()}


def in_the_unit(cohort: Cohort, today: date) -> bool:
    """Whether the cohort's participants have been admitted and not all discharged."""
    if cohort.dose_day is None:
        return False
    return _admitted(cohort) <= today <= (cohort.discharge_day() or today)


def _finished(cohort: Cohort, today: date) -> bool:
    return cohort.dose_day is not None and (cohort.discharge_day() or today) < today


def _review_floors(built: UnitInstance, cohorts: list[Cohort], today: date) -> dict[int, int]:
    """The first day each unfinished cohort may be dosed after a finished predecessor."""
    floors: dict[int, int] = {}
    for before, after in itertools.pairwise(cohorts):
        if before.study_id == after.study_id and _finished(before, today):
            assert before.dose_day is not None
            floors[after.pk] = built.day(before.dose_day) + review_lag(before)
    return floors


def fingerprint(unit: Unit) -> list[tuple[object, ...]]:
    """What a plan was built from: each cohort's study, status and place, the unit's closed
    days, its beds (with their equipment and the nights they are out of service) and its
    capacities. A plan saved over a unit whose fingerprint has changed since would undo a
    booking or a stop, or put stays on days closed or in beds taken out meanwhile."""
    rows = Cohort.objects.filter(study__unit=unit).order_by("pk")
    cohorts: list[tuple[object, ...]] = [
        (c.pk, c.status, c.sequence, f"{c.study_id}:{c.study.status}", *_described(c))
        for c in rows.select_related("study")
    ]
    closed = [
        ("closed", day, kind)
        for day, kind in Closure.objects.filter(unit=unit)
        .order_by("day")
        .values_list("day", "kind")
    ]
    beds = [
        ("bed", *row)
        for row in Bed.objects.filter(unit=unit)
        .order_by("pk")
        .values_list("code", "telemetry", "retired_from")
    ]
    outages = [
        ("out", *row)
        for row in BedOutage.objects.filter(bed__unit=unit)
        .order_by("pk")
        .values_list("bed_id", "first_night", "last_night")
    ]
    stored = Unit.objects.get(pk=unit.pk)  # not the caller's copy
    capacities = [(field.name, getattr(stored, field.name)) for field in Unit._meta.concrete_fields]
    return [*cohorts, *closed, *beds, *outages, ("capacities", *capacities)]


def _described(cohort: Cohort) -> tuple[object, ...]:
    """What the planner reads of a cohort besides its place (a coordinator may change it)."""
    return (
        cohort.participants, cohort.sentinels, cohort.sentinel_gap_days, cohort.standby,
        cohort.admission_offset, cohort.nights, str(cohort.load), str(cohort.scan_days),
        str(cohort.periods), cohort.telemetry, cohort.skill, str(cohort.shift_skill),
        cohort.high_risk,
        cohort.review_gap_days, cohort.earliest, cohort.latest, cohort.target, cohort.priority,
    )  # fmt: skip


def _admitted(cohort: Cohort) -> date:
    assert cohort.dose_day is not None
    return cohort.dose_day + timedelta(days=cohort.admission_offset)


def _ind_earliest(built: UnitInstance, cohort: Cohort) -> int | None:
    """The first day the study's IND lets it dose, or None (and why) when it does not.

    A submitted IND goes into effect 30 days after FDA receives it unless FDA objects
    (21 CFR 312.40(b)): the study is planned from that day, on that condition. A partial
    hold doses only the parts it does not name (312.42): planned, with that warning.
    """
    ind = cohort.study.ind
    if ind is None:
        return 0
    name = f"IND {ind.number or ind.product}"
    if ind.status == Ind.Status.SUBMITTED and ind.effective_by is not None:
        built.conditions[cohort.study_id] = (
            f"{name} is submitted: planned from {ind.effective_by:%d %b %Y}, the day it goes "
            "into effect unless FDA places a hold first (21 CFR 312.40(b))."
        )
        return max(0, built.day(ind.effective_by))
    if ind.status == Ind.Status.SUBMITTED:
        built.refused[cohort.study_id] = (
            f"{name} is submitted, but FDA's receipt is not recorded yet: its 30 days have "
            "not started, so no dosing day can be planned (21 CFR 312.40(b))."
        )
        return None
    allowed, why = may_dose(ind, ind.effective or built.starts_on)
    if not allowed:
        built.refused[cohort.study_id] = f"{name}: {why}"
        return None
    if ind.status == Ind.Status.PARTIAL_HOLD:
        built.conditions[cohort.study_id] = f"{name}: {why}"
    return max(0, built.day(ind.effective)) if ind.effective else 0


def to_solver(built: UnitInstance, cohort: Cohort, earliest: int, fixed: bool) -> solver.Cohort:
    pinned = built.day(cohort.dose_day) if fixed and cohort.dose_day else None
    return solver.Cohort(
        key=str(cohort.pk),
        study=str(cohort.study_id),
        participants=cohort.participants,
        nights=cohort.nights,
        load=tuple((int(a), int(b), int(c)) for a, b, c in cohort.load),
        sentinels=cohort.sentinels,
        sentinel_gap=cohort.sentinel_gap_days if cohort.sentinels else 0,
        standby=cohort.standby,
        admission_offset=cohort.admission_offset,
        scans=tuple(cohort.scan_days),
        periods=(0, *cohort.periods),
        equipment=frozenset({"telemetry"}) if cohort.telemetry else frozenset(),
        skill=cohort.skill,
        shift_skill=tuple((int(a), int(b), int(c)) for a, b, c in cohort.shift_skill),
        high_risk=cohort.high_risk,
        earliest=earliest if pinned is None else min(earliest, pinned),
        latest=built.day(cohort.latest) if cohort.latest else None,
        target=built.day(cohort.target) if cohort.target else None,
        priority=cohort.priority,
        fixed_day=pinned,
        required=pinned is not None,
        previous_day=built.day(cohort.dose_day) if cohort.dose_day and pinned is None else None,
    )


def _unit(unit: Unit, starts_on: date, today: date) -> tuple[solver.Unit, frozenset[int]]:
    """The planner's unit from ``starts_on``, and the days staffed as weekdays. Days before
    ``today`` (when someone in the unit came in earlier) hold only what happened: no rule
    of today's unit judges them, so their capacities and cover are left open."""
    dates = [starts_on + timedelta(days=d) for d in range(unit.horizon_days)]
    closures = dict(
        Closure.objects.filter(unit=unit, day__range=(dates[0], dates[-1])).values_list(
            "day", "kind"
        )
    )
    # Weekday staffing on weekdays; dosing cover on the unit's dosing days of the week.
    working = [d.weekday() < 5 and d not in closures for d in dates]
    covered = [d.weekday() in unit.dosing_weekdays and d not in closures for d in dates]
    closed = {i for i, d in enumerate(dates) if closures.get(d) == Closure.Kind.CLOSED}
    weekday = (unit.nurses_weekday_day, unit.nurses_weekday_evening, unit.nurses_weekday_night)
    weekend = (unit.nurses_weekend_day, unit.nurses_weekend_evening, unit.nurses_weekend_night)
    skill_weekday = (unit.skill_weekday_day, unit.skill_weekday_evening, unit.skill_weekday_night)
    skill_weekend = (unit.skill_weekend_day, unit.skill_weekend_evening, unit.skill_weekend_night)
    past = sum(1 for d in dates if d < today)
    roster = frozenset(i for i, ok in enumerate(working) if ok)
    return _open_past(
        solver.Unit(
            days=unit.horizon_days,
            beds=tuple(
                solver.Bed(
                    bed.code, bed.room, frozenset({"telemetry"}) if bed.telemetry else frozenset()
                )
                for bed in unit.beds.all()
            ),
            nurse_capacity=tuple(
                (0, 0, 0) if i in closed else weekday if working[i] else weekend
                for i in range(len(dates))
            ),
            admissions=tuple(
                0
                if d in closures
                else unit.admissions_weekday
                if working[i]
                else unit.admissions_weekend
                for i, d in enumerate(dates)
            ),
            scanner=tuple(unit.scanner_slots_weekday if ok else 0 for ok in working),
            dosing_days=frozenset(i for i, ok in enumerate(covered) if ok),
            skill=tuple(skill_weekday if ok else skill_weekend for ok in working),
            closed=frozenset(closed),
            nurse_overtime=unit.nurse_overtime,
            out_of_service=_out_of_service(unit, dates[0], dates[-1]),
        ),
        past,
    ), roster


PAST_ROOM = 10_000  # above any day's use: the past is as it was
PAST_SKILL = 10_000


def _open_past(plan_unit: solver.Unit, past: int) -> solver.Unit:
    """``plan_unit`` with its first ``past`` days left open to what happened on them: cover
    for any dose, room for any admission, scan and nurse load (beds stay as they are); no
    cohort not already in the unit is admitted on them."""
    if not past:
        return plan_unit
    return replace(
        plan_unit,
        opens=past,  # nobody new is admitted before today
        nurse_capacity=((PAST_ROOM,) * 3,) * past + plan_unit.nurse_capacity[past:],
        admissions=(PAST_ROOM,) * past + plan_unit.admissions[past:],
        scanner=(PAST_ROOM,) * past + plan_unit.scanner[past:],
        dosing_days=plan_unit.dosing_days | frozenset(range(past)),
        skill=((PAST_SKILL,) * 3,) * past + plan_unit.skill[past:],
        closed=frozenset(d for d in plan_unit.closed if d >= past),
    )


def _out_of_service(unit: Unit, first: date, last: date) -> frozenset[tuple[str, int]]:
    """(bed code, night) for each night from ``first`` to ``last`` a bed is out of service."""
    found = set()
    outages = BedOutage.objects.filter(
        bed__unit=unit, first_night__lte=last, last_night__gte=first
    ).select_related("bed")
    for outage in [*outages, *retirements(unit, last)]:
        night = max(outage.first_night, first)
        while night <= min(outage.last_night, last):
            found.add((outage.bed.code, (night - first).days))
            night += timedelta(days=1)
    return frozenset(found)


def retirements(unit: Unit, until: date) -> list[BedOutage]:
    """Each retired bed as an outage (unsaved) from its retirement to ``until``: out of
    service for good."""
    return [
        BedOutage(bed=bed, first_night=bed.retired_from, last_night=until, reason="Retired")
        for bed in Bed.objects.filter(unit=unit, retired_from__lte=until)
        if bed.retired_from is not None
    ]
