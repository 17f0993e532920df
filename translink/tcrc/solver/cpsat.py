"""The exact planner: OR-Tools CP-SAT, time-indexed, with interval variables beside it.

Each cohort has one decision, its dosing day ``d``, and a presence literal (leaving it out
costs its priority times its bed-nights). Its days are the allowed days on which it fits the
empty unit, from the earliest its chain of predecessors permits (``fitting_days``,
``earliest_days``). ``d`` is tied to one literal per day, and
every capacity (beds in total and per equipment, admissions, scanner slots, nurse load per
shift with paid overtime) is a linear row over those literals (``capacity_rows``): this
time-indexed form gives the linear relaxation its strength. Beside it, each group of the
cohort in each period is an optional fixed-size interval starting at ``d`` plus a constant,
in cumulative constraints on beds, admissions and the scanner (capacities that change from
day to day are fixed fillers), which propagate well during search. A precedence (dose
escalation, safety review, study parts) is a linear constraint when the later cohort is
placed, which then needs the earlier, and also its strong time-indexed form over prefix
sums: dosed by day ``t`` only if the earlier cohort was dosed by ``t - lag``. Lateness is
also a row over the day literals, so the relaxation sees it exactly.

The objective is :func:`translink.tcrc.solver.plan.plan_cost` minus the bed moves, which
the bed assignment decides afterwards (and adds); the bound stays a bound on the total.
The bound reported is the better of CP-SAT's and the one proven from the model's linear
relaxation (``lp_bound``, weak duality). Required cohorts enter as assumptions, so an
infeasible instance names the cohorts that cannot all be placed together. The cheaper of
the greedy plan and the plan rounded from the relaxation is the search's first hint, given
for every variable so CP-SAT takes it as its first solution; when the time runs out before
the search reports one, that plan is the answer.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from translink.tcrc.solver.beds import assign_beds
from translink.tcrc.solver.capacity_rows import add_capacity_rows
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.instance import (
    Block,
    Cohort,
    Instance,
    allowed_days,
    blocks,
    check_instance,
)
from translink.tcrc.solver.lp_bound import Relaxation, solve_relaxation
from translink.tcrc.solver.plan import Plan, Status, bed_moves, nurse_load, plan_cost
from translink.tcrc.solver.rounding import round_relaxation
from translink.tcrc.solver.usage import Usage

DEFAULT_TIME_LIMIT = 60.0

Task = tuple[cp_model.IntervalVar, cp_model.LinearExprT]


@dataclass
class _Model:
    instance: Instance
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    dose: dict[str, cp_model.IntVar] = field(default_factory=dict)
    present: dict[str, cp_model.IntVar] = field(default_factory=dict)
    beds: dict[frozenset[str], list[Task]] = field(default_factory=dict)
    admissions: list[Task] = field(default_factory=list)
    scans: list[Task] = field(default_factory=list)
    cost: list[cp_model.LinearExprT] = field(default_factory=list)
    starts: dict[str, dict[int, cp_model.IntVar]] = field(default_factory=dict)
    started: dict[str, dict[int, cp_model.LinearExprT]] = field(default_factory=dict)
    late: dict[str, cp_model.IntVar] = field(default_factory=dict)
    overtime: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    out_of_reach: list[str] = field(default_factory=list)


def plan_cpsat(
    instance: Instance, time_limit: float = DEFAULT_TIME_LIMIT, workers: int = 2, seed: int = 0
) -> Plan:
    """Solve the instance; the greedy plan seeds the search as a hint."""
    check_instance(instance)
    started = time.perf_counter()
    built = _build(instance)
    if built.out_of_reach:
        return Plan(
            "cpsat",
            Status.INFEASIBLE,
            {},
            seconds=time.perf_counter() - started,
            conflicts=built.out_of_reach,
        )
    relaxing = time.perf_counter()
    relaxation = solve_relaxation(built.model, time_limit / 4)
    first = _first_plan(built, relaxation)
    _hint(built, first)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit - (time.perf_counter() - relaxing)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    if workers > 1:
        # The full-problem worker with the fuller linear relaxation and more cuts: on the
        # generated 30-study units it proves a better bound in 60 s than the default one.
        solver.parameters.subsolvers.append("max_lp")
    status = solver.solve(built.model)
    seconds = time.perf_counter() - started
    if status == cp_model.INFEASIBLE:
        return Plan(
            "cpsat", Status.INFEASIBLE, {}, seconds=seconds, conflicts=_conflicts(built, solver)
        )
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        days = {
            key: solver.value(d)
            for key, d in built.dose.items()
            if solver.value(built.present[key])
        }
    elif all(c.key in first for c in instance.cohorts if c.required):
        # The time ran out before the search reported a plan (presolve alone can take a
        # short limit on a busy machine): the first plan, greedy or rounded, both placed
        # within every capacity and precedence.
        days, status = first, cp_model.FEASIBLE
    else:
        return Plan("cpsat", Status.UNKNOWN, {}, seconds=seconds)
    stays = assign_beds(instance, days)
    cost = plan_cost(instance, days, bed_moves(stays))
    found = Status.OPTIMAL if status == cp_model.OPTIMAL else Status.FEASIBLE
    searched = solver.best_objective_bound
    bounds = [round(searched) if math.isfinite(searched) else 0]
    if relaxation is not None:
        bounds.append(relaxation.bound)
    bound = min(cost, max(bounds))
    if found == Status.OPTIMAL and cost != round(solver.objective_value):
        found = Status.FEASIBLE  # the bed moves added cost the solver did not see
    return Plan("cpsat", found, days, stays, cost, bound, seconds)


def _build(instance: Instance) -> _Model:
    built = _Model(instance)
    fitting = fitting_days(instance)
    reach = earliest_days(instance, fitting)
    for cohort in instance.cohorts:
        earliest = reach.get(cohort.key)
        days = [d for d in fitting[cohort.key] if earliest is not None and d >= earliest]
        _add_cohort(built, cohort, days)
    if built.out_of_reach:
        return built
    for rule in instance.precedences:
        if rule.before in built.dose and rule.after in built.dose:
            after = built.present[rule.after]
            built.model.add(
                built.dose[rule.after] >= built.dose[rule.before] + rule.lag
            ).only_enforce_if(after)
            built.model.add_implication(after, built.present[rule.before])
            _add_prefix_precedence(built, rule.before, rule.after, rule.lag)
        elif rule.after in built.present:
            built.model.add(built.present[rule.after] == 0)
    _add_interval_capacities(built)
    built.overtime = add_capacity_rows(built.model, instance, built.starts, built.cost)
    built.model.minimize(sum(built.cost))
    return built


def fitting_days(instance: Instance) -> dict[str, list[int]]:
    """The allowed dosing days on which the cohort alone fits the unit (with overtime)."""
    empty = Usage(instance, overtime=True)
    return {
        cohort.key: [
            d for d in allowed_days(instance.unit, cohort) if not empty.blockers(cohort, d)
        ]
        for cohort in instance.cohorts
    }


def earliest_days(
    instance: Instance, fitting: dict[str, list[int]] | None = None
) -> dict[str, int | None]:
    """The earliest dosing day each cohort could have given its predecessors' (None: never).

    A cohort's days are ``fitting[key]`` when given, else every allowed day.
    """
    reach: dict[str, int | None] = {}
    pending = list(instance.cohorts)
    while pending:
        waiting = []
        for cohort in pending:
            rules = [r for r in instance.precedences if r.after == cohort.key]
            if any(r.before not in reach for r in rules):
                waiting.append(cohort)
                continue
            days = allowed_days(instance.unit, cohort) if fitting is None else fitting[cohort.key]
            bounds = [reach[r.before] for r in rules]
            if not days or any(b is None for b in bounds):
                reach[cohort.key] = None
                continue
            floor = max(
                [b + r.lag for b, r in zip(bounds, rules, strict=True) if b is not None], default=0
            )
            reach[cohort.key] = next((d for d in days if d >= floor), None)
        if len(waiting) == len(pending):
            raise ValueError("precedences form a cycle: " + ", ".join(c.key for c in waiting))
        pending = waiting
    return reach


def _add_cohort(built: _Model, cohort: Cohort, days: list[int]) -> None:
    model, weights = built.model, built.instance.weights
    if not days:
        if cohort.required:
            built.out_of_reach.append(
                f"cohort {cohort.key} is required but fits on no allowed dosing day"
            )
        built.cost.append(weights.unplaced * cohort.priority * cohort.bed_nights)
        return
    d = model.new_int_var_from_domain(cp_model.Domain.from_values(days), f"d_{cohort.key}")
    present = model.new_bool_var(f"placed_{cohort.key}")
    built.dose[cohort.key], built.present[cohort.key] = d, present
    if cohort.required:
        model.add_assumption(present)
    built.cost.append(weights.unplaced * cohort.priority * cohort.bed_nights * (1 - present))
    starts = {t: model.new_bool_var(f"x_{cohort.key}_{t}") for t in days}
    built.starts[cohort.key] = starts
    model.add(sum(starts.values()) == present)
    model.add(d == sum(t * x for t, x in starts.items())).only_enforce_if(present)
    if cohort.target is not None:
        # The row over the day literals gives the relaxation the exact lateness; keeping
        # the variable too lets CP-SAT's search move its bound (the terms alone stalled it).
        late = model.new_int_var(0, built.instance.unit.days, f"late_{cohort.key}")
        built.late[cohort.key] = late
        model.add(late >= d - cohort.target).only_enforce_if(present)
        model.add(late >= sum(max(0, t - cohort.target) * x for t, x in starts.items()))
        built.cost.append(weights.lateness * cohort.priority * late)
    if cohort.previous_day is not None:
        # Disruption is a cost of the day itself: exact over the day literals.
        built.cost.extend(
            _disruption(built.instance, cohort.previous_day, t) * x for t, x in starts.items()
        )
    for block in blocks(cohort):
        _add_block(built, cohort, block, d, present)


def _disruption(instance: Instance, previous: int, day: int) -> int:
    """What moving a cohort from its previous dosing day to ``day`` costs."""
    if day == previous:
        return 0
    return instance.weights.disruption + instance.weights.disruption_day * abs(day - previous)


def _add_block(
    built: _Model, cohort: Cohort, block: Block, d: cp_model.IntVar, present: cp_model.IntVar
) -> None:
    model = built.model
    name = f"{cohort.key}_{block.group}_{block.period}"
    stay = model.new_optional_fixed_size_interval_var(
        d + block.admit_offset, block.nights, present, f"stay_{name}"
    )
    built.beds.setdefault(frozenset(), []).append((stay, block.people))
    if cohort.equipment:
        built.beds.setdefault(cohort.equipment, []).append((stay, block.people))
    admit = model.new_optional_fixed_size_interval_var(
        d + block.admit_offset, 1, present, f"admit_{name}"
    )
    built.admissions.append((admit, block.people))
    for scan in block.scans:
        interval = model.new_optional_fixed_size_interval_var(
            d + scan, 1, present, f"scan_{name}_{scan}"
        )
        built.scans.append((interval, block.people))


def _add_interval_capacities(built: _Model) -> None:
    unit = built.instance.unit
    for equipment, tasks in built.beds.items():
        _cumulative(
            built.model, tasks, [unit.beds_on(equipment, night) for night in range(unit.days)]
        )
    _cumulative(built.model, built.admissions, list(unit.admissions))
    _cumulative(built.model, built.scans, list(unit.scanner))


def _cumulative(model: cp_model.CpModel, tasks: list[Task], capacity: list[int]) -> None:
    """Tasks within a capacity that varies by day: fixed fillers take up the difference."""
    if not tasks:
        return
    top = max(capacity)
    fillers = [
        (model.new_fixed_size_interval_var(day, 1, f"filler_{day}"), top - have)
        for day, have in enumerate(capacity)
        if have < top
    ]
    model.add_cumulative(
        [i for i, _ in tasks + fillers], [demand for _, demand in tasks + fillers], top
    )


def _first_plan(built: _Model, relaxation: Relaxation | None) -> dict[str, int]:
    """The cheaper of the greedy plan and the plan rounded from the relaxation."""
    instance = built.instance
    plans = [plan_greedy(instance).days]
    if relaxation is not None:
        shares = {
            key: {t: relaxation.value(x) for t, x in starts.items()}
            for key, starts in built.starts.items()
        }
        plans.append(round_relaxation(instance, shares))
    return min(plans, key=lambda days: plan_cost(instance, days, 0))


def _hint(built: _Model, days: dict[str, int]) -> None:
    """Hint every variable of the model, so a feasible first plan is CP-SAT's first
    solution at once (a partial hint must be repaired by search, which a short time limit
    on a busy machine may not finish)."""
    model, instance = built.model, built.instance
    for key, d in built.dose.items():
        day = days.get(key)
        model.add_hint(built.present[key], day is not None)
        model.add_hint(d, day if day is not None else min(built.starts[key]))
        for t, x in built.starts[key].items():
            model.add_hint(x, t == day)
        for t, flag in built.started.get(key, {}).items():
            if isinstance(flag, cp_model.IntVar) and t in built.starts[key]:
                model.add_hint(flag, day is not None and day <= t)
    for cohort in instance.cohorts:
        if cohort.key in built.late:
            day = days.get(cohort.key)
            target = cohort.target or 0
            model.add_hint(built.late[cohort.key], 0 if day is None else max(0, day - target))
    load = nurse_load(instance, days)
    for (day, shift), over in built.overtime.items():
        need = load.get((day, shift), 0) - instance.unit.nurse_capacity[day][shift]
        model.add_hint(over, min(max(0, need), instance.unit.nurse_overtime))


def _conflicts(built: _Model, solver: cp_model.CpSolver) -> list[str]:
    by_index = {built.present[key].index: key for key in built.present}
    keys = [by_index[i] for i in solver.sufficient_assumptions_for_infeasibility() if i in by_index]
    return [f"these required cohorts cannot all be placed together: {', '.join(sorted(keys))}"]


def _started_by(built: _Model, key: str) -> dict[int, cp_model.LinearExprT]:
    """``started[t]``: whether the cohort is dosed on day ``t`` or before (a prefix sum)."""
    cache = built.started
    if key not in cache:
        running: cp_model.IntVar | None = None
        started: dict[int, cp_model.LinearExprT] = {}
        for t in range(built.instance.unit.days):
            if t in built.starts[key]:
                flag = built.model.new_bool_var(f"started_{key}_{t}")
                here = built.starts[key][t]
                built.model.add(flag == (here if running is None else running + here))
                running = flag
            started[t] = 0 if running is None else running
        cache[key] = started
    return cache[key]


def _add_prefix_precedence(built: _Model, before: str, after: str, lag: int) -> None:
    """The strong time-indexed form of a lag: dosed by ``t`` only if ``before`` by ``t - lag``."""
    first, second = _started_by(built, before), _started_by(built, after)
    for t in built.starts[after]:
        built.model.add(second[t] <= (first[t - lag] if t - lag >= 0 else 0))
