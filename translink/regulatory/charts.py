"""The compliance calendar as a picture: open obligations per week, the overdue ones in a
column of their own at the left, so a regulatory specialist sees the crowded weeks ahead at
a glance. Geometry only; the template draws it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

WEEKS = 16  # this week and the fifteen after it
COLUMN = 56
PLOT = 120
TOP, BOTTOM = 16, 34
COLOURS = {"overdue": "#b42318", "due-today": "#b54708", "due-soon": "#b54708",
           "upcoming": "#2d5fa8"}  # fmt: skip


@dataclass
class Block:
    x: int
    y: float
    height: float
    colour: str
    title: str


@dataclass
class WeekChart:
    width: int
    height: int
    base: int
    blocks: list[Block] = field(default_factory=list)
    labels: list[tuple[int, str, str]] = field(default_factory=list)  # x, top line, bottom line
    counts: list[tuple[int, int, int]] = field(default_factory=list)  # x, y, count
    later: int = 0  # due after the last week shown


def weeks_chart(obligations: Sequence[Any], today: date) -> WeekChart | None:
    """Columns: overdue, then each week from this Monday; each obligation one block, coloured
    by its ``standing``. None when nothing is open."""
    if not obligations:
        return None
    monday = today - timedelta(days=today.weekday())
    columns: list[list[Any]] = [[] for _ in range(WEEKS + 1)]
    later = 0
    for obligation in obligations:
        if obligation.standing == "overdue":
            columns[0].append(obligation)
            continue
        week = (obligation.due - monday).days // 7
        if week < WEEKS:
            columns[1 + week].append(obligation)
        else:
            later += 1
    tallest = max(len(column) for column in columns) or 1
    unit = min(18.0, PLOT / tallest)  # a crowded week thins its blocks, never overflows
    chart = WeekChart(width=(WEEKS + 1) * COLUMN + 8, height=TOP + PLOT + BOTTOM, base=TOP + PLOT)
    chart.later = later
    for n, column in enumerate(columns):
        x = 4 + n * COLUMN
        for place, obligation in enumerate(column):
            y = round(TOP + PLOT - (place + 1) * unit, 2)
            title = f"{obligation.due:%d %b}: {obligation.ind} · {obligation.title}"
            height = round(unit - 1 if unit > 3 else unit, 2)  # a gap between roomy blocks
            chart.blocks.append(Block(x + 8, y, height, COLOURS[obligation.standing], title))
        if column:
            top = round(TOP + PLOT - len(column) * unit - 3)
            chart.counts.append((x + COLUMN // 2, top, len(column)))
        if n == 0:
            chart.labels.append((x + COLUMN // 2, "Overdue", ""))
        else:
            start = monday + timedelta(weeks=n - 1)
            month = f"{start:%b}" if n == 1 or start.day <= 7 else ""
            chart.labels.append((x + COLUMN // 2, f"{start.day}", month))
    return chart
