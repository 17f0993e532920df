"""The IND's lifecycle: registration, submission, FDA's receipt, effect, clinical holds,
inactivation, withdrawal and termination. Each step checks the status it starts from,
writes in one transaction, audits old and new values, and creates or closes the
obligations the rule engine names for it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from translink.accounts.models import User
from translink.audit.actions import record, save_new
from translink.people.models import Researcher
from translink.regulatory import rules
from translink.regulatory.actions.guards import (
    ACTIVE,
    HOLDS,
    S,
    check_manager,
    not_before,
    require_status,
)
from translink.regulatory.actions.obligations import (
    close_obligations,
    create_obligations,
    next_annual_report,
    open_obligations,
)
from translink.regulatory.actions.submissions import log_submission
from translink.regulatory.models import Ind, Submission

IND_FIELDS = (
    "number", "sponsor_investigator", "sponsor_company", "product", "indication", "division",
    "status", "time_zone",
)  # fmt: skip
# FDA may propose to terminate, or terminate, an IND it has let go into effect.
TERMINABLE = (S.IN_EFFECT, *HOLDS, S.INACTIVE)


def change_ind(
    actor: User | None, ind: Ind, action: str, changes: dict[str, Any], reason: str = ""
) -> None:
    """Apply ``changes`` to the IND and audit old and new values (inside a transaction)."""
    old = {name: getattr(ind, name) for name in changes}
    for name, value in changes.items():
        setattr(ind, name, value)
    ind.save(update_fields=list(changes))
    record(f"regulatory.{action}", actor=actor, obj=ind, old=old, new=changes, reason=reason)


def register_ind(
    actor: User | None,
    *,
    sponsor_investigator: Researcher,
    product: str,
    indication: str,
    **fields: Any,
) -> Ind:
    """A new IND in the registry, in pre-IND status."""
    ind = Ind(
        sponsor_investigator=sponsor_investigator, product=product, indication=indication, **fields
    )
    check_manager(actor, ind)
    return save_new(ind, action="regulatory.ind_registered", actor=actor, fields=IND_FIELDS)


def submit(actor: User | None, ind: Ind, *, sent_on: date) -> Submission:
    """Send the original IND: serial 000, status submitted."""
    check_manager(actor, ind)
    require_status(ind, [S.PRE_IND], "submit the original IND")
    with transaction.atomic():
        submission = log_submission(actor, ind, Submission.Kind.ORIGINAL, sent_on)
        change_ind(actor, ind, "ind_submitted", {"status": S.SUBMITTED, "sent_on": sent_on})
    return submission


def record_fda_receipt(actor: User | None, ind: Ind, *, received: date, number: str = "") -> Ind:
    """FDA acknowledged receipt on ``received``: the 30-day clock (IND-01) runs from it."""
    check_manager(actor, ind)
    require_status(ind, [S.SUBMITTED], "record FDA's receipt")
    if ind.fda_received is not None:
        raise ValidationError({"received": "FDA's receipt of this IND is already recorded."})
    if ind.sent_on is not None:
        not_before(received, ind.sent_on, "received", "the day it was sent")
    event = rules.IndReceipt(fda_received=received, sent=ind.sent_on)
    effect = next(d for d in rules.deadlines_for(event) if d.rule == "IND-01")
    changes: dict[str, Any] = {"fda_received": received, "effective_by": effect.due}
    if number:
        changes["number"] = number
    with transaction.atomic():
        ind.submissions.filter(kind=Submission.Kind.ORIGINAL).update(fda_received=received)
        change_ind(actor, ind, "ind_received", changes, reason=f"{effect.rule} {effect.citation}")
    return ind


def make_effective(actor: User | None, ind: Ind, *, on: date, fda_notice: bool = False) -> Ind:
    """The IND goes into effect: at receipt + 30 days, or earlier on FDA's notice (IND-01).
    The first annual report's clock (IND-15) starts."""
    check_manager(actor, ind)
    require_status(ind, [S.SUBMITTED], "put the IND into effect")
    if ind.effective_by is None:
        raise ValidationError({"on": "Record FDA's receipt first: the 30 days run from it."})
    not_before(on, ind.fda_received, "on", "FDA's receipt")
    if on < ind.effective_by and not fda_notice:
        raise ValidationError(
            {"on": f"Before {ind.effective_by:%Y-%m-%d} only on FDA's notice (21 CFR 312.40(b))."}
        )
    with transaction.atomic():
        change_ind(actor, ind, "ind_effective", {"status": S.IN_EFFECT, "effective": on})
        create_obligations(actor, ind, rules.AnnualReport(on, 1))
    return ind


