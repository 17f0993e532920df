"""The planners on units small enough to know the answer by hand."""

from __future__ import annotations

from dataclasses import replace

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance, Precedence, Weights
from translink.tcrc.solver.plan import Status
from translink.tcrc.solver.validator import validate


def test_it_places_two_cohorts_that_cannot_share_the_beds_one_after_the_other() -> None:
    # Two beds; each cohort needs both for two nights (admitted the day before dosing).
    unit = small_unit(beds=2)
    instance = Instance(unit, (cohort("A", target=1), cohort("B", target=1)))
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.status == Status.OPTIMAL
    assert sorted(plan.days.values()) == [1, 3]  # the second waits for the beds to free
    # One of them is two days late, at priority 5 and 2 points a day.
    assert plan.objective == 2 * 5 * 2
    assert validate(instance, plan).valid


def test_the_sentinels_are_dosed_first_and_the_rest_after_the_gap() -> None:
    instance = Instance(small_unit(), (cohort("A", participants=4, sentinels=1, sentinel_gap=2),))
    plan = plan_cpsat(instance, time_limit=10)
    d = plan.days["A"]
    sentinel_nights = {s.first_night for s in plan.stays if s.group == "sentinel"}
    main_nights = {s.first_night for s in plan.stays if s.group == "main"}
    assert sentinel_nights == {d - 1}
    assert main_nights == {d + 1}
    assert len([s for s in plan.stays if s.group == "main"]) == 3


def test_a_high_risk_cohort_is_never_dosed_before_a_day_without_cover() -> None:
    instance = Instance(small_unit(), (cohort("A", high_risk=True, earliest=4),))
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.days["A"] == 7  # Friday (4) is followed by Saturday; Monday (7) is next


def test_the_safety_review_gap_holds_between_cohorts() -> None:
    instance = Instance(
        small_unit(days=28), (cohort("A1"), cohort("A2")), (Precedence("A1", "A2", 10),)
    )
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.days["A2"] - plan.days["A1"] >= 10
    assert validate(instance, plan).valid


def test_a_cohort_that_cannot_fit_is_left_out_at_its_priority_cost() -> None:
    # One bed, two participants: never fits.
    instance = Instance(small_unit(beds=1), (cohort("A", priority=3),))
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.days == {}
    assert plan.objective == Weights().unplaced * 3 * instance.cohorts[0].bed_nights


def test_required_cohorts_that_conflict_are_named() -> None:
    unit = small_unit(beds=2)
    instance = Instance(
        unit, (cohort("A", fixed_day=2, required=True), cohort("B", fixed_day=2, required=True))
    )
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.status == Status.INFEASIBLE
    assert "A" in plan.conflicts[0] and "B" in plan.conflicts[0]


def test_overtime_is_used_and_paid_only_when_it_places_a_cohort() -> None:
    # Day-shift capacity 3, each participant carries 1: four participants need 1 overtime.
    unit = replace(small_unit(nurses=(3, 99, 99)), nurse_overtime=1)
    instance = Instance(unit, (cohort("A", participants=4, nights=1),))
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.placed() == 1
    assert plan.objective == Weights().overload * 1 * 2  # admission day and dosing day
    assert validate(instance, plan).valid


def test_telemetry_cohorts_get_telemetry_beds() -> None:
    unit = small_unit(beds=4, telemetry=2)
    instance = Instance(unit, (cohort("A", equipment=frozenset({"telemetry"})), cohort("B")))
    plan = plan_cpsat(instance, time_limit=10)
    beds_of_a = {s.bed for s in plan.stays if s.cohort == "A"}
    assert beds_of_a == {"B0", "B1"}
    assert validate(instance, plan).valid


def test_greedy_takes_cohorts_first_come_first_served_and_cpsat_does_better() -> None:
    # A long low-priority study arrives first and blocks a short urgent one for greedy.
    unit = small_unit(days=14, beds=2)
    long = cohort("L", nights=10, priority=1)
    short = cohort("S", nights=2, priority=10, target=1)
    instance = Instance(unit, (long, short))
    greedy, exact = plan_greedy(instance), plan_cpsat(instance, time_limit=10)
    assert greedy.days["L"] == 1
    assert "S" not in greedy.days or greedy.days["S"] > 8
    assert exact.objective < greedy.objective
    assert validate(instance, greedy).valid and validate(instance, exact).valid


def test_re_planning_keeps_cohorts_where_they_were_when_it_can() -> None:
    unit = small_unit(days=21)
    before = Instance(unit, (cohort("A", previous_day=9), cohort("B", previous_day=2)))
    plan = plan_cpsat(before, time_limit=10)
    assert plan.days == {"A": 9, "B": 2}
    assert plan.objective == 0
