"""The baseline: first come, first served, each cohort on its earliest day that fits.

This is what a coordinator does by hand today: take the studies in the order they arrived,
and put each cohort on the first allowed dosing day after its predecessors where beds,
admissions, the scanner and the rostered nurses all suffice. No overtime, no look-ahead;
a cohort that fits nowhere is left out, and so are the cohorts that depend on it.
"""

from __future__ import annotations

import time

from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.instance import Instance, allowed_days, check_instance
from translink.tcrc.solver.plan import Plan, Status, bed_moves, plan_cost
from translink.tcrc.solver.usage import Usage


def plan_greedy(instance: Instance) -> Plan:
    """Place cohorts in the instance's order on their earliest fitting day."""
    check_instance(instance)
    started = time.perf_counter()
    usage = Usage(instance)
    days: dict[str, int] = {}
    for cohort in instance.cohorts:
        earliest = _earliest_after_predecessors(instance, cohort.key, days)
        if earliest is None:
            continue
        for d in allowed_days(instance.unit, cohort):
            if d >= earliest and not usage.blockers(cohort, d):
                usage.add(cohort, d)
                days[cohort.key] = d
                break
    stays = assign_beds(instance, days)
    cost = plan_cost(instance, days, bed_moves(stays))
    missing = [c.key for c in instance.cohorts if c.required and c.key not in days]
    status = Status.FEASIBLE if not missing else Status.INFEASIBLE
    conflicts = [f"cohort {key} is required but fits on no day" for key in missing]
    return Plan("greedy", status, days, stays, cost, 0, time.perf_counter() - started, conflicts)


def _earliest_after_predecessors(instance: Instance, key: str, days: dict[str, int]) -> int | None:
    earliest = 0
    for rule in instance.precedences:
        if rule.after != key:
            continue
        if rule.before not in days:
            return None
        earliest = max(earliest, days[rule.before] + rule.lag)
    return earliest
