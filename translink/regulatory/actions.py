"""Every change to the IND registry: the lifecycle, investigators, safety reports and the
obligations the rule engine computes for each.

Each action checks who may do it and whether the IND's status allows it (a refused
transition raises ``ValidationError`` naming the status and what is allowed), writes in one
transaction and records the audit event with old and new values. Deadlines come from
``translink.regulatory.rules`` only; each stored obligation keeps the rule id, citation and
table version that computed it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from translink.accounts.models import User
from translink.accounts.policy import may_manage_ind
from translink.audit.actions import record, save_new, snapshot
from translink.people.models import Researcher
from translink.regulatory import rules
from translink.regulatory.models import Ind, Investigator, Obligation, SafetyReport, Submission
from translink.regulatory.rules.days import anniversary
from translink.regulatory.rules.serials import next_serial_number

S = Ind.Status
HOLDS = (S.FULL_HOLD, S.PARTIAL_HOLD)
ACTIVE = (S.SUBMITTED, S.IN_EFFECT, *HOLDS)
IND_FIELDS = (
    "number", "sponsor_investigator", "sponsor_company", "product", "indication", "division",
    "status", "time_zone",
)  # fmt: skip
# Which submission meets an obligation of each rule, when marking it met logs one.
SUBMISSION_OF_RULE = {
    "IND-10": Submission.Kind.SAFETY_REPORT,
    "IND-11": Submission.Kind.SAFETY_REPORT,
    "IND-12": Submission.Kind.SAFETY_REPORT,
    "IND-15": Submission.Kind.ANNUAL_REPORT,
    "IND-16": Submission.Kind.PROTOCOL_AMENDMENT,
    "IND-17": Submission.Kind.PROTOCOL_AMENDMENT,
    "IND-18": Submission.Kind.PROTOCOL_AMENDMENT,
}


def _check_manager(actor: User | None, ind: Ind) -> None:
    # actor None: the system itself (demo loader, commands), as in the other apps.
    if actor is not None and not may_manage_ind(actor, ind):
        raise PermissionDenied("Only regulatory specialists and the sponsor-investigator do this.")


def _require(ind: Ind, allowed: Iterable[str], doing: str) -> None:
    allowed = tuple(allowed)
    if ind.status not in allowed:
        labels = ", ".join(str(S(value).label).lower() for value in allowed)
        raise ValidationError(
            {
                "status": f"Cannot {doing}: the IND is {ind.get_status_display().lower()}; "
                f"this is possible only when it is {labels}."
            }
        )


def _not_before(day: date, earliest: date | None, field: str, what: str) -> None:
    if earliest is not None and day < earliest:
        raise ValidationError({field: f"{day:%Y-%m-%d} is before {what} ({earliest:%Y-%m-%d})."})


def _transition(
    actor: User | None, ind: Ind, action: str, changes: dict[str, Any], reason: str = ""
) -> None:
    """Apply ``changes`` to the IND and audit old and new values (inside a transaction)."""
    old = {name: getattr(ind, name) for name in changes}
    for name, value in changes.items():
        setattr(ind, name, value)
    ind.save(update_fields=list(changes))
    record(f"regulatory.{action}", actor=actor, obj=ind, old=old, new=changes, reason=reason)


def _obligations(
    actor: User | None,
    ind: Ind,
    event: rules.Event,
    *,
    only: tuple[str, ...] = (),
    **source: Any,
) -> list[Obligation]:
    """Store every obligation ``event`` creates (effect dates are not obligations)."""
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


def _close(actor: User | None, open_ones: Iterable[Obligation], reason: str) -> int:
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


def _open(ind: Ind, *rule_ids: str) -> Any:
    found = ind.obligations.filter(status=Obligation.Status.OPEN)
    return found.filter(rule__in=rule_ids) if rule_ids else found


def _log_submission(
    actor: User | None, ind: Ind, kind: str, sent_on: date, note: str = ""
) -> Submission:
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


def _next_annual_report(actor: User | None, ind: Ind, on_or_after: date) -> list[Obligation]:
    """The annual report whose anniversary window has not ended by ``on_or_after``."""
    assert ind.effective is not None
    year = 1
    while rules.deadlines_for(rules.AnnualReport(ind.effective, year))[0].due < on_or_after:
        year += 1
    return _obligations(actor, ind, rules.AnnualReport(ind.effective, year))


# --- the registry and the lifecycle -------------------------------------------------------


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
    _check_manager(actor, ind)
    return save_new(ind, action="regulatory.ind_registered", actor=actor, fields=IND_FIELDS)


def submit(actor: User | None, ind: Ind, *, sent_on: date) -> Submission:
    """Send the original IND: serial 000, status submitted."""
    _check_manager(actor, ind)
    _require(ind, [S.PRE_IND], "submit the original IND")
    with transaction.atomic():
        submission = _log_submission(actor, ind, Submission.Kind.ORIGINAL, sent_on)
        _transition(actor, ind, "ind_submitted", {"status": S.SUBMITTED, "sent_on": sent_on})
    return submission


def record_fda_receipt(actor: User | None, ind: Ind, *, received: date, number: str = "") -> Ind:
    """FDA acknowledged receipt on ``received``: the 30-day clock (IND-01) runs from it."""
    _check_manager(actor, ind)
    _require(ind, [S.SUBMITTED], "record FDA's receipt")
    if ind.fda_received is not None:
        raise ValidationError({"received": "FDA's receipt of this IND is already recorded."})
    if ind.sent_on is not None:
        _not_before(received, ind.sent_on, "received", "the day it was sent")
    event = rules.IndReceipt(fda_received=received, sent=ind.sent_on)
    effect = next(d for d in rules.deadlines_for(event) if d.rule == "IND-01")
    changes: dict[str, Any] = {"fda_received": received, "effective_by": effect.due}
    if number:
        changes["number"] = number
    with transaction.atomic():
        ind.submissions.filter(kind=Submission.Kind.ORIGINAL).update(fda_received=received)
        _transition(actor, ind, "ind_received", changes, reason=f"{effect.rule} {effect.citation}")
    return ind


def make_effective(actor: User | None, ind: Ind, *, on: date, fda_notice: bool = False) -> Ind:
    """The IND goes into effect: at receipt + 30 days, or earlier on FDA's notice (IND-01).
    The first annual report's clock (IND-15) starts."""
    _check_manager(actor, ind)
    _require(ind, [S.SUBMITTED], "put the IND into effect")
    if ind.effective_by is None:
        raise ValidationError({"on": "Record FDA's receipt first: the 30 days run from it."})
    _not_before(on, ind.fda_received, "on", "FDA's receipt")
    if on < ind.effective_by and not fda_notice:
        raise ValidationError(
            {"on": f"Before {ind.effective_by:%Y-%m-%d} only on FDA's notice (21 CFR 312.40(b))."}
        )
    with transaction.atomic():
        _transition(actor, ind, "ind_effective", {"status": S.IN_EFFECT, "effective": on})
        _obligations(actor, ind, rules.AnnualReport(on, 1))
    return ind


