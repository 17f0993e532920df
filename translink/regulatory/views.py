"""Pages of the IND registry: the list, the IND page with its lifecycle forms, the
compliance calendar and its iCalendar feed. Views fetch through the wall, call an action,
render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from translink.accounts.models import Organization, Role
from translink.accounts.policy import (
    get_visible_or_404,
    is_institute_staff,
    may_manage_ind,
    object_route,
    signed_in,
    user_of,
    visible,
)
from translink.lib.forms import apply_errors
from translink.people.models import Researcher
from translink.regulatory import actions, charts, queries
from translink.regulatory.forms import (
    FollowUpForm,
    InvestigatorForm,
    MetForm,
    NewIndForm,
    SafetyReportForm,
    TransitionForm,
)
from translink.regulatory.icalendar import calendar
from translink.regulatory.models import Ind, Obligation
from translink.tcrc.queries import linked_studies


@signed_in()
def inds(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    context = {
        "inds": queries.with_next_deadline(
            user_of(request),
            queries.with_shown_sponsor(
                user_of(request), queries.inds(user_of(request), status=status)
            ),
            timezone.localdate(),
        ),
        "today": timezone.localdate(),
        "statuses": Ind.Status.choices,
        "status": status,
    }
    return render(request, "regulatory/inds.html", context)


@signed_in(Role.REGULATORY, Role.RESEARCHER)
def ind_new(request: HttpRequest) -> HttpResponse:
    """Regulatory specialists register any IND; a researcher registers one they sponsor."""
    user = user_of(request)
    form = NewIndForm(request.POST or None)
    own = Researcher.objects.filter(user=user)
    researchers = own if user.role == Role.RESEARCHER else visible(user, Researcher)
    form.fields["sponsor_investigator"].queryset = researchers  # type: ignore[attr-defined]
    form.fields["sponsor_company"].queryset = visible(user, Organization).filter(kind="company")  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            item = actions.register_ind(user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The IND is registered as pre-IND.")
            return redirect("ind", pk=item.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "regulatory/ind_new.html", {"form": form}, status=status)


def _ind_page(
    request: HttpRequest, ind: Ind, forms: dict[str, Form], status: int = 200
) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    dose, dose_reason = actions.may_dose(ind, today)
    queries.with_shown_sponsor(user, [ind])
    context = {
        "ind": ind,
        "linked": linked_studies(user, ind=ind),
        "investigators": queries.investigators_of(user, ind),
        "submissions": queries.submissions_of(user, ind),
        "obligations": queries.annotate(queries.obligations_of(user, ind), today),
        "history": queries.history_of(ind),
        "safety_reports": queries.safety_reports_of(user, ind),
        "may_dose": dose,
        "dose_reason": dose_reason,
        "manages": may_manage_ind(user, ind),
        "show_actor": is_institute_staff(user),
        **forms,
    }
    return render(request, "regulatory/ind.html", context, status=status)


def _followup_form(request: HttpRequest, ind: Ind, data: Any = None) -> FollowUpForm:
    form = FollowUpForm(data)
    initial_reports = queries.safety_reports_of(user_of(request), ind)
    form.fields["follows"].queryset = initial_reports  # type: ignore[attr-defined]
    return form


def _blank_forms(request: HttpRequest, ind: Ind) -> dict[str, Form]:
    return {
        "transition_form": TransitionForm(),
        "investigator_form": InvestigatorForm(),
        "safety_form": SafetyReportForm(),
        "followup_form": _followup_form(request, ind),
    }


@object_route(pk=Ind)
def ind(request: HttpRequest, pk: int) -> HttpResponse:
    """The IND page; a POST applies a lifecycle step."""
    item = get_visible_or_404(user_of(request), Ind, pk=pk)
    if request.method != "POST":
        return _ind_page(request, item, _blank_forms(request, item))
    form = TransitionForm(request.POST)
    return _act(request, item, form, "transition_form", "The IND's record is updated.")


@require_POST
@object_route(pk=Ind)
def ind_investigator(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Ind, pk=pk)
    form = InvestigatorForm(request.POST)
    return _act(request, item, form, "investigator_form", "The investigator is added.")


@require_POST
@object_route(pk=Ind)
def ind_safety_report(request: HttpRequest, pk: int) -> HttpResponse:
    """A new safety report, or, when the form names the report it follows, new information
    on one of this IND's reports."""
    item = get_visible_or_404(user_of(request), Ind, pk=pk)
    if "follows" in request.POST:
        followup = _followup_form(request, item, request.POST)
        return _act(request, item, followup, "followup_form", "The follow-up is recorded.")
    form = SafetyReportForm(request.POST)
    return _act(
        request, item, form, "safety_form", "The safety report and its clocks are recorded."
    )


def _act(request: HttpRequest, item: Ind, form: Form, name: str, done: str) -> HttpResponse:
    if not may_manage_ind(user_of(request), item):
        raise Http404  # seeing an IND does not let one change it; say no more than that
    if form.is_valid():
        data: dict[str, Any] = form.cleaned_data
        try:
            _apply_form(user_of(request), item, form, data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("ind", pk=item.pk)
    item.refresh_from_db()
    return _ind_page(request, item, {**_blank_forms(request, item), name: form}, status=422)


def _apply_form(user: Any, item: Ind, form: Form, data: dict[str, Any]) -> None:
    """Hand the valid form to its action."""
    if isinstance(form, TransitionForm):
        actions.apply_transition(user, item, data.pop("transition"), **data)
    elif isinstance(form, InvestigatorForm):
        actions.add_investigator(user, item, **data)
    elif isinstance(form, FollowUpForm):
        actions.record_followup(user, data.pop("follows"), **data)
    else:
        actions.record_safety_report(user, item, **data)


@require_POST
@object_route(pk=Obligation)
def obligation_met(request: HttpRequest, pk: int) -> HttpResponse:
    obligation = get_visible_or_404(user_of(request), Obligation, pk=pk)
    if not may_manage_ind(user_of(request), obligation.ind):
        raise Http404
    form = MetForm(request.POST)
    if form.is_valid():
        try:
            actions.mark_met(user_of(request), obligation, on=form.cleaned_data["on"])
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, "The obligation is marked met.")
    else:
        messages.error(request, "Give the day it was met.")
    return redirect("ind", pk=obligation.ind_id)


@signed_in()
def compliance_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    obligations = queries.annotate(queries.open_obligations(user_of(request)), today)
    context = {
        "obligations": obligations,
        "overdue": sum(o.standing == "overdue" for o in obligations),  # type: ignore[attr-defined]
        "today": today,
        "weeks": charts.weeks_chart(obligations, today),
    }
    return render(request, "regulatory/calendar.html", context)


@signed_in()
def calendar_feed(request: HttpRequest) -> HttpResponse:
    feed = calendar(
        queries.open_obligations(user_of(request)), host=request.get_host(), now=timezone.now()
    )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="translink-obligations.ics"'
    return response
