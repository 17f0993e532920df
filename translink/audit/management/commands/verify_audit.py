"""`manage.py verify_audit`: recompute the audit chain and name the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from translink.audit.actions import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero at the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Audit chain broken at event #{report.broken_number}: {report.problem} "
                f"({report.checked} events before it verified)."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {report.checked} events verified.")
        )
