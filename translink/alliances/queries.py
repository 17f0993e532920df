"""Reads of alliances, reviews, agreements and funding, always through the wall."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from translink.accounts.models import Role, User
from translink.accounts.policy import visible
from translink.alliances.models import (
    STAGE_ORDER,
    Agreement,
    Alliance,
    Decision,
    FundingCommitment,
    Member,
    Milestone,
    NegotiationEntry,
    Recusal,
    Review,
    Score,
    Stage,
)
from translink.alliances.walls import ALLIANCE_STAFF

# A CDA (or any agreement) expiring within this many days is flagged on the list and pages.
EXPIRY_WARNING_DAYS = 60


def alliances(user: Any, *, stage: str = "", status: str = "") -> QuerySet[Alliance]:
    found = visible(user, Alliance)
    if stage in Stage.values:
        found = found.filter(stage=stage)
    if status in Alliance.Status.values:
        found = found.filter(status=status)
    return found.order_by("title", "pk")


def board(user: Any) -> list[dict[str, Any]]:
    """The pipeline: one column per stage with its alliances and their days in stage."""
    today = timezone.localdate()
    columns: dict[str, list[Any]] = {stage: [] for stage in STAGE_ORDER}
    found: Any = alliances(user).prefetch_related(
        # Only reviews this user may open: a company sees no review of its alliance.
        Prefetch("reviews", queryset=visible(user, Review).filter(status=Review.Status.OPEN))
    )
    for alliance in found:
        alliance.days_in_stage = (today - alliance.stage_entered_on).days
        alliance.open_review = next(iter(alliance.reviews.all()), None)
        columns[alliance.stage].append(alliance)
    return [
        {"stage": stage, "label": Stage(stage).label, "alliances": items}
        for stage, items in columns.items()
    ]


def members_of(user: Any, alliance: Alliance) -> QuerySet[Member]:
    return visible(user, Member).filter(alliance=alliance).select_related("researcher")


def partners_of(user: Any, alliance: Alliance) -> list[Any]:
    """The partners this user may name: all for the institute, a company only itself."""
    partners = list(alliance.partners.all())
    if user.role == Role.INDUSTRY:
        return [p for p in partners if p.pk == user.organization_id]
    return partners


def reviews(user: Any, *, alliance: Alliance | None = None) -> QuerySet[Review]:
    found = visible(user, Review).select_related("alliance")
    return found.filter(alliance=alliance) if alliance is not None else found


def inbox(user: User) -> dict[str, list[Review]]:
    """A council member's reviews: those awaiting their score first, then the others."""
    found = list(reviews(user).prefetch_related("scores"))
    waiting = [
        r
        for r in found
        if r.status == Review.Status.OPEN
        and not any(s.member_id == user.pk for s in r.scores.all())
    ]
    return {"waiting": waiting, "other": [r for r in found if r not in waiting]}


def scores_of(user: Any, review: Review) -> list[tuple[Score, Decimal]]:
    scores = visible(user, Score).filter(review=review).select_related("member")
    return [(score, score.weighted(review.weights)) for score in scores]


def recusals_of(user: Any, review: Review) -> QuerySet[Recusal]:
    return visible(user, Recusal).filter(review=review).select_related("member")


def decision_of(user: Any, review: Review) -> Decision | None:
    return (
        visible(user, Decision).filter(review=review).select_related("signature", "decided_by")
    ).first()


def shows_council(user: Any) -> bool:
    """Council names and scores are for staff and the council themselves."""
    return bool(user.role in ALLIANCE_STAFF or user.role == Role.COUNCIL)


def agreements(
    user: Any, *, kind: str = "", status: str = "", alliance: Alliance | None = None
) -> QuerySet[Agreement]:
    found = visible(user, Agreement).select_related("company", "alliance", "researcher")
    if kind in Agreement.Kind.values:
        found = found.filter(kind=kind)
    if status in Agreement.Status.values:
        found = found.filter(status=status)
    if alliance is not None:
        found = found.filter(alliance=alliance)
    return found


def expiry_standing(agreement: Agreement, today: date) -> str:
    """ "expired" past its end date, "expires-soon" within the warning days, else ""."""
    if agreement.expires_on is None or agreement.status != Agreement.Status.EXECUTED:
        return ""
    left = (agreement.expires_on - today).days
    if left < 0:
        return "expired"
    return "expires-soon" if left <= EXPIRY_WARNING_DAYS else ""


def with_standing(found: Any, today: date) -> list[Agreement]:
    shown = list(found)
    for agreement in shown:
        agreement.standing = expiry_standing(agreement, today)
        agreement.days_left = (
            (agreement.expires_on - today).days if agreement.expires_on is not None else None
        )
    return shown


def expiring(user: Any, today: date) -> list[Agreement]:
    """Executed agreements, CDAs first, that expire within the warning days or have lapsed."""
    found = with_standing(agreements(user, status=Agreement.Status.EXECUTED), today)
    alerts = [a for a in found if a.standing]  # type: ignore[attr-defined]
    return sorted(alerts, key=lambda a: (a.kind != Agreement.Kind.CDA, a.expires_on))


def visible_alliance_ids(user: Any) -> set[int]:
    return set(visible(user, Alliance).values_list("pk", flat=True))


def cda_unlocks(researcher: Any, need: Any, today: date) -> bool:
    """Whether an executed CDA, still in force, between the need's company and ``researcher``
    names ``need``: the agreement that lets this researcher read the need's confidential
    detail (asked by the wall's ``may_see_need_detail``)."""
    found = Agreement.objects.filter(
        kind=Agreement.Kind.CDA, status=Agreement.Status.EXECUTED, researcher=researcher,
        company_id=need.company_id, need=need,
    )  # fmt: skip
    return found.exclude(expires_on__lt=today).exists()


def log_of(user: Any, agreement: Agreement) -> QuerySet[NegotiationEntry]:
    return visible(user, NegotiationEntry).filter(agreement=agreement).select_related("author")


def funding(user: Any, *, alliance: Alliance | None = None) -> QuerySet[FundingCommitment]:
    found = visible(user, FundingCommitment).select_related("sponsor", "alliance")
    found = found.prefetch_related("milestones")
    return found.filter(alliance=alliance) if alliance is not None else found


def received(commitment: FundingCommitment) -> Decimal:
    return sum(
        (m.amount for m in commitment.milestones.all() if m.received_on is not None), Decimal(0)
    )


def milestones_of(user: Any, commitment: FundingCommitment) -> QuerySet[Milestone]:
    return visible(user, Milestone).filter(commitment=commitment)


# Alliances that take up a researcher's time: under way or paused, not stopped or handed on.
BUSY = (Alliance.Status.ACTIVE, Alliance.Status.ON_HOLD)


def busy_alliances(researcher: Any) -> int:
    """How many active or paused alliances ``researcher`` is in: what their profile's limit
    (``max_active_alliances``) is counted against."""
    return Alliance.objects.filter(members__researcher=researcher, status__in=BUSY).count()
