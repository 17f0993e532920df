"""`manage.py send_agreement_alerts [--date YYYY-MM-DD]`: agreements expiring in 60, 30 or 7
days, to alliance managers and the company's members. Run it daily from cron."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from translink.alliances.expiry_alerts import send_expiry_alerts


class Command(BaseCommand):
    help = "Notify of executed agreements (CDAs first of all) about to expire."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to alert as of (YYYY-MM-DD); today by default.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} is not a date: use YYYY-MM-DD."
                ) from None
        self.stdout.write(f"{send_expiry_alerts(today)} alerts sent.")
