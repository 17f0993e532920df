"""T-REG-07: every computed deadline shows its rule, its citation and the rule table's
version, and the table cannot change without a new change-log entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from translink.regulatory.rules import (
    ALL_ROWS,
    CHANGELOG,
    RULES,
    VERSION,
    AnnualReport,
    Basis,
    Event,
    FirstEnrollment,
    FollowUp,
    IndEffective,
    IndReceipt,
    InvestigatorAdded,
    Offset,
    Policy,
    PrimaryCompletion,
    ResultsCertification,
    Susar,
    Trigger,
    Withdrawal,
    deadlines_for,
)
from translink.regulatory.rules.table import fingerprint

DAY = date(2026, 6, 1)
EVENTS: list[Event] = [
    IndReceipt(DAY),
    IndEffective(DAY),
    AnnualReport(DAY, year=3),
    Susar(DAY, DAY, fatal_or_life_threatening=True),
    FollowUp(DAY),
    InvestigatorAdded(DAY),
    Withdrawal(DAY, for_safety=True),
    FirstEnrollment(DAY, phase=2, policies=frozenset(Policy)),
    PrimaryCompletion(DAY, phase=3, policies=frozenset(Policy)),
    ResultsCertification(DAY, qualifying_event=DAY),
    *(Trigger(basis, DAY) for basis in Basis),
]


def test_it_stamps_every_deadline_with_its_rule_citation_and_the_table_version() -> None:
    citations = {(row.id, row.citation) for row in ALL_ROWS if row.clocks}
    found = [d for event in EVENTS for d in deadlines_for(event)]
    assert {(d.rule, d.citation) for d in found} == citations
    assert {d.version for d in found} == {VERSION}


def test_it_numbers_the_rules_exactly_as_the_rule_file_does() -> None:
    expected = [f"IND-{n:02d}" for n in range(1, 25)] + [f"CTG-{n:02d}" for n in range(1, 6)]
    assert [row.id for row in RULES] == expected
    assert all(row.citation.startswith(("21 CFR 312.", "42 CFR 11.")) for row in RULES)


def test_it_marks_the_rows_the_rule_file_left_to_verify() -> None:
    assert {row.id for row in RULES if row.verify} == {"IND-09", "IND-13", "IND-21", "IND-22"}


def test_it_refuses_a_changed_table_without_a_change_log_entry() -> None:
    assert fingerprint() == CHANGELOG[-1].fingerprint, (
        "the rule table changed: add a CHANGELOG entry with a new version and this "
        f"fingerprint: {fingerprint()}"
    )
    assert CHANGELOG[-1].version == VERSION


def test_it_notices_a_one_day_change_to_any_offset() -> None:
    row = RULES[9]
    changed = replace(row, clocks=(replace(row.clocks[0], offset=Offset(days=14)),))
    assert fingerprint((*RULES[:9], changed, *RULES[10:])) != fingerprint(RULES)


def test_it_keeps_versions_unique_and_in_order() -> None:
    versions = [change.version for change in CHANGELOG]
    assert len(set(versions)) == len(versions)
    assert [change.day for change in CHANGELOG] == sorted(change.day for change in CHANGELOG)
