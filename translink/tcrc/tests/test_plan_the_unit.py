"""A coordinator re-plans the unit: every cohort gets beds, the plan passes the validator,
and the run says how it compares with first come, first served."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from translink.tcrc import actions, instances
from translink.tcrc.models import Cohort, PlanRun, Stay
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.plan import Plan, Status
from translink.tcrc.solver.plan import Stay as PlanStay
from translink.tcrc.solver.validator import validate
from translink.tcrc.tests.conftest import Clinic, add_study


def _saved_plan(clinic: Clinic) -> tuple[instances.UnitInstance, Plan]:
    """The saved plan read back from the database, in the planner's terms."""
    built = instances.build(clinic.unit, clinic.today)
    days = {k: built.day(c.dose_day) for k, c in built.cohorts.items() if c.dose_day}
    stays = [
        PlanStay(
            str(s.cohort_id),
            s.group,
            s.period,
            _number(s),
            s.bed.code,
            built.day(s.first_night),
            s.nights,
        )
        for s in Stay.objects.select_related("bed", "cohort")
    ]
    run = PlanRun.objects.first()
    assert run is not None and run.objective is not None
    return built, Plan("saved", Status.FEASIBLE, days, stays, run.objective)


def _number(stay: Stay) -> int:
    tag = stay.participant.rsplit("-", 1)[1]
    return stay.cohort.participants + int(tag[1:]) - 1 if tag.startswith("R") else int(tag) - 1


def test_it_plans_every_cohort_into_named_beds_and_the_plan_passes_the_validator(
    clinic: Clinic, replan: Any
) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    add_study(clinic, "BETA-1", clinic.company_b, cohorts=2, participants=3)
    run = replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert run.state == PlanRun.State.DONE and run.status == "optimal"
    assert (run.cohorts, run.placed) == (4, 4)
    assert not Cohort.objects.filter(dose_day=None).exists()
    assert Stay.objects.count() == 2 * 2 + 2 * 3
    built, plan = _saved_plan(clinic)
    assert validate(built.instance, plan).violations == []


def test_participants_appear_only_as_pseudonymous_codes(clinic: Clinic, replan: Any) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert sorted(Stay.objects.values_list("participant", flat=True)) == [
        "ALPHA-1-SAD1-01",
        "ALPHA-1-SAD1-02",
    ]


def test_the_next_cohort_waits_for_the_safety_review(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2, nights=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first, second = study.cohorts.order_by("sequence")
    assert first.dose_day and second.dose_day
    # Admitted the day before dosing, two nights, then a two-day review: 3 days at least.
    assert (second.dose_day - first.dose_day).days >= instances.review_lag(first) == 3


def test_only_coordinators_plan_the_unit(clinic: Clinic, replan: Any) -> None:
    with pytest.raises(PermissionDenied):
        actions.request_plan(clinic.member_a, clinic.unit, today=clinic.today)
    assert not PlanRun.objects.exists()


def test_no_cohort_is_dosed_on_a_weekend(clinic: Clinic, replan: Any) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    days = [c.dose_day for c in Cohort.objects.all()]
    assert days and all(d is not None and d.weekday() < 5 for d in days)
    assert all(d is not None and d >= clinic.today + timedelta(days=3) for d in days)


def test_a_search_cut_short_never_saves_a_plan_worse_than_first_come(clinic: Clinic) -> None:
    add_study(clinic, "FULL-1", clinic.company_a)
    add_study(clinic, "FULL-2", clinic.company_b)
    built = instances.build(clinic.unit, clinic.today)
    greedy = plan_greedy(built.instance)
    assert greedy.placed() == len(built.instance.cohorts)
    # What CP-SAT returns when its time runs out early: a feasible plan placing nothing.
    cut_short = Plan("cpsat", Status.FEASIBLE, {}, [], greedy.objective + 1, bound=7)
    fields: dict[str, Any] = {}
    kept = actions.no_worse_than(cut_short, greedy, built, fields)
    assert kept.days == greedy.days and kept.bound == 7 and kept.status == Status.FEASIBLE
    assert "first-come plan was saved" in fields["message"]
    assert validate(built.instance, kept).valid
    better = Plan("cpsat", Status.OPTIMAL, greedy.days, greedy.stays, greedy.objective, 9)
    assert actions.no_worse_than(better, greedy, built, {}) is better
