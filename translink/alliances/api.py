"""API: alliances, gate reviews (scores, signed decisions), gates and figures; agreements and
funding are in ``agreement_api`` under the same prefix."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from translink.accounts.models import Organization, Role, User
from translink.accounts.policy import (
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
    visible,
)
from translink.alliances import actions, figures, queries
from translink.alliances.actions import SIGNATURE_MEANING
from translink.alliances.agreement_api import named_visible
from translink.alliances.agreement_api import router as agreement_router
from translink.alliances.models import (
    STAGE_ORDER,
    Alliance,
    Decision,
    GateCriteria,
    Member,
    Review,
    Score,
    Stage,
)
from translink.alliances.walls import ALLIANCE_STAFF, sees_gates
from translink.lib.pagination import PageNumbers
from translink.market.models import Introduction, Need
from translink.people.models import FocusArea, Researcher

router = Router(tags=["alliances"])
router.add_router("", agreement_router)
STAFF = tuple(ALLIANCE_STAFF)


def _user(context: dict[str, Any]) -> Any:
    return context["request"].user


class AllianceOut(Schema):
    id: int
    title: str
    problem_statement: str
    focus_area: str
    stage: str
    status: str
    started_on: date
    stage_entered_on: date
    partners: list[str] = Field(
        ..., description="The partners you may name: a company sees itself."
    )

    @staticmethod
    def resolve_partners(obj: Alliance, context: dict[str, Any]) -> list[str]:
        return [p.name for p in queries.partners_of(_user(context), obj)]


class AllianceIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    problem_statement: str = Field(..., min_length=10, max_length=10000)
    focus_area: FocusArea
    stage: Stage = Stage.BASIC_RESEARCH
    lead_id: int
    co_investigator_ids: list[int] = Field(..., min_length=1)
    partner_ids: list[int] = Field(default_factory=list)
    origin_introduction_id: int | None = Field(None, description="The introduction it came from.")
    origin_need_id: int | None = Field(None, description="The industry need it answers.")


class MemberOut(Schema):
    researcher_id: int
    name: str = Field(..., alias="researcher.full_name")
    role: str


class ReviewOut(Schema):
    id: int
    alliance_id: int
    from_stage: str
    to_stage: str
    status: str
    opened_at: datetime
    due_on: date | None
    weights: dict[str, int]


class ReviewIn(Schema):
    council_ids: list[int] = Field(..., min_length=1)
    due_on: date | None = None


class ScoreIn(Schema):
    scientific_merit: int = Field(..., ge=1, le=5)
    clinical_need: int = Field(..., ge=1, le=5)
    market_pull: int = Field(..., ge=1, le=5)
    feasibility: int = Field(..., ge=1, le=5)
    team: int = Field(..., ge=1, le=5)
    comment: str = Field("", max_length=5000)
    member_id: int | None = Field(
        None, description="Staff only: the council member whose scores on paper you enter."
    )


class ScoreOut(Schema):
    id: int
    member_id: int
    scientific_merit: int
    clinical_need: int
    market_pull: int
    feasibility: int
    team: int
    comment: str
    weighted: Decimal

    @staticmethod
    def resolve_weighted(obj: Score) -> Decimal:
        return obj.weighted(obj.review.weights)


class DecisionIn(Schema):
    outcome: Decision.Outcome
    rationale: str = Field(..., min_length=1, max_length=10000)
    password: str = Field(..., description="Your password: re-entered, it signs the decision.")
    meaning: str = Field(SIGNATURE_MEANING, min_length=1, max_length=200)


class SignatureOut(Schema):
    signer_name: str
    signed_at: datetime
    meaning: str
    content_hash: str
    valid: bool = Field(..., description="False once the signed content has changed.")

    @staticmethod
    def resolve_valid(obj: Any) -> bool:
        return bool(obj.is_valid())


class DecisionOut(Schema):
    id: int
    review_id: int
    outcome: str
    rationale: str
    decided_at: datetime
    signature: SignatureOut | None = None

    @staticmethod
    def resolve_signature(obj: Decision) -> Any:
        return getattr(obj, "signature", None)


class AmendIn(Schema):
    rationale: str = Field(..., min_length=1, max_length=10000)


class GateOut(Schema):
    stage: str
    criteria: str
    weights: dict[str, int]


class GateIn(Schema):
    stage: Stage
    criteria: str = Field(..., min_length=1, max_length=10000)
    weights: dict[str, int]


# --- alliances ------------------------------------------------------------------------------


@router.get("/alliances", response=list[AllianceOut])
@paginate(PageNumbers)
@signed_in()
def list_alliances(request: HttpRequest, stage: str = "", status: str = "") -> QuerySet[Alliance]:
    return queries.alliances(user_of(request), stage=stage, status=status).prefetch_related(
        "partners"
    )


@router.get("/alliances/{alliance_id}", response=AllianceOut)
@object_route(alliance_id=Alliance)
def get_alliance(request: HttpRequest, alliance_id: int) -> Alliance:
    return get_visible_or_404(user_of(request), Alliance, pk=alliance_id)


@router.get("/alliances/{alliance_id}/members", response=list[MemberOut])
@object_route(alliance_id=Alliance)
def list_members(request: HttpRequest, alliance_id: int) -> QuerySet[Member]:
    item = get_visible_or_404(user_of(request), Alliance, pk=alliance_id)
    return queries.members_of(user_of(request), item)


@router.post("/alliances", response={201: AllianceOut})
@signed_in(*STAFF)
def create_alliance(request: HttpRequest, payload: AllianceIn) -> Status[Alliance]:
    lead = named_visible(request, Researcher, [payload.lead_id], "lead_id")[0]
    others = named_visible(request, Researcher, payload.co_investigator_ids, "co_investigator_ids")
    partners = named_visible(request, Organization, payload.partner_ids, "partner_ids")
    members = [(lead, Member.Role.LEAD)] + [
        (r, Member.Role.CO_INVESTIGATOR) for r in others if r.pk != lead.pk
    ]
    introduction_id, need_id = payload.origin_introduction_id, payload.origin_need_id
    introduction = (
        named_visible(request, Introduction, [introduction_id], "origin_introduction_id")[0]
        if introduction_id is not None
        else None
    )
    need = named_visible(request, Need, [need_id], "origin_need_id")[0] if need_id else None
    item = actions.create_alliance(
        user_of(request), title=payload.title, problem_statement=payload.problem_statement,
        focus_area=payload.focus_area, stage=payload.stage, members=members, partners=partners,
        origin_introduction=introduction, origin_need=need,
    )  # fmt: skip
    return Status(201, item)


@router.post("/alliances/{alliance_id}/transferred", response=AllianceOut)
@object_route(roles=STAFF, alliance_id=Alliance)
def mark_transferred(request: HttpRequest, alliance_id: int) -> Alliance:
    """An alliance in the transfer stage has handed its work to the company: it is done."""
    item = get_visible_or_404(user_of(request), Alliance, pk=alliance_id)
    return actions.mark_transferred(user_of(request), item)


# --- reviews -------------------------------------------------------------------------------


@router.get("/reviews", response=list[ReviewOut])
@paginate(PageNumbers)
@signed_in()
def list_reviews(request: HttpRequest) -> QuerySet[Review]:
    return queries.reviews(user_of(request))


@router.post("/alliances/{alliance_id}/reviews", response={201: ReviewOut})
@object_route(roles=STAFF, alliance_id=Alliance)
def open_review(request: HttpRequest, alliance_id: int, payload: ReviewIn) -> Status[Review]:
    item = get_visible_or_404(user_of(request), Alliance, pk=alliance_id)
    council = list(User.objects.filter(pk__in=payload.council_ids, role=Role.COUNCIL))
    if len(council) != len(set(payload.council_ids)):
        raise ValidationError({"council_ids": "Each id must be a council member's."})
    review = actions.open_review(user_of(request), item, council=council, due_on=payload.due_on)
    return Status(201, review)


@router.get("/reviews/{review_id}", response=ReviewOut)
@object_route(review_id=Review)
def get_review(request: HttpRequest, review_id: int) -> Review:
    return get_visible_or_404(user_of(request), Review, pk=review_id)


@router.get("/reviews/{review_id}/scores", response=list[ScoreOut])
@object_route(review_id=Review)
def list_scores(request: HttpRequest, review_id: int) -> QuerySet[Score]:
    review = get_visible_or_404(user_of(request), Review, pk=review_id)
    return visible(user_of(request), Score).filter(review=review).select_related("review")


@router.post("/reviews/{review_id}/scores", response=ScoreOut)
@object_route(review_id=Review)
def score_review(request: HttpRequest, review_id: int, payload: ScoreIn) -> Score:
    user = user_of(request)
    review = get_visible_or_404(user, Review, pk=review_id)
    fields = payload.dict()
    member_id, comment = fields.pop("member_id"), fields.pop("comment")
    member = None
    if member_id is not None:
        if user.role not in ALLIANCE_STAFF:
            raise Http404
        member = review.council.filter(pk=member_id).first()
        if member is None:
            raise ValidationError({"member_id": "Not a council member of this review."})
    elif not actions.may_score(user, review):
        raise Http404  # seeing a review does not let one score it
    return actions.score_review(user, review, scores=fields, comment=comment, member=member)


@router.get("/reviews/{review_id}/decision", response=DecisionOut)
@object_route(review_id=Review)
def get_decision(request: HttpRequest, review_id: int) -> Decision:
    review = get_visible_or_404(user_of(request), Review, pk=review_id)
    decision = queries.decision_of(user_of(request), review)
    if decision is None:
        raise Http404
    return decision


@router.post("/reviews/{review_id}/decision", response={201: DecisionOut})
@object_route(roles=STAFF, review_id=Review)
def decide_review(request: HttpRequest, review_id: int, payload: DecisionIn) -> Status[Decision]:
    review = get_visible_or_404(user_of(request), Review, pk=review_id)
    decision = actions.decide_review(user_of(request), review, **payload.dict())
    return Status(201, decision)


@router.patch("/decisions/{decision_id}", response=DecisionOut)
@object_route(roles=STAFF, decision_id=Decision)
def amend_decision(request: HttpRequest, decision_id: int, payload: AmendIn) -> Decision:
    """Change the rationale of a signed decision: its signature no longer holds."""
    decision = get_visible_or_404(user_of(request), Decision, pk=decision_id)
    return actions.amend_decision(user_of(request), decision, rationale=payload.rationale)


@router.get("/gates", response=list[GateOut])
@signed_in()
def list_gates(request: HttpRequest) -> list[GateCriteria]:
    """The criteria and rubric weights of the gate into each stage after basic research."""
    if not sees_gates(user_of(request)):
        return []
    return [actions.criteria_for(stage) for stage in STAGE_ORDER[1:]]


@router.put("/gates", response=GateOut)
@signed_in(*STAFF)
def set_gate(request: HttpRequest, payload: GateIn) -> GateCriteria:
    """Set the criteria and rubric weights of the gate into ``stage``."""
    if payload.stage == Stage.BASIC_RESEARCH:
        raise ValidationError({"stage": "Basic research has no gate: alliances start there."})
    return actions.set_gate_criteria(
        user_of(request), stage=payload.stage, criteria=payload.criteria, weights=payload.weights
    )


@router.get("/figures")
@signed_in()
def key_figures(request: HttpRequest) -> dict[str, Any]:
    """Collaborations started per quarter, conversion between stages, median days in stage,
    median agreement cycle time, and funding committed and received, over what you may see."""
    return figures.key_figures(user_of(request), timezone.localdate())