def impose_hold(actor: User | None, ind: Ind, *, on: date, partial: bool = False) -> Ind:
    """FDA imposed a full or partial clinical hold (IND-04); FDA owes its reasons (IND-05)."""
    _check_manager(actor, ind)
    allowed = (
        [S.SUBMITTED, S.IN_EFFECT, S.PARTIAL_HOLD] if not partial else [S.SUBMITTED, S.IN_EFFECT]
    )
    _require(ind, allowed, f"record a {'partial' if partial else 'full'} clinical hold")
    if ind.status == S.SUBMITTED and ind.fda_received is None:
        raise ValidationError({"on": "FDA holds an IND it has received: record the receipt first."})
    _not_before(on, ind.fda_received, "on", "FDA's receipt")
    status = S.PARTIAL_HOLD if partial else S.FULL_HOLD
    with transaction.atomic():
        _transition(actor, ind, "hold_imposed", {"status": status, "hold_imposed": on})
        _obligations(actor, ind, rules.Trigger(rules.Basis.HOLD_IMPOSED, on))
    return ind


def respond_to_hold(
    actor: User | None, ind: Ind, *, sent_on: date, fda_received: date | None = None
) -> Submission:
    """The complete response to a hold; FDA answers within 30 days of receiving it (IND-06)."""
    _check_manager(actor, ind)
    _require(ind, HOLDS, "respond to a clinical hold")
    _not_before(sent_on, ind.hold_imposed, "sent_on", "the hold")
    if fda_received is not None:
        _not_before(fda_received, sent_on, "fda_received", "the day it was sent")
    with transaction.atomic():
        submission = _log_submission(actor, ind, Submission.Kind.HOLD_RESPONSE, sent_on)
        if fda_received is not None:
            submission.fda_received = fda_received
            submission.save(update_fields=["fda_received"])
            _obligations(
                actor, ind, rules.Trigger(rules.Basis.HOLD_RESPONSE_RECEIVED, fda_received)
            )
    return submission


