"""The submission log: every submission to the IND, numbered serially from 000 (IND-22)."""

from __future__ import annotations

from datetime import date

from translink.accounts.models import User
from translink.audit.actions import save_new
from translink.regulatory.models import Ind, Submission
from translink.regulatory.rules.serials import next_serial_number


def log_submission(
    actor: User | None, ind: Ind, kind: str, sent_on: date, note: str = ""
) -> Submission:
    """Log a submission of ``kind`` sent on ``sent_on`` under the next serial number."""
    used = ind.submissions.values_list("serial", flat=True)
    submission = Submission(
        ind=ind, serial=next_serial_number(used), kind=kind, sent_on=sent_on, note=note[:300]
    )
    return save_new(
        submission,
        action="regulatory.submission_logged",
        actor=actor,
        fields=("ind", "serial", "kind", "sent_on"),
    )
