"""A first plan rounded from the linear relaxation, to hint CP-SAT's search.

The relaxation says, for each cohort and day, how much of the cohort it would dose there.
Cohorts it places most fully go first (then by priority, then in the instance's order);
each takes the day the relaxation weighs most that fits beside those already placed and
after its predecessors, else the earliest day that fits. Nurse overtime counts as
capacity. Cheap and often far better than first come, first served; never a proof.
"""

from __future__ import annotations

from translink.tcrc.solver.instance import Cohort, Instance
from translink.tcrc.solver.usage import Usage

# Below this share, a day counts as not chosen by the relaxation.
NOISE = 0.05

Shares = dict[str, dict[int, float]]


def round_relaxation(instance: Instance, shares: Shares) -> dict[str, int]:
    """Dosing days for the cohorts ``shares`` covers: ``shares[key][day]`` in [0, 1]."""
    usage = Usage(instance, overtime=True)
    position = {cohort.key: n for n, cohort in enumerate(instance.cohorts)}
    placed = {key: round(sum(days.values()), 2) for key, days in shares.items()}
    order = sorted(
        (cohort for cohort in instance.cohorts if cohort.key in shares),
        key=lambda c: (-placed[c.key], -c.priority, position[c.key]),
    )
    days: dict[str, int] = {}
    for cohort in order:
        floor = _after_predecessors(instance, cohort, days)
        if floor is None:
            continue
        for day in _preferred(shares[cohort.key], floor):
            if not usage.blockers(cohort, day):
                usage.add(cohort, day)
                days[cohort.key] = day
                break
    return days


def _preferred(shares: dict[int, float], floor: int) -> list[int]:
    def weight(day: int) -> float:
        return shares[day] if shares[day] > NOISE else 0.0

    return sorted((day for day in shares if day >= floor), key=lambda day: (-weight(day), day))


def _after_predecessors(instance: Instance, cohort: Cohort, days: dict[str, int]) -> int | None:
    floor = 0
    for rule in instance.precedences:
        if rule.after != cohort.key:
            continue
        if rule.before not in days:
            return None
        floor = max(floor, days[rule.before] + rule.lag)
    return floor
