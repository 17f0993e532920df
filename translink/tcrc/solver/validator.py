"""An independent check of a unit plan: every hard rule, and the cost recomputed.

Written apart from the planners on purpose: it reads the cohorts' own fields, never the
planners' expansion of them (``blocks``, ``Usage``), and it judges the named beds of the
plan's stays rather than counts. Every plan Translink saves passes through it.

Hard rules: required cohorts placed; dosing on allowed days only (cover, skill on the day
shift, and for high-risk cohorts a covered next day); the skill each dosed participant needs
on every shift of their stay rostered there; not before ``earliest`` nor after ``latest``
and not admitted before the unit ``opens`` (unless fixed there); fixed days kept; every
precedence and its lag; each participant in exactly one bed on each night of their stay,
from admission to discharge; one person per bed per night; equipment; no one in a closed
unit, and no one in a bed out of service; admissions per day; scanner slots per day; nurse
load within the rostered capacity plus the allowed overtime on every shift.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from translink.tcrc.solver.instance import SHIFTS, Cohort, Instance
from translink.tcrc.solver.plan import Plan, Stay


@dataclass
class Verdict:
    """Whether the plan keeps every hard rule, what it breaks, and its recomputed cost."""

    violations: list[str] = field(default_factory=list)
    cost: int = 0
    cost_matches: bool = True

    @property
    def valid(self) -> bool:
        return not self.violations and self.cost_matches


@dataclass(frozen=True)
class _Person:
    """One participant's stay in one period, as the protocol defines it."""

    group: str
    participant: int
    period: int
    dose_day: int | None
    admission: int
    nights: int


def validate(instance: Instance, plan: Plan) -> Verdict:
    """Check ``plan`` against ``instance``; the verdict lists each broken rule in words."""
    verdict = Verdict()
    cohorts = {cohort.key: cohort for cohort in instance.cohorts}
    for key in plan.days:
        if key not in cohorts:
            verdict.violations.append(f"the plan places an unknown cohort {key}")
    people: dict[str, list[_Person]] = {}
    for cohort in instance.cohorts:
        if cohort.key in plan.days:
            people[cohort.key] = _protocol(cohort, plan.days[cohort.key])
            _check_dosing(instance, cohort, people[cohort.key], verdict)
            _check_shift_skill(instance, cohort, people[cohort.key], verdict)
        elif cohort.required:
            verdict.violations.append(f"required cohort {cohort.key} is not placed")
    _check_precedences(instance, plan, verdict)
    _check_stays(instance, plan, people, verdict)
    _check_day_limits(instance, people, verdict)
    verdict.cost = _cost(instance, plan, people)
    verdict.cost_matches = verdict.cost == plan.objective
    return verdict


def _protocol(cohort: Cohort, d: int) -> list[_Person]:
    found: list[_Person] = []
    for period, offset in enumerate(cohort.periods):
        for number in range(cohort.participants):
            sentinel = number < cohort.sentinels
            dose = d + offset + (0 if sentinel or not cohort.sentinels else cohort.sentinel_gap)
            group = "sentinel" if sentinel else "main"
            found.append(
                _Person(group, number, period, dose, dose + cohort.admission_offset, cohort.nights)
            )
    main_dose = d + (cohort.sentinel_gap if cohort.sentinels else 0)
    for extra in range(cohort.standby):
        number = cohort.participants + extra
        found.append(_Person("standby", number, 0, None, main_dose + cohort.admission_offset, 1))
    return found


def _check_dosing(
    instance: Instance, cohort: Cohort, people: list[_Person], verdict: Verdict
) -> None:
    unit, d = instance.unit, min(p.dose_day for p in people if p.dose_day is not None)
    if d < cohort.earliest:
        verdict.violations.append(
            f"cohort {cohort.key} is dosed on day {d}, before its earliest day {cohort.earliest}"
        )
    admitted = min(p.admission for p in people)
    if cohort.fixed_day is None and admitted < unit.opens:
        verdict.violations.append(
            f"cohort {cohort.key} is admitted on day {admitted}, before the unit opens to "
            f"new admissions on day {unit.opens}"
        )
    if cohort.latest is not None and d > cohort.latest and cohort.fixed_day is None:
        verdict.violations.append(
            f"cohort {cohort.key} is dosed on day {d}, after its latest day {cohort.latest}"
        )
    if cohort.fixed_day is not None and d != cohort.fixed_day:
        verdict.violations.append(
            f"cohort {cohort.key} was fixed on day {cohort.fixed_day} but moved to {d}"
        )
    for day in sorted({p.dose_day for p in people if p.dose_day is not None}):
        if day not in unit.dosing_days:
            verdict.violations.append(
                f"cohort {cohort.key} is dosed on day {day}, which has no dosing cover"
            )
        elif (unit.skill[day][0] if unit.skill else 0) < cohort.skill:
            verdict.violations.append(
                f"cohort {cohort.key} needs skill {cohort.skill} on day {day}"
            )
        elif cohort.high_risk and day + 1 not in unit.dosing_days:
            verdict.violations.append(
                f"high-risk cohort {cohort.key} is dosed on day {day}, before a day without cover"
            )


def _check_shift_skill(
    instance: Instance, cohort: Cohort, people: list[_Person], verdict: Verdict
) -> None:
    """Every shift a dosed participant spends in the unit has the skill they need."""
    unit, short = instance.unit, set()
    for person in people:
        if person.dose_day is None:  # a standby reserve is never dosed
            continue
        for i, needed in enumerate(cohort.shift_skill):
            day = person.admission + i
            for shift, level in enumerate(needed):
                have = unit.skill[day][shift] if unit.skill and 0 <= day < unit.days else 0
                if level > have:
                    short.add((day, shift, level, have))
    for day, shift, level, have in sorted(short):
        verdict.violations.append(
            f"cohort {cohort.key} needs skill {level} on the {SHIFTS[shift]} shift of day "
            f"{day}, which has {have}"
        )


