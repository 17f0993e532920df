"""The unit's capacities as linear rows over one literal per cohort and dosing day.

``starts[cohort][t]`` is true when the cohort is dosed on day ``t``. Each resource on each
day (beds per equipment, admissions, scanner slots, nurse load per shift) is a row: the sum
of what each (cohort, day) would use there, within the capacity. This time-indexed form
gives CP-SAT's linear relaxation its strength (the intervals alone bound the objective
poorly); nurse overtime enters here as a paid variable on each shift that needs it. Each
hard row also gets its cover inequalities (``cover_rows``), so the relaxation cannot fill
the last beds with fractions of cohorts too big to fit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ortools.sat.python import cp_model

from translink.tcrc.solver.cover_rows import covers
from translink.tcrc.solver.instance import Instance
from translink.tcrc.solver.usage import Usage

Row = list[tuple[cp_model.IntVar, int]]
Starts = dict[str, dict[int, cp_model.IntVar]]


def add_capacity_rows(
    model: cp_model.CpModel,
    instance: Instance,
    starts: Starts,
    cost: list[cp_model.LinearExprT],
) -> dict[tuple[int, int], cp_model.IntVar]:
    """Add every capacity row; overtime costs go to ``cost``. Returns the overtime
    variable of each (day, shift) that has one."""
    rows = _rows(instance, starts)
    unit = instance.unit
    overtime: dict[tuple[int, int], cp_model.IntVar] = {}
    for key, terms in rows.items():
        total = sum(coef * x for x, coef in terms)
        kind = key[0]
        if kind == "beds":
            _, equipment, night = key
            _add_hard_row(model, terms, unit.beds_on(equipment, night))
        elif kind == "admissions":
            _add_hard_row(model, terms, unit.admissions[key[1]])
        elif kind == "scans":
            _add_hard_row(model, terms, unit.scanner[key[1]])
        else:
            _, day, shift = key
            have = unit.nurse_capacity[day][shift]
            if unit.nurse_overtime and sum(coef for _, coef in terms) > have:
                over = model.new_int_var(0, unit.nurse_overtime, f"overtime_{day}_{shift}")
                overtime[(day, shift)] = over
                cost.append(instance.weights.overload * over)
                model.add(total <= have + over)
                _add_covers(model, terms, have + unit.nurse_overtime)
            else:
                _add_hard_row(model, terms, have)
    return overtime


def _add_hard_row(model: cp_model.CpModel, terms: Row, capacity: int) -> None:
    """The row, and the cover inequalities that keep its relaxation from packing fractions."""
    model.add(sum(coef * x for x, coef in terms) <= capacity)
    _add_covers(model, terms, capacity)


def _add_covers(model: cp_model.CpModel, terms: Row, capacity: int) -> None:
    for weight, rhs in covers((coef for _, coef in terms), capacity):
        model.add(sum(weight[coef] * x for x, coef in terms if coef in weight) <= rhs)


def _rows(
    instance: Instance, starts: dict[str, dict[int, cp_model.IntVar]]
) -> dict[tuple[Any, ...], Row]:
    usage = Usage(instance)
    rows: dict[tuple[Any, ...], Row] = defaultdict(list)
    for cohort in instance.cohorts:
        for t, x in starts.get(cohort.key, {}).items():
            alone = usage.demand(cohort, t)
            for (equipment, night), people in alone.beds.items():
                rows[("beds", equipment, night)].append((x, people))
            for day, people in alone.admissions.items():
                rows[("admissions", day)].append((x, people))
            for day, people in alone.scans.items():
                rows[("scans", day)].append((x, people))
            for (day, shift), load in alone.nurses.items():
                rows[("nurses", day, shift)].append((x, load))
    return rows
