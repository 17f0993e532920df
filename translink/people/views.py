"""Pages: the researcher directory and the researcher profile (the start of the one record)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from translink.accounts.policy import (
    MARKET_STAFF,
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
    visible,
)
from translink.alliances.queries import busy_alliances
from translink.audit.actions import record
from translink.lib.forms import apply_errors
from translink.lib.text import search_text
from translink.market.models import Asset, Interest, Introduction
from translink.people import actions, queries
from translink.people.forms import DisclosureForm, ProfileForm
from translink.people.models import Disclosure, FocusArea, Researcher


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
    """The one record's start: profile, papers, and the researcher's part in the market."""
    user = user_of(request)
    researcher = get_visible_or_404(user, Researcher, pk=pk)
    editable = actions.may_edit_profile(user, researcher)
    form = DisclosureForm(request.POST or None)
    if request.method == "POST":
        if not editable:
            raise Http404
        if form.is_valid():
            try:
                actions.add_disclosure(user, researcher, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "The relationship was recorded.")
                return redirect("researcher", pk=researcher.pk)
    context = {
        "researcher": researcher,
        "publications": queries.publications_of(user, researcher),
        "disclosures": visible(user, Disclosure).filter(researcher=researcher),
        "assets": visible(user, Asset).filter(owners=researcher),
        "answers": visible(user, Interest).filter(researcher=researcher).select_related("need"),
        "introductions": visible(user, Introduction).filter(researcher=researcher),
        "editable": editable,
        "form": form if editable else None,
    }
    if user.role in MARKET_STAFF or researcher.user_id == user.pk:
        # How full their alliance load is: the institute's business, and their own.
        context["busy"] = busy_alliances(researcher)
    status = 422 if request.method == "POST" else 200
    return render(request, "people/profile.html", context, status=status)


@object_route(pk=Researcher)
def edit_profile(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    researcher = get_visible_or_404(user, Researcher, pk=pk)
    if not actions.may_edit_profile(user, researcher):
        raise Http404
    form = ProfileForm(request.POST or None, initial=ProfileForm.initial_for(researcher))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_profile(user, researcher, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The profile was saved.")
            return redirect("researcher", pk=researcher.pk)
    status = 422 if request.method == "POST" else 200
    context = {"researcher": researcher, "form": form}
    return render(request, "people/edit_profile.html", context, status=status)


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
