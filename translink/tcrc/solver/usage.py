"""The unit's resources day by day, as cohorts are added: what is used, what would overflow.

The greedy planner and the capacity quote fill it one cohort at a time; ``blockers`` says,
for a cohort on a given dosing day, which resource would overflow on which day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from translink.tcrc.solver.instance import (
    SHIFTS,
    Cohort,
    Instance,
    Unit,
    blocks,
    dose_offsets,
    skill_short,
)


@dataclass(frozen=True)
class Blocker:
    """One resource that would overflow on one day."""

    # "beds", "beds with telemetry", "admissions", "scanner", "nurses (day shift)",
    # "nurse skill (night shift)" (needed and available are then levels), ...
    resource: str
    day: int
    needed: int
    available: int


@dataclass
class Usage:
    """Running totals of every resource per day."""

    instance: Instance
    overtime: bool = False  # whether nurse overtime counts as capacity
    beds: dict[tuple[frozenset[str], int], int] = field(default_factory=lambda: defaultdict(int))
    admissions: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    scans: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    nurses: dict[tuple[int, int], int] = field(default_factory=lambda: defaultdict(int))

    def demand(self, cohort: Cohort, d: int) -> Usage:
        """What the cohort alone uses if dosed on day ``d``."""
        alone = Usage(self.instance, self.overtime)
        for block in blocks(cohort):
            admit = d + block.admit_offset
            for night in range(admit, admit + block.nights):
                alone.beds[(frozenset(), night)] += block.people
                if cohort.equipment:
                    alone.beds[(cohort.equipment, night)] += block.people
            alone.admissions[admit] += block.people
            for scan in block.scans:
                alone.scans[d + scan] += block.people
            for i, loads in enumerate(block.load):
                for shift, load in enumerate(loads):
                    if load:
                        alone.nurses[(admit + i, shift)] += load * block.people
        return alone

    def blockers(self, cohort: Cohort, d: int) -> list[Blocker]:
        """Each resource that would overflow, day by day, if the cohort were dosed on ``d``."""
        unit = self.instance.unit
        found: list[Blocker] = []
        alone = self.demand(cohort, d)
        for (equipment, night), people in alone.beds.items():
            used = self.beds[(equipment, night)] + people
            have = unit.beds_on(equipment, night)
            if used > have:
                name = "beds" if not equipment else "beds with " + ", ".join(sorted(equipment))
                found.append(Blocker(name, night, used, have))
        for day, people in alone.admissions.items():
            if self.admissions[day] + people > unit.admissions[day]:
                found.append(
                    Blocker("admissions", day, self.admissions[day] + people, unit.admissions[day])
                )
        for day, people in alone.scans.items():
            if self.scans[day] + people > unit.scanner[day]:
                found.append(Blocker("scanner", day, self.scans[day] + people, unit.scanner[day]))
        extra = unit.nurse_overtime if self.overtime else 0
        for (day, shift), load in alone.nurses.items():
            have = unit.nurse_capacity[day][shift] + extra
            if self.nurses[(day, shift)] + load > have:
                found.append(
                    Blocker(
                        f"nurses ({SHIFTS[shift]} shift)",
                        day,
                        self.nurses[(day, shift)] + load,
                        have,
                    )
                )
        return sorted(found, key=lambda b: (b.day, b.resource))

    def add(self, cohort: Cohort, d: int) -> None:
        alone = self.demand(cohort, d)
        for key, people in alone.beds.items():
            self.beds[key] += people
        for day, people in alone.admissions.items():
            self.admissions[day] += people
        for day, people in alone.scans.items():
            self.scans[day] += people
        for slot, load in alone.nurses.items():
            self.nurses[slot] += load


NO_DOSING = "dosing cover"
NO_COVER_AFTER = "cover after a high-risk dose"  # its day is the day without cover
SKILL = "nurse skill"  # "nurse skill (night shift)": the level needed against the rostered


def dosing_blockers(unit: Unit, cohort: Cohort, d: int) -> list[Blocker]:
    """Each dose of the cohort, dosed on ``d``, that falls on a day without dosing cover or
    with less skill on its day shift than the cohort needs, each high-risk dose followed
    by a day without cover, and each shift of the stays rostered below the skill the
    cohort needs there, on the day at fault."""
    found = []
    for dose in (d + offset for offset in dose_offsets(cohort)):
        if dose not in unit.dosing_days:
            found.append(Blocker(NO_DOSING, dose, 1, 0))
        elif (have := unit.skill_on(dose)) < cohort.skill:
            found.append(Blocker(f"{SKILL} ({SHIFTS[0]} shift)", dose, cohort.skill, have))
        elif cohort.high_risk and dose + 1 not in unit.dosing_days:
            found.append(Blocker(NO_COVER_AFTER, dose + 1, 1, 0))
    for day, shift, level, have in skill_short(unit, cohort, d):
        found.append(Blocker(f"{SKILL} ({SHIFTS[shift]} shift)", day, level, have))
    return found


def placement_blockers(instance: Instance, days: dict[str, int]) -> list[tuple[str, Blocker]]:
    """Each rule broken by the cohorts dosed on ``days`` (cohort key to dosing day): a dose
    without cover, or a resource over capacity with paid overtime counted. Cohorts fixed in
    place take the unit first, so an overflow is charged to the cohorts that could move.
    A unit's change is checked against its plan this way."""
    unit, usage = instance.unit, Usage(instance, overtime=True)
    found: list[tuple[str, Blocker]] = []
    for cohort in sorted(instance.cohorts, key=lambda c: c.fixed_day is None):
        d = days.get(cohort.key)
        if d is None or not _within(unit.days, cohort, d):
            continue
        found.extend((cohort.key, blocker) for blocker in dosing_blockers(unit, cohort, d))
        found.extend((cohort.key, blocker) for blocker in usage.blockers(cohort, d))
        usage.add(cohort, d)
    return found


def _within(horizon: int, cohort: Cohort, d: int) -> bool:
    """Whether every day the cohort uses, dosed on ``d``, lies in the plan's horizon."""
    pattern = blocks(cohort)
    first = min(d + block.admit_offset for block in pattern)
    last = max(
        [d + block.admit_offset + block.nights for block in pattern]
        + [d + scan for block in pattern for scan in block.scans]
    )
    return first >= 0 and last < horizon
