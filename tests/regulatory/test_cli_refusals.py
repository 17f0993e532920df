"""Bad arguments get one line on stderr that names the argument, nothing on stdout, exit 2."""

from __future__ import annotations

import pytest

from tests.regulatory.cli_runner import run_rules

REFUSALS = [
    ([], "EVENT"),
    (["launch", "--date", "2026-01-01"], "argument EVENT: invalid choice: 'launch'"),
    (
        ["ind-receipt", "--date", "2026-02-30"],
        "argument --date: '2026-02-30' is not a calendar date",
    ),
    (["ind-receipt", "--date", "1/3/2026"], "argument --date: '1/3/2026'"),
    (["ind-receipt"], "argument --date: ind-receipt needs --date"),
    (["susar", "--received", "2026-03-02"], "argument --qualified"),
    (["susar", "--qualified", "2026-03-02", "--fatal"], "argument --received"),
    (["susar", "--received", "2026-03-05", "--qualified", "2026-03-01"], "before --received"),
    (["susar", "--date", "2026-03-01", "--qualified", "2026-03-01"], "argument --date"),
    (["followup", "--date", "2026-03-01", "--fatal"], "argument --fatal: applies only to susar"),
    (["followup", "--date", "2026-03-01", "--phase", "2"], "argument --phase: applies only"),
    (
        ["first-enrollment", "--date", "2026-03-01", "--phase", "5"],
        "argument --phase: the phase must be",
    ),
    (["first-enrollment", "--date", "2026-03-01", "--phase", "II"], "argument --phase"),
]


@pytest.mark.parametrize(
    ("args", "message"), REFUSALS, ids=[" ".join(a) or "nothing" for a, _ in REFUSALS]
)
def test_it_refuses_bad_arguments_in_one_line_that_names_the_argument(
    args: list[str], message: str
) -> None:
    done = run_rules(*args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.splitlines()) == 1
    assert message in done.stderr
