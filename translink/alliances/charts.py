"""The funnel page's pictures as geometry: collaborations started per quarter as columns,
every quarter shown (an empty one is a gap, not a missing row), and funding as bars of
what was committed with what was received inside them. Templates draw them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

COLUMN = 34  # pixels per quarter
PLOT = 120  # column height of the busiest quarter
TOP, BOTTOM, LEFT = 18, 36, 8


@dataclass
class Column:
    x: int
    y: int
    height: int
    count: int
    quarter: str
    label: str  # under the column: "Q1" and, on the first quarter of a year, the year


@dataclass
class QuarterChart:
    width: int
    height: int
    base: int  # the y of the axis
    columns: list[Column] = field(default_factory=list)
    years: list[tuple[int, str]] = field(default_factory=list)  # x, year


def _index(name: str) -> int:
    year, q = name.split("-Q")
    return int(year) * 4 + int(q) - 1


def _name(index: int) -> str:
    return f"{index // 4}-Q{index % 4 + 1}"


def quarter_columns(started: dict[str, int], today: date) -> QuarterChart | None:
    """One column a quarter from the first with a start to today's (None when none)."""
    if not started:
        return None
    first = min(_index(name) for name in started)
    last = max(max(_index(name) for name in started), today.year * 4 + (today.month - 1) // 3)
    quarters = [_name(i) for i in range(first, last + 1)]
    peak = max(started.values())
    chart = QuarterChart(
        width=LEFT * 2 + len(quarters) * COLUMN, height=TOP + PLOT + BOTTOM, base=TOP + PLOT
    )
    for n, name in enumerate(quarters):
        count = started.get(name, 0)
        height = round(PLOT * count / peak)
        x = LEFT + n * COLUMN
        chart.columns.append(Column(x, TOP + PLOT - height, height, count, name, name[-2:]))
        if name.endswith("Q1") or n == 0:
            chart.years.append((x, name[:4]))
    return chart


def funding_bars(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    """Each row's committed amount as a share of the largest, received as a share of its
    own commitment; largest commitment first."""
    amounts = [(row, Decimal(row["committed"]), Decimal(row["received"])) for row in rows]
    largest = max((committed for _, committed, _ in amounts), default=Decimal(0)) or Decimal(1)
    ordered = sorted(amounts, key=lambda item: (-item[1], item[0]["name"]))
    return [
        {
            **row,
            "share": float(committed / largest),
            "received_share": float(received / committed) if committed else 0.0,
        }
        for row, committed, received in ordered
    ]
