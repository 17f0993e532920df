"""The JSON API under /api, documented at /api/docs.

One error shape everywhere::

    {"error": {"code": "validation_error", "message": "…", "fields": {"email": ["…"]}}}

Browsers use their session (with the CSRF header on writes); clients send
``Authorization: Bearer <token>`` with a token from /account/tokens/.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation, PathView
from ninja.security import HttpBearer, SessionAuth

from translink.accounts.api import router as accounts_router
from translink.accounts.policy import public
from translink.alliances.api import router as alliances_router
from translink.audit.api import router as audit_router
from translink.dashboard.api import router as agenda_router
from translink.lib import number_range
from translink.market.api import router as market_router
from translink.matching.api import router as matching_router
from translink.people.api import router as people_router
from translink.regulatory.api import router as regulatory_router
from translink.search.api import router as search_router
from translink.tcrc.api import router as tcrc_router


class BearerToken(HttpBearer):
    """Documents the token scheme; ApiTokenMiddleware has already checked the token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return request.user if getattr(request, "api_token", None) else None


api = NinjaAPI(
    title="Translink API",
    version="1",
    description=__doc__ or "",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/accounts", accounts_router)
api.add_router("/people", people_router)
api.add_router("/market", market_router)
api.add_router("/search", search_router)
api.add_router("/matching", matching_router)
api.add_router("/regulatory", regulatory_router)
api.add_router("/alliances", alliances_router)
api.add_router("/tcrc", tcrc_router)
api.add_router("/audit", audit_router)
api.add_router("/agenda", agenda_router)


def error(
    request: HttpRequest,
    status: int,
    code: str,
    message: str,
    fields: dict[str, list[str]] | None = None,
) -> HttpResponse:
    return api.create_response(
        request,
        {"error": {"code": code, "message": message, "fields": fields or {}}},
        status=status,
    )


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    # Drop the transport part ("body", "query", the payload's parameter name).
    parts = [str(p) for p in loc if p not in {"body", "query", "path", "payload", "form", "data"}]
    return ".".join(parts) or "__all__"


@api.exception_handler(NinjaValidationError)
def _invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for item in exc.errors:
        fields.setdefault(_location(item.get("loc", ())), []).append(
            str(item.get("msg", "Invalid."))
        )
    return error(request, 422, "validation_error", "Some fields are invalid.", fields)


@api.exception_handler(DjangoValidationError)
def _invalid_values(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    fields = (
        {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        if hasattr(exc, "error_dict")
        else {"__all__": [str(m) for m in exc.messages]}
    )
    return error(request, 422, "validation_error", "Some fields are invalid.", fields)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A value the database cannot store (a number past 64 bits written as text, say) that
    slipped past validation: the request is refused (actions write in one transaction,
    which the error has already rolled back)."""
    return error(
        request,
        422,
        "validation_error",
        "A value in the request is out of range for what Translink stores: whole numbers "
        f"must lie between {number_range.SMALLEST} and {number_range.LARGEST}.",
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", "Not found.")


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return error(request, 403, "forbidden", str(exc) or "You may not do this.")


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error(request, 401, "not_authenticated", "Sign in or send an API token.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error(request, exc.status_code, "error", str(exc))


def operation_for(view_func: Callable[..., Any], method: str) -> Operation | None:
    """The API operation that will serve ``method`` through this URL pattern's view, if any.

    django-ninja serves each path through one closure over its ``PathView``; the wall needs
    the operation behind it to read its declared policy.
    """
    for cell in getattr(view_func, "__closure__", None) or ():
        path_view = cell.cell_contents
        if isinstance(path_view, PathView):
            for operation in path_view.operations:
                if method in operation.methods:
                    return operation
    return None


def path_view_of(view_func: Callable[..., Any]) -> PathView | None:
    for cell in getattr(view_func, "__closure__", None) or ():
        if isinstance(cell.cell_contents, PathView):
            return cell.cell_contents
    return None


def api_urls() -> tuple[list[Any], str, str]:
    """The API's URL patterns, with its documentation pages declared public.

    The OpenAPI document and its viewer describe operations, never data; every operation
    itself declares its own policy.
    """
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if getattr(pattern, "name", None) in {"openapi-json", "openapi-view", "api-root"}:
            public(pattern.callback)  # type: ignore[type-var]
    return patterns, app_name, namespace
