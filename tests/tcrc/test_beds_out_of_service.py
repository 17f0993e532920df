"""A bed out of service for some nights: the planners count it out, the bed assignment
keeps everyone out of it, and the validator catches a plan that does not."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import Instance, check_instance
from translink.tcrc.solver.plan import Plan, Status, Stay, bed_moves
from translink.tcrc.solver.quote import quote
from translink.tcrc.solver.validator import validate

SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _out(bed: str, nights: range) -> frozenset[tuple[str, int]]:
    return frozenset((bed, night) for night in nights)


def test_a_cohort_that_needs_every_bed_waits_until_the_broken_one_is_back() -> None:
    """Four beds, a cohort of four: with B2 out on nights 0 to 7 it cannot come in before
    night 8, so it is dosed on day 9 (admitted the day before), not day 1."""
    unit = replace(small_unit(days=21), out_of_service=_out("B2", range(8)))
    instance = Instance(unit, (cohort("A", participants=4, nights=2),))
    for plan in (plan_cpsat(instance, time_limit=10, workers=1), plan_greedy(instance)):
        assert plan.days == {"A": 9}, plan.planner
        assert validate(instance, plan).violations == []
        assert all(stay.first_night >= 8 for stay in plan.stays)
    everywhere = Instance(small_unit(days=21), instance.cohorts)
    assert plan_greedy(everywhere).days == {"A": 1}


def test_a_smaller_cohort_is_kept_out_of_the_broken_bed_without_moving_anyone() -> None:
    unit = replace(small_unit(days=14), out_of_service=_out("B0", range(0, 3)))
    instance = Instance(unit, (cohort("A", participants=3, nights=4),))
    plan = plan_cpsat(instance, time_limit=10, workers=1)
    assert plan.days == {"A": 1}
    assert {stay.bed for stay in plan.stays} == {"B1", "B2", "B3"}
    assert bed_moves(plan.stays) == 0
    assert validate(instance, plan).violations == []


def test_someone_in_a_bed_that_breaks_mid_stay_moves_for_that_night_on() -> None:
    """A participant already in B0 (the unit's current beds) when B0 goes out of service
    on night 3 moves to a free bed that night: one bed move, paid for in the cost."""
    unit = replace(small_unit(days=14), out_of_service=_out("B0", range(3, 6)))
    instance = Instance(
        unit,
        (cohort("A", participants=1, nights=5, fixed_day=1, required=True),),
        beds_so_far={("A", "main", 0, 0): (("B0", 0),)},
    )
    stays = assign_beds(instance, {"A": 1})
    assert [(s.bed, s.first_night, s.nights) for s in stays] == [("B0", 0, 3), ("B1", 3, 2)]
    plan = plan_cpsat(instance, time_limit=10, workers=1)
    assert bed_moves(plan.stays) == 1
    verdict = validate(instance, plan)
    assert verdict.violations == [] and verdict.cost == plan.objective


def test_a_newcomer_takes_a_bed_that_stays_in_service_through_the_stay() -> None:
    """B0 breaks on the stay's last two nights: three participants take B1 to B3 rather
    than the first bed by name, and nobody has to move."""
    unit = replace(small_unit(days=14), out_of_service=_out("B0", range(2, 4)))
    instance = Instance(unit, (cohort("A", participants=3, nights=4),))
    stays = assign_beds(instance, {"A": 1})
    assert {stay.bed for stay in stays} == {"B1", "B2", "B3"}
    assert bed_moves(stays) == 0


def test_the_beds_slept_in_so_far_are_kept_as_they_were() -> None:
    """P moved from B0 to B1 last night when B0 broke; X's standby had B1 the night before.
    A re-plan keeps that history night by night and P where they are now, with one move."""
    unit = replace(small_unit(days=14), out_of_service=_out("B0", range(1, 4)))
    instance = Instance(
        unit,
        (
            cohort("X", participants=1, nights=5, standby=1, fixed_day=1, required=True),
            cohort("P", participants=1, nights=5, fixed_day=1, required=True),
        ),
        beds_so_far={
            ("X", "main", 0, 0): (("B2", 0),),
            ("X", "standby", 0, 1): (("B1", 0),),
            ("P", "main", 0, 0): (("B0", 0), ("B1", 1)),
        },
    )
    stays = assign_beds(instance, {"X": 1, "P": 1})
    assert sorted((s.cohort, s.group, s.bed, s.first_night, s.nights) for s in stays) == [
        ("P", "main", "B0", 0, 1),
        ("P", "main", "B1", 1, 4),
        ("X", "main", "B2", 0, 5),
        ("X", "standby", "B1", 0, 1),
    ]
    assert bed_moves(stays) == 1


def test_a_participant_moved_twice_in_one_night_makes_one_move_and_no_empty_stay() -> None:
    """A plain bed breaks each night while telemetry cohorts arrive: whoever moves, each
    move is one new bed on one night, never a stay of no nights."""
    telemetry = frozenset({"telemetry"})
    unit = replace(
        small_unit(days=10, beds=3, telemetry=1), out_of_service=frozenset({("B1", 1), ("B2", 2)})
    )
    instance = Instance(
        unit,
        (
            cohort("A", participants=1, nights=3, fixed_day=1, required=True),
            cohort("B", participants=1, nights=1, equipment=telemetry, fixed_day=1, required=True),
            cohort("C", participants=1, nights=1, equipment=telemetry, fixed_day=2, required=True),
        ),
    )
    plan = plan_greedy(instance)
    assert all(stay.nights >= 1 for stay in plan.stays)
    assert bed_moves(plan.stays) == 2  # A leaves B1 on night 1 and B2 on night 2
    assert validate(instance, plan).violations == []


def test_the_validator_refuses_a_stay_of_no_nights() -> None:
    instance = Instance(small_unit(), (cohort("A", participants=1, nights=2),))
    plan = plan_greedy(instance)
    plan.stays.append(replace(plan.stays[0], bed="B3", nights=0))
    assert "A has a stay of 0 nights in bed B3" in validate(instance, plan).violations


def test_the_validator_names_a_stay_in_a_bed_out_of_service() -> None:
    """Four people on four beds on night 2, when B3 is out: the count of beds was never
    checked, the named bed is."""
    everywhere = Instance(small_unit(days=14), (cohort("A", participants=4, nights=1),))
    stays = assign_beds(everywhere, {"A": 3})
    assert {stay.bed for stay in stays} == {"B0", "B1", "B2", "B3"}
    plan = Plan("by hand", Status.FEASIBLE, {"A": 3}, stays, 0)
    assert validate(everywhere, plan).valid
    unit = replace(everywhere.unit, out_of_service=_out("B3", range(2, 3)))
    violations = validate(replace(everywhere, unit=unit), plan).violations
    assert violations == ["A is in bed B3 on night 2, when it is out of service"]


def test_a_quote_counts_the_broken_bed_out() -> None:
    unit = replace(small_unit(days=28), out_of_service=_out("B1", range(0, 14)))
    asked = (cohort("Q", participants=4, nights=2),)
    assert quote(Instance(unit, ()), asked).start == 15  # admitted on night 14
    assert quote(Instance(small_unit(days=28), ()), asked).start == 1


def test_a_malformed_outage_is_refused_by_name() -> None:
    for outage in (("B9", 1), ("B0", 14), ("B0", -1)):
        unit = replace(small_unit(days=14), out_of_service=frozenset({outage}))
        with pytest.raises(ValueError, match=r"unit\.out_of_service"):
            check_instance(Instance(unit, ()))


OUTAGES = st.lists(
    st.tuples(st.integers(0, 17), st.integers(0, 55), st.integers(1, 14)), max_size=6
)


def _broken_unit(studies: int, seed: int, outages: list[tuple[int, int, int]]) -> Instance:
    """A generated 8-week unit with (bed index, first night, nights) out of service."""
    generated = generate(studies, seed, days=56, max_cohorts=4)
    keys = [bed.key for bed in generated.unit.beds]
    broken = frozenset(
        (keys[bed], night)
        for bed, first, length in outages
        for night in range(first, min(first + length, 56))
    )
    return replace(generated, unit=replace(generated.unit, out_of_service=broken))


@SLOW
@given(
    studies=st.integers(1, 4),
    seed=st.integers(0, 10_000),
    outages=OUTAGES,
)
def test_every_plan_keeps_out_of_broken_beds(
    studies: int, seed: int, outages: list[tuple[int, int, int]]
) -> None:
    instance = _broken_unit(studies, seed, outages)
    for plan in (plan_greedy(instance), plan_cpsat(instance, time_limit=3, workers=1)):
        verdict = validate(instance, plan)
        assert verdict.violations == [], plan.planner
        assert verdict.cost == plan.objective


@SLOW
@given(
    studies=st.integers(1, 4),
    seed=st.integers(0, 10_000),
    outages=OUTAGES,
    tonight=st.integers(1, 50),
    picks=st.lists(st.integers(0, 1_000), max_size=8),
)
def test_a_re_plan_never_rewrites_the_beds_slept_in_before_tonight(
    studies: int,
    seed: int,
    outages: list[tuple[int, int, int]],
    tonight: int,
    picks: list[int],
) -> None:
    """Plan, then re-plan from ``tonight`` with the history so far, after beds of some of
    those in the unit broke from tonight on: they move tonight, and what they slept in
    before stays as it was (though, planned afresh, another bed would have been chosen)."""
    instance = _broken_unit(studies, seed, outages)
    plan = plan_greedy(instance)
    history: dict[tuple[str, str, int, int], list[tuple[str, int]]] = {}
    for stay in sorted(plan.stays, key=lambda s: s.first_night):
        if stay.first_night <= tonight:
            who = (stay.cohort, stay.group, stay.period, stay.participant)
            history.setdefault(who, []).append((stay.bed, stay.first_night))
    # Beds of some of those in the unit tonight break from tonight to their discharge.
    spanning = sorted(
        (s for s in plan.stays if s.first_night < tonight < s.first_night + s.nights),
        key=lambda s: (s.bed, s.first_night),
    )
    wanted = [
        (stay.bed, night)
        for pick in picks
        if spanning
        for stay in [spanning[pick % len(spanning)]]
        for night in range(tonight, stay.first_night + stay.nights)
    ]
    broke = _more_broken(instance, plan, wanted)
    again = replace(
        instance,
        unit=replace(instance.unit, out_of_service=broke),  # those broken already, and more
        cohorts=tuple(
            replace(c, fixed_day=plan.days[c.key], required=True) if c.key in plan.days else c
            for c in instance.cohorts
        ),
        beds_so_far={who: tuple(segments) for who, segments in history.items()},
    )
    stays = assign_beds(again, plan.days)

    def before_tonight(found: list[Stay]) -> dict[tuple[object, ...], str]:
        return {
            (s.cohort, s.group, s.period, s.participant, night): s.bed
            for s in found
            for night in range(s.first_night, min(s.first_night + s.nights, tonight))
        }

    assert before_tonight(stays) == before_tonight(plan.stays)
    replanned = Plan("again", Status.FEASIBLE, dict(plan.days), stays, 0)
    replanned.objective = validate(again, replanned).cost
    assert validate(again, replanned).violations == []


def _more_broken(
    instance: Instance, plan: Plan, wanted: list[tuple[str, int]]
) -> frozenset[tuple[str, int]]:
    """Those of ``wanted`` (bed, night) that can break with the plan's people still
    fitting the beds in service each night, in total and those needing telemetry."""
    unit, broken = instance.unit, set(instance.unit.out_of_service)
    people: dict[tuple[frozenset[str], int], int] = {}
    for stay in plan.stays:
        needs = instance.cohort(stay.cohort).equipment
        for night in range(stay.first_night, stay.first_night + stay.nights):
            for kind in {frozenset(), needs}:
                people[(kind, night)] = people.get((kind, night), 0) + 1
    for bed, night in wanted:
        trial = replace(unit, out_of_service=frozenset(broken | {(bed, night)}))
        if all(
            people.get((kind, night), 0) <= trial.beds_on(kind, night)
            for kind in (frozenset(), frozenset({"telemetry"}))
        ):
            broken.add((bed, night))
    return frozenset(broken)
