"""Request-level guards: request ids, API tokens, idle sessions, and the wall itself."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from translink.accounts.policy import RoutePolicy, policy_of
from translink.accounts.tokens import authenticate_token
from translink.lib import number_range

log = logging.getLogger("translink.security")
Handler = Callable[[HttpRequest], HttpResponse]


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def api_error(
    status: int, code: str, message: str, fields: dict[str, list[str]] | None = None
) -> JsonResponse:
    """The API's one error shape; see translink/api.py."""
    body = {"error": {"code": code, "message": message, "fields": fields or {}}}
    return JsonResponse(body, status=status)


TOO_BIG = f"A whole number between {number_range.SMALLEST} and {number_range.LARGEST} is expected."


def not_found(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return api_error(404, "not_found", "Not found.")
    from django.views.defaults import page_not_found

    return page_not_found(request, exception=None)


class NumberRangeMiddleware:
    """Numbers no database column can hold: a URL naming one finds nothing (404); in an API
    JSON body they are refused (422) with where they are, before any view runs. Query
    strings are left to the API's own types (a free-text query may hold any digits), and
    whatever still overflows in a query is refused by the API's error handlers."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if number_range.path_out_of_range(request.path):
            return not_found(request)
        if is_api(request) and request.content_type == "application/json" and request.body:
            fields = {key: [TOO_BIG] for key in number_range.json_out_of_range(request.body)}
            if fields:
                return api_error(422, "validation_error", "Some fields are invalid.", fields)
        return self.get_response(request)


class RequestIdMiddleware:
    """Gives every request an id, echoed in a header and in error pages, to find its logs."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex[:16]  # type: ignore[attr-defined]
        response = self.get_response(request)
        response["X-Request-Id"] = request.request_id  # type: ignore[attr-defined]
        return response


class ApiTokenMiddleware:
    """Signs in API clients that send ``Authorization: Bearer <token>``.

    A token request carries no cookie, so it is exempt from CSRF; a bad token is refused
    outright rather than falling back to the session.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if is_api(request) and header.lower().startswith("bearer "):
            token = authenticate_token(header[7:].strip())
            if token is None:
                return api_error(401, "invalid_token", "The API token is unknown or revoked.")
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        return self.get_response(request)


class IdleTimeoutMiddleware:
    """Signs out a browser session idle longer than the configured minutes, or older than
    the absolute lifetime counted from sign-in (saving the session would otherwise renew
    the cookie's age for as long as the session is used)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated and not hasattr(request, "api_token"):
            now = int(time.time())
            last_seen = request.session.get("last_seen")
            signed_in_at = int(request.session.get("signed_in_at", now))
            idle_limit = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
            idle = last_seen is not None and now - int(last_seen) > idle_limit
            if idle or now - signed_in_at > settings.SESSION_COOKIE_AGE:
                request.session_expired = True  # type: ignore[attr-defined]
                logout(request)
                if is_api(request):
                    return api_error(401, "session_expired", "The session expired; sign in again.")
                messages.info(request, "Your session ended; please sign in again.")
                return redirect_to_login(request.get_full_path())
            # Write the session at most once a minute, not on every request.
            if last_seen is None or now - int(last_seen) >= 60:
                request.session["last_seen"] = now
        return self.get_response(request)


def route_policy(view_func: Callable[..., Any], request: HttpRequest) -> RoutePolicy | None:
    """The policy declared by the view, or by the API operation serving this method."""
    declared = policy_of(view_func)
    if declared is not None:
        return declared
    from translink.api import operation_for

    operation = operation_for(view_func, request.method or "GET")
    return policy_of(operation.view_func) if operation is not None else None


class WallMiddleware:
    """Enforces each route's declared policy before its view runs. Undeclared means 404."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is not None and match.app_name == "admin":
            return None  # Django's admin checks is_staff itself; only administrators get it.
        policy = route_policy(view_func, request)
        if policy is None:
            log.error("route without a wall policy", extra={"path": request.path})
            return not_found(request)
        if policy.kind == "public":
            return None
        user = request.user
        if not user.is_authenticated:
            if is_api(request):
                return api_error(401, "not_authenticated", "Sign in or send an API token.")
            return redirect_to_login(request.get_full_path())
        if not policy.admits_role(user.role):
            log.info(
                "wall refused a route",
                extra={"user": user.pk, "path": request.path, "at": timezone.now().isoformat()},
            )
            return not_found(request)
        return None
