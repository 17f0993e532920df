"""The plan rounded from the relaxation keeps every hard rule, so it is a fair first hint."""

from __future__ import annotations

from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.cpsat import _build
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.lp_bound import solve_relaxation
from translink.tcrc.solver.plan import Plan, Status, bed_moves, plan_cost
from translink.tcrc.solver.rounding import round_relaxation
from translink.tcrc.solver.validator import validate


def test_the_rounded_plan_on_a_generated_unit_is_valid() -> None:
    instance = generate(8, seed=3, days=91, max_cohorts=4)
    built = _build(instance)
    relaxation = solve_relaxation(built.model, time_limit=10)
    assert relaxation is not None
    shares = {
        key: {t: relaxation.value(x) for t, x in starts.items()}
        for key, starts in built.starts.items()
    }
    days = round_relaxation(instance, shares)
    stays = assign_beds(instance, days)
    plan = Plan(
        "rounded", Status.FEASIBLE, days, stays, plan_cost(instance, days, bed_moves(stays))
    )
    assert days
    assert validate(instance, plan).violations == []
