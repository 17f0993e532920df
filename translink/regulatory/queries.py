"""Reads of the IND registry, always through the wall."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from translink.accounts.policy import visible
from translink.audit.models import AuditEvent
from translink.people.models import Researcher
from translink.regulatory.models import Ind, Investigator, Obligation, SafetyReport, Submission


def inds(user: Any, *, status: str = "") -> QuerySet[Ind]:
    found = visible(user, Ind).select_related("sponsor_investigator", "sponsor_company")
    return found.filter(status=status) if status in Ind.Status.values else found


HIDDEN_SPONSOR = "An institute investigator"


def with_shown_sponsor(user: Any, listed: Any) -> list[Ind]:
    """Each IND with ``sponsor_shown``: the sponsor-investigator's name where the wall lets
    this user see that researcher (companies see only researchers open to industry)."""
    shown = list(listed)
    ids = {ind.sponsor_investigator_id for ind in shown}
    seen = set(visible(user, Researcher).filter(pk__in=ids).values_list("pk", flat=True))
    for ind in shown:
        visible_sponsor = ind.sponsor_investigator_id in seen
        ind.sponsor_shown = (
            ind.sponsor_investigator.full_name if visible_sponsor else HIDDEN_SPONSOR
        )
        ind.sponsor_link = visible_sponsor
    return shown


def with_next_deadline(user: Any, listed: list[Any], today: date) -> list[Any]:
    """Each IND with ``next_due`` (its earliest open obligation this user may see, or None)
    and ``overdue`` (how many of them are past their due date)."""
    by_ind: dict[int, list[Obligation]] = {}
    for duty in open_obligations(user).filter(ind__in=listed):
        by_ind.setdefault(duty.ind_id, []).append(duty)
    for ind in listed:
        duties = by_ind.get(ind.pk, [])
        ind.next_due = duties[0] if duties else None
        ind.overdue = sum(1 for duty in duties if duty.due < today)
    return listed


def open_obligations(user: Any, *, ind: Ind | None = None) -> QuerySet[Obligation]:
    found = visible(user, Obligation).filter(status=Obligation.Status.OPEN)
    if ind is not None:
        found = found.filter(ind=ind)
    return found.select_related("ind", "owner").order_by("due", "rule", "pk")


def obligations_of(user: Any, ind: Ind) -> QuerySet[Obligation]:
    return visible(user, Obligation).filter(ind=ind).select_related("owner")


def investigators_of(user: Any, ind: Ind) -> QuerySet[Investigator]:
    return visible(user, Investigator).filter(ind=ind)


def submissions_of(user: Any, ind: Ind) -> QuerySet[Submission]:
    return visible(user, Submission).filter(ind=ind)


def safety_reports_of(user: Any, ind: Ind) -> QuerySet[SafetyReport]:
    """The IND's initial safety reports, newest first, with their follow-ups at hand."""
    found = visible(user, SafetyReport).filter(ind=ind, follows=None)
    return found.prefetch_related("followups").order_by("-received_at", "-pk")


def all_safety_reports_of(user: Any, ind: Ind) -> QuerySet[SafetyReport]:
    """The IND's safety reports and follow-ups, in the order they were received."""
    return visible(user, SafetyReport).filter(ind=ind).order_by("received_at", "pk")


def history_of(ind: Ind) -> QuerySet[AuditEvent]:
    """The IND's own lifecycle events from the audit trail. The caller has fetched ``ind``
    through the wall; only the IND's own events are read, never another object's."""
    return AuditEvent.objects.filter(
        object_type="regulatory.ind", object_id=str(ind.pk), action__startswith="regulatory."
    ).order_by("number")


def standing(obligation: Obligation, today: date) -> str:
    """Overdue after the due day; due soon within ``REGULATORY_WARNING_DAYS``."""
    left = (obligation.due - today).days
    if left < 0:
        return "overdue"
    if left == 0:
        return "due-today"
    if left <= settings.REGULATORY_WARNING_DAYS or today >= obligation.warn_from:
        return "due-soon"
    return "upcoming"


def annotate(obligations: Any, today: date) -> list[Obligation]:
    """Each obligation with ``days_left`` and ``standing`` for display."""
    shown = list(obligations)
    for obligation in shown:
        obligation.days_left = (obligation.due - today).days
        obligation.overdue_days = max(0, -obligation.days_left)
        obligation.standing = standing(obligation, today)
    return shown
