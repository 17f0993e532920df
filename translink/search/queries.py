"""Search through the wall: the engine proposes, the policy disposes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from translink.accounts.policy import visible
from translink.lib.text import search_text
from translink.search.documents import KINDS, Kind
from translink.search.engines import matching_ids


@dataclass(frozen=True)
class Group:
    kind: Kind
    items: list[Any]
    count: int


def search(
    user: Any, text: str, *, per_kind: int = 10, kinds: list[str] | None = None
) -> list[Group]:
    """For each kind, the records ``user`` may see that match ``text``, best first, and how
    many such records there are. Counts never include what the wall hides."""
    text = search_text(text)
    groups = []
    for kind in KINDS:
        if kinds and kind.name not in kinds:
            continue
        ids = matching_ids(kind.name, text)
        if not ids:
            groups.append(Group(kind, [], 0))
            continue
        allowed = visible(user, kind.model).filter(pk__in=ids).values_list("pk", flat=True)
        ranked = [pk for pk in ids if pk in set(allowed)]
        records = kind.model._default_manager.in_bulk(ranked[:per_kind])
        groups.append(Group(kind, [records[pk] for pk in ranked[:per_kind]], len(ranked)))
    return groups
