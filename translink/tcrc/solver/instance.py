"""What the unit planner is given: the unit, the cohorts and the rules between them.

Pure: no Django. Time is counted in whole days from the horizon's first day (day 0); each
day has three nurse shifts, in the order of :data:`SHIFTS`.

Input contract
--------------
:class:`Unit`
    ``days`` (int >= 1): the horizon's length; every stay lies in ``range(days)``.
    ``beds``: the beds, each with a unique ``key``, its ``room`` and the ``equipment`` it
        has (for example ``{"telemetry"}``).
    ``nurse_capacity``: per day, the nurse load the rostered staff can carry on each shift
        (day, evening, night), in the same units as a cohort's ``load``.
    ``nurse_overtime`` (int >= 0): extra load a shift may carry at a cost (on-call staff);
        0 makes the rostered capacity a hard limit.
    ``admissions``: per day, how many participants may be admitted (0 on closed days).
    ``scanner``: per day, how many PET/imaging slots there are.
    ``dosing_days``: the days dosing is allowed on (weekdays with investigator and
        emergency cover, not holidays).
    ``skill``: per day, the highest skill level rostered on each shift (day, evening,
        night); empty when unknown (every level is then taken as 0). Doses are given on the
        day shift.
    ``closed``: days the unit holds nobody (no bed is available on those nights).
    ``out_of_service``: (bed key, night) pairs a bed cannot be slept in (repairs, a
        monitor being serviced); the other beds carry on.
    ``opens`` (int >= 0): the first day a cohort not fixed in place may be admitted on
        (today, when the plan starts earlier because someone came in before).
:class:`Cohort`
    A group of participants dosed together. The first ``sentinels`` are dosed on the
    cohort's dosing day ``d``; the rest ``sentinel_gap`` days later. Each group is
    admitted ``admission_offset`` days (<= 0) before its own dosing day and stays
    ``nights`` nights. ``standby`` reserves are admitted with the main group and stay one
    night. ``periods`` repeats the whole pattern at the given offsets from ``d``
    (crossover designs: the offset is the previous period plus its washout).
    ``load[i]`` is one participant's nurse load on each shift of stay day ``i`` (day 0 is
    the admission day; the list has ``nights + 1`` entries, the last being discharge day).
    ``scans`` are the days, relative to a group's dosing day, on which each participant
    of that group is scanned. ``equipment`` beds are required for the whole stay;
    ``skill`` is the level needed on the day shift of each dosing day, and
    ``shift_skill[i]``, when given (one entry per stay day, like ``load``), the level each
    dosed participant needs on each shift of stay day ``i`` (a day's night shift is the
    night after it; on discharge day only the day shift counts, so its evening and night
    must be 0). For example, a first-in-human dose watched through its night and the next
    morning; standby reserves, never dosed, need none. A ``high_risk`` cohort is never
    dosed on the day before a day without dosing cover. ``earliest`` is the first allowed
    first dosing day and ``latest``, when given, the last (its admission window: a cohort
    that cannot be first dosed by then is left out); ``target`` the day the sponsor wants it dosed
    (lateness is counted from it); ``priority`` (1..10) weighs it. ``fixed_day`` pins the
    dosing day (a booked or running cohort), ``required`` forbids leaving it out,
    ``previous_day`` is where an earlier plan had it (moving it costs).
:class:`Precedence`
    ``after`` is dosed no earlier than ``lag`` days after ``before``'s dosing day, and
    only if ``before`` is placed too (dose escalation, study parts, safety reviews).

A malformed instance raises ``ValueError`` from :func:`check_instance` naming the field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

SHIFTS = ("day", "evening", "night")

Loads = tuple[int, int, int]


@dataclass(frozen=True)
class Bed:
    """One bed of the unit."""

    key: str
    room: str
    equipment: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Unit:
    """The unit over the planning horizon (see the module's input contract)."""

    days: int
    beds: tuple[Bed, ...]
    nurse_capacity: tuple[Loads, ...]
    admissions: tuple[int, ...]
    scanner: tuple[int, ...]
    dosing_days: frozenset[int]
    skill: tuple[Loads, ...] = ()
    closed: frozenset[int] = frozenset()
    nurse_overtime: int = 0
    out_of_service: frozenset[tuple[str, int]] = frozenset()
    opens: int = 0

    def skill_on(self, day: int, shift: int = 0) -> int:
        """The highest skill level rostered on ``shift`` of ``day`` (0 when unknown)."""
        return self.skill[day][shift] if self.skill else 0

    def beds_with(self, equipment: frozenset[str]) -> int:
        return sum(1 for bed in self.beds if equipment <= bed.equipment)

    def in_service(self, bed: str, night: int) -> bool:
        """Whether ``bed`` can be slept in on ``night`` (the unit open, the bed working)."""
        return night not in self.closed and (bed, night) not in self.out_of_service

    def beds_on(self, equipment: frozenset[str], night: int) -> int:
        """How many beds with ``equipment`` can be slept in on ``night``."""
        if night in self.closed:
            return 0
        if not self.out_of_service:
            return self.beds_with(equipment)
        return sum(
            1
            for bed in self.beds
            if equipment <= bed.equipment and (bed.key, night) not in self.out_of_service
        )


@dataclass(frozen=True)
class Cohort:
    """A cohort to place (see the module's input contract)."""

    key: str
    study: str
    participants: int
    nights: int
    load: tuple[Loads, ...]
    sentinels: int = 0
    sentinel_gap: int = 0
    standby: int = 0
    admission_offset: int = -1
    scans: tuple[int, ...] = ()
    periods: tuple[int, ...] = (0,)
    equipment: frozenset[str] = frozenset()
    skill: int = 0
    shift_skill: tuple[Loads, ...] = ()
    high_risk: bool = False
    earliest: int = 0
    latest: int | None = None
    target: int | None = None
    priority: int = 5
    fixed_day: int | None = None
    required: bool = False
    previous_day: int | None = None

    @property
    def bed_nights(self) -> int:
        """The bed-nights the cohort fills: what leaving it out loses the unit."""
        return self.participants * self.nights * len(self.periods) + self.standby


@dataclass(frozen=True)
class Precedence:
    """``after`` is dosed at least ``lag`` days after ``before``, which must be placed too."""

    before: str
    after: str
    lag: int


@dataclass(frozen=True)
class Weights:
    """How much each soft cost counts in the objective."""

    unplaced: int = 10  # per bed-night of a cohort left out, times its priority
    lateness: int = 2  # per day late, times the cohort's priority
    overload: int = 20  # per unit of nurse load above the rostered capacity
    bed_move: int = 5  # per participant moved to another bed during a stay
    disruption: int = 30  # per cohort moved from the previous plan
    disruption_day: int = 1  # per day it moved


@dataclass(frozen=True)
class Instance:
    """Everything the planners need."""

    unit: Unit
    cohorts: tuple[Cohort, ...]
    precedences: tuple[Precedence, ...] = ()
    weights: Weights = field(default_factory=Weights)
    # For participants in the unit, by (cohort, group, period, participant): the beds they
    # have slept in so far, as (bed, first night) in order, the last being where they sleep
    # now. Kept as recorded while the bed is free and in service.
    beds_so_far: dict[tuple[str, str, int, int], tuple[tuple[str, int], ...]] = field(
        default_factory=dict
    )

    def cohort(self, key: str) -> Cohort:
        for cohort in self.cohorts:
            if cohort.key == key:
                return cohort
        raise KeyError(key)


@dataclass(frozen=True)
class Block:
    """One group of a cohort in one period: who, when (relative to ``d``), and for how long."""

    group: str  # "sentinel", "main" or "standby"
    period: int
    people: int
    dose_offset: int  # the group's dosing day minus d (standby: its group's)
    admit_offset: int  # admission day minus d
    nights: int
    load: tuple[Loads, ...]
    scans: tuple[int, ...]  # scan days minus d


def blocks(cohort: Cohort) -> list[Block]:
    """The groups a cohort's dosing day ``d`` places, in every period."""
    found: list[Block] = []
    main = cohort.participants - cohort.sentinels
    for period, offset in enumerate(cohort.periods):
        groups = [("sentinel", cohort.sentinels, offset), ("main", main, offset)]
        if cohort.sentinels:
            groups[1] = ("main", main, offset + cohort.sentinel_gap)
        for group, people, dose in groups:
            if people <= 0:
                continue
            scans = tuple(dose + day for day in cohort.scans)
            admit = dose + cohort.admission_offset
            found.append(
                Block(group, period, people, dose, admit, cohort.nights, cohort.load, scans)
            )
        if cohort.standby and period == 0:
            dose = offset + (cohort.sentinel_gap if cohort.sentinels else 0)
            admit = dose + cohort.admission_offset
            found.append(
                Block(
                    "standby", 0, cohort.standby, dose, admit, 1, (*cohort.load[:1], (0, 0, 0)), ()
                )
            )
    return found


def dose_offsets(cohort: Cohort) -> list[int]:
    """Every day, relative to ``d``, on which some of the cohort is dosed."""
    return sorted({block.dose_offset for block in blocks(cohort) if block.group != "standby"})


def allowed_days(unit: Unit, cohort: Cohort) -> list[int]:
    """The dosing days ``d`` the cohort may take: cover, skill on the dosing shift and on
    every shift of the stays, the horizon and its window."""
    pattern = blocks(cohort)
    doses = dose_offsets(cohort)
    first = min(block.admit_offset for block in pattern)
    # The discharge day and every scan day fall within the horizon too.
    last = max(
        [block.admit_offset + block.nights for block in pattern]
        + [s for b in pattern for s in b.scans]
    )
    end = unit.days - last if cohort.latest is None else min(unit.days - last, cohort.latest + 1)
    candidates = range(max(cohort.earliest, unit.opens - first), end)
    if cohort.fixed_day is not None:
        candidates = range(cohort.fixed_day, cohort.fixed_day + 1)
    return [
        d
        for d in candidates
        if _may_dose(unit, cohort, [d + o for o in doses]) and not skill_short(unit, cohort, d)
    ]


def _may_dose(unit: Unit, cohort: Cohort, days: Sequence[int]) -> bool:
    for day in days:
        if day not in unit.dosing_days or unit.skill_on(day) < cohort.skill:
            return False
        if cohort.high_risk and day + 1 not in unit.dosing_days:
            return False
    return True


def skill_short(unit: Unit, cohort: Cohort, d: int) -> list[tuple[int, int, int, int]]:
    """Each (day, shift, level needed, level rostered) where the cohort dosed on ``d``
    needs more skill on a shift of its dosed participants' stays than the unit has."""
    found: set[tuple[int, int, int, int]] = set()
    if not cohort.shift_skill:
        return []
    for block in blocks(cohort):
        if block.group == "standby":
            continue
        for i, levels in enumerate(cohort.shift_skill):
            day = d + block.admit_offset + i
            for shift, level in enumerate(levels):
                have = unit.skill_on(day, shift) if 0 <= day < unit.days else 0
                if level > have:
                    found.add((day, shift, level, have))
    return sorted(found)


def check_instance(instance: Instance) -> None:
    """Raise ``ValueError`` naming the first malformed field."""
    unit = instance.unit
    if unit.days < 1:
        raise ValueError("unit.days must be at least 1")
    for name in ("nurse_capacity", "admissions", "scanner"):
        if len(getattr(unit, name)) != unit.days:
            raise ValueError(f"unit.{name} must have one entry per day ({unit.days})")
    if unit.skill and (
        len(unit.skill) != unit.days or any(len(levels) != len(SHIFTS) for levels in unit.skill)
    ):
        raise ValueError(
            f"unit.skill must be empty or have one (day, evening, night) entry per day "
            f"({unit.days})"
        )
    if len({bed.key for bed in unit.beds}) != len(unit.beds):
        raise ValueError("unit.beds: bed keys must be unique")
    keys_of_beds = {bed.key for bed in unit.beds}
    for bed, night in sorted(unit.out_of_service):
        if bed not in keys_of_beds or not 0 <= night < unit.days:
            raise ValueError(
                f"unit.out_of_service: ({bed!r}, {night}) names an unknown bed or a night "
                f"outside the horizon"
            )
    keys = [cohort.key for cohort in instance.cohorts]
    if len(set(keys)) != len(keys):
        raise ValueError("cohorts: cohort keys must be unique")
    for cohort in instance.cohorts:
        _check_cohort(cohort)
    for rule in instance.precedences:
        if rule.before not in keys or rule.after not in keys:
            raise ValueError(f"precedence {rule.before}->{rule.after} names an unknown cohort")


def _check_cohort(cohort: Cohort) -> None:
    where = f"cohort {cohort.key}"
    if cohort.participants < 1 or not 0 <= cohort.sentinels <= cohort.participants:
        raise ValueError(f"{where}: participants must be >= 1 and sentinels within them")
    if cohort.nights < 1 or len(cohort.load) != cohort.nights + 1:
        raise ValueError(f"{where}: load needs one entry per stay day (nights + 1)")
    if cohort.shift_skill and (
        len(cohort.shift_skill) != cohort.nights + 1
        or any(len(levels) != len(SHIFTS) or min(levels) < 0 for levels in cohort.shift_skill)
    ):
        raise ValueError(
            f"{where}: shift_skill needs one (day, evening, night) entry of levels >= 0 per "
            f"stay day (nights + 1), or none"
        )
    if cohort.shift_skill and any(cohort.shift_skill[-1][1:]):
        raise ValueError(f"{where}: shift_skill on discharge day is for its day shift only")
    if cohort.admission_offset > 0 or cohort.sentinel_gap < 0 or cohort.standby < 0:
        raise ValueError(f"{where}: admission before dosing, gaps and standby not negative")
    if not 1 <= cohort.priority <= 10:
        raise ValueError(f"{where}: priority must be between 1 and 10")
    if (
        not cohort.periods
        or cohort.periods[0] != 0
        or list(cohort.periods) != sorted(set(cohort.periods))
    ):
        raise ValueError(f"{where}: periods must start at 0 and increase")
