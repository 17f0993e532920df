"""A proven lower bound from the linear relaxation of a CP-SAT model, solved by GLOP.

CP-SAT's own bound on the planner's model comes from a relaxation it builds lazily during
search, and on large units it stays well below the relaxation of the model's own rows. This
module solves that relaxation (every linear row and clause without an enforcement literal,
each variable within its bounds) with GLOP, then turns the duals into a bound by weak
duality: for any multipliers ``y``, ``c0 + sum(y * rhs) + sum(min over bounds of the reduced
costs)`` is below every solution of the model, whatever the LP solver's tolerances. So the
bound is exact arithmetic on the model's integers and GLOP's duals, not GLOP's own claim.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]  # no stubs shipped
from ortools.sat.python import cp_model

UNBOUNDED = 2**62

# Slack for the floating-point rounding of the weak-duality products (relative, absolute).
TOLERANCE = 1e-7
SLACK = 1e-6


@dataclass
class _Row:
    coefficients: dict[int, float] = field(default_factory=dict)
    low: float = -math.inf
    high: float = math.inf

    def add(self, var: int, coefficient: float) -> None:
        self.coefficients[var] = self.coefficients.get(var, 0.0) + coefficient


@dataclass(frozen=True)
class Relaxation:
    """The proven bound, and the relaxation's value of each model variable (by index)."""

    bound: int
    values: list[float]

    def value(self, var: cp_model.IntVar) -> float:
        return self.values[var.index]


def solve_relaxation(model: cp_model.CpModel, time_limit: float) -> Relaxation | None:
    """The relaxation and a lower bound on the model's minimum (None when not solved in time)."""
    proto = model.proto
    objective = proto.objective
    if proto.has_floating_point_objective() or objective.scaling_factor not in (0, 1):
        return None
    domains = [list(variable.domain) for variable in proto.variables]
    lows = [domain[0] for domain in domains]
    highs = [domain[-1] for domain in domains]
    rows = _rows(model)
    costs = [0.0] * len(lows)
    for ref, coefficient in zip(objective.vars, objective.coeffs, strict=True):
        var, sign = (ref, 1) if ref >= 0 else (-ref - 1, -1)
        costs[var] += sign * coefficient
    solved = _solve(lows, highs, rows, costs, time_limit)
    if solved is None:
        return None
    values, duals = solved
    terms = [float(objective.offset)]
    parts: list[list[float]] = [[cost] for cost in costs]  # each reduced cost, term by term
    for row, y in zip(rows, duals, strict=True):
        side = row.low if y > 0 else row.high
        if y == 0 or math.isinf(side):
            continue
        terms.append(y * side)
        for var, coefficient in row.coefficients.items():
            parts[var].append(-y * coefficient)
    for var, part in enumerate(parts):
        cost = math.fsum(part)
        terms.append(min(cost * lows[var], cost * highs[var]))
    # fsum: the sum of the rounded terms, correctly rounded; the slack covers the rounding
    # of each product, far below it on units of this size.
    bound = math.fsum(terms)
    return Relaxation(math.ceil(bound - TOLERANCE * max(1.0, abs(bound)) - SLACK), values)


def _rows(model: cp_model.CpModel) -> list[_Row]:
    rows: list[_Row] = []
    for constraint in model.proto.constraints:
        if len(constraint.enforcement_literal):
            continue
        if constraint.has_linear():
            row = _Row()
            domain = list(constraint.linear.domain)
            row.low = domain[0] if domain[0] > -UNBOUNDED else -math.inf
            row.high = domain[-1] if domain[-1] < UNBOUNDED else math.inf
            for ref, coefficient in zip(
                constraint.linear.vars, constraint.linear.coeffs, strict=True
            ):
                var, sign = (ref, 1) if ref >= 0 else (-ref - 1, -1)
                row.add(var, sign * coefficient)
            rows.append(row)
        elif constraint.has_bool_or():
            # At least one literal true; a negated literal counts 1 - x.
            row = _Row(low=1.0)
            for ref in constraint.bool_or.literals:
                if ref >= 0:
                    row.add(ref, 1.0)
                else:
                    row.add(-ref - 1, -1.0)
                    row.low -= 1.0
            rows.append(row)
    return rows


def _solve(
    lows: list[int], highs: list[int], rows: list[_Row], costs: list[float], time_limit: float
) -> tuple[list[float], list[float]] | None:
    """The relaxation's values and its duals, one per row."""
    solver = pywraplp.Solver.CreateSolver("GLOP")
    solver.SetTimeLimit(max(1, int(time_limit * 1000)))
    xs = [solver.NumVar(low, high, "") for low, high in zip(lows, highs, strict=True)]
    constraints = []
    for row in rows:
        low = -solver.infinity() if math.isinf(row.low) else row.low
        high = solver.infinity() if math.isinf(row.high) else row.high
        constraint = solver.Constraint(low, high)
        for var, coefficient in row.coefficients.items():
            constraint.SetCoefficient(xs[var], coefficient)
        constraints.append(constraint)
    objective = solver.Objective()
    for x, cost in zip(xs, costs, strict=True):
        if cost:
            objective.SetCoefficient(x, cost)
    objective.SetMinimization()
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    return [x.solution_value() for x in xs], [c.dual_value() for c in constraints]
