"""Safety reports: the adverse-event intake with its 15-day and 7-day clocks (IND-10,
IND-11), and follow-up information on a report already taken in, which runs its own
15-day clock: a follow-up IND safety report from receipt (IND-12), or, for an event first
judged not reportable, an IND safety report from the day it was found reportable (IND-13).
Days are read in the IND's zone."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from translink.accounts.models import User
from translink.audit.actions import save_new
from translink.regulatory import rules
from translink.regulatory.actions.guards import (
    ACTIVE,
    S,
    check_manager,
    require_aware,
    require_status,
)
from translink.regulatory.actions.obligations import create_obligations
from translink.regulatory.models import Ind, Obligation, SafetyReport
from translink.regulatory.rules.zones import clock_day

REPORT_FIELDS = (
    "ind", "received_at", "qualified_at", "serious", "unexpected", "fatal_or_life_threatening",
)  # fmt: skip
FIELDS = ("follows", *REPORT_FIELDS)
# The rules whose report makes an intake an IND safety report FDA has (or will have) seen.
INITIAL_REPORT_RULES = ("IND-10", "IND-11", "IND-13")
RECORDABLE = (*ACTIVE, S.INACTIVE)


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
    check_manager(actor, ind)
    require_status(ind, RECORDABLE, "record a safety report")
    require_aware(received_at=received_at, qualified_at=qualified_at)
    report = SafetyReport(
        ind=ind, description=description.strip(), received_at=received_at,
        qualified_at=qualified_at, serious=serious, unexpected=unexpected,
        fatal_or_life_threatening=fatal_or_life_threatening,
    )  # fmt: skip
    with transaction.atomic():
        save_new(
            report, action="regulatory.safety_report_recorded", actor=actor, fields=REPORT_FIELDS
        )
        if report.is_susar:
            event = rules.Susar.from_timestamps(
                received_at, qualified_at, ind.zone, fatal_or_life_threatening
            )
            create_obligations(actor, ind, event, safety_report=report)
    return report


def report_obligations(report: SafetyReport) -> QuerySet[Obligation]:
    """The initial IND safety report obligations of ``report`` and its follow-ups."""
    return Obligation.objects.filter(
        Q(safety_report=report) | Q(safety_report__follows=report),
        rule__in=INITIAL_REPORT_RULES,
    )


def record_followup(
    actor: User | None,
    report: SafetyReport,
    *,
    description: str,
    received_at: datetime,
    reportable_at: datetime | None = None,
) -> SafetyReport:
    """Relevant new information on ``report`` (or on the report it follows), received by
    the sponsor at ``received_at``.

    On an IND safety report already submitted, it is a follow-up report due within 15 days
    of receipt (IND-12); one not yet submitted is refused, since the new information belongs
    in that report. On an event not judged reportable, ``reportable_at`` is when the new
    information showed it is: an IND safety report is then due within 15 days (IND-13);
    without it, the information is kept and no clock starts.
    """
    initial = report.follows or report
    ind = initial.ind
    check_manager(actor, ind)
    require_status(ind, RECORDABLE, "record follow-up safety information")
    require_aware(received_at=received_at, reportable_at=reportable_at)
    if received_at < initial.received_at:
        raise ValidationError(
            {"received_at": "New information cannot arrive before the report it follows "
                            f"({initial.received_at:%Y-%m-%d %H:%M} UTC)."}
        )  # fmt: skip
    found_reportable, event = _judge_followup(initial, received_at, reportable_at)
    followup = SafetyReport(
        ind=ind, follows=initial, description=description.strip(), received_at=received_at,
        qualified_at=reportable_at or received_at, serious=initial.serious or found_reportable,
        unexpected=initial.unexpected or found_reportable,
        fatal_or_life_threatening=initial.fatal_or_life_threatening,
    )  # fmt: skip
    with transaction.atomic():
        save_new(followup, action="regulatory.followup_recorded", actor=actor, fields=FIELDS)
        if event is not None:
            create_obligations(actor, ind, event, safety_report=followup)
    return followup


def _judge_followup(
    initial: SafetyReport, received_at: datetime, reportable_at: datetime | None
) -> tuple[bool, rules.Event | None]:
    """Whether the new information shows the event reportable for the first time (then a
    serious and unexpected suspected reaction), and the clock it starts, if any; refused
    with a field message where its clock cannot start."""
    zone = initial.ind.zone
    reported = report_obligations(initial)
    if reported.exists():
        _check_reported(reported, reportable_at)
        return False, rules.FollowUp(clock_day(received_at, zone))
    if reportable_at is None:
        return False, None
    if reportable_at < received_at:
        raise ValidationError(
            {"reportable_at": "It cannot be found reportable before the information came."}
        )
    return True, rules.Trigger(rules.Basis.LATE_QUALIFIED, clock_day(reportable_at, zone))


def _check_reported(reported: QuerySet[Obligation], reportable_at: datetime | None) -> None:
    if reportable_at is not None:
        raise ValidationError(
            {"reportable_at": "This event is already an IND safety report: its follow-up "
                              "runs 15 days from receipt (IND-12); leave this empty."}
        )  # fmt: skip
    if not reported.filter(status=Obligation.Status.MET).exists():
        pending = reported.filter(status=Obligation.Status.OPEN).order_by("due").first()
        due = f" (due {pending.due:%Y-%m-%d})" if pending is not None else ""
        raise ValidationError(
            {"follows": f"The IND safety report on this event is not submitted yet{due}: "
                        "include the new information in it."}
        )  # fmt: skip
