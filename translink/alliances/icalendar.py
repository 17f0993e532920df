"""Agreement and review dates as an iCalendar (RFC 5545) feed: one all-day event a date."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from translink.lib.icalendar import DayEvent, feed


def calendar(events: Iterable[tuple[str, date, str]], *, host: str, now: datetime) -> str:
    """The feed of ``events``: (unique key, day, summary)."""
    days = [DayEvent(f"{key}@{host}", day, summary) for key, day, summary in events]
    return feed("Translink agreements and reviews", days, now=now, product="Alliances")
