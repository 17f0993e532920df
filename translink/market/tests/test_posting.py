from __future__ import annotations

import pytest
from django.test import Client

from translink.audit.models import AuditEvent
from translink.market.models import Asset, Need

pytestmark = pytest.mark.django_db

GOOD_NEED = {
    "title": "Gut-brain axis partner", "summary": "Short-chain fatty acids and microglia.",
    "therapeutic_area": "gastroenterology", "modality": "small_molecule",
    "stage_sought": "basic_research", "offers": ["funding", "data"], "confidentiality": "public",
    "budget_min": "50000", "budget_max": "250000",
}  # fmt: skip


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def test_a_company_member_posts_a_need_for_their_company(world) -> None:
    response = _as(world, "company_b").post("/needs/new/", GOOD_NEED)
    need = Need.objects.get(title="Gut-brain axis partner")
    assert response["Location"] == f"/needs/{need.pk}/"
    assert (need.company, need.offers, need.budget_max) == (
        world.company_b,
        ["funding", "data"],
        250000,
    )
    assert AuditEvent.objects.filter(action="market.need_posted", object_id=str(need.pk)).exists()


def test_a_bad_need_gets_field_messages_and_saves_nothing(world) -> None:
    company = _as(world, "company_b")
    before = (Need.objects.count(), AuditEvent.objects.count())
    bad = {**GOOD_NEED, "title": "", "offers": [], "modality": "magic"}
    response = company.post("/needs/new/", bad)
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"title", "offers", "modality"}
    refused = company.post("/needs/new/", {**GOOD_NEED, "confidentiality": "invited"})
    assert "Invite at least one researcher." in refused.content.decode()
    api = company.post("/api/market/needs", {"title": "x"}, content_type="application/json")
    assert api.status_code == 422 and "summary" in api.json()["error"]["fields"]
    assert (Need.objects.count(), AuditEvent.objects.count()) == before


def test_a_budget_upside_down_is_refused_with_its_field(world) -> None:
    payload = {**GOOD_NEED, "budget_min": 9000, "budget_max": 10, "offers": ["funding"]}
    response = _as(world, "company_b").post(
        "/api/market/needs", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {
        "budget_max": ["The budget's upper end is below its lower end."]
    }


def test_only_company_members_post_needs(world) -> None:
    for persona in ("researcher", "investor", "alliance_manager"):
        assert _as(world, persona).post("/needs/new/", GOOD_NEED).status_code == 404, persona
    assert not Need.objects.filter(title="Gut-brain axis partner").exists()


def test_a_researcher_offers_an_asset_and_owns_it(world) -> None:
    payload = {
        "title": "Organoid platform", "summary": "Patient-derived gut organoids.",
        "stage": "development", "readiness_level": "4", "ip_status": "granted",
        "sought": ["licensee"], "status": "open",
    }  # fmt: skip
    assert _as(world, "researcher").post("/assets/new/", payload).status_code == 302
    asset = Asset.objects.get(title="Organoid platform")
    assert list(asset.owners.all()) == [world.open_researcher]
    bad = _as(world, "researcher").post("/assets/new/", {**payload, "readiness_level": "12"})
    assert bad.status_code == 422 and "readiness_level" in bad.context["form"].errors


def test_the_company_closes_its_need_and_researchers_no_longer_see_it(world) -> None:
    need = world.market["need_a_public"]
    assert _as(world, "company_b").post(f"/needs/{need.pk}/close/").status_code == 404
    assert _as(world, "company_a").post(f"/needs/{need.pk}/close/").status_code == 302
    assert _as(world, "researcher").get(f"/needs/{need.pk}/").status_code == 404
