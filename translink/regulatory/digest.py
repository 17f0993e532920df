"""The compliance e-mail digest: each person's open obligations that are overdue or due soon."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail

from translink.accounts.models import Role, User
from translink.regulatory.queries import open_obligations, standing

RECIPIENT_ROLES = {Role.REGULATORY, Role.RESEARCHER}


def digest_text(user: User, today: date) -> str | None:
    """The digest for ``user``, or None when nothing of theirs needs attention."""
    pressing = [o for o in open_obligations(user) if standing(o, today) != "upcoming"]
    if not pressing:
        return None
    lines = [f"Open IND obligations as of {today:%Y-%m-%d}:", ""]
    for o in pressing:
        left = (o.due - today).days
        when = f"OVERDUE by {-left} days" if left < 0 else f"due in {left} days"
        submit = f", submit by {o.submit_by:%Y-%m-%d}" if o.submit_by else ""
        lines.append(
            f"- {o.ind}: {o.title}: due {o.due:%Y-%m-%d}{submit} ({when}); {o.rule}, {o.citation}"
        )
    lines += ["", f"The calendar: {settings.SITE_URL}/regulatory/calendar/"]
    return "\n".join(lines)


def send_digests(today: date) -> int:
    """E-mail every regulatory specialist and sponsor-investigator their digest; returns
    how many were sent."""
    sent = 0
    for user in User.objects.filter(role__in=RECIPIENT_ROLES, is_active=True).order_by("pk"):
        text = digest_text(user, today)
        if text is not None:
            send_mail("Translink: IND deadlines needing attention", text, None, [user.email])
            sent += 1
    return sent
