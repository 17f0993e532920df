"""Skill levels per shift: the unit rosters a highest level on each shift of each day, and a
cohort may need a level on any shift of its dosed participants' stays (a first-in-human
dose watched through the night after, for example). The planners keep every stay where
the roster has the skill; the validator checks it on its own and names the shift."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.actions import limit_sentence
from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.generator import generate
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import (
    Instance,
    Loads,
    Unit,
    allowed_days,
    check_instance,
    skill_short,
)
from translink.tcrc.solver.plan import Plan, Status, bed_moves, plan_cost
from translink.tcrc.solver.quote import limits
from translink.tcrc.solver.usage import placement_blockers
from translink.tcrc.solver.validator import validate

WEEKDAY: Loads = (2, 2, 2)
WEEKEND: Loads = (2, 2, 1)  # one registered nurse alone on weekend nights
NONE: Loads = (0, 0, 0)
# Admitted the day before dosing, three nights: an emergency-trained nurse on the night
# after the dose and the night after that (a day's night shift is the night after it).
WATCHED: tuple[Loads, ...] = (NONE, (0, 0, 2), (0, 0, 2), NONE)


def _rostered(unit: Unit) -> Unit:
    """The unit with weekday and weekend skill levels (day 0 is a Monday)."""
    return replace(unit, skill=tuple(WEEKDAY if d % 7 < 5 else WEEKEND for d in range(unit.days)))


def _plan(instance: Instance, days: dict[str, int]) -> Plan:
    stays = assign_beds(instance, days)
    cost = plan_cost(instance, days, bed_moves(stays))
    return Plan("by hand", Status.FEASIBLE, days, stays, cost)


def test_a_cohort_watched_the_night_after_its_dose_is_not_dosed_before_a_weekend_night() -> None:
    unit = _rostered(small_unit(days=14))
    watched = cohort("A", nights=3, shift_skill=WATCHED, earliest=4, target=4)  # Friday
    plain = cohort("B", nights=3, earliest=4, target=4)
    assert allowed_days(unit, watched) == [7, 8, 9, 10]  # not Friday: its Saturday night
    assert allowed_days(unit, plain)[0] == 4
    for planner in (plan_greedy, lambda i: plan_cpsat(i, time_limit=10, workers=1)):
        alone = Instance(unit, (watched,))
        plan = planner(alone)
        assert plan.days == {"A": 7}  # Monday
        assert validate(alone, plan).valid
        assert planner(Instance(unit, (plain,))).days == {"B": 4}


def test_the_validator_names_the_day_and_shift_short_of_skill() -> None:
    unit = _rostered(small_unit(days=14))
    instance = Instance(unit, (cohort("A", nights=3, shift_skill=WATCHED),))
    verdict = validate(instance, _plan(instance, {"A": 4}))
    assert verdict.violations == ["cohort A needs skill 2 on the night shift of day 5, which has 1"]
    assert validate(instance, _plan(instance, {"A": 3})).violations == []


def test_a_dose_needs_the_skill_on_the_day_shift() -> None:
    unit = replace(
        small_unit(days=14), skill=tuple((1, 3, 3) if d == 2 else WEEKDAY for d in range(14))
    )
    expert = cohort("A", nights=1, skill=2)
    assert 2 not in allowed_days(unit, expert) and 3 in allowed_days(unit, expert)
    instance = Instance(unit, (expert,))
    assert validate(instance, _plan(instance, {"A": 2})).violations == [
        "cohort A needs skill 2 on day 2"
    ]
    blockers = placement_blockers(instance, {"A": 2})
    assert [(b.resource, b.day, b.needed, b.available) for _, b in blockers] == [
        ("nurse skill (day shift)", 2, 2, 1)
    ]


def test_the_blockers_name_each_shift_of_the_stay_short_of_skill() -> None:
    unit = _rostered(small_unit(days=14))
    instance = Instance(unit, (cohort("A", nights=3, shift_skill=WATCHED),))
    found = placement_blockers(instance, {"A": 4})
    assert [(b.resource, b.day, b.needed, b.available) for _, b in found] == [
        ("nurse skill (night shift)", 5, 2, 1)
    ]


def test_each_group_needs_the_skill_on_its_own_stay() -> None:
    """Sentinels dosed Wednesday, the rest Thursday: the rest's second watched night is
    Friday, a weekday night; a day later it would be Saturday."""
    unit = _rostered(small_unit(days=14, beds=6))
    spec = cohort(
        "A", participants=4, nights=3, sentinels=2, sentinel_gap=1, standby=1,
        shift_skill=WATCHED,
    )  # fmt: skip
    assert skill_short(unit, spec, 2) == []
    assert skill_short(unit, spec, 3) == [(5, 2, 2, 1)]  # the rest's Saturday night


def test_standby_reserves_are_never_dosed_and_need_no_skill() -> None:
    """Two sentinels and no one else: the reserve comes in on the sentinels' dosing day,
    whose night alone is short of skill. The sentinels' own admission night is not."""
    night_short = tuple(
        (2, 2, 1) if d == 2 else WEEKDAY for d in range(14)
    )  # Wednesday night: one registered nurse
    unit = replace(small_unit(days=14, beds=6), skill=night_short)
    spec = cohort(
        "A", participants=2, nights=1, sentinels=2, sentinel_gap=1, standby=1,
        shift_skill=((0, 0, 2), NONE),
    )  # fmt: skip
    assert skill_short(unit, spec, 2) == []  # sentinels in Tuesday night; reserve Wednesday
    instance = Instance(unit, (spec,))
    assert validate(instance, _plan(instance, {"A": 2})).violations == []
    assert skill_short(unit, spec, 3) == [(2, 2, 2, 1)]  # sentinels in on Wednesday night


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("shift_skill", (NONE, NONE), "shift_skill needs one (day, evening, night) entry"),
        ("shift_skill", (NONE, (0, 0), NONE), "shift_skill needs one (day, evening, night) entry"),
        (
            "shift_skill",
            (NONE, (0, -1, 0), NONE),
            "shift_skill needs one (day, evening, night) entry of levels >= 0",
        ),
        (
            "shift_skill",
            (NONE, NONE, (2, 0, 1)),  # discharge day's night: the participant has left
            "shift_skill on discharge day is for its day shift only",
        ),
    ],
)
def test_a_malformed_skill_need_is_refused_by_name(field: str, value: object, words: str) -> None:
    bad = replace(cohort("A", nights=2), **{field: value})
    with pytest.raises(ValueError, match=re.escape(f"cohort A: {words}")):
        check_instance(Instance(small_unit(), (bad,)))


