"""`manage.py send_agreement_alerts [--date YYYY-MM-DD]`: agreements expiring in 60, 30 or 7
days, to alliance managers and the company's members. Run it daily from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from translink.alliances.expiry_alerts import send_expiry_alerts
from translink.lib.command_options import add_date_option, day_of


class Command(BaseCommand):
    help = "Notify of executed agreements (CDAs first of all) about to expire."

    def add_arguments(self, parser: CommandParser) -> None:
        add_date_option(parser, "alert")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{send_expiry_alerts(day_of(options))} alerts sent.")
