"""API: the unit's studies, its calendar (anonymous where the wall says so), capacity
quotes, booking, safety-review outcomes and planner runs."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time.

from datetime import date
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import StrictBool, StrictInt

from translink.accounts.models import Organization, Role
from translink.accounts.policy import (
    REGULATORY_VIEWERS,
    get_visible_or_404,
    object_route,
    signed_in,
    user_of,
    visible,
)
from translink.alliances.models import Alliance
from translink.lib.pagination import PageNumbers
from translink.people.models import Researcher
from translink.regulatory.models import Ind
from translink.tcrc import (
    actions,
    bed_service,
    closing,
    cohort_changes,
    queries,
    records,
    staffing,
)
from translink.tcrc.forms import QuoteForm
from translink.tcrc.instances import UnitInstance
from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, PlanRun, Study, Unit
from translink.tcrc.walls import COORDINATORS, UNIT_STAFF, UNIT_VIEWERS

router = Router(tags=["tcrc"])


class CohortOut(Schema):
    id: int
    part: str
    sequence: int
    participants: int
    sentinels: int
    standby: int
    nights: int
    telemetry: bool
    status: str
    dose_day: date | None
    discharge_day: date | None

    @staticmethod
    def resolve_discharge_day(cohort: Cohort) -> date | None:
        return cohort.discharge_day()


class StudyOut(Schema):
    id: int
    protocol_number: str
    title: str
    phase: str
    status: str
    sponsor_id: int
    ind_id: int | None = Field(None, description="Present where you may see the IND.")
    alliance_id: int | None = Field(None, description="Present where you may see the alliance.")
    refusal: str = Field(..., description="Why the planner does not dose it (its IND), if so.")
    cohorts: list[CohortOut]

    @staticmethod
    def resolve_cohorts(study: Study) -> list[Cohort]:
        return list(study.cohorts.all())

    @staticmethod
    def resolve_ind_id(study: Study, context: dict[str, Any]) -> int | None:
        return _if_visible(context, Ind, study.ind_id)

    @staticmethod
    def resolve_alliance_id(study: Study, context: dict[str, Any]) -> int | None:
        return _if_visible(context, Alliance, study.alliance_id)


def _if_visible(context: dict[str, Any], model: type[Model], pk: int | None) -> int | None:
    """The id of a linked record, only for a caller who may see that record."""
    if pk is None:
        return None
    return pk if visible(user_of(context["request"]), model).filter(pk=pk).exists() else None


class StayOut(Schema):
    bed: str
    first_night: date
    nights: int
    study_id: int | None = Field(None, description="Only for studies the caller may see.")
    cohort_id: int | None = None
    participant: str | None = Field(None, description="A pseudonymous code, never a name.")


class QuoteIn(Schema):
    cohorts: int = Field(..., ge=1, le=12)
    participants: int = Field(..., ge=1, le=18)
    sentinels: int = Field(2, ge=0, le=4)
    standby: int = Field(1, ge=0, le=4)
    nights: int = Field(..., ge=1, le=30)
    review_gap_days: int = Field(7, ge=0, le=60)
    telemetry: bool = False
    scan_days: list[int] = Field(default_factory=list, max_length=10)
    earliest: date


class StudyRequestIn(QuoteIn):
    protocol_number: str = Field(..., max_length=60)
    title: str = Field(..., max_length=300)
    sponsor_id: int | None = Field(
        None, description="The sponsoring company: a coordinator names it; a company is its own."
    )


class LimitOut(Schema):
    resource: str = Field(..., description='"beds", "admissions", "nurses (day shift)", ...')
    needed: int
    available: int
    message: str


class QuoteOut(Schema):
    fits: bool
    start: date | None
    finish: date | None
    blocked: dict[str, list[date]] = Field(..., description="Resource -> the days it overflows.")
    seconds: float
    overtime_start: date | None = Field(
        None, description="The earlier first dosing day paid nurse overtime would allow."
    )
    overtime_finish: date | None = None
    limits: list[LimitOut] = Field(
        default_factory=list,
        description="What no date can cure: a cohort needs more than the unit ever has.",
    )
    partial_cohorts: int = Field(
        0, description="When it does not fit: how many of the first cohorts do."
    )
    partial_start: date | None = None
    partial_finish: date | None = None


class ReviewOutcomeIn(Schema):
    cohort_id: int
    outcome: Literal["repeat", "add", "stop"]


class TrialEventIn(Schema):
    event: Literal["first_enrolled", "primary_completed"]
    on: date


class ObligationOut(Schema):
    id: int
    rule: str
    title: str
    citation: str
    version: str
    due: date
    status: str


class PlanRunOut(Schema):
    id: int
    state: str
    reason: str
    status: str
    cohorts: int
    placed: int
    greedy_placed: int
    objective: int | None
    bound: int | None
    gap: float | None
    message: str


@router.get("/studies", response=list[StudyOut])
@paginate(PageNumbers)
@signed_in(*UNIT_VIEWERS)
def list_studies(request: HttpRequest) -> QuerySet[Study]:
    return visible(user_of(request), Study).prefetch_related("cohorts")


@router.get("/studies/{study_id}", response=StudyOut)
@object_route(study_id=Study)
def get_study(request: HttpRequest, study_id: int) -> Study:
    return get_visible_or_404(user_of(request), Study, pk=study_id)


@router.get("/calendar", response=list[StayOut])
@signed_in(*UNIT_VIEWERS)
def unit_calendar(request: HttpRequest, days: int = 182) -> list[StayOut]:
    """Every stay from today on; others' studies as anonymous busy beds."""
    user, today = user_of(request), timezone.localdate()
    unit = visible(user, Unit).first()
    if unit is None:
        return []
    stays, shown = queries.calendar_stays(user, unit, today, min(max(days, 1), 366))
    found = []
    for stay in stays:
        mine = stay.cohort_id in shown
        found.append(
            StayOut(
                bed=stay.bed.code,
                first_night=stay.first_night,
                nights=stay.nights,
                study_id=stay.cohort.study_id if mine else None,
                cohort_id=stay.cohort_id if mine else None,
                participant=stay.participant if mine else None,
            )
        )
    return found


