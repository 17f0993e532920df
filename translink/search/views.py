"""The search page: everything the reader may see, found by words, grouped by kind."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.policy import shows_company, signed_in, user_of, visible
from translink.people.models import Authorship, Researcher
from translink.search.documents import KINDS
from translink.search.queries import Group, search

PER_KIND = 9  # a screenful of each kind
ONE_KIND = 60  # when the reader asks for every match of one kind


@signed_in()
def results(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    text = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    only = [kind] if kind in {k.name for k in KINDS} else None
    groups = (
        search(user, text, per_kind=ONE_KIND if only else PER_KIND, kinds=only)
        if text.strip()
        else []
    )
    for group in groups:
        if group.kind.name == "need":
            for need in group.items:
                need.shown_company = need.company.name if shows_company(user, need) else None
        if group.kind.name == "publication":
            _attach_authors(user, group)
    template = "search/_results.html" if request.htmx else "search/results.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": text, "groups": groups, "only": only})


def _attach_authors(user: Any, group: Group) -> None:
    """Each paper's institute authors the reader may see, in byline order, to follow."""
    bylines = (
        Authorship.objects.filter(
            publication__in=group.items, researcher__in=visible(user, Researcher)
        )
        .select_related("researcher")
        .order_by("position")
    )
    by_paper: dict[int, list[Researcher]] = {}
    for authorship in bylines:
        by_paper.setdefault(authorship.publication_id, []).append(authorship.researcher)
    for paper in group.items:
        paper.shown_authors = by_paper.get(paper.pk, [])
