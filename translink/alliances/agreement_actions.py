"""Every change to agreements and funding: the registry's lifecycle with its negotiation
log, and commitments with their milestones. Staff keep both; each write is audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from translink.accounts.models import Organization, User
from translink.alliances.actions import check_staff
from translink.alliances.models import (
    Agreement,
    Alliance,
    FundingCommitment,
    Milestone,
    NegotiationEntry,
)
from translink.audit.actions import record, save_new, snapshot
from translink.market.models import Need
from translink.people.models import Researcher

S = Agreement.Status
AGREEMENT_FIELDS = (
    "kind", "title", "company", "researcher", "alliance", "need", "status", "value",
    "first_draft_on", "executed_on", "expires_on", "ended_on",
)  # fmt: skip
# Which states each state may move to; the rest are refused with the allowed ones named.
NEXT_STATES: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.IN_NEGOTIATION, S.EXECUTED, S.TERMINATED),
    S.IN_NEGOTIATION: (S.DRAFT, S.EXECUTED, S.TERMINATED),
    S.EXECUTED: (S.EXPIRED, S.TERMINATED),
    S.EXPIRED: (),
    S.TERMINATED: (),
}


def create_agreement(
    actor: User | None,
    *,
    kind: str,
    title: str,
    company: Organization,
    first_draft_on: date,
    researcher: Researcher | None = None,
    alliance: Alliance | None = None,
    need: Need | None = None,
    value: Decimal | None = None,
    expires_on: date | None = None,
    note: str = "",
) -> Agreement:
    """A first draft enters the registry; its cycle time runs from ``first_draft_on``."""
    check_staff(actor, "keep the agreements registry")
    agreement = Agreement(
        kind=kind, title=title.strip(), company=company, researcher=researcher,
        alliance=alliance, need=need, value=value, first_draft_on=first_draft_on,
        expires_on=expires_on, created_by=actor,
    )  # fmt: skip
    with transaction.atomic():
        save_new(
            agreement, action="alliances.agreement_drafted", actor=actor, fields=AGREEMENT_FIELDS
        )
        if note.strip():
            NegotiationEntry.objects.create(
                agreement=agreement, on=first_draft_on, note=note.strip(), author=actor
            )
    return agreement


def move_agreement(
    actor: User | None, agreement: Agreement, *, status: str, on: date, note: str = ""
) -> Agreement:
    """The agreement enters ``status`` on ``on``: executed (signed) stops its cycle-time
    clock; expired and terminated end it. Each step is logged with its note."""
    check_staff(actor, "keep the agreements registry")
    allowed = NEXT_STATES.get(agreement.status, ())
    if status not in allowed:
        labels = ", ".join(str(S(value).label).lower() for value in allowed) or "nothing"
        raise ValidationError(
            {"status": f"A {agreement.get_status_display().lower()} agreement can become "
             f"{labels}."}
        )  # fmt: skip
    if on < agreement.first_draft_on:
        raise ValidationError({"on": "That is before the first draft."})
    changes: dict[str, Any] = {"status": status}
    if status == S.EXECUTED:
        changes["executed_on"] = on
    elif status in (S.EXPIRED, S.TERMINATED):
        if agreement.executed_on is not None and on < agreement.executed_on:
            raise ValidationError({"on": "That is before it was signed."})
        changes["ended_on"] = on
    old = {name: getattr(agreement, name) for name in changes}
    with transaction.atomic():
        for name, value in changes.items():
            setattr(agreement, name, value)
        agreement.save(update_fields=list(changes))
        NegotiationEntry.objects.create(
            agreement=agreement,
            on=on,
            note=note.strip() or f"Now {agreement.get_status_display().lower()}.",
            author=actor,
        )
        record(
            "alliances.agreement_moved",
            actor=actor,
            obj=agreement,
            old=old,
            new=changes,
            reason=note.strip(),
        )
    return agreement


def log_negotiation(actor: User | None, agreement: Agreement, *, on: date, note: str) -> Any:
    """A line in the negotiation log (a redline sent, a call, a term agreed)."""
    check_staff(actor, "keep the agreements registry")
    entry = NegotiationEntry(agreement=agreement, on=on, note=note.strip(), author=actor)
    return save_new(
        entry,
        action="alliances.negotiation_logged",
        actor=actor,
        fields=("agreement", "on", "note"),
    )


def commit_funding(
    actor: User | None,
    *,
    alliance: Alliance,
    sponsor: Organization,
    amount: Decimal,
    starts_on: date,
    ends_on: date,
    milestones: Sequence[tuple[str, Decimal, date]] = (),
    agreement: Agreement | None = None,
) -> FundingCommitment:
    """A sponsor commits ``amount`` for a period, paid at ``milestones`` (title, amount, due),
    which may not promise more than the commitment."""
    check_staff(actor, "record funding")
    commitment = FundingCommitment(
        alliance=alliance, sponsor=sponsor, amount=amount, starts_on=starts_on,
        ends_on=ends_on, agreement=agreement, created_by=actor,
    )  # fmt: skip
    commitment.full_clean()
    parts = [Milestone(title=t.strip(), amount=a, due_on=d) for t, a, d in milestones]
    for part in parts:
        part.full_clean(exclude=["commitment"])
    if sum((part.amount for part in parts), Decimal(0)) > amount:
        raise ValidationError({"milestones": "The milestones promise more than the commitment."})
    with transaction.atomic():
        commitment.save()
        for part in parts:
            part.commitment = commitment
            part.save()
        record(
            "alliances.funding_committed",
            actor=actor,
            obj=commitment,
            new={
                **snapshot(commitment, ("alliance", "sponsor", "amount", "starts_on", "ends_on")),
                "milestones": [[p.title, p.amount, p.due_on] for p in parts],
            },
        )
    return commitment


def receive_milestone(actor: User | None, milestone: Milestone, *, on: date) -> Milestone:
    """The sponsor paid the milestone on ``on``: it counts as received."""
    check_staff(actor, "record funding")
    if milestone.received_on is not None:
        raise ValidationError({"on": f"Already received on {milestone.received_on:%Y-%m-%d}."})
    with transaction.atomic():
        milestone.received_on = on
        milestone.save(update_fields=["received_on"])
        record(
            "alliances.milestone_received",
            actor=actor,
            obj=milestone,
            old={"received_on": None},
            new={"received_on": on, "amount": milestone.amount},
        )
    return milestone
