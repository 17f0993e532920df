"""Pages of the unit: the calendar (Gantt chart and load charts), planner runs with their
progress, studies with booking and safety-review outcomes, capacity quotes, iCalendar."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

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
from translink.lib.forms import apply_errors, changes
from translink.lib.icalendar import DayEvent, feed
from translink.people.models import Researcher
from translink.regulatory.models import Ind, Obligation
from translink.tcrc import (
    actions,
    bed_service,
    charts,
    closing,
    cohort_changes,
    instances,
    queries,
    records,
    staffing,
)
from translink.tcrc.forms import (
    BedForm,
    BedOutageForm,
    BedRetireForm,
    CapacityForm,
    ClosureForm,
    CohortForm,
    QuoteForm,
    ReviewOutcomeForm,
    StudyRecordForm,
    StudyRequestForm,
    TrialEventForm,
)
from translink.tcrc.models import Bed, BedOutage, Closure, Cohort, PlanRun, Stay, Study, Unit
from translink.tcrc.solver.instance import SHIFTS
from translink.tcrc.solver.quote import HORIZON, Quote
from translink.tcrc.walls import COORDINATORS, UNIT_STAFF, UNIT_VIEWERS

QUOTE_ROLES = (*UNIT_STAFF, Role.INDUSTRY)
EVENT_ROLES = (*COORDINATORS, Role.REGULATORY)


def _unit(request: HttpRequest) -> Unit | None:
    return visible(user_of(request), Unit).first()


@signed_in(*UNIT_VIEWERS)
def unit_calendar(request: HttpRequest) -> HttpResponse:
    """Beds by day for everyone who may see the unit; the load charts for its staff."""
    user, today = user_of(request), timezone.localdate()
    unit = _unit(request)
    if unit is None:
        return render(request, "tcrc/calendar.html", {"unit": None})
    start, days = today, unit.horizon_days
    if user.role in UNIT_STAFF:
        start, days, series = charts.unit_series(unit, today)  # the plan's days from today
    stays, shown = queries.calendar_stays(user, unit, start, days)
    context = {
        "unit": unit,
        "gantt": charts.gantt(
            [bed for bed in unit.beds.all() if not bed.retired_from or bed.retired_from > start],
            stays,
            shown,
            start,
            days,
            today,
            _closures(unit, start, days),
            outages=[
                *bed_service.upcoming(unit, start),
                *instances.retirements(unit, start + timedelta(days=days)),
            ],
            reasons=user.role in UNIT_STAFF,
        ),
        "legend": charts.legend(stays, shown),
        "refused": visible(user, Study).filter(unit=unit).exclude(refusal=""),
        "conditional": visible(user, Study).filter(unit=unit).exclude(condition=""),
        "staff": user.role in UNIT_STAFF,
        "coordinator": user.role in COORDINATORS,
    }
    if user.role in UNIT_STAFF:
        context["series_start"], context["series"] = start, series
        context["run"] = PlanRun.objects.filter(unit=unit).first()
    return render(request, "tcrc/calendar.html", context)


def _closures(unit: Unit, start: date, days: int) -> dict[date, str]:
    found = unit.closures.filter(day__range=(start, start + timedelta(days=days)))
    return {c.day: c.reason or c.get_kind_display() for c in found}


@signed_in(*UNIT_VIEWERS)
def closures(request: HttpRequest) -> HttpResponse:
    """The days ahead the unit is closed or on holiday; coordinators close and reopen days."""
    user = user_of(request)
    unit = _unit(request)
    if request.method == "POST" and user.role not in COORDINATORS:
        raise PermissionDenied("Only the unit's coordinators close its days.")
    form = ClosureForm(request.POST or None)
    if unit is not None and request.method == "POST" and form.is_valid():
        try:
            done = closing.close_days(user, unit, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            closed = len(done.closures)
            said = f"{closed} day{'s' if closed != 1 else ''} closed."
            if done.run is not None:
                messages.success(request, said + _replanned(done.moved, "on them"))
                return redirect("plan_run", pk=done.run.pk)
            messages.success(request, f"{said} No planned stay used them.")
            return redirect("tcrc_closures")
    runs = [] if unit is None else closing.upcoming_runs(unit, timezone.localdate())
    context = {
        "unit": unit,
        "runs": runs,
        "form": form,
        "coordinator": user.role in COORDINATORS,
    }
    return render(request, "tcrc/closures.html", context, status=422 if form.errors else 200)


def _replanned(moved: list[Cohort], where: str = "", stays: int = 0) -> str:
    """Why a change re-plans the unit: the cohorts it put out of place, the stays that need
    another bed, or else a plan being solved, which is started again with the change."""
    why = []
    if moved:
        why.append(
            f"The plan had {_named(moved)} {where}" if where else f"{_named(moved)} no longer fit"
        )
    if stays:
        said = "1 planned stay in it needs" if stays == 1 else f"{stays} planned stays in it need"
        why.append(f"{said} another bed")
    if not why:
        return " A plan queued or being solved is run again with the change."
    return " " + " and ".join(why) + ": the unit is re-planned."


def _named(cohorts: list[Cohort]) -> str:
    """The first three cohorts by name, and how many more."""
    more = f" and {len(cohorts) - 3} more" if len(cohorts) > 3 else ""
    return ", ".join(str(c) for c in cohorts[:3]) + more


@signed_in(*UNIT_STAFF)
def beds(request: HttpRequest) -> HttpResponse:
    """The unit's beds, their equipment and the nights ahead each is out of service;
    coordinators take a bed out and put it back, add beds and fit or remove telemetry."""
    user, unit = user_of(request), _unit(request)
    if request.method == "POST" and user.role not in COORDINATORS:
        raise PermissionDenied("Only the unit's coordinators take beds out of service.")
    if unit is None:
        return render(request, "tcrc/beds.html", {"unit": None})
    form = BedOutageForm(request.POST or None, beds=_bed_choices(unit))
    if request.method == "POST" and form.is_valid():
        try:
            values = dict(form.cleaned_data)
            if values["bed"].startswith(ROOM):
                values["room"] = values.pop("bed").removeprefix(ROOM)
            done = bed_service.take_out(user, unit, **values)
        except ValidationError as error:  # a room's refusal goes beside the one chooser
            apply_errors(form, ValidationError(_room_as_bed(error)))
        except PermissionDenied as error:
            apply_errors(form, error)
        else:
            said = f"{done.what} {'is' if len(done.outages) == 1 else 'are'} out of service."
            if done.run is not None:
                messages.success(request, said + _replanned(done.moved, stays=done.displaced))
                return redirect("plan_run", pk=done.run.pk)
            messages.success(request, f"{said} No planned stay used it on those nights.")
            return redirect("tcrc_beds")
    return _beds_page(request, unit, form, BedForm())


ROOM = "room:"  # a choice of the outage form that takes a whole room out


def _room_as_bed(error: ValidationError) -> Any:
    """The refusal with what it says of the room said of the form's bed-or-room chooser."""
    if not hasattr(error, "error_dict"):
        return error
    return {("bed" if key == "room" else key): said for key, said in error.message_dict.items()}


