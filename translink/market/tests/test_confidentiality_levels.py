"""Every confidentiality level of a need, as every persona of the wall harness sees it."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

# need -> persona -> (may open it, sees the company's name, sees the confidential detail)
SEES = {
    "need_a_public": {
        "alliance_manager": (True, True, True), "administrator": (True, True, True),
        "researcher": (True, True, False), "company_a": (True, True, True),
        "company_b": (False, False, False), "investor": (False, False, False),
    },
    "need_a_invited": {
        "alliance_manager": (True, True, True), "administrator": (True, True, True),
        "researcher": (True, True, True), "company_a": (True, True, True),
        "company_b": (False, False, False), "investor": (False, False, False),
    },
    "need_a_staff": {
        "alliance_manager": (True, True, True), "administrator": (True, True, True),
        "researcher": (False, False, False), "company_a": (True, True, True),
        "company_b": (False, False, False), "investor": (False, False, False),
    },
    "need_b_anonymous": {
        "alliance_manager": (True, True, True), "administrator": (True, True, True),
        "researcher": (True, False, False), "company_a": (False, False, False),
        "company_b": (True, True, True), "investor": (False, False, False),
    },
    "need_b_invited": {
        "alliance_manager": (True, True, True), "administrator": (True, True, True),
        "researcher": (False, False, False), "company_a": (False, False, False),
        "company_b": (True, True, True), "investor": (False, False, False),
    },
}  # fmt: skip


@pytest.mark.parametrize("need_key", list(SEES))
def test_each_persona_sees_exactly_what_the_level_allows(world, need_key: str) -> None:
    need = world.market[need_key]
    for persona, (opens, named, detailed) in SEES[need_key].items():
        client = Client()
        client.force_login(world.users[persona])
        api = client.get(f"/api/market/needs/{need.pk}")
        listed = {item["id"] for item in client.get("/api/market/needs").json()["items"]}
        page = client.get(f"/needs/{need.pk}/")
        assert (api.status_code == 200, page.status_code == 200, need.pk in listed) == (
            opens,
        ) * 3, persona
        if not opens:
            continue
        body = api.json()
        assert (body["company"] == need.company.name) is named, persona
        assert (body["confidential_detail"] == need.confidential_detail) is detailed, persona
        html = page.content.decode()
        assert (need.company.name in html) is named, persona
        if need.confidential_detail:
            assert (need.confidential_detail in html) is detailed, persona


def test_anonymous_visitors_see_no_need_at_all(world) -> None:
    client = Client()
    assert client.get("/api/market/needs").status_code == 401
    assert client.get(f"/needs/{world.market['need_a_public'].pk}/").status_code == 302


def test_the_board_names_an_anonymous_need_s_company_only_to_those_allowed(world) -> None:
    client = Client()
    client.force_login(world.users["researcher"])
    board = client.get("/needs/").content.decode()
    assert "Anonymous biomarker search" in board and "An industry partner" in board
    assert world.company_b.name not in board
