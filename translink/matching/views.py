"""Pages: find experts for a need; the state of the matching index."""

from __future__ import annotations

from collections import Counter

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from translink.accounts.models import Role
from translink.accounts.policy import (
    MARKET_STAFF,
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
)
from translink.market.models import Asset, Need
from translink.matching import directions, index
from translink.matching.experts import experts_for
from translink.matching.forms import TeamForm
from translink.matching.team_service import propose_team
from translink.matching.teams import covers
from translink.people.models import Researcher


@object_route(pk=Need)
def need_experts(request: HttpRequest, pk: int) -> HttpResponse:
    """For alliance managers and for the company that posted the need."""
    user = user_of(request)
    need = get_visible_or_404(user, Need, pk=pk)
    if not (
        user.role in MARKET_STAFF
        or (user.role == Role.INDUSTRY and user.organization_id == need.company_id)
    ):
        raise Http404
    return render(
        request,
        "matching/experts.html",
        {"result": experts_for(user, need), "staff": user.role in MARKET_STAFF},
    )


@signed_in(*MARKET_STAFF)
def index_status(request: HttpRequest) -> HttpResponse:
    """How much of the meaning index is built; the page polls itself while work remains."""
    template = "matching/_status.html" if request.htmx else "matching/status.html"  # type: ignore[attr-defined]
    return render(request, template, {"status": index.status()})


@object_route(pk=Researcher)
def researcher_suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    """Loaded into the profile page: needs that fit (for the researcher and staff) and
    similar researchers (for the institute)."""
    user = user_of(request)
    researcher = get_visible_or_404(user, Researcher, pk=pk)
    own_or_staff = researcher.user_id == user.pk or user.role in MARKET_STAFF
    context = {
        "needs": directions.needs_for(user, researcher) if own_or_staff else [],
        "similar": directions.similar_researchers(user, researcher)
        if user.organization.is_institute
        else [],
    }
    return render(request, "matching/_suggestions.html", context)


@object_route(pk=Asset, roles=tuple(MARKET_STAFF))
def asset_companies(request: HttpRequest, pk: int) -> HttpResponse:
    """Loaded into the asset page for alliance managers: companies whose needs resemble it."""
    user = user_of(request)
    asset = get_visible_or_404(user, Asset, pk=pk)
    return render(
        request, "matching/_companies.html", {"companies": directions.companies_for(user, asset)}
    )


@signed_in(*MARKET_STAFF)
def team_builder(request: HttpRequest) -> HttpResponse:
    """Alliance managers describe a problem and get the best cross-departmental team."""
    form = TeamForm(request.GET or None)
    context: dict[str, object] = {"form": form}
    if request.GET and form.is_valid():
        proposal, people = propose_team(user_of(request), **form.cleaned_data)
        teams = [("Exact (CP-SAT)", proposal.optimal), ("Greedy baseline", proposal.greedy)]
        context["proposal"] = proposal
        context["teams"] = [
            {
                "label": label,
                "total": team.total_affinity,
                "members": [(people[m.key], m) for m in team.members],
            }
            for label, team in teams
            if team is not None
        ]
        held = Counter(s for r in people.values() for s in r.specialties)
        unmet = [
            asked
            for asked in form.cleaned_data["required"]
            if not any(covers(asked, specialty) for specialty in held)
        ]
        if proposal.optimal is None and unmet:
            # What the best-matching researchers do hold, most common first: words to try.
            context["held"] = [name for name, _ in held.most_common(12)]
    return render(
        request, "matching/team.html", context, status=422 if request.GET and form.errors else 200
    )