def lift_hold(actor: User | None, ind: Ind, *, on: date) -> Ind:
    """FDA lifted the hold: studies may resume (an IND held before its 30 days ended goes
    into effect now)."""
    _check_manager(actor, ind)
    _require(ind, HOLDS, "lift a clinical hold")
    _not_before(on, ind.hold_imposed, "on", "the hold")
    changes: dict[str, Any] = {"status": S.IN_EFFECT, "hold_imposed": None}
    first_effect = ind.effective is None
    if first_effect:
        changes["effective"] = on
    with transaction.atomic():
        _transition(actor, ind, "hold_lifted", changes)
        _close(actor, _open(ind, "IND-05", "IND-06"), "The clinical hold was lifted.")
        if first_effect:
            _obligations(actor, ind, rules.AnnualReport(on, 1))
    return ind


def plan_protocol(
    actor: User | None, ind: Ind, *, starts: date, change: bool = False, note: str = ""
) -> list[Obligation]:
    """A new protocol (IND-16) or a protocol change (IND-17): the amendment is due before it
    is implemented on ``starts``."""
    _check_manager(actor, ind)
    _require(ind, ACTIVE, "plan a protocol amendment")
    basis = rules.Basis.PROTOCOL_CHANGE_START if change else rules.Basis.NEW_PROTOCOL_START
    with transaction.atomic():
        made = _obligations(actor, ind, rules.Trigger(basis, starts))
        record(
            "regulatory.protocol_planned",
            actor=actor,
            obj=ind,
            new={"starts": starts, "change": change},
            reason=note,
        )
    return made


def add_investigator(
    actor: User | None,
    ind: Ind,
    *,
    name: str,
    signed_1572: date,
    researcher: Researcher | None = None,
) -> Investigator:
    """An investigator joins (signed Form FDA 1572): FDA hears within 30 days (IND-18)."""
    _check_manager(actor, ind)
    _require(ind, ACTIVE, "add an investigator")
    investigator = Investigator(
        ind=ind, name=name.strip(), signed_1572=signed_1572, researcher=researcher
    )
    with transaction.atomic():
        save_new(
            investigator,
            action="regulatory.investigator_added",
            actor=actor,
            fields=("ind", "name", "researcher", "signed_1572"),
        )
        _obligations(actor, ind, rules.InvestigatorAdded(signed_1572), investigator=investigator)
    return investigator


def inactivate(actor: User | None, ind: Ind, *, on: date) -> Ind:
    """Inactive status (IND-08): no annual reports while inactive; investigators are told."""
    _check_manager(actor, ind)
    _require(ind, [S.IN_EFFECT, *HOLDS], "inactivate the IND")
    with transaction.atomic():
        _transition(actor, ind, "ind_inactivated", {"status": S.INACTIVE, "inactivated": on})
        _close(actor, _open(ind, "IND-15"), "No annual report while inactive (21 CFR 312.45(c)).")
        _obligations(actor, ind, rules.Trigger(rules.Basis.INACTIVATED, on))
    return ind


