"""The unit's part of the wall harness's world: a small unit with two studies, one
sponsored by company A, one by company B and led by the researcher persona, both planned
into beds, and a planner run. Canary strings sit in each study's protocol number (which
also names its participants' codes) and title; ``translink.accounts.tests.world.CANARIES``
says who may see each."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from translink.tcrc import actions
from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, PlanRun, Stay, Study, Unit
from translink.tcrc.staffing import CAPACITIES

if TYPE_CHECKING:
    from translink.accounts.tests.world import World


def _study(unit: Unit, protocol: str, sponsor: Any, lead: Any, start: date) -> Study:
    study = Study.objects.create(
        unit=unit,
        sponsor=sponsor,
        principal_investigator=lead,
        protocol_number=protocol,
        title=f"{protocol}-TITLE first-in-human",
        submitted_at=timezone.now(),
    )
    Cohort.objects.create(
        study=study, part="SAD", sequence=1, participants=2, sentinels=0, standby=0, nights=2,
        load=[[1, 1, 1]] * 3, earliest=start,
    )  # fmt: skip
    return study


def build_tcrc(w: World) -> dict[str, Any]:
    today = timezone.localdate()
    unit = Unit.objects.create(name="World unit", horizon_days=28, plan_seconds=1)
    for n in range(4):
        Bed.objects.create(unit=unit, code=f"W{n}", room="Room W", telemetry=n == 0)
    closure = Closure.objects.create(unit=unit, day=today + timedelta(days=20), reason="Holiday")
    outage = BedOutage.objects.create(
        bed=unit.beds.get(code="W3"),
        first_night=today + timedelta(days=1),
        last_night=today + timedelta(days=2),
        reason="CANARY-BED-OUT pump repair",
    )
    a = _study(unit, "CANARY-TCRC-A", w.company_a, None, today + timedelta(days=3))
    a.ind = w.regulatory["company_a"]["ind"]  # its ClinicalTrials.gov duties live there
    a.save(update_fields=["ind"])
    b = _study(unit, "CANARY-TCRC-B", w.company_b, w.open_researcher, today + timedelta(days=3))
    run = actions.request_plan(None, unit, reason="World plan", today=today)
    actions.solve_run(run)
    return {"unit": unit, "closure": closure, "outage": outage, "a": a, "b": b, "run": run}


def _objects(study: Study) -> dict[type, list[Any]]:
    return {
        Study: [study],
        Cohort: list(study.cohorts.all()),
        Stay: list(Stay.objects.filter(cohort__study=study)),
    }


def declare_tcrc_walls(w: World) -> None:
    t = w.tcrc
    a, b = _objects(t["a"]), _objects(t["b"])
    both = {model: a[model] + b[model] for model in a}
    unit_parts: dict[type, list[Any]] = {
        Unit: [t["unit"]],
        Bed: list(t["unit"].beds.all()),
        Closure: [t["closure"]],
    }
    outage: list[Any] = [t["outage"]]
    table: dict[str, dict[type, list[Any]]] = {
        "alliance_manager": {PlanRun: [t["run"]]},
        "researcher": {**a, PlanRun: [t["run"]], BedOutage: outage},
        "company_a": {**b, PlanRun: [t["run"]], BedOutage: outage},
        "company_b": {**a, PlanRun: [t["run"]], BedOutage: outage},
        "investor": {**both, **unit_parts, PlanRun: [t["run"]], BedOutage: outage},
    }
    for persona, hidden in table.items():
        for model, objects in hidden.items():
            w.hidden.setdefault(persona, {}).setdefault(model, []).extend(objects)
    w.samples.setdefault("administrator", {})[Study] = t["a"]
    w.samples["administrator"][Closure] = t["closure"]
    w.samples["administrator"][BedOutage] = t["outage"]
    w.samples["administrator"][Bed] = t["unit"].beds.get(code="W1")
    w.samples["administrator"][Cohort] = t["a"].cohorts.first()


def _review_outcome(w: World) -> dict[str, Any]:
    return {"cohort_id": w.tcrc["a"].cohorts.first().pk, "outcome": "add"}


def _review_outcome_page(w: World) -> dict[str, Any]:
    return {"cohort": w.tcrc["a"].cohorts.first().pk, "outcome": "add"}


def _closing() -> dict[str, Any]:
    return {"first": str(timezone.localdate() + timedelta(days=24)), "kind": "closed"}


def _bed_out() -> dict[str, Any]:
    return {"bed": "W2", "first": str(timezone.localdate() + timedelta(days=24))}


QUOTE = {
    "cohorts": 2,
    "participants": 2,
    "sentinels": 0,
    "standby": 0,
    "nights": 2,
    "review_gap_days": 3,
}
# A valid body for every unit write: the administrator coordinates the unit.
TCRC_WRITE_EXAMPLES: dict[str, Any] = {
    "api/tcrc/quotes": lambda w: {
        **QUOTE,
        "earliest": str(timezone.localdate() + timedelta(days=2)),
    },
    "tcrc/quote/": lambda w: {**QUOTE, "earliest": str(timezone.localdate() + timedelta(days=2))},
    # A study asked for: a company's request must never surface in another's answers.
    "api/tcrc/studies": lambda w: {
        **QUOTE,
        "earliest": str(timezone.localdate() + timedelta(days=2)),
        "protocol_number": "CANARY-REQUEST-PROBE",
        "title": "A requested study",
    },
    "api/tcrc/closures": lambda w: _closing(),
    "tcrc/closures/": lambda w: _closing(),
    "api/tcrc/bed-outages": lambda w: _bed_out(),
    "tcrc/beds/": lambda w: _bed_out(),
    "api/tcrc/beds": lambda w: {"code": "W9", "room": "Room W"},
    "tcrc/beds/new/": lambda w: {"code": "W9", "room": "Room W"},
    "api/tcrc/beds/<bed_id>": lambda w: {"telemetry": True},
    "tcrc/beds/<int:pk>/equipment/": lambda w: {"telemetry": "on"},
    "api/tcrc/capacities": lambda w: {"plan_seconds": 2},
    "api/tcrc/studies/<study_id>": lambda w: {"title": "A renamed study"},
    "api/tcrc/cohorts/<cohort_id>": lambda w: {"priority": 7},
    "tcrc/cohorts/<int:pk>/": lambda w: {
        "participants": 2,
        "sentinels": 0,
        "sentinel_gap_days": 1,
        "standby": 0,
        "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1",
        "review_gap_days": 7,
        "earliest": str(timezone.localdate() + timedelta(days=3)),
        "priority": 7,
    },
    "tcrc/studies/<int:pk>/record/": lambda w: {"title": "A renamed study", "phase": "1"},
    "tcrc/capacities/": lambda w: {
        **{name: getattr(w.tcrc["unit"], name) for name in CAPACITIES},
        "dosing_weekdays": [0, 1, 2, 3, 4],
        "plan_seconds": 2,
    },
    "api/tcrc/studies/<study_id>/review-outcomes": _review_outcome,
    "tcrc/studies/<int:pk>/review/": _review_outcome_page,
    "tcrc/studies/<int:pk>/trial-events/": lambda w: {
        "event": "first_enrolled",
        "on": "2026-11-02",
    },
    "api/tcrc/studies/<study_id>/trial-events": lambda w: {
        "event": "first_enrolled",
        "on": "2026-11-02",
    },
}
