"""CDA (and other agreement) expiry alerts: notify ahead of time, on fixed days before the
end, so that a daily run tells each person once per step rather than every day."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from translink.accounts.models import Role, User
from translink.alliances.models import Agreement
from translink.market.notifications import notify

# Days before expiry on which the alert goes out.
ALERT_DAYS = (60, 30, 7)


def send_expiry_alerts(today: date) -> int:
    """Tell alliance managers, and the company's own members, of each executed agreement
    expiring exactly ``ALERT_DAYS`` days from ``today``. Returns the alerts sent."""
    managers = list(User.objects.filter(role=Role.ALLIANCE_MANAGER, is_active=True))
    sent = 0
    ends = [today + timedelta(days=days) for days in ALERT_DAYS]
    expiring = Agreement.objects.filter(
        status=Agreement.Status.EXECUTED, expires_on__in=ends
    ).select_related("company")
    for agreement in expiring:
        if agreement.expires_on is None:
            continue
        left = (agreement.expires_on - today).days
        company_members = User.objects.filter(
            organization=agreement.company, role=Role.INDUSTRY, is_active=True
        )
        sent += len(
            notify(
                [*managers, *company_members],
                f"{agreement.get_kind_display()} “{agreement.title}” with "
                f"{agreement.company.name} expires in {left} days, on "
                f"{agreement.expires_on:%Y-%m-%d}.",
                reverse("agreement", args=[agreement.pk]),
            )
        )
    return sent
