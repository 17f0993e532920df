from __future__ import annotations

import re

import pytest
from django.core import mail

from translink.accounts.models import User
from translink.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _reset_link(client, email: str) -> str:
    client.post("/accounts/password/reset/", {"email": email})
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+)", str(mail.outbox[-1].body))
    assert link is not None
    form_page = client.get(link.group(1), follow=True)
    return form_page.redirect_chain[-1][0]


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short pass1", "at least 12 characters"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
    ],
)
def test_it_refuses_weak_passwords_with_a_reason(
    client, world, password: str, message: str
) -> None:
    user = world.users["researcher"]
    url = _reset_link(client, user.email)
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple 42")


@pytest.mark.parametrize(
    "password", ["twelve chars", "a long passphrase with spaces and ünïcödé " * 2]
)
def test_it_accepts_a_password_of_twelve_characters_or_more(client, world, password: str) -> None:
    user = world.users["researcher"]
    url = _reset_link(client, user.email)
    response = client.post(url, {"new_password1": password, "new_password2": password})
    assert response.status_code == 302
    assert User.objects.get(pk=user.pk).check_password(password)
    event = AuditEvent.objects.get(action="auth.password_changed", object_id=str(user.pk))
    assert event.reason == "by reset link" and password not in str(event.new)


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, world) -> None:
    response = client.post(
        "/accounts/password/reset/", {"email": "nobody@nowhere.example"}, follow=True
    )
    assert "Check your e-mail" in response.content.decode()
    assert mail.outbox == []
