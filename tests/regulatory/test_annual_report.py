"""IND-15: the annual report is due 60 days after each anniversary of the effective date,
may go in from 60 days before it, warns from 30 days before it, and is not due while the
IND is inactive. An effective date of 29 February has its anniversary on the 28th."""

from __future__ import annotations

from datetime import date

import pytest

from translink.regulatory.rules import (
    AnnualReport,
    Deadline,
    IndEffective,
    Standing,
    deadlines_for,
    standing,
)


def _report(event: AnnualReport | IndEffective) -> Deadline:
    (found,) = [d for d in deadlines_for(event) if d.rule == "IND-15"]
    return found


@pytest.mark.parametrize(
    ("year", "anniversary", "due"),
    [
        (1, date(2025, 2, 28), date(2025, 4, 29)),
        (2, date(2026, 2, 28), date(2026, 4, 29)),
        (4, date(2028, 2, 29), date(2028, 4, 29)),  # a leap year keeps the 29th
    ],
)
def test_it_puts_the_anniversary_of_29_february_on_the_28th_in_common_years(
    year: int, anniversary: date, due: date
) -> None:
    found = _report(AnnualReport(effective=date(2024, 2, 29), year=year))
    assert (found.day0, found.due) == (anniversary, due)


def test_it_opens_the_window_60_days_before_the_anniversary() -> None:
    found = _report(AnnualReport(effective=date(2025, 6, 15)))
    assert found.day0 == date(2026, 6, 15)
    assert found.opens == date(2026, 4, 16)
    assert found.due == date(2026, 8, 14)


def test_it_warns_from_30_days_before_the_anniversary() -> None:
    found = _report(AnnualReport(effective=date(2025, 6, 15)))
    assert standing(found, date(2026, 5, 15)) is Standing.UPCOMING
    assert standing(found, date(2026, 5, 16)) is Standing.DUE_SOON


def test_it_asks_for_no_annual_report_while_the_ind_is_inactive() -> None:
    assert deadlines_for(AnnualReport(effective=date(2025, 6, 15), year=2, inactive=True)) == ()


def test_it_allows_dosing_and_schedules_the_first_report_when_the_ind_takes_effect() -> None:
    found = {d.rule: (d.clock, d.due) for d in deadlines_for(IndEffective(date(2026, 3, 20)))}
    assert found == {
        "IND-02": ("first-dose-in-effect", date(2026, 3, 20)),
        "IND-15": ("report", date(2027, 5, 19)),
    }


def test_it_counts_anniversaries_from_one() -> None:
    with pytest.raises(ValueError, match="counted from 1"):
        AnnualReport(effective=date(2025, 6, 15), year=0)
