"""US federal holidays and FDA business days, computed for any year (never a list per year).

The holidays are the legal public holidays of 5 U.S.C. 6103(a). A holiday on a Saturday is
observed on the Friday before, one on a Sunday on the Monday after (5 U.S.C. 6103(b),
Executive Order 11582), so New Year's Day of one year can be observed on 31 December of
the year before. FDA's White Oak campus lies in the Inauguration Day area of
5 U.S.C. 6103(c), so FDA's own closed days add Inauguration Day (20 January after a
presidential election; the 21st when the 20th is a Sunday; no substitute for a Saturday).
Closures nobody can compute (a day of mourning, a shutdown) are passed in as ``closures``.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from functools import lru_cache

_MONDAY, _THURSDAY, _SATURDAY, _SUNDAY = 0, 3, 5, 6
_NO_CLOSURES: frozenset[date] = frozenset()


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (Monday = 0) of ``month``."""
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    """The last ``weekday`` of ``month``."""
    following = date(year + month // 12, month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def statutory_holidays(year: int) -> list[date]:
    """The holidays of 5 U.S.C. 6103(a) on their nominal dates in ``year``."""
    days = [
        date(year, 1, 1),  # New Year's Day
        _nth_weekday(year, 2, _MONDAY, 3),  # Washington's Birthday
        _last_weekday(year, 5, _MONDAY),  # Memorial Day
        date(year, 7, 4),  # Independence Day
        _nth_weekday(year, 9, _MONDAY, 1),  # Labor Day
        _nth_weekday(year, 10, _MONDAY, 2),  # Columbus Day
        date(year, 11, 11),  # Veterans Day
        _nth_weekday(year, 11, _THURSDAY, 4),  # Thanksgiving Day
        date(year, 12, 25),  # Christmas Day
    ]
    if year >= 1986:
        days.append(_nth_weekday(year, 1, _MONDAY, 3))  # Birthday of Martin Luther King, Jr.
    if year >= 2021:
        days.append(date(year, 6, 19))  # Juneteenth National Independence Day
    return days


def observed(holiday: date) -> date:
    """The weekday on which federal offices close for ``holiday``."""
    if holiday.weekday() == _SATURDAY:
        return holiday - timedelta(days=1)
    if holiday.weekday() == _SUNDAY:
        return holiday + timedelta(days=1)
    return holiday


@lru_cache(maxsize=256)
def federal_holidays(year: int) -> frozenset[date]:
    """The observed federal holidays that fall in ``year`` (31 December included when the
    next New Year's Day is a Saturday)."""
    nominal = statutory_holidays(year) + statutory_holidays(year + 1)
    return frozenset(day for day in map(observed, nominal) if day.year == year)


def inauguration_day(year: int) -> date | None:
    """Inauguration Day in ``year`` as a holiday of the Washington area, if there is one."""
    if year < 1965 or (year - 1965) % 4:
        return None
    day = date(year, 1, 20)
    if day.weekday() == _SUNDAY:
        return day + timedelta(days=1)
    return None if day.weekday() == _SATURDAY else day


@lru_cache(maxsize=256)
def fda_holidays(year: int) -> frozenset[date]:
    """The days in ``year`` on which FDA's offices are closed by law, weekends apart."""
    inauguration = inauguration_day(year)
    extra = {inauguration} if inauguration else set()
    return federal_holidays(year) | extra


def is_fda_business_day(day: date, closures: Collection[date] = _NO_CLOSURES) -> bool:
    """True for a weekday that is neither an FDA holiday nor one of ``closures``."""
    return day.weekday() < _SATURDAY and day not in fda_holidays(day.year) and day not in closures


def last_business_day_on_or_before(day: date, closures: Collection[date] = _NO_CLOSURES) -> date:
    """``day`` if FDA is open then, otherwise the last FDA business day before it."""
    while not is_fda_business_day(day, closures):
        day -= timedelta(days=1)
    return day


def first_business_day_on_or_after(day: date, closures: Collection[date] = _NO_CLOSURES) -> date:
    """``day`` if FDA is open then, otherwise the next FDA business day."""
    while not is_fda_business_day(day, closures):
        day += timedelta(days=1)
    return day