def reactivate(actor: User | None, ind: Ind, *, on: date) -> Submission:
    """Back in effect by a protocol amendment (312.45(d)); annual reports resume."""
    _check_manager(actor, ind)
    _require(ind, [S.INACTIVE], "reactivate the IND")
    _not_before(on, ind.inactivated, "on", "the inactivation")
    with transaction.atomic():
        amendment = _log_submission(
            actor, ind, Submission.Kind.PROTOCOL_AMENDMENT, on, "Reactivation"
        )
        changes: dict[str, Any] = {"status": S.IN_EFFECT, "inactivated": None}
        if ind.effective is None:
            changes["effective"] = on
        _transition(actor, ind, "ind_reactivated", changes)
        _next_annual_report(actor, ind, on)
    return amendment


def withdraw(
    actor: User | None, ind: Ind, *, on: date, for_safety: bool = False, reason: str = ""
) -> Ind:
    """The sponsor withdraws the IND (IND-20): every open obligation closes; FDA and the
    investigators (and, for safety, the IRBs) are to be notified."""
    _check_manager(actor, ind)
    _require(ind, [*ACTIVE, S.INACTIVE], "withdraw the IND")
    if for_safety and not reason.strip():
        raise ValidationError({"reason": "A withdrawal for safety must give its reasons."})
    with transaction.atomic():
        _transition(actor, ind, "ind_withdrawn", {"status": S.WITHDRAWN, "closed_on": on}, reason)
        _close(actor, _open(ind), "The IND was withdrawn.")
        _obligations(actor, ind, rules.Withdrawal(on, for_safety=for_safety))
    return ind


def may_dose(ind: Ind, on_date: date) -> tuple[bool, str]:
    """Whether a subject may receive the drug under ``ind`` on ``on_date``, and why (IND-02,
    IND-04). A partial hold allows the parts it does not name, so the answer says so."""
    if ind.status in (S.IN_EFFECT, S.PARTIAL_HOLD):
        if ind.effective is None or on_date < ind.effective:
            return False, "The IND is not yet in effect on that day (21 CFR 312.40(d))."
        if ind.status == S.PARTIAL_HOLD:
            return True, "Partial clinical hold: only the parts the hold does not name (312.42)."
        return True, f"The IND is in effect since {ind.effective:%Y-%m-%d}."
    if ind.status == S.FULL_HOLD:
        return False, "The IND is on full clinical hold: no subject may receive the drug (312.42)."
    return False, f"The IND is {ind.get_status_display().lower()}: no dosing (21 CFR 312.40(d))."


# --- safety reports and obligations ---------------------------------------------------------


def record_safety_report(
    actor: User | None,
    ind: Ind,
    *,
    description: str,
    received_at: datetime,
    qualified_at: datetime,
    serious: bool,
    unexpected: bool,
    fatal_or_life_threatening: bool = False,
) -> SafetyReport:
    """An adverse event. A serious and unexpected one starts the 15-day clock from
    qualification (IND-10); fatal or life-threatening also the 7-day clock from receipt
    (IND-11), both days read in the IND's zone."""
    _check_manager(actor, ind)
    _require(ind, [*ACTIVE, S.INACTIVE], "record a safety report")
    for field, value in (("received_at", received_at), ("qualified_at", qualified_at)):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValidationError({field: "Give the time with its time zone."})
    report = SafetyReport(
        ind=ind, description=description.strip(), received_at=received_at,
        qualified_at=qualified_at, serious=serious, unexpected=unexpected,
        fatal_or_life_threatening=fatal_or_life_threatening,
    )  # fmt: skip
    fields = (
        "ind",
        "received_at",
        "qualified_at",
        "serious",
        "unexpected",
        "fatal_or_life_threatening",
    )
    with transaction.atomic():
        save_new(report, action="regulatory.safety_report_recorded", actor=actor, fields=fields)
        if report.is_susar:
            event = rules.Susar.from_timestamps(
                received_at, qualified_at, ind.zone, fatal_or_life_threatening
            )
            _obligations(actor, ind, event, safety_report=report)
    return report