@router.post("/studies", response={201: StudyOut})
@signed_in(*COORDINATORS, Role.INDUSTRY)
def request_study(request: HttpRequest, payload: StudyRequestIn) -> Status[Study]:
    """Ask the unit for a study described as a quote is: it is requested, for the
    coordinators to plan and book."""
    user = user_of(request)
    unit = visible(user, Unit).first()
    if unit is None:
        raise Http404
    fields = payload.dict(exclude={"protocol_number", "title", "sponsor_id"})
    form = QuoteForm({**fields, "scan_days": ", ".join(map(str, payload.scan_days))})
    form.horizon_days = unit.horizon_days
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    sponsor = None
    if payload.sponsor_id is not None and user.role != Role.INDUSTRY:
        sponsor = (
            visible(user, Organization)
            .filter(kind=Organization.Kind.COMPANY, pk=payload.sponsor_id)
            .first()
        )
        if sponsor is None:
            raise ValidationError({"sponsor_id": "No such company."})
    study = actions.request_study(
        user, unit, protocol_number=payload.protocol_number, title=payload.title,
        cohorts=form.cohorts_described(), sponsor=sponsor,
    )  # fmt: skip
    return Status(201, study)


class ClosureOut(Schema):
    id: int
    day: date
    kind: str
    reason: str


class ClosureIn(Schema):
    first: date
    last: date | None = None
    kind: Literal["holiday", "closed"] = "closed"
    reason: str = Field("", max_length=200)


class ClosingOut(Schema):
    closed: list[ClosureOut]
    moved_cohorts: list[int] = Field(
        description="Planned cohorts of requested studies on those days"
    )
    run_id: int | None = Field(description="The re-plan queued to move them")


@router.get("/closures", response=list[ClosureOut])
@signed_in(*UNIT_VIEWERS)
def list_closures(request: HttpRequest) -> QuerySet[Closure]:
    """The unit's closed days from today on."""
    return visible(user_of(request), Closure).filter(day__gte=timezone.localdate())


@router.post("/closures", response={201: ClosingOut})
@signed_in(*COORDINATORS)
def close_days(request: HttpRequest, payload: ClosureIn) -> Status[ClosingOut]:
    """Close days ahead; refused, naming the cohort and day, where booked stays use them."""
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    done = closing.close_days(user_of(request), unit, **payload.dict())
    return Status(
        201,
        ClosingOut(
            closed=[ClosureOut.from_orm(c) for c in done.closures],
            moved_cohorts=[c.pk for c in done.moved],
            run_id=None if done.run is None else done.run.pk,
        ),
    )


