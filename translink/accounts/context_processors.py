"""The navigation a person sees depends on their role."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from translink.accounts.models import Role
from translink.tcrc.walls import UNIT_VIEWERS


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": []}
    items = [("Home", "home"), ("Search", "search"), ("Researchers", "researchers")]
    if user.role != Role.INVESTOR and user.role != Role.COUNCIL:
        items.append(("Needs", "needs"))
    items += [
        ("Assets", "assets"),
        ("Introductions", "introductions"),
        ("Organizations", "organizations"),
    ]
    if user.role not in {Role.INVESTOR, Role.COUNCIL}:
        items.append(("Alliances", "pipeline"))
    if user.role == Role.COUNCIL:
        items.append(("Reviews", "review_inbox"))
    if user.role in {Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR}:
        items.append(("Team builder", "team_builder"))
    if user.role in {Role.REGULATORY, Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR}:
        items.append(("Regulatory", "compliance_calendar"))
    if user.role in UNIT_VIEWERS:
        items.append(("Unit", "unit_calendar"))
    if user.role == Role.ADMINISTRATOR:
        items.append(("Audit trail", "audit_events"))
    items.append(("API tokens", "tokens"))
    from translink.market.queries import unread_notifications

    return {
        "nav": items,
        "role_label": Role(user.role).label,
        "unread_count": unread_notifications(user).count(),
    }