def _bed_choices(unit: Unit) -> list[tuple[str, Any]]:
    """Each bed, then each room of more than one bed (all its beds go out together)."""
    beds = list(unit.beds.filter(bed_service.serving(timezone.localdate())))
    rooms: dict[str, list[str]] = {}
    for bed in beds:
        rooms.setdefault(bed.room, []).append(bed.code)
    whole = [
        (f"{ROOM}{room}", f"{room}: {', '.join(codes)}")
        for room, codes in sorted(rooms.items())
        if len(codes) > 1
    ]
    return [
        (
            "Beds",
            [(b.code, f"{b.code} ({b.room}{', telemetry' if b.telemetry else ''})") for b in beds],
        ),
        *([("Whole rooms", whole)] if whole else []),
    ]


def _beds_page(
    request: HttpRequest, unit: Unit, outage_form: BedOutageForm, bed_form: BedForm
) -> HttpResponse:
    user = user_of(request)
    context = {
        "unit": unit,
        "beds": list(unit.beds.all()),
        "serving": unit.beds.filter(bed_service.serving(timezone.localdate())).count(),
        "today": timezone.localdate(),
        "outages": bed_service.upcoming(unit, timezone.localdate()),
        "form": outage_form,
        "bed_form": bed_form,
        "coordinator": user.role in COORDINATORS,
    }
    failed = outage_form.errors or bed_form.errors
    return render(request, "tcrc/beds.html", context, status=422 if failed else 200)


