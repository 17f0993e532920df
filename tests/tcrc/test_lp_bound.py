"""The bound proven from the linear relaxation never exceeds the best plan's cost."""

from __future__ import annotations

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.cpsat import _build, plan_cpsat
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.instance import Instance
from translink.tcrc.solver.lp_bound import solve_relaxation
from translink.tcrc.solver.plan import Status


def test_the_bound_is_below_the_optimum_on_a_crowded_unit() -> None:
    # Three cohorts of three for four beds over a short horizon: some must wait or stay out.
    unit = small_unit(days=10, beds=4)
    instance = Instance(
        unit,
        tuple(
            cohort(f"C{n}", participants=3, nights=3, target=1, priority=n + 1) for n in range(3)
        ),
    )
    relaxation = solve_relaxation(_build(instance).model, time_limit=10)
    plan = plan_cpsat(instance, time_limit=10)
    assert plan.status == Status.OPTIMAL
    assert relaxation is not None
    assert 0 < relaxation.bound <= plan.objective


def test_the_reported_bound_never_exceeds_the_plans_cost_on_a_generated_unit() -> None:
    instance = generate(4, seed=7, days=60, max_cohorts=3)
    plan = plan_cpsat(instance, time_limit=5)
    assert plan.bound <= plan.objective
    relaxation = solve_relaxation(_build(instance).model, time_limit=10)
    assert relaxation is not None and relaxation.bound <= plan.objective
