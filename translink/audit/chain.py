"""Hashing and verification of the audit chain. Pure functions over plain values."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "number", "at", "actor_id", "actor_label", "action", "object_type", "object_id",
    "object_repr", "old", "new", "reason", "ip", "prev_hash",
)  # fmt: skip


def canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(fields: dict[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the hashed fields, previous hash included."""
    payload = {name: fields[name] for name in HASHED_FIELDS}
    payload["at"] = canonical_time(payload["at"])
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_number: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_number is None


def verify(events: Iterable[dict[str, Any]], head_count: int, head_hash: str) -> ChainReport:
    """Walk events in chain order; report the first whose link or content does not hold."""
    previous = GENESIS
    expected_number = 1
    checked = 0
    for fields in events:
        number = fields["number"]
        if number != expected_number:
            return ChainReport(checked, expected_number, f"event #{expected_number} is missing")
        if fields["prev_hash"] != previous:
            return ChainReport(checked, number, "its link to the previous event does not match")
        if event_hash(fields) != fields["hash"]:
            return ChainReport(checked, number, "its content no longer matches its hash")
        previous = fields["hash"]
        expected_number += 1
        checked += 1
    if checked != head_count or previous != (head_hash if head_count else GENESIS):
        return ChainReport(
            checked, checked + 1, f"the chain ends at #{checked}, but {head_count} were recorded"
        )
    return ChainReport(checked)
