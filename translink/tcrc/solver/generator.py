"""Seeded unit instances for benchmarks and property tests: a 6-month horizon by default.

The unit: 18 beds in nine rooms (the six beds of the first three rooms with telemetry),
weekday dosing with investigator cover except on holidays, fewer nurses (and less skilled
ones) and admissions at
weekends, four scanner slots on weekdays. Studies arrive over the first four months; each
is single ascending dose (short stays, sentinel pair), multiple ascending dose (stays of
one to two weeks) or a food-effect crossover (two periods with a washout), with 2 to 8
cohorts chained by the safety-review gap. The same seed always gives the same instance.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from translink.tcrc.solver.instance import Bed, Cohort, Instance, Loads, Precedence, Unit

WEEKDAY_NURSES: Loads = (36, 24, 20)
WEEKEND_NURSES: Loads = (24, 18, 16)
# The highest skill level on each shift: research nurses with emergency training on
# weekdays, general ward cover at weekends and on holidays.
WEEKDAY_SKILL: Loads = (2, 2, 2)
WEEKEND_SKILL: Loads = (1, 1, 1)


@dataclass(frozen=True)
class StudyShape:
    kind: str
    participants: int
    sentinels: int
    nights: int
    periods: tuple[int, ...]
    review_gap: int


def generate(studies: int, seed: int, days: int = 182, max_cohorts: int = 8) -> Instance:
    """An instance of ``studies`` studies on a unit of ``days`` days, from ``seed``."""
    rng = random.Random(seed)
    unit = generate_unit(days, rng)
    cohorts: list[Cohort] = []
    rules: list[Precedence] = []
    for number in range(studies):
        study_cohorts, study_rules = _study(f"S{number + 1:02d}", rng, days, max_cohorts)
        cohorts.extend(study_cohorts)
        rules.extend(study_rules)
    return Instance(unit, tuple(cohorts), tuple(rules))


def generate_unit(days: int, rng: random.Random) -> Unit:
    beds = tuple(
        Bed(
            f"R{room + 1}-{bed + 1}",
            f"Room {room + 1}",
            frozenset({"telemetry"}) if room < 3 else frozenset(),
        )
        for room in range(9)
        for bed in range(2)
    )
    holidays = {day for day in range(days) if day % 7 < 5 and rng.random() < 0.02}
    weekday = [day % 7 < 5 and day not in holidays for day in range(days)]
    return Unit(
        days=days,
        beds=beds,
        nurse_capacity=tuple(WEEKDAY_NURSES if weekday[d] else WEEKEND_NURSES for d in range(days)),
        admissions=tuple(10 if weekday[d] else 4 for d in range(days)),
        scanner=tuple(4 if weekday[d] else 0 for d in range(days)),
        dosing_days=frozenset(d for d in range(days) if weekday[d]),
        skill=tuple(WEEKDAY_SKILL if weekday[d] else WEEKEND_SKILL for d in range(days)),
        nurse_overtime=6,
    )


def _shape(rng: random.Random) -> StudyShape:
    kind = rng.choices(["SAD", "MAD", "FE"], weights=[5, 3, 1])[0]
    if kind == "SAD":
        return StudyShape(
            kind, rng.choice([6, 8, 8, 10]), 2, rng.randint(2, 4), (0,), rng.randint(5, 10)
        )
    if kind == "MAD":
        return StudyShape(
            kind, rng.choice([8, 10, 12]), 2, rng.randint(5, 12), (0,), rng.randint(7, 14)
        )
    nights = rng.randint(2, 3)
    return StudyShape(
        kind, rng.choice([10, 12, 14]), 0, nights, (0, nights + rng.randint(5, 10)), 7
    )


def _study(
    key: str, rng: random.Random, days: int, max_cohorts: int
) -> tuple[list[Cohort], list[Precedence]]:
    shape = _shape(rng)
    count = 1 if shape.kind == "FE" else rng.randint(2, max_cohorts)
    arrival = rng.randint(0, days * 2 // 3)
    priority = rng.randint(1, 10)
    telemetry = frozenset({"telemetry"}) if rng.random() < 0.25 else frozenset()
    scans = (1,) if rng.random() < 0.2 else ()
    high_risk = rng.random() < 0.2
    load = _load(shape.nights)
    gap = rng.choice([1, 2]) if shape.sentinels else 0
    lag = gap + shape.periods[-1] + shape.nights + shape.review_gap
    cohorts = [
        Cohort(
            key=f"{key}-{shape.kind}{n + 1}",
            study=key,
            participants=shape.participants,
            nights=shape.nights,
            load=load,
            sentinels=shape.sentinels,
            sentinel_gap=gap,
            standby=1 if shape.kind != "FE" else 0,
            scans=scans,
            periods=shape.periods,
            equipment=telemetry,
            skill=2 if high_risk else 1,
            shift_skill=watched_after_dose(shape.nights) if high_risk else (),
            high_risk=high_risk,
            earliest=arrival,
            target=arrival + rng.randint(7, 21) + n * lag,
            priority=priority,
        )
        for n in range(count)
    ]
    rules = [Precedence(a.key, b.key, lag) for a, b in itertools.pairwise(cohorts)]
    return cohorts, rules


def watched_after_dose(nights: int) -> tuple[Loads, ...]:
    """Emergency-trained staff (level 2) on every shift of the dosing day (stay day 1,
    admission being day 0), through its night, and on the next morning's day shift."""
    levels: list[Loads] = [(0, 0, 0)] * (nights + 1)
    levels[1] = (2, 2, 2) if nights > 1 else (2, 0, 0)  # discharged on the dosing day
    if nights >= 2:
        levels[2] = (2, 0, 0)
    return tuple(levels)


def _load(nights: int) -> tuple[Loads, ...]:
    """Admission, dosing day with intensive PK sampling, observation, then discharge."""
    stay: list[Loads] = [(2, 1, 1), (4, 2, 1)]
    stay += [(1, 1, 1)] * (nights - 1)
    return (*stay[:nights], (1, 0, 0))
