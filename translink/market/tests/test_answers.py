from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from translink.audit.models import AuditEvent
from translink.market.models import Interest, Need, Notification

pytestmark = pytest.mark.django_db

ANSWER = {
    "approach": "Our PET core can image this.",
    "experience": "Two tracers to phase 1.",
    "next_step": "call",
}


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_a_researcher_answers_and_the_company_is_told(world) -> None:
    need = world.market["need_a_invited"]
    response = _as(world, "researcher").post(f"/needs/{need.pk}/", ANSWER)
    assert response.status_code == 302
    answer = Interest.objects.get(need=need)
    assert answer.researcher == world.open_researcher and answer.status == "pending"
    told = Notification.objects.filter(
        recipient__organization=world.company_a, link=f"/answers/{answer.pk}/"
    )
    assert {n.recipient for n in told} == {world.users["company_a"], world.colleague_a}
    assert any(
        m.to == ["a@a.example"] and "Olive Open answered your need" in m.subject
        for m in mail.outbox
    )
    assert AuditEvent.objects.filter(
        action="market.interest_sent", object_id=str(answer.pk)
    ).exists()


def test_a_second_answer_to_the_same_need_is_refused(world) -> None:
    need = world.market["need_a_public"]  # answered in the world already
    response = _as(world, "researcher").post(f"/needs/{need.pk}/", ANSWER)
    assert response.status_code == 422
    assert response.context["form"].errors["approach"] == ["You have already answered this."]
    assert Interest.objects.filter(need=need).count() == 1


def test_an_answer_after_the_deadline_is_refused(world) -> None:
    need = world.market["need_a_invited"]
    Need.objects.filter(pk=need.pk).update(
        response_deadline=timezone.localdate() - timedelta(days=1)
    )
    response = _as(world, "researcher").post(f"/needs/{need.pk}/", ANSWER)
    assert response.status_code == 422 and "Answers closed on" in response.content.decode()
    assert not Interest.objects.filter(need=need).exists()


def test_an_empty_answer_gets_field_messages(world) -> None:
    need = world.market["need_a_invited"]
    response = _as(world, "researcher").post(
        f"/needs/{need.pk}/", {"approach": "", "next_step": "tea"}
    )
    assert set(response.context["form"].errors) == {"approach", "experience", "next_step"}
    api = _as(world, "researcher").post(
        f"/api/market/needs/{need.pk}/answers",
        {"approach": "short"},
        content_type="application/json",
    )
    assert api.status_code == 422
    assert set(api.json()["error"]["fields"]) == {"approach", "experience", "next_step"}
    assert not Interest.objects.filter(need=need).exists()


def test_declining_needs_a_reason_which_the_sender_then_sees(world) -> None:
    answer = world.market["answer_a"]
    company = _as(world, "company_a")
    refused = company.post(f"/answers/{answer.pk}/", {"decision": "decline", "reason": ""})
    assert refused.status_code == 422 and "Say why you decline" in refused.content.decode()
    assert (
        company.post(
            f"/answers/{answer.pk}/",
            {"decision": "decline", "reason": "We chose a tracer in-house."},
        ).status_code
        == 302
    )
    page = _as(world, "researcher").get(f"/answers/{answer.pk}/").content.decode()
    assert "Declined" in page and "We chose a tracer in-house." in page
    assert Notification.objects.filter(
        recipient=world.users["researcher"], text__contains="was declined"
    ).exists()


def test_only_the_receiving_side_decides(world) -> None:
    answer = world.market["answer_a"]
    assert (
        _as(world, "researcher").post(f"/answers/{answer.pk}/", {"decision": "accept"}).status_code
        == 404
    )
    api = _as(world, "researcher").post(
        f"/api/market/answers/{answer.pk}/decision",
        {"accept": True},
        content_type="application/json",
    )
    assert api.status_code == 403
    answer.refresh_from_db()
    assert answer.status == "pending"


def test_a_company_answers_an_asset_and_the_owner_accepts(world) -> None:
    asset = world.market["asset_open"]
    assert _as(world, "company_b").post(f"/assets/{asset.pk}/", ANSWER).status_code == 302
    interest = Interest.objects.get(asset=asset, company=world.company_b)
    owner = _as(world, "researcher")
    assert (
        owner.post(f"/answers/{interest.pk}/", {"decision": "accept", "reason": ""}).status_code
        == 302
    )
    interest.refresh_from_db()
    assert interest.status == "accepted" and interest.decided_by == world.users["researcher"]
    # Company A, which answered the same asset, sees its own answer and never B's.
    page = _as(world, "company_a").get(f"/assets/{asset.pk}/").content.decode()
    assert world.company_a.name in page and world.company_b.name not in page
