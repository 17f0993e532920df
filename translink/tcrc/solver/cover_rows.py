"""Cover inequalities for one capacity row: how many big placements fit together on a day.

A row ``sum(size * x) <= capacity`` lets the linear relaxation fill the last beds with
fractions of cohorts too big to fit: 18 beds hold 1.8 cohorts of ten, where whole cohorts
fit one. For each ``k``, at most ``k`` placements bigger than ``capacity / (k + 1)`` fit
together; each such count is then lifted (a size that leaves no room for another big one
counts twice) and its right-hand side recomputed exactly, so every inequality returned
holds for any set of placements whose sizes fit within the capacity. Pure integers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import cache

MAX_COUNT = 4

Cover = tuple[dict[int, int], int]  # weight per size, right-hand side


def covers(sizes: Iterable[int], capacity: int) -> list[Cover]:
    """Valid inequalities ``sum(weight[size] * x) <= rhs`` the row alone does not imply."""
    present = tuple(sorted({size for size in sizes if 0 < size <= capacity}, reverse=True))
    return [(dict(weight), rhs) for weight, rhs in _covers(present, capacity)]


@cache
def _covers(
    present: tuple[int, ...], capacity: int
) -> list[tuple[tuple[tuple[int, int], ...], int]]:
    found: list[tuple[tuple[tuple[int, int], ...], int]] = []
    for count in range(1, MAX_COUNT + 1):
        weight = {size: int(size * (count + 1) > capacity) for size in present}
        if not any(weight.values()):
            continue
        _lift(weight, count, capacity)
        rhs = most_weight(weight, capacity)
        common = math.gcd(rhs, *weight.values())
        kept = tuple((size, w // common) for size, w in weight.items() if w)
        rhs //= common
        # The row alone allows capacity / size fractional copies of each size.
        if max(w * capacity / size for size, w in kept) > rhs and (kept, rhs) not in found:
            found.append((kept, rhs))
    return found


def most_weight(weight: dict[int, int], capacity: int) -> int:
    """The most weight any multiset of sizes within the capacity carries (unbounded knapsack)."""
    best = [0] * (capacity + 1)
    for room in range(1, capacity + 1):
        best[room] = max(
            [best[room - 1]]
            + [best[room - size] + w for size, w in weight.items() if w and size <= room]
        )
    return best[capacity]


def _lift(weight: dict[int, int], rhs: int, capacity: int) -> None:
    for size in weight:  # biggest first: they gain the most
        while True:
            weight[size] += 1
            if most_weight(weight, capacity) > rhs:
                weight[size] -= 1
                break
