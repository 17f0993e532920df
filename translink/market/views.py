"""Pages of the market: the needs and assets boards, their forms, answers and decisions,
introductions and notifications. Views fetch through the wall, call an action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from translink.accounts.models import Organization, Role
from translink.accounts.policy import (
    MARKET_STAFF,
    get_visible_or_404,
    may_see_need_detail,
    object_route,
    researcher_of,
    shows_company,
    signed_in,
    user_of,
    visible,
)
from translink.lib.forms import apply_errors
from translink.market import actions, queries
from translink.market.forms import AnswerForm, AssetForm, DecisionForm, IntroductionForm, NeedForm
from translink.market.models import (
    Asset,
    Interest,
    Modality,
    Need,
    Notification,
    Stage,
    TherapeuticArea,
)
from translink.people.models import Researcher

ANONYMOUS = "An industry partner"


def _page(request: HttpRequest, items: QuerySet[Any]) -> Page[Any]:
    return Paginator(items, 20).get_page(request.GET.get("page"))


@signed_in()
def needs_board(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "") for key in ("text", "area", "modality", "stage")}
    page = _page(request, queries.needs(user_of(request), **filters))
    for item in page:
        item.shown_company = (
            item.company.name if shows_company(user_of(request), item) else ANONYMOUS
        )
    context = {
        "page": page,
        "filters": filters,
        "areas": TherapeuticArea.choices,
        "modalities": Modality.choices,
        "stages": Stage.choices,
        "can_post": user_of(request).role == Role.INDUSTRY,
    }
    template = "market/_needs.html" if request.htmx else "market/needs.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@signed_in(Role.INDUSTRY)
def need_new(request: HttpRequest) -> HttpResponse:
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = actions.post_need(user_of(request), **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your need is posted.")
            return redirect("need", pk=need.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "market/need_form.html", {"form": form}, status=status)


@object_route(pk=Need)
def need(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Need, pk=pk)
    form = AnswerForm(request.POST or None)
    can_answer = researcher_of(user_of(request)) is not None and item.status == Need.Status.OPEN
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            try:
                interest = actions.answer_need(user_of(request), item, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Your answer was sent; you will be told of the decision.")
                return redirect("interest", pk=interest.pk)
    context = {
        "need": item,
        "show_detail": may_see_need_detail(user_of(request), item),
        "show_company": shows_company(user_of(request), item),
        "interests": queries.interests_on(user_of(request), need=item),
        "form": form if can_answer else None,
        "can_close": user_of(request).role in MARKET_STAFF
        or user_of(request).organization_id == item.company_id,
    }
    return render(
        request, "market/need.html", context, status=422 if request.method == "POST" else 200
    )


@require_POST
@object_route(pk=Need)
def need_close(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Need, pk=pk)
    try:
        actions.close_need(user_of(request), item, reason=request.POST.get("reason", "")[:500])
    except PermissionDenied:
        raise Http404 from None
    messages.success(request, "The need is closed; researchers no longer see it.")
    return redirect("need", pk=item.pk)


@signed_in()
def assets_board(request: HttpRequest) -> HttpResponse:
    filters = {key: request.GET.get(key, "") for key in ("text", "stage")}
    context = {
        "page": _page(request, queries.assets(user_of(request), **filters)),
        "filters": filters,
        "stages": Stage.choices,
        "can_post": user_of(request).role in MARKET_STAFF
        or researcher_of(user_of(request)) is not None,
    }
    template = "market/_assets.html" if request.htmx else "market/assets.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@signed_in(Role.RESEARCHER, *MARKET_STAFF)
def asset_new(request: HttpRequest) -> HttpResponse:
    form = AssetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asset = actions.post_asset(user_of(request), **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your asset is posted.")
            return redirect("asset", pk=asset.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "market/asset_form.html", {"form": form}, status=status)


@object_route(pk=Asset)
def asset(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Asset, pk=pk)
    can_answer = user_of(request).role == Role.INDUSTRY and item.status == Asset.Status.OPEN
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if not can_answer:
            raise Http404
        if form.is_valid():
            try:
                interest = actions.answer_asset(user_of(request), item, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Your interest was sent to the asset's owners.")
                return redirect("interest", pk=interest.pk)
    context = {
        "asset": item,
        "interests": queries.interests_on(user_of(request), asset=item),
        "form": form if can_answer else None,
    }
    return render(
        request, "market/asset.html", context, status=422 if request.method == "POST" else 200
    )


@object_route(pk=Interest)
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Interest, pk=pk)
    deciding = actions.may_decide(user_of(request), item) and item.status == Interest.Status.PENDING
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not deciding:
            raise Http404
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            try:
                actions.decide_interest(
                    user_of(request), item, accept=accept, reason=form.cleaned_data["reason"]
                )
            except (ValidationError, PermissionDenied) as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Your decision was sent.")
                return redirect("interest", pk=item.pk)
    context = {
        "interest": item,
        "form": form if deciding else None,
        "show_company": item.need is None or shows_company(user_of(request), item.need),
    }
    return render(
        request, "market/interest.html", context, status=422 if request.method == "POST" else 200
    )


@signed_in()
def introductions(request: HttpRequest) -> HttpResponse:
    staff = user_of(request).role in MARKET_STAFF
    initial = {"researcher": request.GET.get("researcher"), "need": request.GET.get("need")}
    form = IntroductionForm(request.POST or None, initial=initial)
    form.fields["researcher"].queryset = visible(user_of(request), Researcher)  # type: ignore[attr-defined]
    form.fields["company"].queryset = visible(user_of(request), Organization).filter(kind="company")  # type: ignore[attr-defined]
    form.fields["need"].queryset = visible(user_of(request), Need).select_related("company")  # type: ignore[attr-defined]
    if request.method == "POST":
        if not staff:
            raise Http404
        if form.is_valid():
            try:
                actions.introduce(user_of(request), **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                apply_errors(form, error)
            else:
                messages.success(request, "The introduction was made; both sides were told.")
                return redirect("introductions")
    context = {
        "introductions": queries.introductions(user_of(request))[:100],
        "form": form if staff else None,
    }
    return render(
        request,
        "market/introductions.html",
        context,
        status=422 if request.method == "POST" else 200,
    )


@signed_in()
def notifications(request: HttpRequest) -> HttpResponse:
    listed = visible(user_of(request), Notification)
    if request.method == "POST":
        for unread in listed.filter(read_at__isnull=True):
            actions.mark_read(user_of(request), unread)
        return redirect("notifications")
    return render(request, "market/notifications.html", {"notifications": listed[:100]})


@require_POST
@object_route(pk=Notification)
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Notification, pk=pk)
    actions.mark_read(user_of(request), item)
    return redirect(item.link or "notifications")
