from __future__ import annotations

import pytest
from django.test import Client

from translink.market.models import Introduction, Notification

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_an_alliance_manager_introduces_and_both_sides_are_told(world) -> None:
    payload = {
        "researcher": world.open_researcher.pk,
        "company": world.company_b.pk,
        "reason": "Both work on tau.",
    }
    assert _as(world, "alliance_manager").post("/introductions/", payload).status_code == 302
    made = Introduction.objects.get(company=world.company_b)
    assert (made.introduced_by, made.reason) == (
        world.users["alliance_manager"],
        "Both work on tau.",
    )
    told = set(
        Notification.objects.filter(text__contains="introduced").values_list(
            "recipient__email", flat=True
        )
    )
    assert {"res@test.example", "b@b.example"} <= told


def test_an_introduction_needs_a_reason_and_a_company(world) -> None:
    payload = {
        "researcher": world.open_researcher.pk,
        "company": world.investor_firm.pk,
        "reason": "",
    }
    response = _as(world, "alliance_manager").post("/introductions/", payload)
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"company", "reason"}  # a firm is no company
    assert not Introduction.objects.filter(company=world.investor_firm).exists()


def test_only_alliance_managers_introduce(world) -> None:
    payload = {"researcher": world.open_researcher.pk, "company": world.company_b.pk, "reason": "x"}
    assert _as(world, "researcher").post("/introductions/", payload).status_code == 404
    assert _as(world, "company_a").post("/introductions/", payload).status_code == 404


def test_the_bell_counts_unread_notifications_until_they_are_read(world) -> None:
    client = _as(world, "company_a")
    unread = Notification.objects.filter(
        recipient=world.users["company_a"], read_at__isnull=True
    ).count()
    assert unread > 0
    assert f"{unread} unread" in client.get("/").content.decode()
    client.post("/notifications/")
    assert "0 unread" in client.get("/").content.decode()
