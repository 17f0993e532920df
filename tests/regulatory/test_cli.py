"""The command prints one JSON object a line per obligation or effect date, for each event."""

from __future__ import annotations

import json

import pytest

from tests.regulatory.cli_runner import run_rules
from translink.regulatory.rules import VERSION

CASES = [
    (
        ["ind-receipt", "--date", "2024-02-29"],
        [("IND-01", "2024-03-30"), ("IND-02", "2024-03-30"), ("IND-03", "2024-03-30")],
    ),
    (
        ["ind-effective", "--date", "2024-02-29"],
        [("IND-02", "2024-02-29"), ("IND-15", "2025-04-29")],
    ),
    (
        ["susar", "--received", "2026-02-27", "--qualified", "2026-03-02", "--fatal"],
        [("IND-11", "2026-03-06"), ("IND-10", "2026-03-17")],
    ),
    (
        ["susar", "--received", "2026-02-27", "--qualified", "2026-03-02"],
        [("IND-10", "2026-03-17")],
    ),
    (["followup", "--date", "2026-12-17"], [("IND-12", "2027-01-01")]),
    (["new-investigator", "--date", "2026-11-02"], [("IND-18", "2026-12-02")]),
    (["first-enrollment", "--date", "2026-12-20", "--phase", "2"], [("CTG-01", "2027-01-10")]),
    (
        ["primary-completion", "--date", "2026-03-31"],
        [
            ("CTG-05", "2026-04-30"),
            ("CTG-03", "2027-03-30"),
            ("CTG-04", "2027-03-30"),
            ("CTG-02", "2027-03-31"),
        ],
    ),
]


@pytest.mark.parametrize(("args", "expected"), CASES, ids=[" ".join(args) for args, _ in CASES])
def test_it_prints_each_obligation_of_the_event_on_its_own_line(
    args: list[str], expected: list[tuple[str, str]]
) -> None:
    done = run_rules(*args)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(line["rule"], line["due"]) for line in lines] == expected
    assert all(line["citation"] and line["version"] == VERSION for line in lines)


def test_it_prints_submit_by_beside_the_due_date() -> None:
    done = run_rules("first-enrollment", "--date", "2026-12-20")
    (line,) = [json.loads(text) for text in done.stdout.splitlines()]
    assert line == {
        "rule": "CTG-01",
        "title": "Register the trial on ClinicalTrials.gov",
        "kind": "submission",
        "day0": "2026-12-20",
        "due": "2027-01-10",
        "submit_by": "2027-01-08",
        "opens": None,
        "citation": "42 CFR 11.24(a), 11.10(a)",
        "version": VERSION,
        "verify": None,
    }


def test_it_explains_why_a_phase_1_study_prints_no_federal_deadline() -> None:
    done = run_rules("first-enrollment", "--date", "2026-12-20", "--phase", "1")
    assert (done.returncode, done.stdout) == (0, "")
    assert "phase 1" in done.stderr and "42 CFR 11.10" in done.stderr
