"""Pages: the researcher directory and the researcher profile (the start of the one record)."""

from __future__ import annotations

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.policy import get_visible_or_404, object_route, signed_in
from translink.audit.actions import record
from translink.lib.text import search_text
from translink.people import queries
from translink.people.models import FocusArea, Researcher


def _filters(request: HttpRequest) -> dict[str, str]:
    area = request.GET.get("area", "")
    return {
        "text": search_text(request.GET.get("q", "")),
        "focus_area": area if area in FocusArea.values else "",
        "department": search_text(request.GET.get("department", ""), 40),
    }


@signed_in()
def directory(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    page = Paginator(queries.researchers(request.user, **filters), 25).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "filters": filters,
        "focus_areas": FocusArea.choices,
        "departments": queries.departments(request.user),
    }
    template = "people/_directory_results.html" if request.htmx else "people/directory.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@object_route(pk=Researcher)
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    researcher = get_visible_or_404(request.user, Researcher, pk=pk)
    return render(
        request,
        "people/profile.html",
        {
            "researcher": researcher,
            "publications": queries.publications_of(request.user, researcher),
        },
    )


@signed_in()
def export_directory(request: HttpRequest) -> HttpResponse:
    """The visible directory as CSV; the export itself is an audit event."""
    filters = _filters(request)
    found = queries.researchers(request.user, **filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="researchers.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "title", "departments", "focus areas", "specialties", "publications"])
    count = 0
    for researcher in found:
        writer.writerow(
            [
                researcher.full_name,
                researcher.title,
                "; ".join(d.name for d in researcher.departments.all()),
                "; ".join(researcher.focus_area_labels()),
                "; ".join(researcher.specialties),
                researcher.publication_count,  # type: ignore[attr-defined]
            ]
        )
        count += 1
    record(
        "people.directory_exported",
        actor=request.user,
        object_type="people.researcher",
        new={"rows": count, **filters},
        request=request,
    )
    return response
