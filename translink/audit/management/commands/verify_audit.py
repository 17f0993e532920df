"""`manage.py verify_audit`: recompute the audit chain and name the first broken link.

A chain that verifies proves that no event was changed, removed or inserted without every
later hash being recomputed too; someone with the database owner's rights can do that. An
anchor closes the gap: each run prints the head's ``NUMBER:HASH``; kept outside the
database (a mail to the compliance officer, a ticket), it is passed back later with
``--anchor`` and the run fails unless event NUMBER still has that hash.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from translink.audit.actions import anchor, verify_chain
from translink.audit.models import AuditEvent

ANCHOR = re.compile(r"^(\d+):([0-9a-f]{64})$")


def parse_anchor(text: str) -> tuple[int, str]:
    """``NUMBER:HASH`` as a pair, or a message saying what is wrong with it."""
    found = ANCHOR.match(text.strip().lower())
    if found is None or int(found.group(1)) < 1:
        raise CommandError(
            f"--anchor {text!r}: expected NUMBER:HASH, an event number from 1 and its "
            "64-hex-digit hash, as a previous run printed it."
        )
    return int(found.group(1)), found.group(2)


class Command(BaseCommand):
    help = (
        "Verify the audit trail's hash chain, and any anchors kept from earlier runs; exits "
        "non-zero at the first broken event or anchor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            action="append",
            default=[],
            metavar="NUMBER:HASH",
            help="an anchor printed by an earlier run; repeat for several",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        anchors = [parse_anchor(text) for text in options["anchor"]]
        report = verify_chain()
        if not report.intact:
            raise CommandError(
                f"Audit chain broken at event #{report.broken_number}: {report.problem} "
                f"({report.checked} events before it verified)."
            )
        for number, expected in anchors:
            if number > report.checked:
                raise CommandError(
                    f"Anchor #{number} does not hold: the chain verifies only up to event "
                    f"#{report.checked}, so events were removed since the anchor was taken."
                )
            found = AuditEvent.objects.filter(number=number).values_list("hash", flat=True).get()
            if found != expected:
                raise CommandError(
                    f"Anchor #{number} does not hold: the event's hash is no longer the one "
                    f"recorded, so the chain was rewritten at or before event #{number}."
                )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.checked} events verified"
                + (f", {len(anchors)} anchors hold." if anchors else ".")
            )
        )
        if kept := anchor(report):
            self.stdout.write(
                f"Anchor: {kept} (keep it outside the database; pass it back with --anchor "
                "to prove no event up to it was rewritten)."
            )
