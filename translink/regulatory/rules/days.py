"""Calendar-day arithmetic: trigger date as day 0, N calendar days, anniversaries.

The regulations count calendar days and contain no roll-forward rule, so nothing here looks
at weekends or holidays: a deadline that lands on a Saturday stays on that Saturday.
"""

from __future__ import annotations

from datetime import date, timedelta


def add_days(day0: date, days: int) -> date:
    """``day0`` plus ``days`` calendar days; weekends and federal holidays count."""
    return day0 + timedelta(days=days)


def add_years(day0: date, years: int) -> date:
    """The same month and day ``years`` later.

    29 February becomes 28 February in a common year: of the two candidates (28 Feb and
    1 March) it is the earlier, so the conservative one for anything that falls due.
    """
    try:
        return day0.replace(year=day0.year + years)
    except ValueError:  # only 29 February fails to exist in the target year
        return date(day0.year + years, 2, 28)


def anniversary(start: date, year: int) -> date:
    """The ``year``-th anniversary of ``start`` (1 for the first)."""
    if year < 1:
        raise ValueError(f"anniversaries are counted from 1, not {year}")
    return add_years(start, year)
