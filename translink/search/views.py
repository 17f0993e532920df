"""The search page: everything the reader may see, found by words, grouped by kind."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.policy import shows_company, signed_in, user_of
from translink.search.queries import search


@signed_in()
def results(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    groups = search(user_of(request), text) if text.strip() else []
    for group in groups:
        if group.kind.name == "need":
            for need in group.items:
                need.shown_company = (
                    need.company.name if shows_company(request.user, need) else None
                )
    template = "search/_results.html" if request.htmx else "search/results.html"  # type: ignore[attr-defined]
    return render(request, template, {"q": text, "groups": groups})
