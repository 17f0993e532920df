"""A cohort's admission window: dosed no later than its ``latest`` day, or left out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance, allowed_days
from translink.tcrc.solver.validator import validate


def test_a_cohort_whose_window_closes_while_the_beds_are_full_is_left_out() -> None:
    """Four beds: A holds them all until night 4; B's window shuts on day 3."""
    unit = small_unit(days=21)
    cohorts = (
        cohort("A", participants=4, nights=4, fixed_day=1, required=True),
        cohort("B", participants=2, nights=2, latest=3, priority=1),
    )
    instance = Instance(unit, cohorts)
    for plan in (plan_greedy(instance), plan_cpsat(instance, time_limit=10, workers=1)):
        assert plan.days == {"A": 1}, plan.planner
        assert validate(instance, plan).violations == []
    opened = Instance(unit, (cohorts[0], replace(cohorts[1], latest=None)))
    assert plan_cpsat(opened, time_limit=10, workers=1).days["B"] >= 5


def test_the_planners_take_the_last_day_the_window_leaves() -> None:
    """A fills the four beds from night 0 to 6: C, admitted the night before dosing, can come
    in on night 7 at the soonest, dosed on day 8, the last day of its window."""
    unit = small_unit(days=28)
    windowed = cohort("C", earliest=2, latest=8, target=2)
    assert allowed_days(unit, windowed) == [2, 3, 4, 7, 8]  # weekdays from day 2 to day 8
    full = cohort("A", participants=4, nights=7, fixed_day=1, required=True)
    instance = Instance(unit, (full, windowed))
    for plan in (plan_greedy(instance), plan_cpsat(instance, time_limit=10, workers=1)):
        assert plan.days == {"A": 1, "C": 8}, plan.planner
        assert validate(instance, plan).violations == []


def test_the_validator_names_a_dose_after_the_window() -> None:
    instance = Instance(small_unit(days=21), (cohort("A", latest=4),))
    plan = plan_greedy(instance)
    assert validate(instance, plan).valid
    plan.days["A"] = 7
    plan.stays = [replace(s, first_night=6) for s in plan.stays]
    assert (
        "cohort A is dosed on day 7, after its latest day 4" in validate(instance, plan).violations
    )


@pytest.mark.parametrize("latest", [0, -1])
def test_a_window_that_is_already_shut_leaves_no_day(latest: int) -> None:
    assert allowed_days(small_unit(), cohort("A", earliest=0, latest=latest)) == []


def test_nobody_new_is_admitted_before_the_unit_opens() -> None:
    """The plan starts on day 0 because someone came in then; today is day 3: a newcomer
    is admitted on day 3 at the soonest, and the validator names one admitted before."""
    unit = replace(small_unit(days=21), opens=3)
    here = cohort("H", participants=1, nights=5, fixed_day=1, required=True)
    new = cohort("N", participants=1, nights=2)
    assert allowed_days(unit, new)[0] == 4  # admitted on day 3, the night before
    assert allowed_days(unit, here) == [1]  # fixed in place before the unit opened: kept
    instance = Instance(unit, (here, new))
    plan = plan_cpsat(instance, time_limit=10, workers=1)
    assert plan.days == {"H": 1, "N": 4}
    assert validate(instance, plan).violations == []
    early = replace(plan, days={"H": 1, "N": 2})
    early.stays = [replace(s, first_night=1) if s.cohort == "N" else s for s in plan.stays]
    violations = validate(instance, early).violations
    assert "cohort N is admitted on day 1, before the unit opens to new admissions on day 3" in (
        violations
    )


def test_a_window_bounds_the_first_dose_and_not_a_fixed_cohort() -> None:
    """Sentinels first on the latest day, the rest the day after: allowed. A booked cohort
    fixed after its window keeps its day."""
    unit = small_unit(days=21)
    sentinels = cohort("S", participants=4, sentinels=2, sentinel_gap=1, latest=3, earliest=3)
    plan = plan_cpsat(Instance(unit, (sentinels,)), time_limit=10, workers=1)
    assert plan.days == {"S": 3}
    assert validate(Instance(unit, (sentinels,)), plan).violations == []
    fixed = cohort("F", latest=2, fixed_day=8, required=True)
    kept = plan_cpsat(Instance(unit, (fixed,)), time_limit=10, workers=1)
    assert kept.days == {"F": 8} and validate(Instance(unit, (fixed,)), kept).valid
