"""Page-numbered API lists.

``?page=N`` answers ``{"items": [...], "count": N, "page": N, "pages": N}``; the count is
of what the caller may see, never of the whole table.
"""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase


class PageNumbers(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, description="Page number, from 1.")

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
            "items": list(queryset[start : start + size]),
            "count": count,
            "page": pagination.page,
            "pages": max(1, math.ceil(count / size)),
        }
