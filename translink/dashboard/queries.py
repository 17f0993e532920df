"""What each person's home page shows, computed through the wall."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from translink.accounts.models import Organization, Role, User
from translink.accounts.policy import is_institute_staff, visible
from translink.audit.models import AuditEvent, ChainHead
from translink.dashboard.agenda import agenda
from translink.people.models import FocusArea, Publication, Researcher


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: float  # of the largest bar, 0..1, for drawing


def bars(pairs: list[tuple[str, int]]) -> list[Bar]:
    top = max((value for _, value in pairs), default=0) or 1
    return [Bar(label, value, value / top) for label, value in pairs]


def researchers_by_area(user: Any) -> list[Bar]:
    researchers = visible(user, Researcher)
    counts = [
        (label, researchers.filter(focus_areas__icontains=f'"{code}"').count())
        for code, label in FocusArea.choices
    ]
    return bars(sorted(counts, key=lambda pair: (-pair[1], pair[0])))  # largest first


def researchers_by_department(user: Any, limit: int = 12) -> list[Bar]:
    rows = (
        visible(user, Researcher)
        .values("departments__name")
        .annotate(n=Count("id"))
        .order_by("-n", "departments__name")[:limit]
    )
    return bars([(row["departments__name"], row["n"]) for row in rows])


def institute_figures(user: Any) -> dict[str, int]:
    organizations = visible(user, Organization)
    researchers = visible(user, Researcher)
    return {
        "researchers": researchers.count(),
        "open_to_industry": researchers.filter(open_to_industry=True).count(),
        "publications": visible(user, Publication).count(),
        "companies": organizations.filter(kind=Organization.Kind.COMPANY).count(),
        "investor_firms": organizations.filter(kind=Organization.Kind.INVESTOR).count(),
    }


def company_work(user: User) -> dict[str, Any]:
    """A company's work with the institute, at a glance: its open needs with the answers
    they drew, its alliances by stage, its studies in the unit. Only its own rows."""
    from translink.alliances.models import Alliance
    from translink.market.models import Need
    from translink.tcrc.models import Study

    mine = user.organization_id
    return {
        "needs": visible(user, Need)
        .filter(company_id=mine, status=Need.Status.OPEN)
        .annotate(
            answers=Count("interests", distinct=True),
            waiting=Count("interests", filter=Q(interests__status="pending"), distinct=True),
        )
        .order_by("-created_at")[:8],
        "alliances": visible(user, Alliance).filter(partners=mine).order_by("title")[:8],
        "studies": visible(user, Study)
        .filter(sponsor_id=mine)
        .exclude(status=Study.Status.COMPLETED)
        .order_by("protocol_number")[:8],
    }


def home_context(user: User) -> dict[str, Any]:
    """The panels of ``user``'s home page; each role sees what its work needs first."""
    upcoming, pending = agenda(user, timezone.localdate())
    context: dict[str, Any] = {
        "agenda": upcoming,
        "agenda_total": pending,
        "figures": institute_figures(user),
        "by_area": researchers_by_area(user),
        "organization": user.organization,
        "sees_organizations": is_institute_staff(user),
        "colleagues": visible(user, User)
        .filter(organization=user.organization, is_active=True)
        .exclude(pk=user.pk)[:12],
    }
    if user.role in {
        Role.ALLIANCE_MANAGER,
        Role.REGULATORY,
        Role.TCRC_COORDINATOR,
        Role.TRAINING_COORDINATOR,
    }:
        context["by_department"] = researchers_by_department(user)
    if user.role == Role.INDUSTRY:
        context["work"] = company_work(user)
    if user.role == Role.RESEARCHER:
        profile = Researcher.objects.filter(user=user).first()
        context["profile"] = profile
        if profile is not None:
            context["own_publications"] = visible(user, Publication).filter(
                authorships__researcher=profile
            )[:8]
            areas = profile.focus_areas[:1]
            context["peers"] = (
                visible(user, Researcher)
                .filter(focus_areas__icontains=f'"{areas[0]}"')
                .exclude(pk=profile.pk)[:8]
                if areas
                else []
            )
    if user.role == Role.ADMINISTRATOR:
        context["accounts_by_role"] = bars(
            [
                (Role(row["role"]).label, row["n"])
                for row in User.objects.values("role").annotate(n=Count("id")).order_by("role")
            ]
        )
        context["recent_events"] = visible(user, AuditEvent).order_by("-number")[:10]
        context["audit_events"] = ChainHead.objects.get(pk=1).count
    return context
