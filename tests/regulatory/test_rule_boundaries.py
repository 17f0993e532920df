"""T-REG-01: for every clock of every rule, day 0 in, the exact due date out, and the days
around it: the day before is due soon, the due day is on time, the day after is overdue."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from translink.regulatory.rules import (
    RULES,
    Deadline,
    Standing,
    deadline,
    has_passed,
    rule,
    standing,
)

ONE_DAY = timedelta(days=1)

# (rule, clock, day 0, due): worked out by hand from the rule file, not by the engine.
BOUNDARIES = [
    ("IND-01", "in-effect", date(2024, 2, 29), date(2024, 3, 30)),  # 29 Feb in; a Saturday out
    ("IND-02", "first-dose", date(2025, 12, 15), date(2026, 1, 14)),  # across the year end
    ("IND-02", "first-dose-in-effect", date(2026, 3, 8), date(2026, 3, 8)),  # DST day, US
    ("IND-03", "ship", date(2026, 12, 2), date(2027, 1, 1)),  # New Year's Day
    ("IND-04", "hold", date(2026, 7, 4), date(2026, 7, 4)),
    ("IND-05", "written-basis", date(2026, 11, 27), date(2026, 12, 27)),  # a Sunday
    ("IND-06", "fda-reply", date(2027, 1, 29), date(2027, 2, 28)),
    ("IND-07", "no-subjects", date(2024, 2, 29), date(2026, 2, 28)),  # 29 Feb, 2 years on
    ("IND-07", "all-on-hold", date(2027, 2, 28), date(2028, 2, 28)),  # not the 29th
    ("IND-07", "respond", date(2026, 6, 1), date(2026, 7, 1)),
    ("IND-08", "notify-investigators", date(2026, 5, 5), date(2026, 5, 5)),
    ("IND-08", "may-terminate", date(2024, 2, 29), date(2029, 2, 28)),
    ("IND-09", "respond", date(2026, 12, 31), date(2027, 1, 30)),  # a Saturday
    ("IND-10", "report", date(2026, 5, 10), date(2026, 5, 25)),  # Memorial Day
    ("IND-11", "report", date(2026, 3, 7), date(2026, 3, 14)),  # Saturday to Saturday
    ("IND-12", "report", date(2026, 12, 17), date(2027, 1, 1)),  # New Year's Day
    ("IND-13", "report", date(2024, 2, 14), date(2024, 2, 29)),  # onto 29 February
    ("IND-14", "report", date(2026, 1, 1), date(2026, 1, 1)),  # immediately, holiday or not
    ("IND-15", "report", date(2025, 2, 28), date(2025, 4, 29)),  # anniversary + 60
    ("IND-16", "amendment", date(2026, 9, 7), date(2026, 9, 7)),  # Labor Day start
    ("IND-17", "amendment", date(2026, 10, 12), date(2026, 10, 12)),
    ("IND-18", "notify-fda", date(2026, 11, 2), date(2026, 12, 2)),
    ("IND-20", "notify-fda", date(2026, 12, 31), date(2026, 12, 31)),
    ("IND-20", "notify-investigators", date(2026, 12, 31), date(2026, 12, 31)),
    ("IND-20", "notify-irbs", date(2026, 12, 31), date(2026, 12, 31)),
    ("IND-23", "keep", date(2026, 3, 1), date(2028, 3, 1)),
    ("IND-24", "keep", date(2028, 2, 29), date(2030, 2, 28)),
    ("CTG-01", "register", date(2026, 12, 20), date(2027, 1, 10)),  # a Sunday, next year
    ("CTG-02", "results", date(2024, 2, 29), date(2025, 2, 28)),
    ("CTG-03", "certify", date(2024, 2, 29), date(2025, 2, 27)),  # the day before CTG-02
    ("CTG-03", "results-after-event", date(2026, 6, 10), date(2026, 7, 10)),
    ("CTG-03", "results-at-latest", date(2026, 6, 10), date(2028, 6, 10)),
    ("CTG-04", "request", date(2026, 1, 1), date(2026, 12, 31)),
    ("CTG-05", "verify", date(2026, 12, 31), date(2027, 12, 31)),
    ("CTG-05", "status-change", date(2026, 2, 1), date(2026, 3, 3)),
    ("CTG-05", "actual-primary-completion", date(2025, 12, 31), date(2026, 1, 30)),
    ("CTG-05", "subject-amendment", date(2028, 2, 1), date(2028, 3, 2)),  # leap February
]
UNDATED = {"IND-19", "IND-21", "IND-22"}


def _computed(rule_id: str, clock: str, day0: date) -> Deadline:
    row = rule(rule_id)
    return deadline(row, row.clock(clock), day0)


def _rows(*, obligation: bool, immediate: bool) -> list[tuple[str, str, date, date]]:
    return [
        row
        for row in BOUNDARIES
        if rule(row[0]).clock(row[1]).kind.is_obligation == obligation
        and (row[2] == row[3]) == immediate
    ]


def test_it_has_a_boundary_row_for_every_clock_of_every_rule() -> None:
    table = {(row.id, clock.name) for row in RULES for clock in row.clocks}
    assert {(rule_id, clock) for rule_id, clock, _, _ in BOUNDARIES} == table
    assert {row.id for row in RULES} == {row[0] for row in BOUNDARIES} | UNDATED


@pytest.mark.parametrize(("rule_id", "clock", "day0", "due"), BOUNDARIES)
def test_it_puts_the_due_date_exactly_where_the_rule_says(
    rule_id: str, clock: str, day0: date, due: date
) -> None:
    computed = _computed(rule_id, clock, day0)
    assert (computed.rule, computed.day0, computed.due) == (rule_id, day0, due)


@pytest.mark.parametrize(
    ("rule_id", "clock", "day0", "due"), _rows(obligation=True, immediate=False)
)
def test_it_is_due_soon_the_day_before_on_time_on_the_day_and_overdue_the_day_after(
    rule_id: str, clock: str, day0: date, due: date
) -> None:
    computed = _computed(rule_id, clock, day0)
    assert standing(computed, due - ONE_DAY) is Standing.DUE_SOON
    assert standing(computed, due) is Standing.DUE_TODAY
    assert standing(computed, due + ONE_DAY) is Standing.OVERDUE


@pytest.mark.parametrize(
    ("rule_id", "clock", "day0", "due"), _rows(obligation=True, immediate=True)
)
def test_it_makes_immediate_duties_due_on_day_0_and_overdue_the_day_after(
    rule_id: str, clock: str, day0: date, due: date
) -> None:
    computed = _computed(rule_id, clock, day0)
    assert standing(computed, day0) is Standing.DUE_TODAY
    assert standing(computed, day0 + ONE_DAY) is Standing.OVERDUE


@pytest.mark.parametrize(
    ("rule_id", "clock", "day0", "due"),
    _rows(obligation=False, immediate=False) + _rows(obligation=False, immediate=True),
)
def test_it_reaches_effect_and_retention_dates_on_the_day_and_not_before(
    rule_id: str, clock: str, day0: date, due: date
) -> None:
    computed = _computed(rule_id, clock, day0)
    assert not has_passed(computed, due - ONE_DAY)
    assert has_passed(computed, due)
    with pytest.raises(ValueError, match="not an obligation"):
        standing(computed, due)


@pytest.mark.parametrize("rule_id", sorted(UNDATED))
def test_it_says_why_a_rule_without_a_date_has_none(rule_id: str) -> None:
    row = rule(rule_id)
    assert row.clocks == ()
    assert row.undated
