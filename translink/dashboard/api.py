"""API: the dated duties of the caller's work (the home page's "Coming up"), through the wall."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from translink.accounts.policy import signed_in, user_of
from translink.dashboard.agenda import agenda

router = Router(tags=["agenda"])


class ItemOut(Schema):
    on: date = Field(..., description="The due date; for answers awaiting a decision, the "
                     "day the oldest arrived.")  # fmt: skip
    kind: str = Field(..., examples=["FDA deadline"])
    title: str
    url: str = Field(..., description="The page where it is done.")
    overdue: bool
    waiting: bool


class AgendaOut(Schema):
    total: int = Field(..., description="Every item due; `items` holds the first `limit`.")
    items: list[ItemOut]


@router.get("", response=AgendaOut)
@signed_in()
def coming_up(request: HttpRequest, limit: int = Query(50, ge=1, le=200)) -> dict[str, object]:
    items, total = agenda(user_of(request), timezone.localdate(), limit=limit)
    fields = ("on", "kind", "title", "url", "overdue", "waiting")
    return {"total": total, "items": [{f: getattr(i, f) for f in fields} for i in items]}
