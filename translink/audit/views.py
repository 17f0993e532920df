"""Pages: the audit trail for administrators, its export and its verification."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.policy import ADMINISTRATORS, signed_in, visible
from translink.audit.actions import anchor, record, verify_chain
from translink.audit.models import AuditEvent


@signed_in(*ADMINISTRATORS)
def events(request: HttpRequest) -> HttpResponse:
    action = request.GET.get("action", "")[:80]
    listed = visible(request.user, AuditEvent).select_related("actor").order_by("-number")
    if action:
        listed = listed.filter(action=action)
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    # Verifying reads the whole trail: done on request, and nightly by `manage.py verify_audit`.
    report = verify_chain() if request.GET.get("verify") else None
    context = {"page": page, "action": action, "report": report}
    context["anchor"] = anchor(report) if report is not None else ""
    return render(request, "audit/events.html", context)


@signed_in(*ADMINISTRATORS)
def export(request: HttpRequest) -> HttpResponse:
    """The whole trail as CSV, hashes included, for inspection outside Translink."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="audit-trail.csv"'
    writer = csv.writer(response)
    columns = [
        "number",
        "at",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "old",
        "new",
        "reason",
        "ip",
        "prev_hash",
        "hash",
    ]
    writer.writerow(columns)
    rows = visible(request.user, AuditEvent).order_by("number").values_list(*columns)
    count = 0
    for row in rows.iterator(chunk_size=2000):
        writer.writerow(row)
        count += 1
    record(
        "audit.trail_exported",
        actor=request.user,
        object_type="audit.auditevent",
        new={"rows": count},
        request=request,
    )
    return response
