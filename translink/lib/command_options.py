"""Options shared by management commands."""

from __future__ import annotations

from datetime import date

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone


def add_date_option(parser: CommandParser, what: str) -> None:
    """``--date YYYY-MM-DD``: the day the command acts as of; today by default."""
    parser.add_argument("--date", help=f"The day to {what} as of (YYYY-MM-DD); today by default.")


def day_of(options: dict[str, object]) -> date:
    """The ``--date`` given, or today; a malformed one stops the command with its reason."""
    given = options.get("date")
    if not given:
        return timezone.localdate()
    try:
        return date.fromisoformat(str(given))
    except ValueError:
        raise CommandError(f"--date {given!r} is not a date: use YYYY-MM-DD.") from None
