"""API tokens: generated once, stored as a SHA-256 digest, looked up by a public prefix."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.utils import timezone

from translink.accounts.models import ApiToken

TOKEN_PREFIX = "tl_"
PREFIX_LENGTH = 8


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token_text() -> tuple[str, str]:
    """A fresh token and its lookup prefix: ``tl_<8 prefix chars><43 secret chars>``."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return f"{TOKEN_PREFIX}{prefix}{secrets.token_urlsafe(32)}", prefix


def authenticate_token(text: str) -> ApiToken | None:
    """The active token ``text`` names, or None. Comparison is constant-time."""
    if not text.startswith(TOKEN_PREFIX) or len(text) < len(TOKEN_PREFIX) + PREFIX_LENGTH + 20:
        return None
    prefix = text[len(TOKEN_PREFIX) : len(TOKEN_PREFIX) + PREFIX_LENGTH]
    token = (
        ApiToken.objects.select_related("user", "user__organization")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest(text)):
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        token.last_used_at = now
        token.save(update_fields=["last_used_at"])
    return token
