"""Sign-in with a cap on failed attempts per account."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from translink.accounts.models import User
from translink.audit.actions import record
from translink.audit.models import AuditEvent

log = logging.getLogger("translink.security")

LOGIN_FAILED = "auth.login_failed"
LOGIN_BLOCKED = "auth.login_blocked"


def account_key(username: str | None) -> str:
    return (username or "").strip().lower()[:254]


def recent_failures(username: str | None) -> int:
    since = timezone.now() - timedelta(hours=1)
    return AuditEvent.objects.filter(
        action=LOGIN_FAILED, object_id=account_key(username), at__gte=since
    ).count()


class ThrottledModelBackend(ModelBackend):
    """Django's password check, refused outright once an account has had too many failures.

    After ``LOGIN_FAILURE_LIMIT`` failed sign-ins within an hour, every further attempt on
    that account, right password or not, is blocked, logged and audited until the oldest
    failure is an hour old.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get("email")
        if username and recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT:
            log.warning(
                "sign-in blocked after too many failures", extra={"account": account_key(username)}
            )
            record(
                LOGIN_BLOCKED,
                object_type="account",
                object_id=account_key(username),
                object_repr=account_key(username),
                reason=f"{settings.LOGIN_FAILURE_LIMIT} failed sign-ins within an hour",
                request=request,
            )
            if request is not None:
                request.login_blocked = True  # type: ignore[attr-defined]
            raise PermissionDenied("Too many failed sign-ins for this account.")
        return super().authenticate(request, username=username, password=password, **kwargs)
