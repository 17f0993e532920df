from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from translink.accounts.actions import create_account
from translink.accounts.models import Invitation, Role, User
from translink.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _invite(client, org, email: str, name: str = "New Person"):
    return client.post(f"/organizations/{org.pk}/", {"email": email, "full_name": name})


def _link() -> str:
    match = re.search(r"https?://[^/\s]+(/invitations/[^/\s]+/)", str(mail.outbox[-1].body))
    assert match is not None
    return match.group(1)


def test_a_company_admin_invites_a_colleague_who_chooses_a_password(client, world) -> None:
    admin = world.users["company_a"]
    client.force_login(admin)
    response = _invite(client, world.company_a, "New.Person@A.example")
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["new.person@a.example"]
    assert (
        "Pending invitations"
        in client.get(f"/organizations/{world.company_a.pk}/").content.decode()
    )
    client.logout()
    link = _link()
    assert client.get(link).status_code == 200
    accepted = client.post(
        link,
        {
            "full_name": "New Person",
            "password1": "a sound new passphrase",
            "password2": "a sound new passphrase",
        },
    )
    assert accepted.status_code == 302
    member = User.objects.get(email="new.person@a.example")
    assert (member.organization, member.role, member.is_org_admin) == (
        world.company_a,
        Role.INDUSTRY,
        False,
    )
    assert client.login(username="new.person@a.example", password="a sound new passphrase")
    assert client.get(link).status_code == 404  # used once
    invited = AuditEvent.objects.filter(action="accounts.member_invited", actor=admin)
    assert invited.filter(object_repr__contains="new.person@a.example").count() == 1
    assert (
        AuditEvent.objects.filter(action="accounts.invitation_accepted", actor=member).count() == 1
    )


def test_inviting_someone_else_s_address_looks_the_same_and_creates_nothing(client, world) -> None:
    client.force_login(world.users["company_a"])
    fresh = _invite(client, world.company_a, "nobody.yet@a.example")
    taken = _invite(client, world.company_a, "B@b.example", "Copy Cat")
    assert (fresh.status_code, taken.status_code) == (302, 302)
    messages = [str(m) for m in client.get("/").context["messages"]]
    said = "An invitation was sent to {}; once they choose a password they appear below."
    assert messages == [said.format("nobody.yet@a.example"), said.format("b@b.example")]
    client.logout()
    link = _link()
    refused = client.post(
        link,
        {
            "full_name": "Copy Cat",
            "password1": "another passphrase",
            "password2": "another passphrase",
        },
    )
    assert refused.status_code == 422
    assert "already has a Translink account" in refused.content.decode()
    assert User.objects.get(email="b@b.example").organization == world.company_b


def test_bad_member_input_gets_field_messages_and_saves_nothing(client, world) -> None:
    client.force_login(world.users["company_a"])
    events_before = AuditEvent.objects.count()
    response = client.post(
        f"/organizations/{world.company_a.pk}/", {"email": "not-an-address", "full_name": ""}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"email", "full_name"}
    assert "Enter a valid email address." in form.errors["email"]
    own = _invite(client, world.company_a, "A2@a.example")
    assert own.context["form"].errors["email"] == ["This address already belongs to a member here."]
    assert AuditEvent.objects.count() == events_before
    assert (
        not Invitation.objects.filter(invited_by__in=[world.users["company_a"], world.colleague_a])
        .exclude(email="invitee@company-a.example")
        .exists()
    )


def test_a_weak_password_at_acceptance_is_refused_with_reasons(client, world) -> None:
    client.force_login(world.users["company_a"])
    _invite(client, world.company_a, "weak@a.example")
    client.logout()
    response = client.post(
        _link(), {"full_name": "Weak", "password1": "password", "password2": "password"}
    )
    assert response.status_code == 422
    errors = response.context["form"].errors["password1"]
    assert any("at least 12 characters" in e for e in errors) and any(
        "too common" in e for e in errors
    )
    assert not User.objects.filter(email="weak@a.example").exists()


def test_an_expired_invitation_cannot_be_used(client, world) -> None:
    client.force_login(world.users["company_a"])
    _invite(client, world.company_a, "late@a.example")
    Invitation.objects.update(created_at=timezone.now() - timedelta(days=Invitation.VALID_DAYS + 1))
    client.logout()
    assert client.get(_link()).status_code == 404


def test_a_member_who_is_not_admin_cannot_add_colleagues(client, world) -> None:
    client.force_login(world.colleague_a)
    page = client.get(f"/organizations/{world.company_a.pk}/")
    assert page.status_code == 200 and b"Add a member" not in page.content
    response = client.post(
        f"/organizations/{world.company_a.pk}/", {"email": "x@a.example", "full_name": "Sneaky"}
    )
    assert response.status_code == 404
    assert not User.objects.filter(email="x@a.example").exists()