def test_a_unit_skill_roster_of_the_wrong_shape_is_refused_by_name() -> None:
    for skill in [(WEEKDAY,) * 13, ((2, 2),) * 14]:
        with pytest.raises(ValueError, match=r"unit\.skill must be empty or have one"):
            check_instance(Instance(replace(small_unit(days=14), skill=skill), ()))


def _random_need(rng: random.Random, nights: int, levels: tuple[int, ...]) -> tuple[Loads, ...]:
    """Random levels on every shift of the stay; on discharge day, its day shift only."""
    stay = [(rng.choice(levels), rng.choice(levels), rng.choice(levels)) for _ in range(nights)]
    return (*stay, (rng.choice(levels), 0, 0))


SLOW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(studies=st.integers(1, 4), seed=st.integers(0, 10_000), days=st.integers(35, 56))
def test_every_plan_keeps_the_skill_each_shift_needs(studies: int, seed: int, days: int) -> None:
    """Random levels on every shift of a generated unit, random needs on every cohort's
    stay days: greedy and CP-SAT plans all pass the validator."""
    rng = random.Random(seed)
    instance = generate(studies, seed, days=days, max_cohorts=3)
    unit = replace(
        instance.unit,
        skill=tuple(tuple(rng.choice((1, 2, 2, 3)) for _ in range(3)) for _ in range(days)),
    )
    cohorts = tuple(
        replace(
            spec,
            shift_skill=_random_need(rng, spec.nights, (0, 0, 1, 2, 3)),
        )
        if rng.random() < 0.5
        else spec
        for spec in instance.cohorts
    )
    skilled = replace(instance, unit=unit, cohorts=cohorts)  # type: ignore[arg-type]
    for plan in (plan_greedy(skilled), plan_cpsat(skilled, time_limit=5, workers=1)):
        verdict = validate(skilled, plan)
        assert verdict.violations == [] and verdict.valid
        for key, d in plan.days.items():
            assert skill_short(unit, skilled.cohort(key), d) == []


@SLOW
@given(seed=st.integers(0, 10_000), nights=st.integers(1, 5))
def test_the_validator_and_the_planners_agree_on_every_day_a_need_allows(
    seed: int, nights: int
) -> None:
    """One cohort on an empty unit, dosed by hand on every covered day: the validator finds
    a skill shortfall exactly where the planners' allowed days leave the day out."""
    rng = random.Random(seed)
    unit = replace(
        small_unit(days=21, beds=6),
        skill=tuple(tuple(rng.choice((1, 2, 3)) for _ in range(3)) for _ in range(21)),
    )
    need = _random_need(rng, nights, (0, 1, 2, 3))
    spec = cohort("A", participants=3, nights=nights, sentinels=1, sentinel_gap=1,
                  shift_skill=need)  # fmt: skip
    instance = Instance(unit, (spec,))
    allowed = set(allowed_days(unit, spec))
    for d in range(1, 21 - nights - 2):
        if any(day not in unit.dosing_days for day in (d, d + 1)):
            continue
        short = [v for v in validate(instance, _plan(instance, {"A": d})).violations
                 if "skill" in v]  # fmt: skip
        assert bool(short) == (d not in allowed), (d, short)


def test_a_quote_names_the_shift_no_roster_has_the_skill_for() -> None:
    """No day shift rostered at level 2: a study needing it for its doses fits on no day,
    and the quote says why, rather than blaming the horizon."""
    unit = replace(small_unit(days=28), skill=((1, 2, 2),) * 28)
    study = [cohort("A", nights=2, skill=2), cohort("B", nights=2)]
    found = limits(Instance(unit, ()), study)
    assert [(x.resource, x.needed, x.available) for x in found] == [
        ("nurse skill (day shift)", 2, 1)
    ]
    assert "skill level 2 on the day shift" in limit_sentence(found[0])
