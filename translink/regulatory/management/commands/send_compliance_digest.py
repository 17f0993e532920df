"""`manage.py send_compliance_digest [--date YYYY-MM-DD]`: e-mail the IND deadline digests.

Run it daily from cron; each person gets their overdue and due-soon obligations, or nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from translink.regulatory.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each regulatory specialist and sponsor-investigator their pressing IND deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="The day to report as of (YYYY-MM-DD); today by default."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} is not a date: use YYYY-MM-DD."
                ) from None
        self.stdout.write(f"{send_digests(today)} digests sent.")