@router.delete("/closures/{closure_id}", response={204: None})
@object_route(closure_id=Closure, roles=tuple(COORDINATORS))
def reopen_day(request: HttpRequest, closure_id: int) -> Status[None]:
    closure = get_visible_or_404(user_of(request), Closure, pk=closure_id)
    closing.reopen_day(user_of(request), closure)
    return Status(204, None)


class BedOut(Schema):
    id: int
    code: str
    room: str
    telemetry: bool
    retired_from: date | None = Field(None, description="Taken away for good from this night")


class BedIn(Schema):
    code: str = Field(description="As on the bed, such as 10A", max_length=20)
    room: str = Field(max_length=40)
    telemetry: StrictBool = False


class BedChangeIn(Schema):
    telemetry: StrictBool


class BedChangedOut(BedOut):
    moved_cohorts: list[int] = Field(
        description="Planned cohorts of requested studies that no longer fit"
    )
    displaced_stays: int = Field(description="Planned stays needing telemetry in the bed")
    run_id: int | None = Field(description="The re-plan queued for them")


@router.get("/beds", response=list[BedOut])
@signed_in(*UNIT_STAFF)
def list_beds(request: HttpRequest) -> QuerySet[Bed]:
    return visible(user_of(request), Bed)


@router.post("/beds", response={201: BedOut})
@signed_in(*COORDINATORS)
def add_bed(request: HttpRequest, payload: BedIn) -> Status[Bed]:
    """Add a bed; the next plan may use it."""
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    return Status(201, bed_service.add_bed(user_of(request), unit, **payload.dict()))


@router.patch("/beds/{bed_id}", response=BedChangedOut)
@object_route(bed_id=Bed, roles=tuple(COORDINATORS))
def change_bed(request: HttpRequest, bed_id: int, payload: BedChangeIn) -> BedChangedOut:
    """Fit telemetry or take it away; refused, naming the cohorts and days, where booked
    or running stays need it."""
    bed = get_visible_or_404(user_of(request), Bed, pk=bed_id)
    done = bed_service.set_telemetry(user_of(request), bed, payload.telemetry)
    return BedChangedOut(
        id=done.bed.pk,
        code=done.bed.code,
        room=done.bed.room,
        telemetry=done.bed.telemetry,
        retired_from=done.bed.retired_from,
        moved_cohorts=[c.pk for c in done.moved],
        displaced_stays=done.displaced,
        run_id=None if done.run is None else done.run.pk,
    )


class BedRetiredOut(Schema):
    code: str
    removed: bool = Field(description="Nothing was ever planned in it: removed outright")
    retired_from: date | None = Field(description="Else the first night it is gone")
    moved_cohorts: list[int] = Field(
        description="Planned cohorts of requested studies that no longer fit"
    )
    displaced_stays: int = Field(description="Planned stays in the bed from then on")
    run_id: int | None = Field(description="The re-plan queued for them")


@router.delete("/beds/{bed_id}", response=BedRetiredOut)
@object_route(bed_id=Bed, roles=tuple(COORDINATORS))
def retire_bed(request: HttpRequest, bed_id: int, retired_from: date | None = None) -> Any:
    """Take a bed away for good from the night of ``retired_from`` (tonight if left out);
    refused, naming the cohorts and nights, where booked or running stays need it."""
    bed = get_visible_or_404(user_of(request), Bed, pk=bed_id)
    done = bed_service.retire(user_of(request), bed, retired_from)
    return BedRetiredOut(
        code=done.code,
        removed=done.removed,
        retired_from=done.retired_from,
        moved_cohorts=[c.pk for c in done.moved],
        displaced_stays=done.displaced,
        run_id=None if done.run is None else done.run.pk,
    )


class BedOutageOut(Schema):
    id: int
    bed: str = Field(validation_alias="bed.code")
    first_night: date
    last_night: date
    reason: str


class BedOutageIn(Schema):
    bed: str | None = Field(
        None, description="The bed's code, such as R1-1", min_length=1, max_length=20
    )
    room: str | None = Field(
        None, description="Or a room: all its beds go out together", min_length=1, max_length=40
    )
    first: date = Field(description="The first night out of service")
    last: date | None = Field(None, description="The last night (the first alone if left out)")
    reason: str = Field("", max_length=200)


