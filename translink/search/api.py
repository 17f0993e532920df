"""API: search across researchers, publications, needs and assets, through the wall."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from translink.accounts.policy import signed_in, user_of
from translink.search.queries import search

router = Router(tags=["search"])


class Hit(Schema):
    id: int
    title: str


class GroupOut(Schema):
    kind: str
    count: int = Field(..., description="Matches you may see; hidden records are not counted.")
    items: list[Hit]


@router.get("", response=list[GroupOut])
@signed_in()
def search_all(
    request: HttpRequest, q: str = Query(..., min_length=1, max_length=200)
) -> list[dict[str, object]]:
    groups = search(user_of(request), q, per_kind=20)
    return [
        {
            "kind": g.kind.name,
            "count": g.count,
            "items": [{"id": r.pk, "title": str(r)} for r in g.items],
        }
        for g in groups
    ]
