"""API: agreements (with their negotiation log) and funding (with milestones)."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from translink.accounts.models import Organization
from translink.accounts.policy import (
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
    visible,
)
from translink.alliances import agreement_actions, queries
from translink.alliances.models import (
    Agreement,
    Alliance,
    FundingCommitment,
    Milestone,
    NegotiationEntry,
)
from translink.alliances.walls import ALLIANCE_STAFF
from translink.lib.pagination import PageNumbers
from translink.market.models import Need
from translink.people.models import Researcher

router = Router(tags=["alliances"])
STAFF = tuple(ALLIANCE_STAFF)


def _user(context: dict[str, Any]) -> Any:
    return context["request"].user


def named_visible(request: HttpRequest, model: Any, ids: list[int], field: str) -> list[Any]:
    """Objects a body names by id: each must be one the caller may see, else ``field`` is
    refused (as unknown: an id the wall hides is not confirmed to exist)."""
    found = list(visible(user_of(request), model).filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise ValidationError({field: "Unknown id."})
    return found


class AgreementOut(Schema):
    id: int
    kind: str
    title: str
    company: str = Field(..., alias="company.name")
    status: str
    value: Decimal | None
    first_draft_on: date
    executed_on: date | None
    expires_on: date | None
    ended_on: date | None
    cycle_days: int | None
    alliance_id: int | None = Field(None, description="Present where you may see the alliance.")

    @staticmethod
    def resolve_alliance_id(obj: Agreement, context: dict[str, Any]) -> int | None:
        if obj.alliance_id is None:
            return None
        shown = visible(_user(context), Alliance).filter(pk=obj.alliance_id).exists()
        return obj.alliance_id if shown else None


class AgreementIn(Schema):
    kind: Agreement.Kind
    title: str = Field(..., min_length=3, max_length=200)
    company_id: int
    first_draft_on: date
    researcher_id: int | None = None
    alliance_id: int | None = None
    need_id: int | None = Field(
        None, description="For a CDA: the need it lets its researcher read."
    )
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    expires_on: date | None = None
    note: str = Field("", max_length=5000)


class AgreementStepIn(Schema):
    status: Agreement.Status
    on: date
    note: str = Field("", max_length=5000)


class MilestoneIn(Schema):
    title: str = Field(..., min_length=2, max_length=200)
    amount: Decimal = Field(..., gt=0, max_digits=14, decimal_places=2)
    due_on: date


class MilestoneOut(Schema):
    id: int
    title: str
    amount: Decimal
    due_on: date
    received_on: date | None


class FundingIn(Schema):
    alliance_id: int
    sponsor_id: int
    amount: Decimal = Field(..., gt=0, max_digits=14, decimal_places=2)
    starts_on: date
    ends_on: date
    milestones: list[MilestoneIn] = Field(default_factory=list)


class FundingOut(Schema):
    id: int
    alliance_id: int
    sponsor: str = Field(..., alias="sponsor.name")
    amount: Decimal
    received: Decimal
    starts_on: date
    ends_on: date
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_received(obj: FundingCommitment) -> Decimal:
        return queries.received(obj)

    @staticmethod
    def resolve_milestones(obj: FundingCommitment) -> list[Milestone]:
        return list(obj.milestones.all())


class ReceivedIn(Schema):
    on: date


class LogIn(Schema):
    on: date
    note: str = Field(..., min_length=1, max_length=5000)


class LogOut(Schema):
    id: int
    on: date
    note: str


# --- agreements and funding -------------------------------------------------------------------


@router.get("/agreements", response=list[AgreementOut])
@paginate(PageNumbers)
@signed_in()
def list_agreements(request: HttpRequest, kind: str = "", status: str = "") -> QuerySet[Agreement]:
    return queries.agreements(user_of(request), kind=kind, status=status)


@router.get("/agreements/{agreement_id}", response=AgreementOut)
@object_route(agreement_id=Agreement)
def get_agreement(request: HttpRequest, agreement_id: int) -> Agreement:
    return get_visible_or_404(user_of(request), Agreement, pk=agreement_id)


@router.post("/agreements", response={201: AgreementOut})
@signed_in(*STAFF)
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status[Agreement]:
    fields = payload.dict()
    company = named_visible(request, Organization, [fields.pop("company_id")], "company_id")[0]
    researcher_id, alliance_id = fields.pop("researcher_id"), fields.pop("alliance_id")
    need_id = fields.pop("need_id")
    need = named_visible(request, Need, [need_id], "need_id")[0] if need_id is not None else None
    researcher = (
        named_visible(request, Researcher, [researcher_id], "researcher_id")[0]
        if researcher_id is not None
        else None
    )
    alliance = (
        named_visible(request, Alliance, [alliance_id], "alliance_id")[0]
        if alliance_id is not None
        else None
    )
    item = agreement_actions.create_agreement(
        user_of(request),
        company=company,
        researcher=researcher,
        alliance=alliance,
        need=need,
        **fields,
    )
    return Status(201, item)


@router.post("/agreements/{agreement_id}/transitions", response=AgreementOut)
@object_route(roles=STAFF, agreement_id=Agreement)
def move_agreement(request: HttpRequest, agreement_id: int, payload: AgreementStepIn) -> Agreement:
    item = get_visible_or_404(user_of(request), Agreement, pk=agreement_id)
    return agreement_actions.move_agreement(user_of(request), item, **payload.dict())


@router.get("/agreements/{agreement_id}/log", response=list[LogOut])
@object_route(agreement_id=Agreement)
def list_log(request: HttpRequest, agreement_id: int) -> QuerySet[NegotiationEntry]:
    item = get_visible_or_404(user_of(request), Agreement, pk=agreement_id)
    return queries.log_of(user_of(request), item)


@router.post("/agreements/{agreement_id}/log", response={201: LogOut})
@object_route(roles=STAFF, agreement_id=Agreement)
def log_negotiation(
    request: HttpRequest, agreement_id: int, payload: LogIn
) -> Status[NegotiationEntry]:
    item = get_visible_or_404(user_of(request), Agreement, pk=agreement_id)
    entry = agreement_actions.log_negotiation(user_of(request), item, **payload.dict())
    return Status(201, entry)


@router.get("/funding", response=list[FundingOut])
@paginate(PageNumbers)
@signed_in()
def list_funding(request: HttpRequest) -> QuerySet[FundingCommitment]:
    return queries.funding(user_of(request))


@router.post("/funding", response={201: FundingOut})
@signed_in(*STAFF)
def commit_funding(request: HttpRequest, payload: FundingIn) -> Status[FundingCommitment]:
    alliance = named_visible(request, Alliance, [payload.alliance_id], "alliance_id")[0]
    sponsor = named_visible(request, Organization, [payload.sponsor_id], "sponsor_id")[0]
    item = agreement_actions.commit_funding(
        user_of(request), alliance=alliance, sponsor=sponsor, amount=payload.amount,
        starts_on=payload.starts_on, ends_on=payload.ends_on,
        milestones=[(m.title, m.amount, m.due_on) for m in payload.milestones],
    )  # fmt: skip
    return Status(201, item)


@router.post("/milestones/{milestone_id}/received", response=MilestoneOut)
@object_route(roles=STAFF, milestone_id=Milestone)
def receive_milestone(request: HttpRequest, milestone_id: int, payload: ReceivedIn) -> Milestone:
    item = get_visible_or_404(user_of(request), Milestone, pk=milestone_id)
    return agreement_actions.receive_milestone(user_of(request), item, on=payload.on)