class TakenOutOut(Schema):
    outage: BedOutageOut = Field(description="The bed's outage (a room's first bed's)")
    outages: list[BedOutageOut] = Field(description="One for each bed taken out")
    moved_cohorts: list[int] = Field(
        description="Planned cohorts of requested studies that no longer fit"
    )
    displaced_stays: int = Field(description="Planned stays in the bed on those nights")
    run_id: int | None = Field(description="The re-plan queued for them")


@router.get("/bed-outages", response=list[BedOutageOut])
@signed_in(*UNIT_STAFF)
def list_bed_outages(request: HttpRequest) -> QuerySet[BedOutage]:
    """Beds out of service from tonight on."""
    return (
        visible(user_of(request), BedOutage)
        .filter(last_night__gte=timezone.localdate())
        .select_related("bed")
    )


@router.post("/bed-outages", response={201: TakenOutOut})
@signed_in(*COORDINATORS)
def take_bed_out(request: HttpRequest, payload: BedOutageIn) -> Status[TakenOutOut]:
    """Take a bed, or every bed of a room, out of service; refused, naming the cohorts and
    nights, where booked or running stays would lack beds."""
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    done = bed_service.take_out(user_of(request), unit, **payload.dict())
    return Status(
        201,
        TakenOutOut(
            outage=done.outage,  # type: ignore[arg-type]  # read by the schema from the model
            outages=done.outages,  # type: ignore[arg-type]
            moved_cohorts=[c.pk for c in done.moved],
            displaced_stays=done.displaced,
            run_id=None if done.run is None else done.run.pk,
        ),
    )


@router.delete("/bed-outages/{outage_id}", response={204: None})
@object_route(outage_id=BedOutage, roles=tuple(COORDINATORS))
def put_bed_back(request: HttpRequest, outage_id: int) -> Status[None]:
    """The bed is back in service from tonight (an outage under way ends last night)."""
    outage = get_visible_or_404(user_of(request), BedOutage, pk=outage_id)
    bed_service.put_back(user_of(request), outage)
    return Status(204, None)


class CapacitiesOut(Schema):
    admissions_weekday: int
    admissions_weekend: int
    scanner_slots_weekday: int
    nurses_weekday_day: int
    nurses_weekday_evening: int
    nurses_weekday_night: int
    nurses_weekend_day: int
    nurses_weekend_evening: int
    nurses_weekend_night: int
    skill_weekday_day: int
    skill_weekday_evening: int
    skill_weekday_night: int
    skill_weekend_day: int
    skill_weekend_evening: int
    skill_weekend_night: int
    nurse_overtime: int
    plan_seconds: int
    dosing_weekdays: list[int] = Field(
        description="Days of the week with dosing cover, Monday 0 to Sunday 6"
    )


SKILL_HELP = f"The highest skill level rostered on the shift: {staffing.skill_scale()}"


class CapacitiesIn(Schema):
    """Any of the capacities; those left out stay as they are."""

    admissions_weekday: int | None = Field(None, ge=0, le=10_000, strict=True)
    admissions_weekend: int | None = Field(None, ge=0, le=10_000, strict=True)
    scanner_slots_weekday: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekday_day: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekday_evening: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekday_night: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekend_day: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekend_evening: int | None = Field(None, ge=0, le=10_000, strict=True)
    nurses_weekend_night: int | None = Field(None, ge=0, le=10_000, strict=True)
    # Skill levels are checked by the action, which names the scale in its refusal.
    skill_weekday_day: int | None = Field(None, strict=True, description=SKILL_HELP)
    skill_weekday_evening: int | None = Field(None, strict=True, description=SKILL_HELP)
    skill_weekday_night: int | None = Field(None, strict=True, description=SKILL_HELP)
    skill_weekend_day: int | None = Field(None, strict=True, description=SKILL_HELP)
    skill_weekend_evening: int | None = Field(None, strict=True, description=SKILL_HELP)
    skill_weekend_night: int | None = Field(None, strict=True, description=SKILL_HELP)
    nurse_overtime: int | None = Field(None, ge=0, le=10_000, strict=True)
    plan_seconds: int | None = Field(None, ge=1, le=600, strict=True)
    dosing_weekdays: list[StrictInt] | None = Field(
        None, max_length=7, description="Days of the week with dosing cover, Monday 0 to Sunday 6"
    )


class CapacitiesChangedOut(CapacitiesOut):
    moved_cohorts: list[int] = Field(
        description="Planned cohorts of requested studies that no longer fit"
    )
    run_id: int | None = Field(description="The re-plan queued to move them")


