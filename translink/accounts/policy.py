"""The information-wall policy: the one place that decides who may see or change what.

Two halves:

* **Route policies.** Every page and API operation declares who may reach it with one of
  the decorators below (``public``, ``signed_in``, ``object_route``). ``WallMiddleware``
  enforces the declaration before the view runs and answers 404 for a route without one.
  The wall test harness enumerates every route and fails on a missing declaration.
* **Scopes.** ``visible(user, Model)`` returns exactly the rows of ``Model`` that ``user``
  may see; every queryset that serves a user starts there. A model without a registered
  scope raises ``PolicyMissing``: fail closed, never open.

An object a user may not see is reported as missing (404), never as forbidden (403), so
its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from translink.accounts.models import Organization, Role

if TYPE_CHECKING:
    from translink.accounts.models import User

    AnyUser = User | AnonymousUser
else:
    AnyUser = Any

M = TypeVar("M", bound=models.Model)
V = TypeVar("V", bound=Callable[..., Any])

INSTITUTE_STAFF = frozenset(
    {
        Role.ALLIANCE_MANAGER,
        Role.REGULATORY,
        Role.TCRC_COORDINATOR,
        Role.TRAINING_COORDINATOR,
        Role.ADMINISTRATOR,
    }
)
ADMINISTRATORS = frozenset({Role.ADMINISTRATOR})
# Who sees everything in the market: needs at every level, every answer and introduction.
MARKET_STAFF = frozenset({Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR})


class PolicyMissing(LookupError):
    """A model was queried for a user but no scope says what that user may see of it."""


# --- route policies -----------------------------------------------------------------


@dataclass(frozen=True)
class RoutePolicy:
    """Who may reach a route. ``objects`` maps URL keyword arguments to the model they name."""

    kind: Literal["public", "signed_in", "object"]
    roles: frozenset[str] | None = None
    objects: Mapping[str, type[models.Model]] = field(default_factory=dict)

    def admits_role(self, role: str) -> bool:
        return self.roles is None or role in self.roles


def _declare(view: V, policy: RoutePolicy) -> V:
    view.wall = policy  # type: ignore[attr-defined]
    return view


def public(view: V) -> V:
    """Anyone, signed in or not (sign-in, password reset, health check)."""
    return _declare(view, RoutePolicy("public"))


def signed_in(*roles: str) -> Callable[[V], V]:
    """Any signed-in user, or only these roles; other users get 404."""

    def decorate(view: V) -> V:
        return _declare(view, RoutePolicy("signed_in", frozenset(roles) if roles else None))

    return decorate


def object_route(*, roles: tuple[str, ...] = (), **objects: type[models.Model]) -> Callable[[V], V]:
    """A route whose URL names objects; the view must fetch each with ``get_visible_or_404``.

    ``@object_route(pk=Organization)`` tells the wall harness which model ``pk`` names, so
    it can try every persona against objects they must not see.
    """

    def decorate(view: V) -> V:
        return _declare(
            view, RoutePolicy("object", frozenset(roles) if roles else None, dict(objects))
        )

    return decorate


def policy_of(view: Callable[..., Any]) -> RoutePolicy | None:
    return getattr(view, "wall", None)


# --- scopes ---------------------------------------------------------------------------

Scope = Callable[["User", QuerySet[Any]], QuerySet[Any]]
_SCOPES: dict[str, Scope] = {}


def scope(label: str) -> Callable[[Scope], Scope]:
    """Register what a signed-in user may see of the model ``app_label.ModelName``."""

    def register(function: Scope) -> Scope:
        _SCOPES[label.lower()] = function
        return function

    return register


def scoped_models() -> set[str]:
    return set(_SCOPES)


def visible(user: AnyUser, model: type[M]) -> QuerySet[M]:
    """The rows of ``model`` that ``user`` may see. Anonymous and inactive users see none."""
    rule = _SCOPES.get(model._meta.label_lower)
    if rule is None:
        raise PolicyMissing(f"No wall policy says who may see {model._meta.label}.")
    queryset = model._default_manager.all()
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    return rule(user, queryset)


def get_visible_or_404(user: AnyUser, model: type[M], **lookup: Any) -> M:
    try:
        return visible(user, model).get(**lookup)
    except (model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None


def user_of(request: HttpRequest) -> User:
    """The signed-in user of a request that passed a non-public route's policy."""
    user = request.user
    if not user.is_authenticated:
        raise Http404  # unreachable behind WallMiddleware; fail closed all the same
    return user


def is_institute_staff(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.role in INSTITUTE_STAFF)


def is_external(user: User) -> bool:
    """Companies, investor firms and external council members: the other side of the wall."""
    return not user.organization.is_institute


@scope("accounts.Organization")
def _organizations(user: User, qs: QuerySet[Organization]) -> QuerySet[Organization]:
    if is_institute_staff(user):
        return qs
    return qs.filter(Q(pk=user.organization_id) | Q(kind=Organization.Kind.INSTITUTE))


