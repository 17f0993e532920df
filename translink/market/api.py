"""API: needs, assets, answers, decisions, introductions and notifications."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from translink.accounts.models import Organization, Role
from translink.accounts.policy import (
    MARKET_STAFF,
    get_visible_or_404,
    may_see_need_detail,
    object_route,
    shows_company,
    signed_in,
    user_of,
    visible,
)
from translink.lib.pagination import PageNumbers
from translink.market import actions, queries
from translink.market.models import (
    Asset,
    Confidentiality,
    Interest,
    Introduction,
    Modality,
    Need,
    Notification,
    Offer,
    Stage,
    TherapeuticArea,
)
from translink.people.models import Researcher

router = Router(tags=["market"])


class NeedOut(Schema):
    id: int
    title: str
    summary: str
    company: str | None = Field(None, description="Absent when the need is anonymous to you.")
    confidential_detail: str | None = Field(None, description="Present only where you may read it.")
    therapeutic_area: str
    modality: str
    stage_sought: str
    offers: list[str]
    budget_min: int | None
    budget_max: int | None
    response_deadline: date | None
    confidentiality: str
    status: str

    @staticmethod
    def resolve_company(obj: Need, context: dict[str, Any]) -> str | None:
        return obj.company.name if shows_company(context["request"].user, obj) else None

    @staticmethod
    def resolve_confidential_detail(obj: Need, context: dict[str, Any]) -> str | None:
        return (
            obj.confidential_detail if may_see_need_detail(context["request"].user, obj) else None
        )


class NeedIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    summary: str = Field(..., min_length=10, max_length=5000)
    confidential_detail: str = Field("", max_length=20000)
    therapeutic_area: TherapeuticArea
    modality: Modality
    stage_sought: Stage
    offers: list[Offer] = Field(..., min_length=1)
    budget_min: int | None = Field(None, ge=0)
    budget_max: int | None = Field(None, ge=0)
    response_deadline: date | None = None
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    invited_researcher_ids: list[int] = Field(default_factory=list)


class AssetOut(Schema):
    id: int
    title: str
    summary: str
    stage: str
    readiness_level: int
    ip_status: str
    sought: list[str]
    status: str


class AssetIn(Schema):
    title: str = Field(..., min_length=3, max_length=200)
    summary: str = Field(..., min_length=10, max_length=5000)
    stage: Stage
    readiness_level: int = Field(..., ge=1, le=9)
    ip_status: Asset.IpStatus
    sought: list[Asset.Sought] = Field(..., min_length=1)
    status: Asset.Status = Asset.Status.OPEN


class AnswerIn(Schema):
    approach: str = Field(..., min_length=10, max_length=5000)
    experience: str = Field(..., min_length=10, max_length=5000)
    next_step: Interest.NextStep


class InterestOut(Schema):
    id: int
    need_id: int | None
    asset_id: int | None
    researcher_id: int | None
    company_id: int | None
    approach: str
    experience: str
    next_step: str
    status: str
    decision_reason: str
    created_at: datetime


class DecisionIn(Schema):
    accept: bool
    reason: str = Field("", max_length=2000)


class IntroductionIn(Schema):
    researcher_id: int
    company_id: int
    need_id: int | None = None
    reason: str = Field(..., min_length=5, max_length=2000)


class IntroductionOut(Schema):
    id: int
    researcher_id: int
    company_id: int
    need_id: int | None
    asset_id: int | None
    reason: str
    created_at: datetime


class NotificationOut(Schema):
    id: int
    text: str
    link: str
    created_at: datetime
    read_at: datetime | None


@router.get("/needs", response=list[NeedOut])
@paginate(PageNumbers)
@signed_in()
def list_needs(
    request: HttpRequest, q: str = "", area: str = "", modality: str = "", stage: str = ""
) -> QuerySet[Need]:
    return queries.needs(user_of(request), text=q, area=area, modality=modality, stage=stage)


@router.get("/needs/{need_id}", response=NeedOut)
@object_route(need_id=Need)
def get_need(request: HttpRequest, need_id: int) -> Need:
    return get_visible_or_404(user_of(request), Need, pk=need_id)


@router.post("/needs", response={201: NeedOut})
@signed_in(Role.INDUSTRY)
def post_need(request: HttpRequest, payload: NeedIn) -> Status[Need]:
    fields = payload.dict()
    invited_ids = fields.pop("invited_researcher_ids")
    invited = list(visible(user_of(request), Researcher).filter(pk__in=invited_ids))
    if len(invited) != len(set(invited_ids)):
        raise ValidationError({"invited_researcher_ids": "Unknown researcher."})
    return Status(201, actions.post_need(user_of(request), invited=invited, **fields))


@router.post("/needs/{need_id}/answers", response={201: InterestOut})
@object_route(need_id=Need)
def answer_need(request: HttpRequest, need_id: int, payload: AnswerIn) -> Status[Interest]:
    need = get_visible_or_404(user_of(request), Need, pk=need_id)
    return Status(201, actions.answer_need(user_of(request), need, **payload.dict()))


@router.get("/needs/{need_id}/answers", response=list[InterestOut])
@paginate(PageNumbers)
@object_route(need_id=Need)
def list_need_answers(request: HttpRequest, need_id: int) -> QuerySet[Interest]:
    need = get_visible_or_404(user_of(request), Need, pk=need_id)
    return queries.interests_on(user_of(request), need=need)


@router.get("/assets", response=list[AssetOut])
@paginate(PageNumbers)
@signed_in()
def list_assets(request: HttpRequest, q: str = "", stage: str = "") -> QuerySet[Asset]:
    return queries.assets(user_of(request), text=q, stage=stage)


@router.get("/assets/{asset_id}", response=AssetOut)
@object_route(asset_id=Asset)
def get_asset(request: HttpRequest, asset_id: int) -> Asset:
    return get_visible_or_404(user_of(request), Asset, pk=asset_id)


@router.post("/assets", response={201: AssetOut})
@signed_in(Role.RESEARCHER, *MARKET_STAFF)
def post_asset(request: HttpRequest, payload: AssetIn) -> Status[Asset]:
    return Status(201, actions.post_asset(user_of(request), **payload.dict()))


@router.post("/assets/{asset_id}/answers", response={201: InterestOut})
@object_route(asset_id=Asset)
def answer_asset(request: HttpRequest, asset_id: int, payload: AnswerIn) -> Status[Interest]:
    asset = get_visible_or_404(user_of(request), Asset, pk=asset_id)
    return Status(201, actions.answer_asset(user_of(request), asset, **payload.dict()))


@router.post("/answers/{interest_id}/decision", response=InterestOut)
@object_route(interest_id=Interest)
def decide(request: HttpRequest, interest_id: int, payload: DecisionIn) -> Interest:
    interest = get_visible_or_404(user_of(request), Interest, pk=interest_id)
    return actions.decide_interest(
        user_of(request), interest, accept=payload.accept, reason=payload.reason
    )


@router.get("/introductions", response=list[IntroductionOut])
@paginate(PageNumbers)
@signed_in()
def list_introductions(request: HttpRequest) -> QuerySet[Introduction]:
    return queries.introductions(user_of(request))


@router.post("/introductions", response={201: IntroductionOut})
@signed_in(*MARKET_STAFF)
def introduce(request: HttpRequest, payload: IntroductionIn) -> Status[Introduction]:
    researcher = get_visible_or_404(user_of(request), Researcher, pk=payload.researcher_id)
    company = get_visible_or_404(
        user_of(request), Organization, pk=payload.company_id, kind="company"
    )
    need = (
        get_visible_or_404(user_of(request), Need, pk=payload.need_id) if payload.need_id else None
    )
    made = actions.introduce(
        user_of(request),
        researcher=researcher,
        company=company,
        need=need,
        reason=payload.reason,
    )
    return Status(201, made)


@router.get("/notifications", response=list[NotificationOut])
@paginate(PageNumbers)
@signed_in()
def list_notifications(request: HttpRequest, unread: bool = False) -> QuerySet[Notification]:
    listed = visible(user_of(request), Notification)
    return listed.filter(read_at__isnull=True) if unread else listed


@router.post("/notifications/{notification_id}/read", response=NotificationOut)
@object_route(notification_id=Notification)
def read_notification(request: HttpRequest, notification_id: int) -> Notification:
    notification = get_visible_or_404(user_of(request), Notification, pk=notification_id)
    return actions.mark_read(user_of(request), notification)
