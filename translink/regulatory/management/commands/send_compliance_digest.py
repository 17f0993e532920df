"""`manage.py send_compliance_digest [--date YYYY-MM-DD]`: e-mail the IND deadline digests.

Run it daily from cron; each person gets their overdue and due-soon obligations, or nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from translink.lib.command_options import add_date_option, day_of
from translink.regulatory.digest import send_digests


class Command(BaseCommand):
    help = (
        "E-mail each regulatory specialist and sponsor-investigator their pressing IND deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_date_option(parser, "report")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_digests(day_of(options))} digests sent.")
