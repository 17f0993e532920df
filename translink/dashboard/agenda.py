"""What needs a person soon: the dated duties of their work, each seen through the wall.

One list, earliest first, for the home page: FDA deadlines of the INDs they follow, gate
reviews to score, milestone payments falling due, agreements about to expire, needs whose
answers close, answers waiting for their decision, and admissions to the unit. Every
source starts from ``visible(user, Model)``, so the list never shows what the pages would
not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from translink.accounts.models import Role
from translink.accounts.policy import MARKET_STAFF, is_institute_staff, visible
from translink.alliances.models import Agreement, Milestone, Review
from translink.market.models import Interest, Need
from translink.regulatory.models import Obligation
from translink.tcrc.models import Cohort, Study
from translink.tcrc.walls import COORDINATORS

HORIZON = 30  # days ahead the agenda looks
EXPIRY_HORIZON = 60  # agreements are renegotiated well ahead of their end
ADMISSION_HORIZON = 14  # the unit prepares admissions two weeks out
LIMIT = 12


@dataclass(frozen=True)
class Item:
    """One dated duty. ``when`` says it relative to today, the template the date itself."""

    on: date
    kind: str
    title: str
    url: str
    today: date
    waiting: bool = False  # ``on`` is when the wait began, not a due date

    @property
    def days(self) -> int:
        """Days from today: negative when the date has passed."""
        return (self.on - self.today).days

    @property
    def overdue(self) -> bool:
        return self.days < 0 and not self.waiting

    @property
    def this_year(self) -> bool:
        return self.on.year == self.today.year

    @property
    def when(self) -> str:
        if self.waiting:
            return (
                "since today"
                if self.days >= 0
                else f"waiting {-self.days} day{'s' if self.days < -1 else ''}"
            )
        if self.days < 0:
            return f"{-self.days} day{'s' if self.days < -1 else ''} overdue"
        if self.days == 0:
            return "today"
        return "tomorrow" if self.days == 1 else f"in {self.days} days"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def agenda(user: Any, today: date, limit: int | None = LIMIT) -> tuple[list[Item], int]:
    """The first ``limit`` items (all when None), earliest first (overdue ones lead), and
    how many there are."""
    items = [
        *_deadlines(user, today),
        *_reviews(user, today),
        *_milestones(user, today),
        *_expiring(user, today),
        *_closing_needs(user, today),
        *_answers(user, today),
        *_admissions(user, today),
        *_requested_studies(user, today),
    ]
    items.sort(key=lambda item: (item.on, item.kind, item.title))
    return items[:limit], len(items)


def _deadlines(user: Any, today: date) -> list[Item]:
    """FDA deadlines of the INDs this person answers for: every one for regulatory staff,
    their own IND's for a sponsor-investigator or sponsoring company, and those assigned to
    them for other staff (alliance managers read the compliance calendar when they need it)."""
    found = (
        visible(user, Obligation)
        .filter(status=Obligation.Status.OPEN, due__lte=today + timedelta(days=HORIZON))
        .select_related("ind")
    )
    if is_institute_staff(user) and user.role != Role.REGULATORY:
        found = found.filter(owner=user)
    return [
        Item(o.due, "FDA deadline", f"{o.ind}: {o.title}", reverse("ind", args=[o.ind_id]), today)
        for o in found
    ]


def _reviews(user: Any, today: date) -> list[Item]:
    """Open gate reviews: for a council member, those still waiting for their own scores
    (recused ones left out); for staff, every open one. Dated by the review's due day, or,
    without one, by when it opened, as a wait."""
    found = (
        visible(user, Review)
        .filter(status=Review.Status.OPEN)
        .filter(Q(due_on__lte=today + timedelta(days=HORIZON)) | Q(due_on__isnull=True))
        .select_related("alliance")
    )
    council = user.role == Role.COUNCIL
    if council:
        found = found.exclude(scores__member=user).exclude(recusals__member=user)
    items = []
    for r in found:
        gate = f"the gate into {r.get_to_stage_display().lower()}"
        if council:
            title = f"{r.alliance}: your scores for {gate}"
        elif user.role == Role.RESEARCHER:  # the team, waiting on its gate
            title = f"{r.alliance}: {gate} is under review"
        else:
            title = f"{r.alliance}: scores and decision for {gate}"
        url = reverse("review", args=[r.pk])
        if r.due_on is not None:
            items.append(Item(r.due_on, "Gate review", title, url, today))
        else:
            opened = timezone.localdate(r.opened_at)
            items.append(Item(opened, "Gate review", title, url, today, waiting=True))
    return items


def _milestones(user: Any, today: date) -> list[Item]:
    found = (
        visible(user, Milestone)
        .filter(received_on__isnull=True, due_on__lte=today + timedelta(days=HORIZON))
        .select_related("commitment__alliance", "commitment__sponsor")
    )
    return [
        Item(
            m.due_on,
            "Milestone payment",
            f"{m.commitment.alliance}: {m.title} ({m.commitment.sponsor.name}, {m.amount:,.0f})",
            reverse("alliance", args=[m.commitment.alliance_id]),
            today,
        )
        for m in found
    ]


def _expiring(user: Any, today: date) -> list[Item]:
    found = visible(user, Agreement).filter(
        status=Agreement.Status.EXECUTED,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=EXPIRY_HORIZON),
    )
    return [
        Item(
            a.expires_on,
            "Agreement expires",
            f"{a.get_kind_display()}: {a.title}",
            reverse("agreement", args=[a.pk]),
            today,
        )
        for a in found
        if a.expires_on is not None
    ]


def _closing_needs(user: Any, today: date) -> list[Item]:
    """Needs whose answers close soon: the company's own, or every one for market staff."""
    found = visible(user, Need).filter(
        status=Need.Status.OPEN,
        response_deadline__gte=today,
        response_deadline__lte=today + timedelta(days=HORIZON),
    )
    if user.role not in MARKET_STAFF:
        found = found.filter(company_id=user.organization_id)
    return [
        Item(n.response_deadline, "Answers close", n.title, reverse("need", args=[n.pk]), today)
        for n in found
        if n.response_deadline is not None
    ]


