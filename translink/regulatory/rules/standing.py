"""Where a deadline stands on a given day: upcoming, due soon, due today or overdue."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from translink.regulatory.rules.deadlines import Deadline


class Standing(StrEnum):
    """The state of an obligation on one day."""

    UPCOMING = "upcoming"
    DUE_SOON = "due-soon"
    DUE_TODAY = "due-today"
    OVERDUE = "overdue"


def standing(deadline: Deadline, today: date) -> Standing:
    """Overdue only after the due day (the due day itself is on time); due soon from
    ``warn_from``. Effect and retention dates cannot be missed and are refused."""
    if not deadline.kind.is_obligation:
        raise ValueError(
            f"{deadline.rule} {deadline.clock} is a {deadline.kind} date, not an obligation"
        )
    if today > deadline.due:
        return Standing.OVERDUE
    if today == deadline.due:
        return Standing.DUE_TODAY
    if today >= deadline.warn_from:
        return Standing.DUE_SOON
    return Standing.UPCOMING


def days_left(deadline: Deadline, today: date) -> int:
    """Calendar days from ``today`` to the due day: 0 on it, negative once overdue."""
    return (deadline.due - today).days


def has_passed(deadline: Deadline, today: date) -> bool:
    """For effect dates: True from the due day on (the IND is in effect on day 30)."""
    return today >= deadline.due
