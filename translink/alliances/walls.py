"""Who may see what of alliances, reviews, agreements and funding (registered with the wall
policy in ``translink.accounts.policy`` when the app loads).

* Alliance managers and administrators see everything; other institute staff see the
  alliances, not their agreements, funding or the council's work.
* A researcher sees the alliances they are a member of, with those alliances' agreements,
  funding, reviews and decisions (not the council's scores, names or recusals).
* A company sees the alliances it is a partner of, and only its own agreements and funding.
* A council member sees the reviews assigned to them unless recused, with their alliances.
* Investors see none of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from translink.accounts.models import Role
from translink.accounts.policy import INSTITUTE_STAFF, researcher_of, scope, visible

if TYPE_CHECKING:
    from translink.accounts.models import User

# Who runs the pipeline: opens reviews, decides gates, keeps agreements and funding.
ALLIANCE_STAFF = frozenset({Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR})


def _model(name: str) -> Any:
    from django.apps import apps

    return apps.get_model("alliances", name)


def council_reviews(user: User) -> QuerySet[Any]:
    """The reviews a council member is assigned to and not recused from."""
    review = _model("Review")
    return review.objects.filter(council=user).exclude(recusals__member=user)


@scope("alliances.Alliance")
def _alliances(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in INSTITUTE_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(partners=user.organization_id).distinct()
    if user.role == Role.COUNCIL:
        return qs.filter(reviews__in=council_reviews(user)).distinct()
    researcher = researcher_of(user)
    if researcher is None or not user.organization.is_institute:
        return qs.none()
    return qs.filter(members__researcher=researcher).distinct()


def _of_visible_alliances(user: User, qs: QuerySet[Any], path: str = "alliance") -> QuerySet[Any]:
    return qs.filter(**{f"{path}__in": visible(user, _model("Alliance"))})


@scope("alliances.Member")
def _members(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    from translink.people.models import Researcher

    # A company sees only the members the wall shows it (researchers open to industry).
    shown = _of_visible_alliances(user, qs)
    return shown.filter(researcher__in=visible(user, Researcher))


@scope("alliances.StagePeriod")
def _periods(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_alliances(user, qs)


def sees_gates(user: Any) -> bool:
    """The gate criteria are the institute's and the council's, not the companies'."""
    return bool(user.role in INSTITUTE_STAFF or user.role in {Role.COUNCIL, Role.RESEARCHER})


@scope("alliances.GateCriteria")
def _criteria(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if sees_gates(user) else qs.none()


@scope("alliances.Review")
def _reviews(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in ALLIANCE_STAFF:
        return qs
    if user.role == Role.COUNCIL:
        return qs.filter(pk__in=council_reviews(user))
    if user.role == Role.RESEARCHER:
        return _of_visible_alliances(user, qs)
    return qs.none()


def _of_visible_reviews(user: User, qs: QuerySet[Any], path: str = "review") -> QuerySet[Any]:
    return qs.filter(**{f"{path}__in": visible(user, _model("Review"))})


@scope("alliances.Score")
def _scores(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    # The council's deliberation: staff and the assigned, unrecused members only.
    if user.role in ALLIANCE_STAFF or user.role == Role.COUNCIL:
        return _of_visible_reviews(user, qs)
    return qs.none()


@scope("alliances.Recusal")
def _recusals(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in ALLIANCE_STAFF:
        return qs
    return qs.filter(member=user)


@scope("alliances.Decision")
def _decisions(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_reviews(user, qs)


@scope("alliances.ElectronicSignature")
def _signatures(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_reviews(user, qs, "decision__review")


@scope("alliances.Agreement")
def _agreements(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in ALLIANCE_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(company_id=user.organization_id)
    researcher = researcher_of(user)
    if user.role != Role.RESEARCHER or researcher is None:
        return qs.none()
    return qs.filter(
        Q(researcher=researcher) | Q(alliance__members__researcher=researcher)
    ).distinct()


@scope("alliances.NegotiationEntry")
def _negotiation(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(agreement__in=visible(user, _model("Agreement")))


@scope("alliances.FundingCommitment")
def _funding(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in ALLIANCE_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(sponsor_id=user.organization_id)
    if user.role == Role.RESEARCHER:
        return _of_visible_alliances(user, qs)
    return qs.none()


@scope("alliances.Milestone")
def _milestones(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(commitment__in=visible(user, _model("FundingCommitment")))
