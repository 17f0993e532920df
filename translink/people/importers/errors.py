"""What a parser says about a bad row: where it is, which field, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RowError:
    """One problem in an imported file. ``line`` is 1-based; ``field`` names the column,
    element or key as the file's own format spells it."""

    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}, field {self.field}: {self.reason}"
