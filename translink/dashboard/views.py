"""Pages: each person's home, and the health check."""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone

from translink.accounts.policy import public, signed_in, user_of
from translink.dashboard.agenda import agenda
from translink.dashboard.queries import home_context

log = logging.getLogger(__name__)


@signed_in()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard/home.html", home_context(request.user))  # type: ignore[arg-type]


@signed_in()
def agenda_page(request: HttpRequest) -> HttpResponse:
    """Everything "Coming up" for the reader, not only the first items the home page shows."""
    items, total = agenda(user_of(request), timezone.localdate(), limit=None)
    return render(request, "dashboard/agenda.html", {"agenda": items, "agenda_total": total})


def server_error(request: HttpRequest) -> HttpResponse:
    """A plain page with the request's id, to quote to support; never a trace or data."""
    request_id = getattr(request, "request_id", "")
    log.error("server error", extra={"request_id": request_id, "path": request.path})
    if request.path.startswith("/api/"):
        body = {
            "error": {
                "code": "server_error",
                "message": f"Request {request_id} failed.",
                "fields": {},
            }
        }
        return JsonResponse(body, status=500)
    return render(request, "500.html", {"request_id": request_id}, status=500)


@public
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 when it does not. For load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.exception("health check: database unavailable")
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
