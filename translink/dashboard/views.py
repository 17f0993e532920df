"""Pages: each person's home, and the health check."""

from __future__ import annotations

import logging

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from translink.accounts.policy import public, signed_in
from translink.dashboard.queries import home_context

log = logging.getLogger(__name__)


@signed_in()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard/home.html", home_context(request.user))  # type: ignore[arg-type]


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
