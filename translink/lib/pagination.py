"""Page-numbered API lists.

``?page=N`` answers ``{"items": [...], "count": N, "page": N, "pages": N}``; the count is
of what the caller may see, never of the whole table. A page past the last one has no
items.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 1_000_000  # far past any list; larger numbers are refused, not sent to SQL


class PageNumbers(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description="Page number, from 1.")

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        pages: int

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Input, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        size = settings.API_PAGE_SIZE
        count = queryset.count()
        start = (pagination.page - 1) * size
        return {
            # Past the last page: no items, and count and pages say where the list ends.
            "items": list(queryset[start : start + size]) if start < count else [],
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
        }
