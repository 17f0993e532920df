"""API: the audit trail, for administrators."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from translink.accounts.policy import ADMINISTRATORS, signed_in, visible
from translink.audit.actions import verify_chain
from translink.audit.models import AuditEvent
from translink.lib.pagination import PageNumbers

router = Router(tags=["audit"])


class EventOut(Schema):
    number: int
    at: datetime
    actor_label: str
    action: str
    object_type: str
    object_id: str
    object_repr: str
    old: Any
    new: Any
    reason: str
    hash: str


class ChainOut(Schema):
    intact: bool
    checked: int
    broken_number: int | None
    problem: str


@router.get("/events", response=list[EventOut])
@paginate(PageNumbers)
@signed_in(*ADMINISTRATORS)
def list_events(request: HttpRequest, action: str = "") -> QuerySet[AuditEvent]:
    events = visible(request.user, AuditEvent).order_by("-number")
    return events.filter(action=action) if action else events


@router.get("/verify", response=ChainOut)
@signed_in(*ADMINISTRATORS)
def verify(request: HttpRequest) -> dict[str, Any]:
    report = verify_chain()
    return {
        "intact": report.intact,
        "checked": report.checked,
        "broken_number": report.broken_number,
        "problem": report.problem,
    }