@router.get("/capacities", response=CapacitiesOut)
@signed_in(*COORDINATORS)
def capacities(request: HttpRequest) -> Unit:
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    return unit


@router.patch("/capacities", response=CapacitiesChangedOut)
@signed_in(*COORDINATORS)
def change_capacities(request: HttpRequest, payload: CapacitiesIn) -> CapacitiesChangedOut:
    """Change capacities; refused by field where booked or running stays would not fit."""
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    values = payload.dict(exclude_none=True)
    outcome = staffing.update_capacities(user_of(request), unit, values)
    return CapacitiesChangedOut(
        **{name: getattr(unit, name) for name in staffing.LABELS},
        moved_cohorts=[c.pk for c in outcome.moved],
        run_id=None if outcome.run is None else outcome.run.pk,
    )


@router.post("/quotes", response=QuoteOut)
@signed_in(*UNIT_STAFF, Role.INDUSTRY)
def quote(request: HttpRequest, payload: QuoteIn) -> QuoteOut:
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    form = QuoteForm({**payload.dict(), "scan_days": ", ".join(map(str, payload.scan_days))})
    form.horizon_days = unit.horizon_days
    if not form.is_valid():
        raise ValidationError({field: list(errors) for field, errors in form.errors.items()})
    answer, built = actions.quote_study(unit, form.cohorts_described())
    return QuoteOut(
        fits=answer.fits,
        start=built.date(answer.start) if answer.start is not None else None,
        finish=built.date(answer.finish) if answer.finish is not None else None,
        blocked={k: [built.date(d) for d in v] for k, v in answer.blocked.items()},
        seconds=round(answer.seconds, 3),
        overtime_start=_date_or_none(built, answer.overtime_start),
        overtime_finish=_date_or_none(built, answer.overtime_finish),
        limits=[
            LimitOut(
                resource=limit.resource,
                needed=limit.needed,
                available=limit.available,
                message=actions.limit_sentence(limit),
            )
            for limit in answer.limits
        ],
        partial_cohorts=len(answer.partial),
        partial_start=_date_or_none(built, min(answer.partial.values(), default=None)),
        partial_finish=_date_or_none(built, answer.partial_finish),
    )


def _date_or_none(built: UnitInstance, day: int | None) -> date | None:
    return None if day is None else built.date(day)


class StudyRecordIn(Schema):
    """Any part of the study's record; null unlinks the investigator, IND or alliance."""

    title: str | None = Field(None, max_length=300)
    phase: str | None = Field(None, max_length=10)
    principal_investigator_id: int | None = None
    ind_id: int | None = Field(None, description="Regulatory staff and administrators only.")
    alliance_id: int | None = None
    nih_funded: StrictBool | None = None
    icmje_registration: StrictBool | None = None
    contract_registration: StrictBool | None = None


_RECORD_LINKS: dict[str, tuple[str, type[Model], str]] = {
    "principal_investigator_id": ("principal_investigator", Researcher, "No such researcher."),
    "ind_id": ("ind", Ind, "No such IND."),
    "alliance_id": ("alliance", Alliance, "No such alliance."),
}


@router.patch("/studies/{study_id}", response=StudyOut)
@object_route(study_id=Study, roles=tuple(records.RECORD_KEEPERS))
def change_record(request: HttpRequest, study_id: int, payload: StudyRecordIn) -> Study:
    """Title, phase, principal investigator, IND and alliance; an IND change on an open
    study re-plans the unit (a coordinator's at once)."""
    user = user_of(request)
    study = get_visible_or_404(user, Study, pk=study_id)
    values = payload.dict(exclude_unset=True)
    if "ind_id" in values and user.role not in REGULATORY_VIEWERS:
        raise ValidationError({"ind_id": "Regulatory staff link the IND."})
    for key, (name, model, missing) in _RECORD_LINKS.items():
        if key not in values:
            continue
        pk = values.pop(key)
        found = None if pk is None else visible(user, model).filter(pk=pk).first()
        if pk is not None and found is None:
            raise ValidationError({key: missing})
        values[name] = found
    try:
        records.change_record(user, study, values)
    except ValidationError as refused:  # named as the body names them
        names = {name: key for key, (name, _, _) in _RECORD_LINKS.items()}
        raise ValidationError(
            {names.get(field, field): said for field, said in refused.message_dict.items()}
        ) from None
    return get_visible_or_404(user, Study, pk=study_id)


