"""Property tests: every plan on a random unit passes the validator; CP-SAT is exact."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance, allowed_days
from translink.tcrc.solver.plan import Plan, Status, bed_moves, plan_cost
from translink.tcrc.solver.validator import validate

SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(studies=st.integers(1, 5), seed=st.integers(0, 10_000), days=st.integers(35, 70))
def test_every_plan_on_a_generated_unit_is_valid(studies: int, seed: int, days: int) -> None:
    instance = generate(studies, seed, days=days, max_cohorts=4)
    greedy = plan_greedy(instance)
    exact = plan_cpsat(instance, time_limit=5, workers=1)
    assert validate(instance, greedy).violations == []
    assert validate(instance, greedy).valid
    assert validate(instance, exact).violations == []
    assert validate(instance, exact).valid
    if exact.status == Status.OPTIMAL:
        assert exact.objective <= greedy.objective


@SLOW
@given(
    sizes=st.lists(st.integers(1, 4), min_size=1, max_size=3),
    nights=st.lists(st.integers(1, 3), min_size=3, max_size=3),
    targets=st.lists(st.integers(0, 9), min_size=3, max_size=3),
    beds=st.integers(2, 5),
)
def test_cpsat_matches_brute_force_on_tiny_units(
    sizes: list[int], nights: list[int], targets: list[int], beds: int
) -> None:
    unit = small_unit(days=12, beds=beds, nurses=(6, 6, 6))
    cohorts = tuple(
        cohort(f"C{i}", participants=size, nights=nights[i], target=targets[i], priority=i + 1)
        for i, size in enumerate(sizes)
    )
    instance = Instance(unit, cohorts)
    exact = plan_cpsat(instance, time_limit=20, workers=1)
    assert exact.status == Status.OPTIMAL
    assert exact.objective == _brute_force(instance)


def _brute_force(instance: Instance) -> int:
    """Try every dosing day (or none) for every cohort; keep the cheapest valid plan."""
    options = [[None, *allowed_days(instance.unit, c)] for c in instance.cohorts]
    best: int | None = None
    for choice in itertools.product(*options):
        days = {c.key: d for c, d in zip(instance.cohorts, choice, strict=True) if d is not None}
        try:
            stays = assign_beds(instance, days)
        except RuntimeError:
            continue
        plan = Plan(
            "brute force", Status.FEASIBLE, days, stays, plan_cost(instance, days, bed_moves(stays))
        )
        if validate(instance, plan).valid and (best is None or plan.objective < best):
            best = plan.objective
    assert best is not None
    return best


def test_a_limit_that_ends_before_the_search_reports_still_gives_a_valid_plan() -> None:
    """A 30-study unit with a limit too short for CP-SAT's presolve: the planner returns
    its first plan (greedy or rounded from the relaxation), valid and no worse than greedy,
    with whatever bound it proved, rather than nothing."""
    instance = generate(30, 1)
    greedy = plan_greedy(instance)
    quick = plan_cpsat(instance, time_limit=0.5, workers=1)
    assert quick.status == Status.FEASIBLE and quick.placed() > 0
    assert validate(instance, quick).violations == []
    assert quick.objective <= greedy.objective
    assert 0 <= quick.bound <= quick.objective
