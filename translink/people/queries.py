"""Reads of researchers and publications, always through the wall."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from translink.accounts.policy import visible
from translink.lib.text import search_text
from translink.people.models import Department, Publication, Researcher


def researchers(
    user: Any, *, text: str = "", focus_area: str = "", department: str = ""
) -> QuerySet[Researcher]:
    """The researchers ``user`` may see, filtered by name or specialty, area and department."""
    text, department = search_text(text), search_text(department, 40)
    found = visible(user, Researcher).prefetch_related("departments")
    if text:
        found = found.filter(
            Q(full_name__icontains=text) | Q(specialties__icontains=text) | Q(bio__icontains=text)
        )
    if focus_area:
        found = found.filter(focus_areas__icontains=f'"{focus_area}"')
    if department:
        found = found.filter(departments__code=department)
    return found.annotate(publication_count=Count("authorships", distinct=True)).order_by(
        "full_name"
    )


def publications_of(user: Any, researcher: Researcher) -> QuerySet[Publication]:
    return (
        visible(user, Publication)
        .filter(authorships__researcher=researcher)
        .order_by("-year", "title")
    )


def departments(user: Any) -> QuerySet[Department]:
    """Departments with the number of their researchers this user may see."""
    seen = Q(researchers__in=visible(user, Researcher))
    counted = Count("researchers", filter=seen, distinct=True)
    return visible(user, Department).annotate(researcher_count=counted).order_by("name")
