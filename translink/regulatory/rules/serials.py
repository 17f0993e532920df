"""IND-22: submissions to an IND are numbered serially, 000 for the original, then in order."""

from __future__ import annotations

from collections.abc import Iterable


def serial_number(position: int) -> str:
    """The serial number of the submission at ``position`` (0 for the original IND)."""
    if position < 0:
        raise ValueError(f"a submission's position cannot be negative: {position}")
    return f"{position:03d}"


def next_serial_number(used: Iterable[str]) -> str:
    """The serial number after the highest of ``used``; ``000`` when nothing was sent yet."""
    numbers = []
    for serial in used:
        if not serial.isdigit():
            raise ValueError(f"not a serial number: {serial!r}")
        numbers.append(int(serial))
    return serial_number(max(numbers) + 1 if numbers else 0)
