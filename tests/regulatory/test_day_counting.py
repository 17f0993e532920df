"""Calendar days from day 0, no roll-forward, and a "submit by" business day beside each due
date that a submission meets."""

from __future__ import annotations

from datetime import date

import pytest

from translink.regulatory.rules import (
    Basis,
    IndReceipt,
    Offset,
    Susar,
    Trigger,
    deadlines_for,
)
from translink.regulatory.rules.days import add_years


def _only(
    event: Trigger | Susar | IndReceipt, rule_id: str, closures: frozenset[date] = frozenset()
):
    (found,) = [d for d in deadlines_for(event, closures) if d.rule == rule_id]
    return found


def test_it_counts_the_rule_files_own_example() -> None:
    # 7-day clock, day 0 Monday 2025-03-03 -> due Monday 2025-03-10.
    found = _only(Trigger(Basis.FATAL_SAFETY_RECEIVED, date(2025, 3, 3)), "IND-11")
    assert found.due == date(2025, 3, 10)
    assert found.submit_by == date(2025, 3, 10)


def test_it_leaves_a_saturday_due_date_on_saturday_and_asks_for_friday() -> None:
    found = _only(
        Susar(date(2026, 3, 7), date(2026, 3, 7), fatal_or_life_threatening=True), "IND-11"
    )
    assert found.due == date(2026, 3, 14)  # a Saturday
    assert found.submit_by == date(2026, 3, 13)


def test_it_leaves_a_federal_holiday_due_date_alone_and_asks_for_the_business_day_before() -> None:
    found = _only(Trigger(Basis.SAFETY_QUALIFIED, date(2026, 5, 10)), "IND-10")
    assert found.due == date(2026, 5, 25)  # Memorial Day
    assert found.submit_by == date(2026, 5, 22)


def test_it_skips_an_observed_holiday_before_a_weekend_due_date() -> None:
    found = _only(Trigger(Basis.SAFETY_QUALIFIED, date(2026, 6, 20)), "IND-10")
    assert found.due == date(2026, 7, 5)  # Sunday; 4 July is a Saturday, observed Friday 3rd
    assert found.submit_by == date(2026, 7, 2)


def test_it_crosses_the_year_end_onto_new_years_day() -> None:
    event = Susar(date(2026, 12, 25), date(2026, 12, 28), fatal_or_life_threatening=True)
    seven, fifteen = _only(event, "IND-11"), _only(event, "IND-10")
    assert (seven.due, seven.submit_by) == (date(2027, 1, 1), date(2026, 12, 31))
    assert (fifteen.due, fifteen.submit_by) == (date(2027, 1, 12), date(2027, 1, 12))


def test_it_moves_submit_by_earlier_for_a_closure_nobody_could_compute() -> None:
    event = Trigger(Basis.SAFETY_QUALIFIED, date(2026, 12, 10))
    assert _only(event, "IND-10").submit_by == date(2026, 12, 24)  # due on Christmas Day
    closed = _only(event, "IND-10", closures=frozenset({date(2026, 12, 24)}))
    assert (closed.due, closed.submit_by) == (date(2026, 12, 25), date(2026, 12, 23))


def test_it_gives_effect_dates_no_submit_by() -> None:
    found = _only(IndReceipt(fda_received=date(2026, 6, 6)), "IND-01")
    assert (found.due, found.submit_by) == (date(2026, 7, 6), None)


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 2, 28)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2023, 2, 28), 1, date(2024, 2, 28)),
        (date(2025, 12, 31), 1, date(2026, 12, 31)),
    ],
)
def test_it_counts_years_as_anniversaries_with_29_february_on_the_28th(
    start: date, years: int, expected: date
) -> None:
    assert add_years(start, years) == expected


@pytest.mark.parametrize("offset", [{"days": -1}, {"years": -1}, {"years": 1, "days": -40}])
def test_it_refuses_an_offset_that_would_end_before_day_0(offset: dict[str, int]) -> None:
    with pytest.raises(ValueError, match="before day 0"):
        Offset(**offset)
