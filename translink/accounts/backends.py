"""Sign-in with caps on failed attempts, per account and per network address."""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from translink.accounts.models import User
from translink.audit.actions import client_ip, record
from translink.audit.models import AuditEvent

log = logging.getLogger("translink.security")

LOGIN_FAILED = "auth.login_failed"
LOGIN_BLOCKED = "auth.login_blocked"


def account_key(username: str | None) -> str:
    return (username or "").strip().lower()[:254]


def _hour_ago() -> datetime:
    return timezone.now() - timedelta(hours=1)


def recent_failures(username: str | None) -> int:
    return AuditEvent.objects.filter(
        action=LOGIN_FAILED, object_id=account_key(username), at__gte=_hour_ago()
    ).count()


NAT64 = ipaddress.ip_network("64:ff9b::/96")


def network_of(address: str) -> str:
    """The network an attacker holds whole: an IPv4 address alone; an IPv6 address's /64
    (one subscriber's usual allocation, with 2**64 addresses to rotate through), except
    that an IPv6 address carrying an IPv4 client (mapped, NAT64, 6to4, Teredo) counts as
    that IPv4 address, so the clients behind one gateway are never blocked together."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        if ip in NAT64:
            return str(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None:
            return str(ip.sixtofour)
        if ip.teredo is not None:
            return str(ip.teredo[1])
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def failure_detail(address: str) -> dict[str, str] | None:
    """What a failed sign-in's audit event keeps besides its address: the network it is
    counted under (an IPv6 /64, the IPv4 address inside an IPv6 one, or the address)."""
    return {"network": network_of(address)} if address else None


def recent_failures_from(network: str) -> int:
    """Failed sign-ins from one network (see :func:`network_of`) in the last hour, on any
    account; read through the (action, network, at) index of the audit trail."""
    if not network:
        return 0
    return AuditEvent.objects.filter(
        action=LOGIN_FAILED, new__network=network, at__gte=_hour_ago()
    ).count()


@dataclass(frozen=True)
class Block:
    """Why sign-ins are refused: too many failures on the account or from the address."""

    kind: str  # "account" or "address"
    key: str
    reason: str


def block_for(request: HttpRequest | None, username: str | None) -> Block | None:
    if username and recent_failures(username) >= settings.LOGIN_FAILURE_LIMIT:
        limit = settings.LOGIN_FAILURE_LIMIT
        return Block("account", account_key(username), f"{limit} failed sign-ins within an hour")
    network = network_of(client_ip(request))
    if recent_failures_from(network) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
        return Block("address", network, f"{limit} failed sign-ins from {network} within an hour")
    return None


def _refuse(request: HttpRequest | None, block: Block) -> None:
    """Log every blocked attempt; audit the first of each hour only, so that a flood of
    attempts cannot flood the audit trail."""
    log.warning(
        "sign-in blocked after too many failures", extra={"block": block.kind, "key": block.key}
    )
    already = AuditEvent.objects.filter(
        action=LOGIN_BLOCKED, object_type=block.kind, object_id=block.key, at__gte=_hour_ago()
    ).exists()
    if not already:
        record(
            LOGIN_BLOCKED,
            object_type=block.kind,
            object_id=block.key,
            object_repr=block.key,
            reason=block.reason,
            request=request,
        )
    if request is not None:
        request.login_blocked = block.kind  # type: ignore[attr-defined]
    raise PermissionDenied(f"Too many failed sign-ins for this {block.kind}.")


class ThrottledModelBackend(ModelBackend):
    """Django's password check, refused outright after too many failures.

    After ``LOGIN_FAILURE_LIMIT`` failed sign-ins on an account within an hour, or
    ``LOGIN_ADDRESS_FAILURE_LIMIT`` from one network address on any accounts, every further
    attempt on that account or from that address, right password or not, is blocked and
    logged (and audited once an hour) until the oldest failure is an hour old.
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
        block = block_for(request, username)
        if block is not None:
            _refuse(request, block)
        return super().authenticate(request, username=username, password=password, **kwargs)
