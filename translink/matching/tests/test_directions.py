from __future__ import annotations

import pytest
from django.test import Client

from translink.matching.directions import companies_for, needs_for, similar_researchers
from translink.people import actions

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


@pytest.fixture
def tau_colleague(world):
    colleague = actions.create_researcher(
        None, full_name="Tess Tau", email="tess@test.example", departments=[world.department],
        focus_areas=["neuro"], specialties=["microglia"],
    )  # fmt: skip
    actions.add_publication(
        None, colleague, position=1, title="Microglia and tau spreading",
        abstract="Microglia in open science.",
    )  # fmt: skip
    return colleague


def test_a_researcher_gets_the_open_needs_that_fit_and_only_those_they_may_see(world) -> None:
    found = [s.item for s in needs_for(world.users["researcher"], world.open_researcher, limit=50)]
    m = world.market
    assert set(found) <= {m["need_a_public"], m["need_a_invited"], m["need_b_anonymous"]}
    assert found[0] in {m["need_a_public"], m["need_b_anonymous"]}  # the microglial ones lead
    assert needs_for(world.users["investor"], world.open_researcher) == []


def test_similar_researchers_share_the_work(world, tau_colleague) -> None:
    similar = similar_researchers(world.users["alliance_manager"], world.open_researcher)
    assert [s.item.full_name for s in similar][:1] == ["Tess Tau"]
    assert "microglia" in similar[0].shared_terms


def test_companies_for_an_asset_are_for_staff_only(world) -> None:
    asset = world.market["asset_open"]
    staff = [s.item.name for s in companies_for(world.users["alliance_manager"], asset)]
    assert world.company_a.name in staff
    assert companies_for(world.users["company_a"], asset) == []
    assert _as(world, "company_a").get(f"/assets/{asset.pk}/companies/").status_code == 404
    page = _as(world, "alliance_manager").get(f"/assets/{asset.pk}/companies/").content.decode()
    assert world.company_a.name in page


def test_the_profile_loads_its_suggestions_without_leaking_to_companies(
    world, tau_colleague
) -> None:
    url = f"/researchers/{world.open_researcher.pk}/suggestions/"
    own = _as(world, "researcher").get(url).content.decode()
    assert "Tess Tau" in own
    company = _as(world, "company_a").get(url).content.decode()
    assert "Open needs that fit" not in company and "Researchers with similar work" not in company


def test_each_company_for_an_asset_names_its_need_that_resembles_it_most(world) -> None:
    asset = world.market["asset_open"]
    found = {s.item: s for s in companies_for(world.users["alliance_manager"], asset)}
    suggestion = found[world.company_a]
    assert suggestion.closest is not None and suggestion.closest.company == world.company_a
    page = _as(world, "alliance_manager").get(f"/assets/{asset.pk}/companies/").content.decode()
    assert f'closest need: <a href="/needs/{suggestion.closest.pk}/">' in page


def test_similar_researchers_include_those_without_room_for_another_alliance(
    world, tau_colleague
) -> None:
    from translink.people.models import Researcher

    Researcher.objects.filter(pk=tau_colleague.pk).update(max_active_alliances=0)
    similar = similar_researchers(world.users["alliance_manager"], world.open_researcher)
    assert [s.item.full_name for s in similar][:1] == ["Tess Tau"]  # similar work all the same
