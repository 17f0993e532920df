"""Obligations: storing the deadlines the rule engine computes for an event, closing them
when the IND's course makes them moot, and marking them met."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from translink.accounts.models import User
from translink.audit.actions import record, snapshot
from translink.regulatory import rules
from translink.regulatory.actions import submissions
from translink.regulatory.actions.guards import HOLDS, S, check_manager, not_before
from translink.regulatory.models import Ind, Obligation, Submission
from translink.regulatory.rules.days import anniversary

# Which submission meets an obligation of each rule, when marking it met logs one.
SUBMISSION_OF_RULE = {
    "IND-10": Submission.Kind.SAFETY_REPORT,
    "IND-11": Submission.Kind.SAFETY_REPORT,
    "IND-12": Submission.Kind.SAFETY_REPORT,
    "IND-13": Submission.Kind.SAFETY_REPORT,
    "IND-15": Submission.Kind.ANNUAL_REPORT,
    "IND-16": Submission.Kind.PROTOCOL_AMENDMENT,
    "IND-17": Submission.Kind.PROTOCOL_AMENDMENT,
    "IND-18": Submission.Kind.PROTOCOL_AMENDMENT,
}


def create_obligations(
    actor: User | None,
    ind: Ind,
    event: rules.Event,
    *,
    only: tuple[str, ...] = (),
    **source: Any,
) -> list[Obligation]:
    """Store every obligation ``event`` creates (effect dates are not obligations), each
    with its rule id, citation and the table's version; ``source`` names what started it."""
    made = []
    for found in rules.deadlines_for(event):
        if not found.kind.is_obligation or (only and found.rule not in only):
            continue
        obligation = Obligation(
            ind=ind, rule=found.rule, clock=found.clock, kind=str(found.kind), title=found.title,
            citation=found.citation, version=found.version, day0=found.day0, due=found.due,
            submit_by=found.submit_by, warn_from=found.warn_from,
            owner=actor if actor is not None and actor.is_authenticated else None, **source,
        )  # fmt: skip
        obligation.save()
        record(
            "regulatory.obligation_created",
            actor=actor,
            obj=obligation,
            new=snapshot(obligation, ("ind", "rule", "clock", "citation", "version", "due")),
        )
        made.append(obligation)
    return made


def close_obligations(actor: User | None, open_ones: Iterable[Obligation], reason: str) -> int:
    """Close each of ``open_ones`` with ``reason``; how many were closed."""
    closed = 0
    for obligation in open_ones:
        obligation.status, obligation.closed_reason = Obligation.Status.CLOSED, reason[:300]
        obligation.save(update_fields=["status", "closed_reason"])
        record(
            "regulatory.obligation_closed",
            actor=actor,
            obj=obligation,
            old={"status": "open"},
            new={"status": "closed"},
            reason=reason,
        )
        closed += 1
    return closed


def open_obligations(ind: Ind, *rule_ids: str) -> QuerySet[Obligation]:
    """The IND's open obligations, of ``rule_ids`` only when given."""
    found = ind.obligations.filter(status=Obligation.Status.OPEN)
    return found.filter(rule__in=rule_ids) if rule_ids else found


def next_annual_report(actor: User | None, ind: Ind, on_or_after: date) -> list[Obligation]:
    """The annual report whose anniversary window has not ended by ``on_or_after``."""
    assert ind.effective is not None
    year = 1
    while rules.deadlines_for(rules.AnnualReport(ind.effective, year))[0].due < on_or_after:
        year += 1
    return create_obligations(actor, ind, rules.AnnualReport(ind.effective, year))


def mark_met(
    actor: User | None, obligation: Obligation, *, on: date, log_submission: bool = True
) -> Obligation:
    """The obligation was met on ``on``; where it is met by a submission the log gains it,
    and a met annual report starts the next year's clock."""
    ind = obligation.ind
    check_manager(actor, ind)
    if obligation.status != Obligation.Status.OPEN:
        raise ValidationError(
            {"status": f"This obligation is already {obligation.get_status_display().lower()}."}
        )
    not_before(on, obligation.day0, "on", "its day 0")
    with transaction.atomic():
        obligation.status, obligation.met_on = Obligation.Status.MET, on
        obligation.save(update_fields=["status", "met_on"])
        record(
            "regulatory.obligation_met",
            actor=actor,
            obj=obligation,
            old={"status": "open", "met_on": None},
            new={"status": "met", "met_on": on},
        )
        _follow_on(actor, obligation, on, log_submission)
    return obligation


def _follow_on(actor: User | None, met: Obligation, on: date, logs: bool) -> None:
    ind = met.ind
    kind = SUBMISSION_OF_RULE.get(met.rule)
    if logs and kind is not None:
        submissions.log_submission(actor, ind, kind, on, f"{met.rule}: {met.title}")
    if met.rule == "IND-15" and ind.status in (S.IN_EFFECT, *HOLDS):
        next_annual_report(actor, ind, anniversary(met.day0, 1))
