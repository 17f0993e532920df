"""Who may see what of the unit. Staff see every study; a company sees the studies it
sponsors; a researcher those they lead. Others' stays reach a company only as anonymous
busy blocks, drawn by the calendar without reading them through these scopes."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db.models import QuerySet

from translink.accounts.models import Role, User
from translink.accounts.policy import researcher_of, scope, visible

# The institute's staff who see every study in the unit.
UNIT_STAFF = frozenset(
    {Role.TCRC_COORDINATOR, Role.ADMINISTRATOR, Role.ALLIANCE_MANAGER, Role.REGULATORY}
)
COORDINATORS = frozenset({Role.TCRC_COORDINATOR, Role.ADMINISTRATOR})
# Who may ask the unit for a capacity quote, and see its beds and closures.
UNIT_VIEWERS = UNIT_STAFF | {Role.INDUSTRY, Role.RESEARCHER}


def _unit_part(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if user.role in UNIT_VIEWERS else qs.none()


@scope("tcrc.Unit")
def _units(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _unit_part(user, qs)


@scope("tcrc.Bed")
def _beds(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _unit_part(user, qs)


@scope("tcrc.Closure")
def _closures(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _unit_part(user, qs)


@scope("tcrc.BedOutage")
def _bed_outages(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    # Their reasons are the institute's own notes: staff only (the calendar hatches the
    # nights for everyone, without the reason).
    return qs if user.role in UNIT_STAFF else qs.none()


@scope("tcrc.Study")
def _studies(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    if user.role in UNIT_STAFF:
        return qs
    if user.role == Role.INDUSTRY:
        return qs.filter(sponsor_id=user.organization_id)
    researcher = researcher_of(user)
    if researcher is None or not user.organization.is_institute:
        return qs.none()
    return qs.filter(principal_investigator=researcher)


def _of_visible_studies(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(study__in=visible(user, apps.get_model("tcrc", "Study")))


@scope("tcrc.Cohort")
def _cohorts(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return _of_visible_studies(user, qs)


@scope("tcrc.Stay")
def _stays(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs.filter(cohort__in=visible(user, apps.get_model("tcrc", "Cohort")))


@scope("tcrc.PlanRun")
def _runs(user: User, qs: QuerySet[Any]) -> QuerySet[Any]:
    return qs if user.role in COORDINATORS else qs.none()