def _check_precedences(instance: Instance, plan: Plan, verdict: Verdict) -> None:
    for rule in instance.precedences:
        if rule.after not in plan.days:
            continue
        if rule.before not in plan.days:
            verdict.violations.append(
                f"cohort {rule.after} is placed without {rule.before}, which must come first"
            )
        elif plan.days[rule.after] < plan.days[rule.before] + rule.lag:
            verdict.violations.append(
                f"cohort {rule.after} comes less than {rule.lag} days after {rule.before}"
            )


def _check_stays(
    instance: Instance, plan: Plan, people: dict[str, list[_Person]], verdict: Verdict
) -> None:
    unit = instance.unit
    beds = {bed.key: bed for bed in unit.beds}
    nights: dict[tuple[str, str, int, int], list[int]] = defaultdict(list)
    sleeper: dict[tuple[str, int], Stay] = {}
    for stay in plan.stays:
        if stay.bed not in beds:
            verdict.violations.append(f"{stay.cohort} is in unknown bed {stay.bed}")
            continue
        needs = instance.cohort(stay.cohort).equipment if stay.cohort in people else frozenset()
        if not needs <= beds[stay.bed].equipment:
            verdict.violations.append(
                f"{stay.cohort} needs {sorted(needs)} but bed {stay.bed} lacks it"
            )
        if stay.nights < 1:
            verdict.violations.append(
                f"{stay.cohort} has a stay of {stay.nights} nights in bed {stay.bed}"
            )
        for night in range(stay.first_night, stay.first_night + stay.nights):
            nights[(stay.cohort, stay.group, stay.period, stay.participant)].append(night)
            if night in unit.closed or not 0 <= night < unit.days:
                verdict.violations.append(
                    f"{stay.cohort} is in bed {stay.bed} on night {night}, when the unit is closed"
                )
            elif (stay.bed, night) in unit.out_of_service:
                verdict.violations.append(
                    f"{stay.cohort} is in bed {stay.bed} on night {night}, when it is out of "
                    "service"
                )
            if (stay.bed, night) in sleeper:
                verdict.violations.append(f"bed {stay.bed} holds two people on night {night}")
            sleeper[(stay.bed, night)] = stay
    expected = {
        (key, p.group, p.period, p.participant): list(range(p.admission, p.admission + p.nights))
        for key, persons in people.items()
        for p in persons
    }
    for who, wanted in expected.items():
        if sorted(nights.get(who, [])) != wanted:
            verdict.violations.append(
                f"{who[0]} participant {who[3]} (period {who[2]}) lacks a bed on some night"
            )
    for who in nights.keys() - expected.keys():
        verdict.violations.append(
            f"{who[0]} has a bed for participant {who[3]}, who is not in the plan"
        )


def _check_day_limits(
    instance: Instance, people: dict[str, list[_Person]], verdict: Verdict
) -> None:
    unit = instance.unit
    admitted: dict[int, int] = defaultdict(int)
    scanned: dict[int, int] = defaultdict(int)
    for key, persons in people.items():
        cohort = instance.cohort(key)
        for person in persons:
            admitted[person.admission] += 1
            if person.dose_day is not None:
                for day in cohort.scans:
                    scanned[person.dose_day + day] += 1
    for day, count in sorted(admitted.items()):
        if count > unit.admissions[day]:
            verdict.violations.append(
                f"{count} admissions on day {day}, above the limit of {unit.admissions[day]}"
            )
    for day, count in sorted(scanned.items()):
        if not 0 <= day < unit.days or count > unit.scanner[day]:
            verdict.violations.append(f"{count} scans on day {day}, above the scanner's slots")
    for (day, shift), load in sorted(_nurse_load(instance, people).items()):
        limit = unit.nurse_capacity[day][shift] + unit.nurse_overtime
        if load > limit:
            verdict.violations.append(
                f"nurse load {load} on day {day} ({SHIFTS[shift]}) exceeds {limit}"
            )


def _nurse_load(instance: Instance, people: dict[str, list[_Person]]) -> dict[tuple[int, int], int]:
    load: dict[tuple[int, int], int] = defaultdict(int)
    for key, persons in people.items():
        cohort = instance.cohort(key)
        for person in persons:
            days = cohort.load[:1] if person.group == "standby" else cohort.load
            for i, shifts in enumerate(days):
                for shift, amount in enumerate(shifts):
                    load[(person.admission + i, shift)] += amount
    return load


def _cost(instance: Instance, plan: Plan, people: dict[str, list[_Person]]) -> int:
    weights, total = instance.weights, 0
    for cohort in instance.cohorts:
        day = plan.days.get(cohort.key)
        if day is None:
            lost = cohort.participants * cohort.nights * len(cohort.periods) + cohort.standby
            total += weights.unplaced * cohort.priority * lost
            continue
        if cohort.target is not None:
            total += weights.lateness * cohort.priority * max(0, day - cohort.target)
        if cohort.previous_day is not None and day != cohort.previous_day:
            total += weights.disruption + weights.disruption_day * abs(day - cohort.previous_day)
    for (day, shift), load in _nurse_load(instance, people).items():
        total += weights.overload * max(0, load - instance.unit.nurse_capacity[day][shift])
    segments: dict[tuple[str, str, int, int], int] = defaultdict(int)
    for stay in plan.stays:
        segments[(stay.cohort, stay.group, stay.period, stay.participant)] += 1
    return total + weights.bed_move * sum(count - 1 for count in segments.values())
