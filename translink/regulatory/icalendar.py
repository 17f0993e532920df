"""Open obligations as an iCalendar (RFC 5545) feed: one all-day VEVENT per obligation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from translink.lib.icalendar import DayEvent, feed
from translink.regulatory.models import Obligation


def calendar(obligations: Iterable[Obligation], *, host: str, now: datetime) -> str:
    """The feed: each obligation on its due day, with its rule, citation and IND."""
    events = []
    for item in obligations:
        detail = f"{item.citation}. Rule table {item.version}. Day 0 {item.day0:%Y-%m-%d}."
        if item.submit_by is not None:
            detail += f" Submit by {item.submit_by:%Y-%m-%d}."
        summary = f"{item.rule} {item.title} ({item.ind})"
        events.append(DayEvent(f"obligation-{item.pk}@{host}", item.due, summary, detail))
    name = "Translink regulatory obligations"
    return feed(name, events, now=now, product="Regulatory obligations")