@scope("accounts.User")
def _users(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in {Role.ADMINISTRATOR, Role.ALLIANCE_MANAGER}:
        return qs
    return qs.filter(organization_id=user.organization_id)


@scope("accounts.Invitation")
def _invitations(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role == Role.ADMINISTRATOR:
        return qs
    if user.is_org_admin:
        return qs.filter(organization_id=user.organization_id)
    return qs.none()


@scope("accounts.ApiToken")
def _tokens(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(user=user)


@scope("audit.AuditEvent")
def _audit_events(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if user.role in ADMINISTRATORS else qs.none()


@scope("people.Department")
def _departments(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs  # the institute's departments are public knowledge


@scope("people.Researcher")
def _researchers(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if is_external(user):
        return qs.filter(open_to_industry=True)
    return qs


@scope("people.Disclosure")
def _disclosures(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if is_institute_staff(user):
        return qs
    return qs.filter(researcher__user=user)


@scope("people.Publication")
def _publications(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    researchers = visible(user, apps.get_model("people", "Researcher"))
    return qs.filter(authorships__researcher__in=researchers).distinct()


def researcher_of(user: AnyUser) -> Any:
    """The researcher profile a signed-in user owns, or None."""
    if not user.is_authenticated:
        return None
    return apps.get_model("people", "Researcher").objects.filter(user=user).first()


@scope("market.Need")
def _needs(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in MARKET_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(company_id=user.organization_id)
    if not user.organization.is_institute:
        return qs.none()  # investors and external council members
    shown = Q(confidentiality__in=["public", "anonymous"])
    researcher = researcher_of(user)
    if researcher is not None:
        shown |= Q(confidentiality="invited", invited_researchers=researcher)
    return qs.filter(shown, status="open").distinct()


def may_see_need_detail(user: AnyUser, need: Any) -> bool:
    """The confidential detail: the company, alliance managers, and invited researchers."""
    if not user.is_authenticated:
        return False
    if user.role in MARKET_STAFF or (
        user.role == Role.INDUSTRY and user.organization_id == need.company_id
    ):
        return True
    researcher = researcher_of(user)
    if researcher is None:
        return False
    invited = need.confidentiality == "invited" and need.invited_researchers.filter(
        pk=researcher.pk
    )
    return bool(invited and invited.exists()) or _cda_unlocks(researcher, need)


def _cda_unlocks(researcher: Any, need: Any) -> bool:
    """An executed CDA in force between the need's company and the researcher, naming it."""
    from translink.alliances.queries import cda_unlocks

    return cda_unlocks(researcher, need, timezone.localdate())


def shows_company(user: AnyUser, need: Any) -> bool:
    """Whether this user may learn which company posted the need."""
    if need.confidentiality != "anonymous" or not user.is_authenticated:
        return need.confidentiality != "anonymous"
    return user.role in MARKET_STAFF or user.organization_id == need.company_id


@scope("market.Asset")
def _assets(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in MARKET_STAFF:
        return qs
    researcher = researcher_of(user)
    if researcher is not None:
        return qs.filter(Q(status="open") | Q(owners=researcher)).distinct()
    return qs.filter(status="open")


@scope("market.Interest")
def _interests(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in MARKET_STAFF:
        return qs
    if user.role in {Role.INDUSTRY, Role.INVESTOR}:
        org = user.organization_id
        return qs.filter(Q(company_id=org) | Q(need__company_id=org))
    researcher = researcher_of(user)
    if researcher is None:
        return qs.none()
    return qs.filter(Q(researcher=researcher) | Q(asset__owners=researcher)).distinct()


@scope("market.Introduction")
def _introductions(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in MARKET_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(company_id=user.organization_id)
    researcher = researcher_of(user)
    return qs.filter(researcher=researcher) if researcher is not None else qs.none()


@scope("market.Notification")
def _notifications(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(recipient=user)


# --- changes ----------------------------------------------------------------------------


def may_manage_members(user: AnyUser, organization: Organization) -> bool:
    """Administrators manage anyone; a company or firm admin manages their own members."""
    if not user.is_authenticated:
        return False
    if user.role == Role.ADMINISTRATOR:
        return True
    return bool(
        user.is_org_admin
        and user.organization_id == organization.pk
        and not organization.is_institute
    )


# --- regulatory ---------------------------------------------------------------------------

# Who sees every IND: the Translational Research Group, alliance managers, administrators.
REGULATORY_VIEWERS = frozenset({Role.REGULATORY, Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR})


@scope("regulatory.Ind")
def _inds(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Staff see all; a sponsor-investigator their own; a company those it sponsors."""
    if user.role in REGULATORY_VIEWERS:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(sponsor_company_id=user.organization_id)
    researcher = researcher_of(user)
    if researcher is None or not user.organization.is_institute:
        return qs.none()
    return qs.filter(sponsor_investigator=researcher)


def _of_visible_inds(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(ind__in=visible(user, apps.get_model("regulatory", "Ind")))


@scope("regulatory.Investigator")
def _ind_investigators(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_inds(user, qs)


@scope("regulatory.Submission")
def _ind_submissions(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_inds(user, qs)


@scope("regulatory.SafetyReport")
def _ind_safety_reports(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_inds(user, qs)


@scope("regulatory.Obligation")
def _ind_obligations(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    """Those of visible INDs; a study's ClinicalTrials.gov duties also to who sees the study."""
    studies = visible(user, apps.get_model("tcrc", "Study"))
    return qs.filter(
        Q(ind__in=visible(user, apps.get_model("regulatory", "Ind"))) | Q(study__in=studies)
    )


def may_manage_ind(user: AnyUser, ind: Any) -> bool:
    """Regulatory specialists manage every IND; a sponsor-investigator, being the sponsor in
    law (21 CFR 312.3), manages their own."""
    if not user.is_authenticated:
        return False
    if user.role == Role.REGULATORY:
        return True
    researcher = researcher_of(user)
    return researcher is not None and ind.sponsor_investigator_id == researcher.pk
