"""In-app notifications, with the same words e-mailed through Django's mail settings."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mass_mail

from translink.accounts.models import User
from translink.market.models import Notification


def notify(recipients: Iterable[User], text: str, link: str = "") -> list[Notification]:
    """One notification per active recipient (deduplicated), and one e-mail each."""
    people = {user.pk: user for user in recipients if user.is_active}
    created = Notification.objects.bulk_create(
        [Notification(recipient=user, text=text[:300], link=link) for user in people.values()]
    )
    url = settings.SITE_URL + link if link else settings.SITE_URL
    send_mass_mail(
        [
            (f"Translink: {text[:80]}", f"{text}\n\n{url}\n", None, [user.email])
            for user in people.values()
        ],
        fail_silently=True,  # the in-app notification is the record; mail is a courtesy
    )
    return created
