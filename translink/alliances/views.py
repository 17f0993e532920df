"""Pages of the pipeline: the board, an alliance's page, the gate (open a review, score,
decide and sign), the council's inbox and the gate criteria. Views fetch through the wall,
call an action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from translink.accounts.models import Organization, Role, User
from translink.accounts.policy import get_visible_or_404, object_route, signed_in, user_of, visible
from translink.alliances import actions, agreement_actions, queries
from translink.alliances.forms import (
    AllianceForm,
    DecisionForm,
    FundingForm,
    GateCriteriaForm,
    OpenReviewForm,
    ScoreForm,
)
from translink.alliances.models import STAGE_ORDER, Alliance, Criterion, Review, Stage
from translink.alliances.walls import ALLIANCE_STAFF
from translink.lib.forms import apply_errors
from translink.market.models import Introduction, Need
from translink.people.models import Researcher
from translink.tcrc.queries import linked_studies

STAFF_ROLES = tuple(ALLIANCE_STAFF)


def _is_staff(request: HttpRequest) -> bool:
    return user_of(request).role in ALLIANCE_STAFF


@signed_in()
def pipeline(request: HttpRequest) -> HttpResponse:
    context = {"columns": queries.board(user_of(request)), "staff": _is_staff(request)}
    return render(request, "alliances/pipeline.html", context)


@signed_in(*STAFF_ROLES)
def alliance_new(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    form = AllianceForm(request.POST or None)
    researchers = visible(user, Researcher).prefetch_related("departments")
    form.fields["lead"].queryset = researchers  # type: ignore[attr-defined]
    form.fields["co_investigators"].queryset = researchers  # type: ignore[attr-defined]
    form.fields["partners"].queryset = visible(user, Organization).filter(kind="company")  # type: ignore[attr-defined]
    form.fields["origin_introduction"].queryset = visible(user, Introduction)  # type: ignore[attr-defined]
    form.fields["origin_need"].queryset = visible(user, Need)  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = actions.create_alliance(
                user, title=data["title"], problem_statement=data["problem_statement"],
                focus_area=data["focus_area"], stage=data["stage"], members=form.team(),
                partners=list(data["partners"]), origin_need=data["origin_need"],
                origin_introduction=data["origin_introduction"],
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The alliance is started.")
            return redirect("alliance", pk=item.pk)
    status = 422 if request.method == "POST" else 200
    return render(request, "alliances/alliance_new.html", {"form": form}, status=status)


def _alliance_page(
    request: HttpRequest, alliance: Alliance, funding_form: Form | None = None, status: int = 200
) -> HttpResponse:
    user = user_of(request)
    today = timezone.localdate()
    commitments: list[Any] = list(queries.funding(user, alliance=alliance))
    for commitment in commitments:
        commitment.received = queries.received(commitment)
    context = {
        "alliance": alliance,
        "linked": linked_studies(user, alliance=alliance),
        "members": queries.members_of(user, alliance),
        "partners": queries.partners_of(user, alliance),
        "reviews": queries.reviews(user, alliance=alliance).select_related("decision"),
        "agreements": queries.with_standing(queries.agreements(user, alliance=alliance), today),
        "funding": commitments,
        "staff": _is_staff(request),
        "funding_form": funding_form or _funding_form(user),
        "days_in_stage": (today - alliance.stage_entered_on).days,
        "origin_need": _shown(user, Need, alliance.origin_need_id),
        "origin_introduction": _shown(user, Introduction, alliance.origin_introduction_id),
    }
    return render(request, "alliances/alliance.html", context, status=status)


def _shown(user: User, model: Any, pk: int | None) -> Any:
    """The object if there is one and the wall lets ``user`` see it, else None."""
    return None if pk is None else visible(user, model).filter(pk=pk).first()


def _funding_form(user: User, data: Any = None) -> FundingForm:
    form = FundingForm(data)
    sponsors = visible(user, Organization).exclude(kind=Organization.Kind.INSTITUTE)
    form.fields["sponsor"].queryset = sponsors  # type: ignore[attr-defined]
    return form


@object_route(pk=Alliance)
def alliance(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Alliance, pk=pk)
    return _alliance_page(request, item)


@require_POST
@object_route(roles=STAFF_ROLES, pk=Alliance)
def alliance_funding(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    item = get_visible_or_404(user, Alliance, pk=pk)
    form = _funding_form(user, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            agreement_actions.commit_funding(
                user, alliance=item, sponsor=data["sponsor"], amount=data["amount"],
                starts_on=data["starts_on"], ends_on=data["ends_on"], milestones=form.milestones(),
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The funding commitment is recorded.")
            return redirect("alliance", pk=item.pk)
    return _alliance_page(request, item, funding_form=form, status=422)


@require_POST
@object_route(roles=STAFF_ROLES, pk=Alliance)
def alliance_transferred(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_visible_or_404(user_of(request), Alliance, pk=pk)
    try:
        actions.mark_transferred(user_of(request), item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The alliance is marked transferred.")
    return redirect("alliance", pk=item.pk)


@object_route(roles=STAFF_ROLES, pk=Alliance)
def alliance_move(request: HttpRequest, pk: int) -> HttpResponse:
    """Moving a card opens the gate: a review of whether it may enter the next stage."""
    user = user_of(request)
    item = get_visible_or_404(user, Alliance, pk=pk)
    already = item.reviews.filter(status=Review.Status.OPEN).first()
    if already is not None:
        messages.info(request, "A review of this alliance is already open.")
        return redirect("review", pk=already.pk)
    form = OpenReviewForm(request.POST or None)
    form.fields["council"].queryset = User.objects.filter(  # type: ignore[attr-defined]
        role=Role.COUNCIL, is_active=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            review = actions.open_review(user, item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            recused = review.recusals.count()
            note = f" {recused} member(s) recused for a conflict." if recused else ""
            messages.success(request, f"The gate review is open.{note}")
            return redirect("review", pk=review.pk)
    position = STAGE_ORDER.index(item.stage)
    to_stage = Stage(STAGE_ORDER[position + 1]).label if position + 1 < len(STAGE_ORDER) else ""
    context = {
        "alliance": item,
        "form": form,
        "to_stage": to_stage,
        "gate": actions.criteria_for(STAGE_ORDER[min(position + 1, len(STAGE_ORDER) - 1)]),
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "alliances/move.html", context, status=status)


@signed_in()
def inbox(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    return render(
        request, "alliances/inbox.html", {**queries.inbox(user), "staff": _is_staff(request)}
    )


def _review_page(
    request: HttpRequest, review: Review, forms: dict[str, Form], status: int = 200
) -> HttpResponse:
    user = user_of(request)
    scores = queries.scores_of(user, review)
    mean = sum(total for _, total in scores) / len(scores) if scores else None
    own = next((score for score, _ in scores if score.member_id == user.pk), None)
    context = {
        "review": review,
        "alliance": review.alliance,
        "scores": scores,
        "mean": mean,
        "recusals": queries.recusals_of(user, review),
        "decision": queries.decision_of(user, review),
        "council": review.council.all() if queries.shows_council(user) else [],
        "weights": [(label, review.weights.get(code, 0)) for code, label in Criterion.choices],
        "may_score": review.status == Review.Status.OPEN and actions.may_score(user, review),
        "own_score": own,
        "may_decide": review.status == Review.Status.OPEN and _is_staff(request),
        **forms,
    }
    return render(request, "alliances/review.html", context, status=status)


@object_route(pk=Review)
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The review page; a council member's POST records their scores."""
    user = user_of(request)
    item = get_visible_or_404(user, Review, pk=pk)
    if request.method != "POST":
        return _review_page(
            request, item, {"score_form": ScoreForm(), "decision_form": DecisionForm()}
        )
    if not actions.may_score(user, item):
        raise Http404  # seeing a review does not let one score it
    form = ScoreForm(request.POST)
    if form.is_valid():
        try:
            data = dict(form.cleaned_data)
            comment = data.pop("comment")
            actions.score_review(user, item, scores=data, comment=comment)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your scores are recorded.")
            return redirect("review", pk=item.pk)
    return _review_page(request, item, {"score_form": form, "decision_form": DecisionForm()}, 422)


@require_POST
@object_route(roles=STAFF_ROLES, pk=Review)
def review_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    item = get_visible_or_404(user, Review, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = actions.decide_review(user, item, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"Decided and signed: {decision.get_outcome_display().lower()}."
            )
            return redirect("alliance", pk=item.alliance_id)
    # The password field never renders its value back (PasswordInput's default).
    return _review_page(request, item, {"score_form": ScoreForm(), "decision_form": form}, 422)


@signed_in(*STAFF_ROLES)
def gates(request: HttpRequest) -> HttpResponse:
    """The gate criteria and rubric weights, per stage; staff edit them here."""
    form = GateCriteriaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_gate_criteria(
                user_of(request),
                stage=form.cleaned_data["stage"],
                criteria=form.cleaned_data["criteria"],
                weights=form.weights(),
            )
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The gate criteria are saved.")
            return redirect("alliance_gates")
    gates_now = [(Stage(stage).label, actions.criteria_for(stage)) for stage in STAGE_ORDER[1:]]
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "gates": gates_now, "criteria": Criterion.choices}
    return render(request, "alliances/gates.html", context, status=status)