@require_POST
@signed_in(*COORDINATORS)
def bed_new(request: HttpRequest) -> HttpResponse:
    """Add a bed to the unit; the next plan may use it."""
    user, unit = user_of(request), _unit(request)
    if unit is None:
        raise Http404
    form = BedForm(request.POST)
    if form.is_valid():
        try:
            bed = bed_service.add_bed(user, unit, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Bed {bed.code} added; re-plan the unit to use it.")
            return redirect("tcrc_beds")
    return _beds_page(request, unit, BedOutageForm(beds=_bed_choices(unit)), form)


@require_POST
@object_route(pk=Bed, roles=tuple(COORDINATORS))
def bed_equipment(request: HttpRequest, pk: int) -> HttpResponse:
    """Fit the bed with telemetry, or take it away (refused where fixed stays need it)."""
    item = get_visible_or_404(user_of(request), Bed, pk=pk)
    telemetry = request.POST.get("telemetry") == "on"
    try:
        done = bed_service.set_telemetry(user_of(request), item, telemetry)
    except ValidationError as error:
        detail = error.message_dict.get(NON_FIELD_ERRORS) if hasattr(error, "error_dict") else None
        messages.error(request, " ".join(detail or error.messages))
        return redirect("tcrc_beds")
    said = f"{item.code} {'has' if telemetry else 'no longer has'} telemetry."
    if done.run is not None:
        messages.success(request, said + _replanned(done.moved, stays=done.displaced))
        return redirect("plan_run", pk=done.run.pk)
    messages.success(request, said)
    return redirect("tcrc_beds")


@require_POST
@object_route(pk=Bed, roles=tuple(COORDINATORS))
def bed_retire(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a bed away for good from the night given (tonight if none)."""
    item = get_visible_or_404(user_of(request), Bed, pk=pk)
    form = BedRetireForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"{item.code}: give the first night as a date.")
        return redirect("tcrc_beds")
    try:
        done = bed_service.retire(user_of(request), item, form.cleaned_data["retired_from"])
    except ValidationError as error:
        detail = error.message_dict.get(NON_FIELD_ERRORS) if hasattr(error, "error_dict") else None
        messages.error(request, f"{item.code}: " + " ".join(detail or error.messages))
        return redirect("tcrc_beds")
    said = (
        f"{done.code} is removed: nothing was ever planned in it."
        if done.removed
        else f"{done.code} is taken away for good from {done.retired_from:%Y-%m-%d}."
    )
    if done.run is not None:
        messages.success(request, said + _replanned(done.moved, stays=done.displaced))
        return redirect("plan_run", pk=done.run.pk)
    messages.success(request, said)
    return redirect("tcrc_beds")


@require_POST
@object_route(pk=BedOutage, roles=tuple(COORDINATORS))
def bed_back(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the bed back in service from tonight."""
    item = get_visible_or_404(user_of(request), BedOutage, pk=pk)
    try:
        bed_service.put_back(user_of(request), item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{item.bed.code} is back in service; re-plan the unit to use it."
        )
    return redirect("tcrc_beds")


@signed_in(*COORDINATORS)
def capacities(request: HttpRequest) -> HttpResponse:
    """Admissions, scanner slots and nurse load per shift; refused where fixed stays would
    no longer fit, re-planned where requested studies' planned stays no longer do."""
    user, unit = user_of(request), _unit(request)
    if unit is None:
        return render(request, "tcrc/capacities.html", {"unit": None})
    form = CapacityForm(request.POST or None, instance=Unit.objects.get(pk=unit.pk))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = staffing.update_capacities(user, unit, changes(form))
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            if outcome.run is not None:
                messages.success(request, "Saved." + _replanned(outcome.moved))
                return redirect("plan_run", pk=outcome.run.pk)
            messages.success(request, "Saved. Every planned stay still fits.")
            return redirect("tcrc_capacities")
    rosters = [
        (
            kind.capitalize(),
            [form[f"nurses_{kind}_{shift}"] for shift in SHIFTS],
            [form[f"skill_{kind}_{shift}"] for shift in SHIFTS],
        )
        for kind in ("weekday", "weekend")
    ]
    on_rosters = {field.name for _, loads, skills in rosters for field in (*loads, *skills)}
    context = {
        "unit": unit,
        "form": form,
        "rosters": rosters,
        "shifts": [shift.capitalize() for shift in SHIFTS],
        "skill_scale": staffing.skill_scale(),
        "others": [field for field in form.visible_fields() if field.name not in on_rosters],
    }
    return render(request, "tcrc/capacities.html", context, status=422 if form.errors else 200)


@require_POST
@object_route(pk=Closure, roles=tuple(COORDINATORS))
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the closed days around this one again (its run of the same kind and reason)."""
    item = get_visible_or_404(user_of(request), Closure, pk=pk)
    try:
        opened = closing.reopen_run(user_of(request), item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(opened)
        messages.success(
            request,
            f"{count} day{'s' if count != 1 else ''} open again; re-plan the unit to use them.",
        )
    return redirect("tcrc_closures")


@require_POST
@signed_in(*COORDINATORS)
def plan(request: HttpRequest) -> HttpResponse:
    unit = _unit(request)
    if unit is None:
        messages.error(request, "There is no unit to plan.")
        return redirect("unit_calendar")
    run = actions.request_plan(user_of(request), unit, reason="Re-plan from the calendar")
    return redirect("plan_run", pk=run.pk)


@object_route(pk=PlanRun, roles=tuple(COORDINATORS))
def plan_run(request: HttpRequest, pk: int) -> HttpResponse:
    """The run's progress; the fragment polls itself until the planner is done."""
    run = get_visible_or_404(user_of(request), PlanRun, pk=pk)
    elapsed = (timezone.now() - run.started_at).total_seconds() if run.started_at else 0.0
    percent = (
        100
        if run.state in (PlanRun.State.DONE, PlanRun.State.FAILED)
        else min(99, int(100 * elapsed / max(run.time_limit, 1)))
    )
    template = "tcrc/_run.html" if request.htmx else "tcrc/run.html"  # type: ignore[attr-defined]
    unplaced = Cohort.objects.filter(
        study__unit=run.unit,
        status=Cohort.Status.UNPLACED,
        study__status__in=[Study.Status.REQUESTED, Study.Status.BOOKED],
    ).select_related("study")
    context = {"run": run, "percent": percent, "unplaced": unplaced}
    return render(request, template, context)


@signed_in(*UNIT_VIEWERS)
def studies(request: HttpRequest) -> HttpResponse:
    """Each study with how much of it the plan holds and when it is in the unit."""
    user = user_of(request)
    found = visible(user, Study).select_related("sponsor").prefetch_related("cohorts")
    rows = []
    for study in found:
        cohorts = [c for c in study.cohorts.all() if c.status != Cohort.Status.CANCELLED]
        planned = [c for c in cohorts if c.status == Cohort.Status.PLANNED and c.dose_day]
        admitted = [c.dose_day + timedelta(days=c.admission_offset) for c in planned if c.dose_day]
        leaving = [day for c in planned if (day := c.discharge_day()) is not None]
        rows.append(
            {
                "study": study,
                "cohorts": len(cohorts),
                "planned": len(planned),
                "first": min(admitted, default=None),
                "last": max(leaving, default=None),
                "sponsor": study.sponsor.name
                if user.role in UNIT_STAFF or user.organization_id == study.sponsor_id
                else "",
            }
        )
    return render(request, "tcrc/studies.html", {"rows": rows})


def _record_form(user: Any, study: Study, data: Any = None) -> StudyRecordForm:
    """The study's record for its keepers; each choice narrowed to what the user may see
    and what fits the sponsor. Staff who may not see INDs are not offered the IND."""
    form = StudyRecordForm(data, instance=Study.objects.get(pk=study.pk))
    fields = form.fields
    # The current link is always a choice, so saving other fields never drops it.
    fields["principal_investigator"].queryset = visible(user, Researcher)  # type: ignore[attr-defined]
    fitting = Q(partners=study.sponsor_id) | Q(pk=study.alliance_id)
    fields["alliance"].queryset = visible(user, Alliance).filter(fitting).distinct()  # type: ignore[attr-defined]
    if user.role in REGULATORY_VIEWERS:
        fields["ind"].queryset = visible(user, Ind).filter(  # type: ignore[attr-defined]
            Q(sponsor_company=study.sponsor_id) | Q(sponsor_company=None) | Q(pk=study.ind_id)
        )
    else:
        del fields["ind"]
    return form


def _study_page(
    request: HttpRequest,
    study: Study,
    form: ReviewOutcomeForm | None = None,
    status: int = 200,
    event_form: TrialEventForm | None = None,
    record_form: StudyRecordForm | None = None,
) -> HttpResponse:
    user = user_of(request)
    cohorts = visible(user, Cohort).filter(study=study).order_by("sequence")
    today = timezone.localdate()
    states = {c.pk: c.state_on(today) for c in cohorts}
    if form is None:
        form = ReviewOutcomeForm()
    form.fields["cohort"].queryset = cohorts.exclude(status=Cohort.Status.CANCELLED)  # type: ignore[attr-defined]
    stays = list(
        visible(user, Stay).filter(cohort__study=study).select_related("bed", "cohort__study")
    )
    drawn = charts.study_gantt(stays, today)
    context: dict[str, Any] = {
        "study": study,
        "study_gantt": drawn[0] if drawn else None,
        "study_legend": drawn[1] if drawn else [],
        "linked": queries.linked_studies(user, pk=study.pk),
        "cohorts": [(c, states[c.pk]) for c in cohorts],
        "stays": stays,
        "coordinator": user.role in COORDINATORS,
        "review_form": form,
        "event_form": event_form or TrialEventForm(),
        "records_events": user.role in EVENT_ROLES,
        "obligations": visible(user, Obligation).filter(study=study),
        "sponsor_shown": user.role in UNIT_STAFF or user.organization_id == study.sponsor_id,
    }
    if user.role in records.RECORD_KEEPERS:
        context["record_form"] = record_form or _record_form(user, study)
    return render(request, "tcrc/study.html", context, status=status)


@object_route(pk=Study)
def study(request: HttpRequest, pk: int) -> HttpResponse:
    return _study_page(request, get_visible_or_404(user_of(request), Study, pk=pk))


@require_POST
@object_route(pk=Study, roles=tuple(COORDINATORS))
def study_book(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Study, pk=pk)
    try:
        actions.book_study(user_of(request), item)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "The study is booked: its cohorts keep their days.")
    return redirect("tcrc_study", pk=item.pk)


@require_POST
@object_route(pk=Study, roles=tuple(COORDINATORS))
def study_review(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Study, pk=pk)
    form = ReviewOutcomeForm(request.POST)
    form.fields["cohort"].queryset = visible(user_of(request), Cohort).filter(study=item)  # type: ignore[attr-defined]
    if form.is_valid():
        try:
            run = actions.record_review_outcome(
                user_of(request), form.cleaned_data["cohort"], form.cleaned_data["outcome"]
            )
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Recorded; the unit is being re-planned around it.")
            return redirect("plan_run", pk=run.pk)
    return _study_page(request, item, form, status=422)


@object_route(pk=Cohort, roles=tuple(COORDINATORS))
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    """A requested cohort refined by a coordinator; saving re-plans the unit."""
    user = user_of(request)
    item = get_visible_or_404(user, Cohort, pk=pk)
    form = CohortForm(request.POST or None, cohort=item)
    fixed = cohort_changes.why_fixed(item, timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            run = cohort_changes.change_cohort(user, item, changes(form))
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            if run is None:
                messages.success(request, "Nothing changed.")
                return redirect("tcrc_study", pk=item.study_id)
            messages.success(request, "Saved; the unit is re-planned around it.")
            return redirect("plan_run", pk=run.pk)
    context = {"cohort": item, "form": form, "fixed": fixed}
    return render(request, "tcrc/cohort.html", context, status=422 if form.errors else 200)


@require_POST
@object_route(pk=Study, roles=tuple(records.RECORD_KEEPERS))
def study_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Title, phase, principal investigator, IND and alliance, as staff keep them."""
    user = user_of(request)
    item = get_visible_or_404(user, Study, pk=pk)
    form = _record_form(user, item, request.POST)
    if form.is_valid():
        try:
            run = records.change_record(user, item, changes(form))
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            if run is not None:
                messages.success(request, "Saved; the unit is re-planned under the new IND.")
                return redirect("plan_run", pk=run.pk)
            messages.success(request, "Saved.")
            return redirect("tcrc_study", pk=item.pk)
    return _study_page(request, item, status=422, record_form=form)


@require_POST
@object_route(pk=Study, roles=EVENT_ROLES)
def study_trial_event(request: HttpRequest, pk: int) -> HttpResponse:
    """First enrollment or primary completion: ClinicalTrials.gov's clocks start."""
    item = get_visible_or_404(user_of(request), Study, pk=pk)
    form = TrialEventForm(request.POST)
    if form.is_valid():
        try:
            made = actions.record_trial_event(user_of(request), item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Recorded; {len(made)} ClinicalTrials.gov obligation(s).")
            return redirect("tcrc_study", pk=item.pk)
    return _study_page(request, item, status=422, event_form=form)


@object_route(pk=Study)
def study_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The study's dosing and stay dates as iCalendar."""
    item = get_visible_or_404(user_of(request), Study, pk=pk)
    events = []
    for cohort in visible(user_of(request), Cohort).filter(study=item).exclude(dose_day=None):
        assert cohort.dose_day is not None
        admitted = cohort.dose_day + timedelta(days=cohort.admission_offset)
        discharge = cohort.discharge_day() or cohort.dose_day
        events.append(
            DayEvent(
                uid=f"tcrc-cohort-{cohort.pk}@translink",
                day=admitted,
                days=(discharge - admitted).days + 1,
                summary=f"{item.protocol_number} {cohort.label}: {cohort.participants} in the unit",
                description=f"Dosing from {cohort.dose_day:%Y-%m-%d}, out {discharge:%Y-%m-%d}.",
            )
        )
    body = feed(f"TCRC {item.protocol_number}", events, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="tcrc-study-{item.pk}.ics"'
    return response


@signed_in(*QUOTE_ROLES)
def quote(request: HttpRequest) -> HttpResponse:
    """When could a study like this run? Only dates and resources; never another study.
    A sponsor's member, or a coordinator naming the sponsor, may then ask the unit for it."""
    user, unit = user_of(request), _unit(request)
    form = QuoteForm(
        request.POST or None, initial={"earliest": timezone.localdate() + timedelta(days=14)}
    )
    if unit is not None:
        form.horizon_days = unit.horizon_days
    asks = user.role == Role.INDUSTRY or user.role in COORDINATORS
    asking = asks and request.method == "POST" and "ask" in request.POST
    sponsors = (
        None
        if user.role == Role.INDUSTRY
        else visible(user, Organization).filter(kind=Organization.Kind.COMPANY)
    )
    ask_form = StudyRequestForm(
        request.POST if asking else None, prefix="request", sponsors=sponsors
    )
    answer = built = None
    if request.method == "POST" and form.is_valid() and unit is not None:
        if asking and ask_form.is_valid():
            try:
                study = actions.request_study(
                    user, unit, cohorts=form.cohorts_described(),
                    protocol_number=ask_form.cleaned_data["protocol_number"],
                    title=ask_form.cleaned_data["title"],
                    sponsor=ask_form.cleaned_data.get("sponsor"),
                )  # fmt: skip
            except ValidationError as error:
                apply_errors(ask_form, error)
            else:
                messages.success(request, "Asked: the unit's coordinators plan it next.")
                return redirect("tcrc_study", pk=study.pk)
        answer, built = actions.quote_study(unit, form.cohorts_described())
    bad = request.method == "POST" and (not form.is_valid() or bool(ask_form.errors))
    context = _quote_context(answer, built, form)
    context |= {
        "form": form,
        "unit": unit,
        "answer": answer,
        "ask_form": ask_form if asks else None,
    }
    return render(request, "tcrc/quote.html", context, status=422 if bad else 200)


def _quote_context(
    answer: Quote | None, built: instances.UnitInstance | None, form: QuoteForm
) -> dict[str, Any]:
    """The answer in dates and words, and its chart."""
    if answer is None or built is None:
        return {"blocked": []}
    context: dict[str, Any] = {"blocked": []}
    if not answer.fits:
        context["blocked"] = [
            (resource, [built.date(day) for day in days[:12]], len(days))
            for resource, days in answer.blocked.items()
        ]
        context["limits"] = [actions.limit_sentence(limit) for limit in answer.limits]
        if answer.partial:
            context["partial"] = {
                "cohorts": len(answer.partial),
                "of": form.cleaned_data["cohorts"],
                "start": built.date(min(answer.partial.values())),
                "finish": built.date(answer.partial_finish or 0),
            }
    context["chart"] = charts.quote_chart(
        [(built.date(a), built.date(b)) for a, b in answer.stays.values()],
        {
            resource: [built.date(day) for day in days]
            for resource, days in answer.blocked.items()
            if resource != HORIZON
        },
        built.starts_on,
        built.instance.unit.days,
    )
    if answer.start is not None:
        context["start"] = built.date(answer.start)
    if answer.finish is not None:
        context["finish"] = built.date(answer.finish)
    if answer.overtime_start is not None and answer.overtime_finish is not None:
        context["overtime"] = (
            built.date(answer.overtime_start),
            built.date(answer.overtime_finish),
        )
    return context
