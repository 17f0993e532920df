"""The one way to write the audit trail."""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from translink.audit.chain import GENESIS, ChainReport, event_hash, verify
from translink.audit.models import AuditEvent, ChainHead

M = TypeVar("M", bound=models.Model)

STORED_FIELDS = (
    "number", "at", "actor_id", "actor_label", "action", "object_type", "object_id",
    "object_repr", "old", "new", "reason", "ip", "prev_hash", "hash",
)  # fmt: skip


def _plain(values: dict[str, Any] | None) -> dict[str, Any] | None:
    """Values as they will read back from a JSON column, so the hash survives the round trip."""
    if values is None:
        return None
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as plain values (foreign keys by id, many-to-many by ids)."""
    values: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.many_to_many:
            values[name] = sorted(related.pk for related in getattr(obj, name).all())
        elif field.is_relation:
            values[name] = getattr(obj, field.attname)  # type: ignore[union-attr]
        else:
            values[name] = getattr(obj, name)
    return values


def client_ip(request: HttpRequest | None) -> str:
    """The client's network address: REMOTE_ADDR, or behind ``PROXY_HOPS`` proxies the
    address the outermost one added to X-Forwarded-For (entries further left are whatever
    the client sent, so they are never trusted). A malformed entry falls back to
    REMOTE_ADDR."""
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))[:45]
    hops = settings.PROXY_HOPS
    if hops <= 0:
        return remote
    chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(chain) < hops:
        return remote
    return _address(chain[-hops]) or remote


def _address(entry: str) -> str:
    """An X-Forwarded-For entry as a plain address: ``1.2.3.4``, ``1.2.3.4:5678``,
    ``2001:db8::1`` or ``[2001:db8::1]:5678``; '' when it is none of these."""
    if entry.startswith("["):
        entry = entry[1:].split("]", 1)[0]
    elif entry.count(":") == 1:
        entry = entry.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(entry)
    except ValueError:
        return ""
    if getattr(address, "scope_id", None):
        return ""
    return str(address)[:45]


def record(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction when there is one."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:300]
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().get(pk=1)
        fields: dict[str, Any] = {
            "number": head.count + 1,
            "at": timezone.now(),
            "actor_id": actor_id,
            "actor_label": (actor.email if actor_id else "system")[:254],
            "action": action,
            "object_type": object_type,
            "object_id": object_id[:254],
            "object_repr": object_repr[:300],
            "old": _plain(old),
            "new": _plain(new),
            "reason": reason,
            "ip": client_ip(request),
            "prev_hash": head.last_hash,
        }
        fields["hash"] = event_hash(fields)
        event = AuditEvent.objects.create(**fields)
        head.count = fields["number"]
        head.last_hash = fields["hash"]
        head.save(update_fields=["count", "last_hash"])
    return event


def save_new(obj: M, *, action: str, actor: Any, fields: Iterable[str], reason: str = "") -> M:
    """Validate, insert and audit a new record in one transaction: the common case of a
    create action. The event's new values are ``fields`` as saved."""
    obj.full_clean()
    with transaction.atomic():
        obj.save()
        record(action, actor=actor, obj=obj, new=snapshot(obj, fields), reason=reason)
    return obj


def verify_chain() -> ChainReport:
    """Recompute every hash and link in order; name the first broken event."""
    # Events appended while we read belong to a later check: stop at the head as read now.
    head = ChainHead.objects.get(pk=1)
    rows = (
        AuditEvent.objects.filter(number__lte=head.count)
        .order_by("number")
        .values(*STORED_FIELDS)
        .iterator(chunk_size=2000)
    )
    return verify(rows, head.count, head.last_hash or GENESIS)


def anchor(report: ChainReport) -> str:
    """``NUMBER:HASH`` of the newest event an intact ``report`` verified ('' for none):
    kept outside the database, it proves later that no event up to it was rewritten."""
    if not report.intact or not report.checked:
        return ""
    last = AuditEvent.objects.filter(number=report.checked).values_list("hash", flat=True)
    return f"{report.checked}:{last.get()}"
