"""What a planner returns: dosing days, bed stays, the cost and how sure the planner is."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum

from translink.tcrc.solver.instance import SHIFTS, Instance, blocks


class Status(StrEnum):
    OPTIMAL = "optimal"
    FEASIBLE = "feasible"  # a plan, with the proven gap to the bound
    INFEASIBLE = "infeasible"  # the required cohorts cannot all be placed
    UNKNOWN = "unknown"  # no plan found within the time limit


@dataclass(frozen=True)
class Stay:
    """One participant in one bed for consecutive nights (a move starts a new stay)."""

    cohort: str
    group: str
    period: int
    participant: int  # index within the cohort; standby reserves come after the participants
    bed: str
    first_night: int
    nights: int

    @property
    def last_night(self) -> int:
        return self.first_night + self.nights - 1


@dataclass
class Plan:
    """A planner's answer. ``days`` holds the dosing day ``d`` of every placed cohort."""

    planner: str
    status: Status
    days: dict[str, int]
    stays: list[Stay] = field(default_factory=list)
    objective: int = 0
    bound: int = 0
    seconds: float = 0.0
    conflicts: list[str] = field(default_factory=list)

    @property
    def gap(self) -> float:
        """The proven relative gap between the plan's cost and the bound (0 when optimal)."""
        if self.status == Status.OPTIMAL or self.objective <= 0:
            return 0.0
        return max(0.0, (self.objective - self.bound) / self.objective)

    def placed(self) -> int:
        return len(self.days)


def nurse_load(instance: Instance, days: dict[str, int]) -> dict[tuple[int, int], int]:
    """The nurse load each (day, shift) carries under the given dosing days."""
    load: dict[tuple[int, int], int] = defaultdict(int)
    for cohort in instance.cohorts:
        if cohort.key not in days:
            continue
        for block in blocks(cohort):
            admit = days[cohort.key] + block.admit_offset
            for i, shifts in enumerate(block.load):
                for shift in range(len(SHIFTS)):
                    if shifts[shift]:
                        load[(admit + i, shift)] += shifts[shift] * block.people
    return dict(load)


def plan_cost(instance: Instance, days: dict[str, int], bed_moves: int) -> int:
    """The weighted cost of a plan: left-out cohorts, lateness, overload, moves, disruption."""
    weights = instance.weights
    cost = bed_moves * weights.bed_move
    for cohort in instance.cohorts:
        day = days.get(cohort.key)
        if day is None:
            cost += weights.unplaced * cohort.priority * cohort.bed_nights
            continue
        if cohort.target is not None and day > cohort.target:
            cost += weights.lateness * cohort.priority * (day - cohort.target)
        if cohort.previous_day is not None and day != cohort.previous_day:
            cost += weights.disruption + weights.disruption_day * abs(day - cohort.previous_day)
    for (day, shift), load in nurse_load(instance, days).items():
        over = load - instance.unit.nurse_capacity[day][shift]
        if over > 0:
            cost += weights.overload * over
    return cost


def bed_moves(stays: list[Stay]) -> int:
    """How many times a participant changed beds during a stay."""
    segments: dict[tuple[str, str, int, int], int] = defaultdict(int)
    for stay in stays:
        segments[(stay.cohort, stay.group, stay.period, stay.participant)] += 1
    return sum(count - 1 for count in segments.values())
