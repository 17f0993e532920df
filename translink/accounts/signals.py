"""Sign-ins, sign-outs and failed sign-ins become audit events and security log lines."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from translink.accounts.backends import LOGIN_FAILED, account_key, failure_detail
from translink.audit.actions import client_ip, record

log = logging.getLogger("translink.security")


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record("auth.login", actor=user, obj=user, request=request)
    if request is not None and hasattr(request, "session"):
        request.session["signed_in_at"] = int(time.time())
    log.info("signed in", extra={"user": user.pk})


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    expired = getattr(request, "session_expired", False)
    record(
        "auth.session_expired" if expired else "auth.logout", actor=user, obj=user, request=request
    )


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if getattr(request, "login_blocked", False):
        return  # recorded as auth.login_blocked by the backend
    account = account_key(credentials.get("username") or credentials.get("email"))
    record(
        LOGIN_FAILED,
        object_type="account",
        object_id=account,
        object_repr=account,
        new=failure_detail(client_ip(request)),
        request=request,
    )
    log.warning("failed sign-in", extra={"account": account})