class CohortChangeIn(Schema):
    """Any of a requested cohort's fields; those left out stay as they are."""

    participants: int | None = Field(None, ge=1, le=18, strict=True)
    sentinels: int | None = Field(None, ge=0, le=18, strict=True)
    sentinel_gap_days: int | None = Field(None, ge=0, le=14, strict=True)
    standby: int | None = Field(None, ge=0, le=18, strict=True)
    nights: int | None = Field(None, ge=1, le=60, strict=True)
    load: list[list[StrictInt]] | None = Field(
        None,
        description="One participant's [day, evening, night] nurse load on each stay day "
        "from admission, then discharge day: nights + 1 entries",
    )
    shift_skill: list[list[StrictInt]] | None = Field(
        None,
        description="The [day, evening, night] skill level each dosed participant needs on "
        "each stay day, laid out like load; [] for none beyond the dosing day",
    )
    scan_days: list[StrictInt] | None = None
    telemetry: bool | None = None
    high_risk: bool | None = None
    review_gap_days: int | None = Field(None, ge=0, le=365, strict=True)
    earliest: date | None = None
    latest: date | None = Field(
        None, description="The last day its first dose may be given; null clears it"
    )
    target: date | None = Field(None, description="null clears the target")
    priority: int | None = Field(None, ge=1, le=10, strict=True)


@router.patch("/cohorts/{cohort_id}", response={202: PlanRunOut, 200: CohortOut})
@object_route(cohort_id=Cohort, roles=tuple(COORDINATORS))
def change_cohort(request: HttpRequest, cohort_id: int, payload: CohortChangeIn) -> Any:
    """Refine a requested study's cohort; the unit is re-planned (202 with the run), or
    nothing changed (200 with the cohort)."""
    user = user_of(request)
    cohort = get_visible_or_404(user, Cohort, pk=cohort_id)
    values = payload.dict(exclude_unset=True)
    nulls = sorted(
        name for name, value in values.items() if value is None and name not in ("target", "latest")
    )
    if nulls:
        raise ValidationError(dict.fromkeys(nulls, "Send a value, or leave the field out."))
    run = cohort_changes.change_cohort(user, cohort, values)
    if run is None:
        return Status(200, cohort)
    return Status(202, run)


@router.post("/studies/{study_id}/book", response=StudyOut)
@object_route(study_id=Study, roles=tuple(COORDINATORS))
def book(request: HttpRequest, study_id: int) -> Study:
    study = get_visible_or_404(user_of(request), Study, pk=study_id)
    return actions.book_study(user_of(request), study)


@router.post("/studies/{study_id}/review-outcomes", response={202: PlanRunOut})
@object_route(study_id=Study, roles=tuple(COORDINATORS))
def review_outcome(
    request: HttpRequest, study_id: int, payload: ReviewOutcomeIn
) -> Status[PlanRun]:
    study = get_visible_or_404(user_of(request), Study, pk=study_id)
    cohort = get_visible_or_404(user_of(request), Cohort, pk=payload.cohort_id, study=study)
    return Status(202, actions.record_review_outcome(user_of(request), cohort, payload.outcome))


@router.post("/studies/{study_id}/trial-events", response={201: list[ObligationOut]})
@object_route(study_id=Study, roles=(*COORDINATORS, Role.REGULATORY))
def trial_event(request: HttpRequest, study_id: int, payload: TrialEventIn) -> Status[list[Any]]:
    """First enrollment or primary completion; answers the ClinicalTrials.gov obligations."""
    study = get_visible_or_404(user_of(request), Study, pk=study_id)
    return Status(
        201, actions.record_trial_event(user_of(request), study, payload.event, payload.on)
    )


@router.post("/plans", response={202: PlanRunOut})
@signed_in(*COORDINATORS)
def plan(request: HttpRequest) -> Status[PlanRun]:
    unit = visible(user_of(request), Unit).first()
    if unit is None:
        raise Http404
    return Status(
        202, actions.request_plan(user_of(request), unit, reason="Re-plan through the API")
    )


@router.get("/plans/{run_id}", response=PlanRunOut)
@object_route(run_id=PlanRun, roles=tuple(COORDINATORS))
def get_plan(request: HttpRequest, run_id: int) -> PlanRun:
    return get_visible_or_404(user_of(request), PlanRun, pk=run_id)