def test_an_admin_deactivates_a_colleague_with_a_reason(client, world) -> None:
    client.force_login(world.users["company_a"])
    url = f"/organizations/{world.company_a.pk}/members/{world.colleague_a.pk}/"
    assert (
        client.post(
            url, {"is_active": "", "is_org_admin": "", "reason": "left the company"}
        ).status_code
        == 302
    )
    world.colleague_a.refresh_from_db()
    assert world.colleague_a.is_active is False
    event = AuditEvent.objects.get(action="accounts.account_deactivated")
    assert (event.old, event.new, event.reason) == (
        {"is_org_admin": False, "is_active": True},
        {"is_org_admin": False, "is_active": False},
        "left the company",
    )


def test_an_admin_cannot_lock_themselves_out(client, world) -> None:
    admin = world.users["company_a"]
    client.force_login(admin)
    url = f"/organizations/{world.company_a.pk}/members/{admin.pk}/"
    response = client.post(url, {"is_active": "on", "is_org_admin": ""})
    assert response.status_code == 422
    assert "cannot remove your own admin rights" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_org_admin is True


def test_the_api_adds_members_and_reports_bad_fields_one_by_one(client, world) -> None:
    client.force_login(world.users["company_a"])
    url = f"/api/accounts/organizations/{world.company_a.pk}/members"
    bad = client.post(url, {"email": "nope", "full_name": "X"}, content_type="application/json")
    assert bad.status_code == 422
    body = bad.json()["error"]
    assert body["code"] == "validation_error"
    assert set(body["fields"]) == {"full_name"}  # the schema refuses a one-letter name first
    bad_email = client.post(
        url, {"email": "nope", "full_name": "Real Name"}, content_type="application/json"
    )
    assert bad_email.status_code == 422 and "email" in bad_email.json()["error"]["fields"]
    missing = client.post(url, {}, content_type="application/json")
    assert set(missing.json()["error"]["fields"]) == {"email", "full_name"}
    assert (
        not Invitation.objects.filter(invited_by__in=[world.users["company_a"], world.colleague_a])
        .exclude(email="invitee@company-a.example")
        .exists()
    )
    good = client.post(
        url, {"email": "API@a.example", "full_name": "Api Person"}, content_type="application/json"
    )
    taken = client.post(
        url, {"email": "b@b.example", "full_name": "Copy Cat"}, content_type="application/json"
    )
    assert good.status_code == taken.status_code == 202
    assert good.json() == {"email": "api@a.example", "status": "invited"}
    assert taken.json() == {"email": "b@b.example", "status": "invited"}


def test_an_administrator_changes_a_role_in_the_back_office_and_it_is_audited(
    client, world
) -> None:
    administrator = create_account(
        None, email="backoffice@test.example", full_name="Back Office", role=Role.ADMINISTRATOR,
        organization=world.institute, password="x" * 12, is_staff=True,
    )  # fmt: skip
    client.force_login(administrator)
    researcher = world.users["researcher"]
    response = client.post(
        f"/admin/accounts/user/{researcher.pk}/change/",
        {
            "role": Role.REGULATORY,
            "is_staff": "",
            "reason": "moved to the Translational Research Group",
        },
    )
    assert response.status_code == 302
    researcher.refresh_from_db()
    assert researcher.role == Role.REGULATORY
    event = AuditEvent.objects.get(action="accounts.role_changed", object_id=str(researcher.pk))
    assert event.old == {"role": "researcher", "is_staff": False, "is_superuser": False}
    assert event.reason == "moved to the Translational Research Group"


def test_the_back_office_is_for_staff_only(client, world) -> None:
    for persona in ("alliance_manager", "researcher", "company_a", "company_b", "investor"):
        client.force_login(world.users[persona])
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], persona


def test_a_company_admin_cannot_manage_a_council_member_of_their_company(client, world) -> None:
    councillor = create_account(
        None,
        email="c@a.example",
        full_name="Council Person",
        role=Role.COUNCIL,
        organization=world.company_a,
    )
    client.force_login(world.users["company_a"])
    url = f"/organizations/{world.company_a.pk}/members/{councillor.pk}/"
    response = client.post(url, {"is_active": "", "is_org_admin": "on"})
    assert response.status_code == 422
    councillor.refresh_from_db()
    assert (councillor.is_active, councillor.is_org_admin) == (True, False)
