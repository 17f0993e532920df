"""Small hand-built units for the planner tests."""

from __future__ import annotations

from typing import Any

from translink.tcrc.solver.instance import Bed, Cohort, Loads, Unit

LIGHT: Loads = (1, 1, 1)


def small_unit(
    days: int = 14, beds: int = 4, telemetry: int = 0, nurses: Loads = (99, 99, 99)
) -> Unit:
    """A unit dosing every weekday (day 0 is a Monday), with plenty of staff by default."""
    return Unit(
        days=days,
        beds=tuple(
            Bed(
                f"B{n}",
                f"Room {n // 2}",
                frozenset({"telemetry"}) if n < telemetry else frozenset(),
            )
            for n in range(beds)
        ),
        nurse_capacity=(nurses,) * days,
        admissions=(99,) * days,
        scanner=(99,) * days,
        dosing_days=frozenset(d for d in range(days) if d % 7 < 5),
    )


def cohort(key: str, participants: int = 2, nights: int = 2, **fields: Any) -> Cohort:
    return Cohort(
        key=key,
        study=key[0],
        participants=participants,
        nights=nights,
        load=(LIGHT,) * (nights + 1),
        **fields,
    )
