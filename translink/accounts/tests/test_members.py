from __future__ import annotations

import pytest
from django.core import mail

from translink.accounts.models import Role, User
from translink.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_a_company_admin_adds_a_colleague_who_is_emailed_a_password_link(client, world) -> None:
    client.force_login(world.users["company_a"])
    response = client.post(
        f"/organizations/{world.company_a.pk}/",
        {"email": "New.Person@A.example", "full_name": "New Person", "is_org_admin": ""},
    )
    assert response.status_code == 302
    member = User.objects.get(email="new.person@a.example")
    assert (member.organization, member.role, member.has_usable_password()) == (
        world.company_a,
        Role.INDUSTRY,
        False,
    )
    assert mail.outbox[-1].to == ["new.person@a.example"]
    assert "/accounts/password/reset/" in mail.outbox[-1].body
    event = AuditEvent.objects.get(action="accounts.account_created", object_id=str(member.pk))
    assert event.actor == world.users["company_a"]
    assert event.new == {**(event.new or {}), "organization": world.company_a.pk}


def test_bad_member_input_gets_field_messages_and_saves_nothing(client, world) -> None:
    client.force_login(world.users["company_a"])
    users_before, events_before = User.objects.count(), AuditEvent.objects.count()
    response = client.post(
        f"/organizations/{world.company_a.pk}/", {"email": "not-an-address", "full_name": ""}
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert set(form.errors) == {"email", "full_name"}
    assert "Enter a valid email address." in form.errors["email"]
    duplicate = client.post(
        f"/organizations/{world.company_a.pk}/", {"email": "B@b.example", "full_name": "Copy Cat"}
    )
    assert duplicate.context["form"].errors["email"] == [
        "An account with this e-mail address already exists."
    ]
    assert (User.objects.count(), AuditEvent.objects.count()) == (users_before, events_before)


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
    before = User.objects.count()
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
    assert User.objects.count() == before
    good = client.post(
        url, {"email": "api@a.example", "full_name": "Api Person"}, content_type="application/json"
    )
    assert good.status_code == 201 and good.json()["organization_id"] == world.company_a.pk


def test_an_administrator_changes_a_role_in_the_back_office_and_it_is_audited(
    client, world
) -> None:
    administrator = world.users["administrator"]
    administrator.is_staff = True
    administrator.is_superuser = True
    administrator.save(update_fields=["is_staff", "is_superuser"])
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
    assert event.old == {"role": "researcher", "is_staff": False}
    assert event.reason == "moved to the Translational Research Group"


def test_the_back_office_is_for_staff_only(client, world) -> None:
    for persona in ("alliance_manager", "researcher", "company_a", "company_b", "investor"):
        client.force_login(world.users[persona])
        response = client.get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], persona
