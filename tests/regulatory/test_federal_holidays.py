"""US federal holidays are computed for any year, observed on the nearest weekday, and FDA's
own closed days add Inauguration Day."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from translink.regulatory.rules.holidays import (
    fda_holidays,
    federal_holidays,
    first_business_day_on_or_after,
    is_fda_business_day,
    last_business_day_on_or_before,
    observed,
    statutory_holidays,
)


def test_it_matches_the_published_2026_schedule() -> None:
    assert federal_holidays(2026) == {
        date(2026, 1, 1),
        date(2026, 1, 19),
        date(2026, 2, 16),
        date(2026, 5, 25),
        date(2026, 6, 19),
        date(2026, 7, 3),  # 4 July is a Saturday
        date(2026, 9, 7),
        date(2026, 10, 12),
        date(2026, 11, 11),
        date(2026, 11, 26),
        date(2026, 12, 25),
    }


def test_it_observes_2027s_weekend_holidays_on_fridays_and_mondays() -> None:
    holidays = federal_holidays(2027)
    assert {date(2027, 6, 18), date(2027, 7, 5), date(2027, 12, 24)} <= holidays
    assert date(2027, 12, 31) in holidays  # New Year's Day 2028 is a Saturday
    assert len(holidays) == 12


def test_it_leaves_a_year_without_new_years_day_when_it_was_observed_the_year_before() -> None:
    assert date(2021, 12, 31) in federal_holidays(2021)
    assert not any(day.month == 1 and day.day < 3 for day in federal_holidays(2022))


def test_it_adds_juneteenth_only_from_2021() -> None:
    assert date(2021, 6, 18) in federal_holidays(2021)  # 19 June 2021 was a Saturday
    assert not any(day.month == 6 for day in federal_holidays(2020))


def test_it_closes_fda_on_inauguration_day_but_not_the_nation() -> None:
    assert date(2033, 1, 20) in fda_holidays(2033)
    assert date(2033, 1, 20) not in federal_holidays(2033)
    assert date(2013, 1, 21) in fda_holidays(2013)  # the 20th was a Sunday
    assert not any(day.month == 1 and day.day in (19, 20) for day in fda_holidays(2029))


def test_it_finds_business_days_around_weekends_and_holidays() -> None:
    assert last_business_day_on_or_before(date(2026, 9, 7)) == date(2026, 9, 4)  # Labor Day
    assert first_business_day_on_or_after(date(2026, 11, 26)) == date(2026, 11, 27)
    assert is_fda_business_day(date(2026, 11, 27))  # the day after Thanksgiving is open


@given(st.integers(min_value=1990, max_value=2200))
def test_it_observes_every_holiday_on_a_weekday_within_a_day_of_it(year: int) -> None:
    for holiday in statutory_holidays(year):
        day_off = observed(holiday)
        assert day_off.weekday() < 5
        assert abs(day_off - holiday) <= timedelta(days=1)
        assert day_off in federal_holidays(day_off.year)
    assert all(day.weekday() < 5 for day in fda_holidays(year))