def impose_hold(actor: User | None, ind: Ind, *, on: date, partial: bool = False) -> Ind:
    """FDA imposed a full or partial clinical hold (IND-04); FDA owes its reasons (IND-05)."""
    check_manager(actor, ind)
    allowed = (
        [S.SUBMITTED, S.IN_EFFECT, S.PARTIAL_HOLD] if not partial else [S.SUBMITTED, S.IN_EFFECT]
    )
    require_status(ind, allowed, f"record a {'partial' if partial else 'full'} clinical hold")
    if ind.status == S.SUBMITTED and ind.fda_received is None:
        raise ValidationError({"on": "FDA holds an IND it has received: record the receipt first."})
    not_before(on, ind.fda_received, "on", "FDA's receipt")
    status = S.PARTIAL_HOLD if partial else S.FULL_HOLD
    with transaction.atomic():
        change_ind(actor, ind, "hold_imposed", {"status": status, "hold_imposed": on})
        create_obligations(actor, ind, rules.Trigger(rules.Basis.HOLD_IMPOSED, on))
        from translink.tcrc.actions import warn_of_hold  # the unit builds on the registry

        warn_of_hold(ind, on, partial)
    return ind


def respond_to_hold(
    actor: User | None, ind: Ind, *, sent_on: date, fda_received: date | None = None
) -> Submission:
    """The complete response to a hold; FDA answers within 30 days of receiving it (IND-06)."""
    check_manager(actor, ind)
    require_status(ind, HOLDS, "respond to a clinical hold")
    not_before(sent_on, ind.hold_imposed, "sent_on", "the hold")
    if fda_received is not None:
        not_before(fda_received, sent_on, "fda_received", "the day it was sent")
    with transaction.atomic():
        submission = log_submission(actor, ind, Submission.Kind.HOLD_RESPONSE, sent_on)
        if fda_received is not None:
            submission.fda_received = fda_received
            submission.save(update_fields=["fda_received"])
            create_obligations(
                actor, ind, rules.Trigger(rules.Basis.HOLD_RESPONSE_RECEIVED, fda_received)
            )
    return submission


def lift_hold(actor: User | None, ind: Ind, *, on: date) -> Ind:
    """FDA lifted the hold: studies may resume (an IND held before its 30 days ended goes
    into effect now)."""
    check_manager(actor, ind)
    require_status(ind, HOLDS, "lift a clinical hold")
    not_before(on, ind.hold_imposed, "on", "the hold")
    changes: dict[str, Any] = {"status": S.IN_EFFECT, "hold_imposed": None}
    first_effect = ind.effective is None
    if first_effect:
        changes["effective"] = on
    with transaction.atomic():
        change_ind(actor, ind, "hold_lifted", changes)
        close_obligations(
            actor, open_obligations(ind, "IND-05", "IND-06"), "The clinical hold was lifted."
        )
        if first_effect:
            create_obligations(actor, ind, rules.AnnualReport(on, 1))
    return ind


def inactivate(actor: User | None, ind: Ind, *, on: date) -> Ind:
    """Inactive status (IND-08): no annual reports while inactive; investigators are told."""
    check_manager(actor, ind)
    require_status(ind, [S.IN_EFFECT, *HOLDS], "inactivate the IND")
    with transaction.atomic():
        change_ind(actor, ind, "ind_inactivated", {"status": S.INACTIVE, "inactivated": on})
        close_obligations(
            actor,
            open_obligations(ind, "IND-15"),
            "No annual report while inactive (21 CFR 312.45(c)).",
        )
        create_obligations(actor, ind, rules.Trigger(rules.Basis.INACTIVATED, on))
    return ind