def _answers(user: Any, today: date) -> list[Item]:
    """Answers awaiting a decision this person may take (``market.actions.may_decide``): on
    their company's needs, on assets they own, or any for market staff. One item a need or
    asset, dated by its oldest waiting answer."""
    pending = visible(user, Interest).filter(status=Interest.Status.PENDING)
    if user.role in MARKET_STAFF:
        groups = [("need", pending.filter(need__isnull=False)),
                  ("asset", pending.filter(asset__isnull=False))]  # fmt: skip
    elif user.role == Role.INDUSTRY:
        groups = [("need", pending.filter(need__company_id=user.organization_id))]
    else:
        groups = [("asset", pending.filter(asset__owners__user=user))]
    items = []
    for kind, rows in groups:
        summary = rows.values(f"{kind}_id", f"{kind}__title").annotate(
            n=Count("id", distinct=True), oldest=Min("created_at")
        )
        for row in summary.order_by(f"{kind}_id"):
            n = row["n"]
            items.append(
                Item(
                    timezone.localdate(row["oldest"]),
                    "Answers to decide",
                    f"{row[f'{kind}__title']}: {_count(n, 'answer')} awaiting a decision",
                    reverse(kind, args=[row[f"{kind}_id"]]),
                    today,
                    waiting=True,
                )
            )
    return items


def _admissions(user: Any, today: date) -> list[Item]:
    """Cohorts admitted to the unit in the next two weeks (admission precedes dosing)."""
    found = (
        visible(user, Cohort)
        .filter(
            status=Cohort.Status.PLANNED,
            dose_day__gte=today,
            dose_day__lte=today + timedelta(days=ADMISSION_HORIZON + 7),
        )
        .select_related("study")
    )
    items = []
    for cohort in found:
        assert cohort.dose_day is not None
        admitted = cohort.dose_day + timedelta(days=cohort.admission_offset)
        if today <= admitted <= today + timedelta(days=ADMISSION_HORIZON):
            items.append(
                Item(
                    admitted,
                    "Admission",
                    f"{cohort.study.protocol_number} {cohort.label}: "
                    f"{cohort.participants} participants, {cohort.nights} nights",
                    reverse("tcrc_study", args=[cohort.study_id]),
                    today,
                )
            )
    return items


def _requested_studies(user: Any, today: date) -> list[Item]:
    """For the unit's coordinators: requested studies with cohorts the plan has not given a
    day (a new request, or one the last plan found no room for), waiting since they were
    asked for. Studies the plan refuses for a reason (a clinical hold) are on the calendar."""
    if user.role not in COORDINATORS:
        return []
    undated = Q(cohorts__dose_day__isnull=True) & ~Q(cohorts__status=Cohort.Status.CANCELLED)
    found = (
        visible(user, Study)
        .filter(status=Study.Status.REQUESTED, refusal="")
        .annotate(undated=Count("cohorts", filter=undated))
        .filter(undated__gt=0)
        .select_related("sponsor")
    )
    return [
        Item(
            timezone.localdate(study.submitted_at),
            "Study to plan",
            f"{study.protocol_number} ({study.sponsor.name}): "
            f"{_count(study.undated, 'cohort')} without a day in the plan",
            reverse("tcrc_study", args=[study.pk]),
            today,
            waiting=True,
        )
        for study in found
    ]