def mark_met(
    actor: User | None, obligation: Obligation, *, on: date, log_submission: bool = True
) -> Obligation:
    """The obligation was met on ``on``; where it is met by a submission the log gains it,
    and a met annual report starts the next year's clock."""
    ind = obligation.ind
    _check_manager(actor, ind)
    if obligation.status != Obligation.Status.OPEN:
        raise ValidationError(
            {"status": f"This obligation is already {obligation.get_status_display().lower()}."}
        )
    _not_before(on, obligation.day0, "on", "its day 0")
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
        kind = SUBMISSION_OF_RULE.get(obligation.rule)
        if log_submission and kind is not None:
            _log_submission(actor, ind, kind, on, f"{obligation.rule}: {obligation.title}")
        if obligation.rule == "IND-15" and ind.status in (S.IN_EFFECT, *HOLDS):
            _next_annual_report(actor, ind, anniversary(obligation.day0, 1))
    return obligation


# --- one entry point for pages and the API ------------------------------------------------


class Transition(models.TextChoices):
    SUBMIT = "submit", "Original IND sent"
    RECEIVE = "receive", "FDA receipt acknowledged"
    EFFECTIVE = "effective", "In effect (day 30)"
    EFFECTIVE_ON_NOTICE = "effective_on_notice", "In effect early, on FDA's notice"
    FULL_HOLD = "full_hold", "Full clinical hold imposed"
    PARTIAL_HOLD = "partial_hold", "Partial clinical hold imposed"
    HOLD_RESPONSE = "hold_response", "Complete response to the hold sent"
    LIFT = "lift", "Clinical hold lifted"
    NEW_PROTOCOL = "new_protocol", "New protocol planned to start"
    PROTOCOL_CHANGE = "protocol_change", "Protocol change planned to take effect"
    INACTIVATE = "inactivate", "Inactivated"
    REACTIVATE = "reactivate", "Reactivated"
    WITHDRAW = "withdraw", "Withdrawn"
    WITHDRAW_FOR_SAFETY = "withdraw_for_safety", "Withdrawn for safety"


def apply_transition(
    actor: User | None,
    ind: Ind,
    transition: str,
    *,
    on: date,
    number: str = "",
    received: date | None = None,
    reason: str = "",
) -> Ind:
    """Apply the lifecycle step ``transition`` dated ``on`` (the day sent, received, imposed
    or decided); ``number`` is FDA's IND number on receipt, ``received`` FDA's receipt of a
    complete response, ``reason`` a withdrawal's reasons."""
    T = Transition
    steps: dict[str, Any] = {
        T.SUBMIT: lambda: submit(actor, ind, sent_on=on),
        T.RECEIVE: lambda: record_fda_receipt(actor, ind, received=on, number=number.strip()),
        T.EFFECTIVE: lambda: make_effective(actor, ind, on=on),
        T.EFFECTIVE_ON_NOTICE: lambda: make_effective(actor, ind, on=on, fda_notice=True),
        T.FULL_HOLD: lambda: impose_hold(actor, ind, on=on),
        T.PARTIAL_HOLD: lambda: impose_hold(actor, ind, on=on, partial=True),
        T.HOLD_RESPONSE: lambda: respond_to_hold(actor, ind, sent_on=on, fda_received=received),
        T.LIFT: lambda: lift_hold(actor, ind, on=on),
        T.NEW_PROTOCOL: lambda: plan_protocol(actor, ind, starts=on, note=reason),
        T.PROTOCOL_CHANGE: lambda: plan_protocol(actor, ind, starts=on, change=True, note=reason),
        T.INACTIVATE: lambda: inactivate(actor, ind, on=on),
        T.REACTIVATE: lambda: reactivate(actor, ind, on=on),
        T.WITHDRAW: lambda: withdraw(actor, ind, on=on, reason=reason),
        T.WITHDRAW_FOR_SAFETY: lambda: withdraw(actor, ind, on=on, for_safety=True, reason=reason),
    }
    if transition not in steps:
        raise ValidationError({"transition": f"Unknown step {transition!r}."})
    steps[transition]()
    return ind
