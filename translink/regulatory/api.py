"""API: INDs, their lifecycle steps, investigators, safety reports and obligations."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date, datetime

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from translink.accounts.policy import (
    get_visible_or_404,
    may_manage_ind,
    object_route,
    signed_in,
    user_of,
)
from translink.lib.pagination import PageNumbers
from translink.regulatory import actions, queries
from translink.regulatory.actions import Transition
from translink.regulatory.models import Ind, Investigator, Obligation, SafetyReport

router = Router(tags=["regulatory"])


class IndOut(Schema):
    id: int
    number: str
    product: str
    indication: str
    division: str
    status: str
    sponsor_investigator_id: int
    sponsor_company_id: int | None
    sent_on: date | None
    fda_received: date | None
    effective_by: date | None = Field(None, description="Day 30 after FDA's receipt (IND-01).")
    effective: date | None
    time_zone: str


class ObligationOut(Schema):
    id: int
    ind_id: int
    rule: str
    clock: str
    title: str
    citation: str
    version: str = Field(..., description="The rule table's version that computed it.")
    day0: date
    due: date
    submit_by: date | None
    status: str
    met_on: date | None
    owner_id: int | None


class TransitionIn(Schema):
    transition: Transition
    on: date
    number: str = Field("", max_length=20)
    received: date | None = None
    reason: str = Field("", max_length=2000)


class InvestigatorIn(Schema):
    name: str = Field(..., min_length=2, max_length=200)
    signed_1572: date


class InvestigatorOut(Schema):
    id: int
    ind_id: int
    name: str
    signed_1572: date


class SafetyReportIn(Schema):
    description: str = Field(..., min_length=3, max_length=5000)
    received_at: datetime
    qualified_at: datetime
    serious: bool
    unexpected: bool
    fatal_or_life_threatening: bool = False


class FollowUpIn(Schema):
    description: str = Field(..., min_length=3, max_length=5000)
    received_at: datetime = Field(
        ..., description="When sponsor staff received the new information."
    )
    reportable_at: datetime | None = Field(
        None,
        description="Only for an event first judged not reportable: when this information "
        "showed it is (IND-13).",
    )


class SafetyReportOut(Schema):
    id: int
    ind_id: int
    follows_id: int | None = Field(None, description="The initial report this follows up.")
    description: str
    received_at: datetime
    qualified_at: datetime
    serious: bool
    unexpected: bool
    fatal_or_life_threatening: bool


class MetIn(Schema):
    on: date


def _managed(request: HttpRequest, ind_id: int) -> Ind:
    """An IND the caller may change; one they only see answers as missing, like the rest."""
    ind = get_visible_or_404(user_of(request), Ind, pk=ind_id)
    if not may_manage_ind(user_of(request), ind):
        raise Http404
    return ind


@router.get("/inds", response=list[IndOut])
@paginate(PageNumbers)
@signed_in()
def list_inds(request: HttpRequest, status: str = "") -> QuerySet[Ind]:
    return queries.inds(user_of(request), status=status)


@router.get("/inds/{ind_id}", response=IndOut)
@object_route(ind_id=Ind)
def get_ind(request: HttpRequest, ind_id: int) -> Ind:
    return get_visible_or_404(user_of(request), Ind, pk=ind_id)


@router.post("/inds/{ind_id}/transitions", response=IndOut)
@object_route(ind_id=Ind)
def transition(request: HttpRequest, ind_id: int, payload: TransitionIn) -> Ind:
    ind = _managed(request, ind_id)
    fields = payload.dict()
    return actions.apply_transition(user_of(request), ind, fields.pop("transition"), **fields)


@router.get("/inds/{ind_id}/obligations", response=list[ObligationOut])
@paginate(PageNumbers)
@object_route(ind_id=Ind)
def list_ind_obligations(request: HttpRequest, ind_id: int) -> QuerySet[Obligation]:
    ind = get_visible_or_404(user_of(request), Ind, pk=ind_id)
    return queries.obligations_of(user_of(request), ind)


@router.post("/inds/{ind_id}/investigators", response={201: InvestigatorOut})
@object_route(ind_id=Ind)
def add_investigator(
    request: HttpRequest, ind_id: int, payload: InvestigatorIn
) -> Status[Investigator]:
    ind = _managed(request, ind_id)
    return Status(201, actions.add_investigator(user_of(request), ind, **payload.dict()))


@router.post("/inds/{ind_id}/safety-reports", response={201: SafetyReportOut})
@object_route(ind_id=Ind)
def record_safety_report(
    request: HttpRequest, ind_id: int, payload: SafetyReportIn
) -> Status[SafetyReport]:
    ind = _managed(request, ind_id)
    return Status(201, actions.record_safety_report(user_of(request), ind, **payload.dict()))


@router.get("/inds/{ind_id}/safety-reports", response=list[SafetyReportOut])
@paginate(PageNumbers)
@object_route(ind_id=Ind)
def list_safety_reports(request: HttpRequest, ind_id: int) -> QuerySet[SafetyReport]:
    ind = get_visible_or_404(user_of(request), Ind, pk=ind_id)
    return queries.all_safety_reports_of(user_of(request), ind)


@router.post("/safety-reports/{report_id}/followups", response={201: SafetyReportOut})
@object_route(report_id=SafetyReport)
def record_followup(
    request: HttpRequest, report_id: int, payload: FollowUpIn
) -> Status[SafetyReport]:
    report = get_visible_or_404(user_of(request), SafetyReport, pk=report_id)
    if not may_manage_ind(user_of(request), report.ind):
        raise Http404
    return Status(201, actions.record_followup(user_of(request), report, **payload.dict()))


@router.get("/obligations", response=list[ObligationOut])
@paginate(PageNumbers)
@signed_in()
def list_open_obligations(request: HttpRequest) -> QuerySet[Obligation]:
    return queries.open_obligations(user_of(request))


@router.post("/obligations/{obligation_id}/met", response=ObligationOut)
@object_route(obligation_id=Obligation)
def mark_met(request: HttpRequest, obligation_id: int, payload: MetIn) -> Obligation:
    obligation = get_visible_or_404(user_of(request), Obligation, pk=obligation_id)
    if not may_manage_ind(user_of(request), obligation.ind):
        raise Http404
    return actions.mark_met(user_of(request), obligation, on=payload.on)