def reactivate(actor: User | None, ind: Ind, *, on: date) -> Submission:
    """Back in effect by a protocol amendment (312.45(d)); annual reports resume."""
    check_manager(actor, ind)
    require_status(ind, [S.INACTIVE], "reactivate the IND")
    not_before(on, ind.inactivated, "on", "the inactivation")
    with transaction.atomic():
        amendment = log_submission(
            actor, ind, Submission.Kind.PROTOCOL_AMENDMENT, on, "Reactivation"
        )
        changes: dict[str, Any] = {"status": S.IN_EFFECT, "inactivated": None}
        if ind.effective is None:
            changes["effective"] = on
        change_ind(actor, ind, "ind_reactivated", changes)
        next_annual_report(actor, ind, on)
    return amendment


def withdraw(
    actor: User | None, ind: Ind, *, on: date, for_safety: bool = False, reason: str = ""
) -> Ind:
    """The sponsor withdraws the IND (IND-20): every open obligation closes; FDA and the
    investigators (and, for safety, the IRBs) are to be notified."""
    check_manager(actor, ind)
    require_status(ind, [*ACTIVE, S.INACTIVE], "withdraw the IND")
    if for_safety and not reason.strip():
        raise ValidationError({"reason": "A withdrawal for safety must give its reasons."})
    with transaction.atomic():
        change_ind(actor, ind, "ind_withdrawn", {"status": S.WITHDRAWN, "closed_on": on}, reason)
        close_obligations(actor, open_obligations(ind), "The IND was withdrawn.")
        _close_studies(ind, on, "The IND was withdrawn (21 CFR 312.38).")
        create_obligations(actor, ind, rules.Withdrawal(on, for_safety=for_safety))
    return ind


def propose_termination(actor: User | None, ind: Ind, *, on: date) -> Ind:
    """FDA proposed in writing to terminate the IND (312.44(c)): the sponsor may correct or
    explain within 30 days (IND-09). The IND keeps its status until FDA decides."""
    check_manager(actor, ind)
    require_status(ind, TERMINABLE, "record FDA's proposal to terminate")
    not_before(on, ind.effective, "on", "the day the IND went into effect")
    pending = open_obligations(ind, "IND-09").first()
    if pending is not None:
        raise ValidationError(
            {"on": f"FDA's proposal to terminate is already recorded; the reply is due "
                   f"{pending.due:%Y-%m-%d}."}
        )  # fmt: skip
    with transaction.atomic():
        record("regulatory.termination_proposed", actor=actor, obj=ind, new={"on": on})
        create_obligations(actor, ind, rules.Trigger(rules.Basis.TERMINATION_PROPOSED, on))
    return ind


def terminate(actor: User | None, ind: Ind, *, on: date, reason: str = "") -> Ind:
    """FDA terminated the IND (21 CFR 312.44): no subject may receive the drug again and every
    open obligation closes, the reply to a termination proposal included. The rule table
    gives termination no clock of its own (the investigator notices of IND-20 are the
    withdrawal's), so nothing new is due."""
    check_manager(actor, ind)
    require_status(ind, TERMINABLE, "record the IND's termination")
    not_before(on, ind.effective, "on", "the day the IND went into effect")
    with transaction.atomic():
        changes = {"status": S.TERMINATED, "closed_on": on}
        change_ind(actor, ind, "ind_terminated", changes, reason)
        close_obligations(actor, open_obligations(ind), "FDA terminated the IND (21 CFR 312.44).")
        _close_studies(ind, on, "FDA terminated the IND (21 CFR 312.44).")
    return ind


def _close_studies(ind: Ind, on: date, why: str) -> None:
    """Every TCRC study under the IND stops with it."""
    from translink.tcrc.actions import close_studies_of  # the unit builds on the registry

    close_studies_of(ind, on, why)
