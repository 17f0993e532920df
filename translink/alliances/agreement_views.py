"""Pages of the agreements registry and funding, the funnel chart and figures, and the
exports (CSV, iCalendar), all through the wall."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from translink.accounts.models import Organization
from translink.accounts.policy import get_visible_or_404, object_route, signed_in, user_of, visible
from translink.alliances import agreement_actions, charts, figures, queries
from translink.alliances.forms import AgreementForm, AgreementStepForm, LogForm
from translink.alliances.icalendar import calendar
from translink.alliances.models import Agreement, Alliance, Milestone, Review
from translink.alliances.views import STAFF_ROLES, _is_staff
from translink.audit.actions import record
from translink.lib.forms import apply_errors
from translink.market.models import Need
from translink.people.models import Researcher

FILTERS = ("kind", "status")


def _filters(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET.get(key, "") for key in FILTERS}


@signed_in()
def agreements(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    filters = _filters(request)
    found = queries.with_standing(
        queries.agreements(user, kind=filters["kind"], status=filters["status"]), today
    )
    if request.GET.get("expiring"):
        found = [a for a in found if a.standing]  # type: ignore[attr-defined]
    context = {
        "agreements": found,
        "expiring": queries.expiring(user, today),
        "filters": filters,
        "only_expiring": bool(request.GET.get("expiring")),
        "kinds": Agreement.Kind.choices,
        "statuses": Agreement.Status.choices,
        "staff": _is_staff(request),
        "warning_days": queries.EXPIRY_WARNING_DAYS,
        "alliance_ids": queries.visible_alliance_ids(user),
    }
    return render(request, "alliances/agreements.html", context)


def _agreement_form(request: HttpRequest) -> AgreementForm:
    user = user_of(request)
    form = AgreementForm(request.POST or None)
    form.fields["company"].queryset = visible(user, Organization).filter(kind="company")  # type: ignore[attr-defined]
    form.fields["researcher"].queryset = visible(user, Researcher)  # type: ignore[attr-defined]
    form.fields["alliance"].queryset = visible(user, Alliance)  # type: ignore[attr-defined]
    form.fields["need"].queryset = visible(user, Need)  # type: ignore[attr-defined]
    return form


@signed_in(*STAFF_ROLES)
def agreement_new(request: HttpRequest) -> HttpResponse:
    form = _agreement_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            item = agreement_actions.create_agreement(user_of(request), **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The agreement is in the registry.")
            return redirect("agreement", pk=item.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "alliances/agreement_new.html", {"form": form}, status=status)


def _agreement_page(
    request: HttpRequest, item: Agreement, forms: dict[str, Any], status: int = 200
) -> HttpResponse:
    user = user_of(request)
    queries.with_standing([item], timezone.localdate())
    context = {
        "agreement": item,
        "log": queries.log_of(user, item),
        "form": forms.get("form") or AgreementStepForm(),
        "log_form": forms.get("log_form") or LogForm(),
        "staff": _is_staff(request),
        "shows_alliance": item.alliance_id in queries.visible_alliance_ids(user),
        "shows_researcher": item.researcher_id is not None
        and visible(user, Researcher).filter(pk=item.researcher_id).exists(),
    }
    return render(request, "alliances/agreement.html", context, status=status)


@object_route(pk=Agreement)
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement with its negotiation log; staff record its next state here."""
    user = user_of(request)
    item = get_visible_or_404(user, Agreement, pk=pk)
    if request.method != "POST":
        return _agreement_page(request, item, {})
    if not _is_staff(request):
        raise Http404  # seeing an agreement does not let one change it
    form = AgreementStepForm(request.POST)
    if form.is_valid():
        try:
            agreement_actions.move_agreement(user, item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The agreement's state is recorded.")
            return redirect("agreement", pk=item.pk)
    item.refresh_from_db()
    return _agreement_page(request, item, {"form": form}, status=422)


@require_POST
@object_route(roles=STAFF_ROLES, pk=Agreement)
def agreement_log(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    item = get_visible_or_404(user, Agreement, pk=pk)
    form = LogForm(request.POST)
    if form.is_valid():
        try:
            agreement_actions.log_negotiation(user, item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The log has the new entry.")
            return redirect("agreement", pk=item.pk)
    return _agreement_page(request, item, {"log_form": form}, status=422)


@require_POST
@object_route(roles=STAFF_ROLES, pk=Milestone)
def milestone_received(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    item = get_visible_or_404(user, Milestone, pk=pk)
    try:
        day = date.fromisoformat(request.POST.get("on", ""))
        agreement_actions.receive_milestone(user, item, on=day)
    except ValueError:
        messages.error(request, "Give the day the payment was received (YYYY-MM-DD).")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The milestone is marked received.")
    return redirect("alliance", pk=item.commitment.alliance_id)


def _csv(rows: Iterable[list[Any]], name: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    for row in rows:
        # A cell a spreadsheet would run as a formula is kept as text.
        writer.writerow(
            ["'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v for v in row]
        )
    return response


@signed_in()
def alliances_export(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    found = list(queries.alliances(user))
    rows: list[list[Any]] = [
        ["title", "focus area", "stage", "status", "started", "in stage since", "partners"]
    ]
    for item in found:
        partners = "; ".join(p.name for p in queries.partners_of(user, item))
        rows.append(
            [item.title, item.get_focus_area_display(), item.get_stage_display(),
             item.get_status_display(), item.started_on, item.stage_entered_on, partners]
        )  # fmt: skip
    record(
        "alliances.alliances_exported",
        actor=user,
        object_type="alliances.alliance",
        new={"rows": len(found)},
        request=request,
    )
    return _csv(rows, "alliances.csv")


@signed_in()
def agreements_export(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    filters = _filters(request)
    found = list(queries.agreements(user, kind=filters["kind"], status=filters["status"]))
    shown = queries.visible_alliance_ids(user)
    rows: list[list[Any]] = [
        ["kind", "title", "company", "alliance", "status", "value", "first draft", "executed",
         "expires", "cycle days"]
    ]  # fmt: skip
    for item in found:
        rows.append(
            [item.get_kind_display(), item.title, item.company.name,
             item.alliance.title if item.alliance_id in shown and item.alliance else "",
             item.get_status_display(), item.value if item.value is not None else "",
             item.first_draft_on, item.executed_on or "", item.expires_on or "",
             item.cycle_days if item.cycle_days is not None else ""]
        )  # fmt: skip
    record(
        "alliances.agreements_exported",
        actor=user,
        object_type="alliances.agreement",
        new={"rows": len(found), **filters},
        request=request,
    )
    return _csv(rows, "agreements.csv")


def feed_events(user: Any) -> list[tuple[str, Any, str]]:
    """Every agreement date and open review due date this user may see."""
    events: list[tuple[str, Any, str]] = []
    for item in queries.agreements(user):
        for what, day in (
            ("first draft", item.first_draft_on),
            ("signed", item.executed_on),
            ("expires", item.expires_on),
        ):
            if day is not None:
                events.append((f"agreement-{item.pk}-{what.replace(' ', '-')}", day,
                               f"{item.get_kind_display()} {what}: {item.title}"))  # fmt: skip
    for review in queries.reviews(user).filter(status=Review.Status.OPEN, due_on__isnull=False):
        events.append((f"review-{review.pk}-due", review.due_on,
                       f"Gate review scores due: {review.alliance.title}"))  # fmt: skip
    return sorted(events, key=lambda e: (e[1], e[0]))


@signed_in()
def calendar_feed(request: HttpRequest) -> HttpResponse:
    feed = calendar(feed_events(user_of(request)), host=request.get_host(), now=timezone.now())
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="translink-alliances.ics"'
    return response


BAR_HEIGHT, GAP, WIDTH, LABELS = 44, 10, 720, 240


def funnel_shapes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Bars centred right of their labels, widest for the largest stage: SVG geometry."""
    largest = max((row["count"] for row in rows), default=0) or 1
    room = WIDTH - LABELS
    shapes = []
    for index, row in enumerate(rows):
        width = max(4, round(room * row["count"] / largest))
        x = LABELS + (room - width) // 2
        shapes.append({**row, "x": x, "y": index * (BAR_HEIGHT + GAP), "width": width})
    return shapes


@signed_in()
def funnel(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    rows = figures.funnel(user, today)
    found = figures.key_figures(user, today)
    money = found["funding"]
    context = {
        "shapes": funnel_shapes(rows),
        "height": len(rows) * (BAR_HEIGHT + GAP),
        "width": WIDTH,
        "bar_height": BAR_HEIGHT,
        "figures": found,
        "quarters": charts.quarter_columns(found["started_per_quarter"], today),
        "funding_rows": [
            ("Funding by sponsor", "Sponsor", charts.funding_bars(money["by_sponsor"])),
            ("Funding by alliance", "Alliance", charts.funding_bars(money["by_alliance"])),
            ("Funding by focus area", "Focus area", charts.funding_bars(money["by_focus_area"])),
        ],
    }
    return render(request, "alliances/funnel.html", context)
