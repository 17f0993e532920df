"""The rule table: every row, looked up by id or by what starts its clocks, and its version.

A change to any row changes the table's fingerprint; the test suite then refuses to pass
until ``CHANGELOG`` gains an entry with a new version and the new fingerprint, so every
deadline computed from the changed table names a version that says what changed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

from translink.regulatory.rules.clocks import Basis, Clock, Rule
from translink.regulatory.rules.ctg_rules import CTG_RULES
from translink.regulatory.rules.ind_amendment_rules import AMENDMENT_RULES
from translink.regulatory.rules.ind_report_rules import REPORT_RULES
from translink.regulatory.rules.ind_status_rules import STATUS_RULES
from translink.regulatory.rules.policy_rules import POLICY_RULES

RULES: tuple[Rule, ...] = (
    tuple(sorted(STATUS_RULES + REPORT_RULES + AMENDMENT_RULES, key=lambda rule: rule.id))
    + CTG_RULES
)
"""The legal rows, IND-01 to IND-24 then CTG-01 to CTG-05."""

ALL_ROWS: tuple[Rule, ...] = RULES + POLICY_RULES
"""The legal rows and the policy rows (NIH, ICMJE, contract) that extend them."""


@dataclass(frozen=True)
class TableChange:
    """One entry of the table's change log."""

    version: str
    day: date
    fingerprint: str
    note: str


CHANGELOG: tuple[TableChange, ...] = (
    TableChange(
        version="2026.1",
        day=date(2026, 11, 27),
        fingerprint="a9fddf04ce36cf04",
        note="IND-01..24 and CTG-01..05 from ind-rules.md; NIH, ICMJE and contract duties",
    ),
)

VERSION: str = CHANGELOG[-1].version


def fingerprint(rows: tuple[Rule, ...] = ALL_ROWS) -> str:
    """A short hash of every field of every row, to notice any change to the table."""
    canonical = json.dumps([asdict(row) for row in rows], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def rule(rule_id: str) -> Rule:
    """The legal row ``rule_id`` (``KeyError`` for an unknown id)."""
    for row in RULES:
        if row.id == rule_id:
            return row
    raise KeyError(f"no rule {rule_id!r} in the rule table")


def clocks_on(basis: Basis, rows: tuple[Rule, ...] = ALL_ROWS) -> tuple[tuple[Rule, Clock], ...]:
    """Every (row, clock) pair in ``rows`` whose day 0 is ``basis``."""
    return tuple((row, clock) for row in rows for clock in row.clocks if clock.basis is basis)
