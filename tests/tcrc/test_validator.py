"""The validator finds every broken rule on its own, and recomputes the cost."""

from __future__ import annotations

from dataclasses import replace

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance, Precedence
from translink.tcrc.solver.plan import Plan, Stay
from translink.tcrc.solver.validator import validate


def _planned(instance: Instance) -> Plan:
    plan = plan_greedy(instance)
    assert validate(instance, plan).valid
    return plan


def test_it_finds_two_people_in_one_bed() -> None:
    instance = Instance(small_unit(), (cohort("A"),))
    plan = _planned(instance)
    plan.stays = [replace(stay, bed="B0") for stay in plan.stays]
    verdict = validate(instance, plan)
    assert any("bed B0 holds two people" in v for v in verdict.violations)


def test_it_finds_a_participant_without_a_bed_for_a_night() -> None:
    instance = Instance(small_unit(), (cohort("A", nights=3),))
    plan = _planned(instance)
    plan.stays[0] = replace(plan.stays[0], nights=2)
    assert any("lacks a bed" in v for v in validate(instance, plan).violations)


def test_it_finds_dosing_on_a_weekend() -> None:
    instance = Instance(small_unit(), (cohort("A"),))
    plan = _planned(instance)
    plan.days["A"] = 5  # Saturday
    plan.stays = [replace(s, first_night=4) for s in plan.stays]
    assert any("no dosing cover" in v for v in validate(instance, plan).violations)


def test_it_finds_a_broken_review_gap() -> None:
    instance = Instance(
        small_unit(days=28), (cohort("A1"), cohort("A2")), (Precedence("A1", "A2", 10),)
    )
    plan = _planned(instance)
    plan.days["A2"] = plan.days["A1"] + 7
    assert any("less than 10 days after A1" in v for v in validate(instance, plan).violations)


def test_it_finds_a_telemetry_cohort_in_a_plain_bed() -> None:
    instance = Instance(small_unit(telemetry=2), (cohort("A", equipment=frozenset({"telemetry"})),))
    plan = _planned(instance)
    plan.stays = [replace(s, bed="B3") if s.participant == 0 else s for s in plan.stays]
    assert any("lacks it" in v for v in validate(instance, plan).violations)


def test_it_finds_too_many_admissions_and_scans() -> None:
    unit = replace(small_unit(), admissions=(1,) * 14, scanner=(1,) * 14)
    instance = Instance(unit, (cohort("A", scans=(0,)),))
    plan = Plan("by hand", plan_greedy(Instance(small_unit(), instance.cohorts)).status, {"A": 1})
    plan.stays = [Stay("A", "main", 0, n, f"B{n}", 0, 2) for n in range(2)]
    violations = validate(instance, plan).violations
    assert any("2 admissions on day 0" in v for v in violations)
    assert any("2 scans on day 1" in v for v in violations)


def test_it_finds_nurse_load_beyond_the_overtime() -> None:
    unit = small_unit(nurses=(1, 99, 99))
    instance = Instance(unit, (cohort("A"),))
    plan = Plan("by hand", plan_greedy(Instance(small_unit(), instance.cohorts)).status, {"A": 1})
    plan.stays = [Stay("A", "main", 0, n, f"B{n}", 0, 2) for n in range(2)]
    assert any(
        "nurse load 2 on day 0 (day) exceeds 1" in v for v in validate(instance, plan).violations
    )


def test_a_plan_that_misstates_its_cost_is_not_valid() -> None:
    instance = Instance(small_unit(), (cohort("A", target=0),))
    plan = _planned(instance)
    plan.objective -= 1
    verdict = validate(instance, plan)
    assert not verdict.violations and not verdict.cost_matches and not verdict.valid


def test_a_required_cohort_left_out_is_a_violation() -> None:
    instance = Instance(small_unit(), (cohort("A", required=True),))
    plan = Plan("by hand", plan_greedy(instance).status, {})
    assert "required cohort A is not placed" in validate(instance, plan).violations
