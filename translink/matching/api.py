"""API: experts for a need, with the evidence."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema

from translink.accounts.models import Role
from translink.accounts.policy import (
    MARKET_STAFF,
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
)
from translink.market.models import Need
from translink.matching.experts import experts_for
from translink.matching.team_service import propose_team

router = Router(tags=["matching"])


class SupportOut(Schema):
    title: str
    year: int | None
    similarity: float
    shared_terms: list[str]


class ExpertOut(Schema):
    researcher_id: int
    name: str
    score: float
    explanation: str
    shared_terms: list[str]
    support: list[SupportOut]
    conflicts: list[str]


class ExpertsOut(Schema):
    need_id: int
    mode: str
    notice: str
    withheld_for_conflicts: int
    experts: list[ExpertOut]


@router.get("/needs/{need_id}/experts", response=ExpertsOut)
@object_route(need_id=Need)
def need_experts(request: HttpRequest, need_id: int) -> dict[str, Any]:
    user = user_of(request)
    need = get_visible_or_404(user, Need, pk=need_id)
    if not (
        user.role in MARKET_STAFF
        or (user.role == Role.INDUSTRY and user.organization_id == need.company_id)
    ):
        raise PermissionDenied("Experts are found for alliance managers and the need's company.")
    result = experts_for(user, need)
    return {
        "need_id": need.pk,
        "mode": result.mode,
        "notice": result.notice,
        "withheld_for_conflicts": result.withheld if user.role in MARKET_STAFF else 0,
        "experts": [
            {
                "researcher_id": e.researcher.pk,
                "name": e.researcher.full_name,
                "score": round(e.score, 4),
                "explanation": e.explanation,
                "shared_terms": list(e.shared_terms),
                "support": [
                    {
                        "title": s.title,
                        "year": s.year,
                        "similarity": round(s.similarity, 4),
                        "shared_terms": list(s.shared_terms),
                    }
                    for s in e.support
                ],
                "conflicts": list(e.conflicts),
            }
            for e in result.experts
        ],
    }


class TeamIn(Schema):
    problem: str = Field(..., min_length=3, max_length=4000)
    required: list[str] = Field(default_factory=list, max_length=20)
    size: int = Field(..., ge=1, le=12)
    min_departments: int = Field(2, ge=0, le=12)


class MemberOut(Schema):
    researcher_id: int
    name: str
    affinity: float
    covers: list[str]
    reason: str


class TeamOut(Schema):
    total_affinity: float
    members: list[MemberOut]


class ProposalOut(Schema):
    status: str
    reason: str
    optimal: TeamOut | None
    greedy: TeamOut | None


@router.post("/teams", response=ProposalOut)
@signed_in(*MARKET_STAFF)
def build_team(request: HttpRequest, payload: TeamIn) -> dict[str, Any]:
    proposal, people = propose_team(user_of(request), **payload.dict())

    def team(found: Any) -> dict[str, Any] | None:
        if found is None:
            return None
        return {
            "total_affinity": round(found.total_affinity, 4),
            "members": [
                {
                    "researcher_id": int(m.key),
                    "name": people[m.key].full_name,
                    "affinity": round(m.affinity, 4),
                    "covers": list(m.covers),
                    "reason": m.reason,
                }
                for m in found.members
            ],
        }

    return {
        "status": str(proposal.status),
        "reason": proposal.reason,
        "optimal": team(proposal.optimal),
        "greedy": team(proposal.greedy),
    }
