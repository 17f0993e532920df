from __future__ import annotations

import pytest
from django.core.management import call_command

from translink.search.models import SearchDocument
from translink.search.queries import search

pytestmark = pytest.mark.django_db


def _found(world, persona: str, text: str) -> dict[str, list[str]]:
    return {g.kind.name: [str(r) for r in g.items] for g in search(world.users[persona], text)}


def test_it_finds_records_of_every_kind_by_their_words(world) -> None:
    found = _found(world, "alliance_manager", "microglia")
    assert found["publication"] == ["Microglia in open science"]
    assert found["asset"] == ["Open microglia assay"]
    assert _found(world, "alliance_manager", "tracers")["need"] == ["Microglial PET tracer partner"]
    assert _found(world, "alliance_manager", "Oliv")["researcher"] == ["Olive Open"]  # as you type


def test_a_company_never_finds_another_company_s_needs(world) -> None:
    assert _found(world, "company_b", "microglial tracer")["need"] == []
    own = _found(world, "company_a", "microglial tracer")["need"]
    assert own == ["Microglial PET tracer partner"]
    assert _found(world, "investor", "biomarker")["need"] == []


def test_counts_leave_out_what_the_wall_hides(world) -> None:
    by_am = {g.kind.name: g.count for g in search(world.users["alliance_manager"], "canary")}
    by_a = {g.kind.name: g.count for g in search(world.users["company_a"], "canary")}
    assert by_am["researcher"] == 1 and by_a["researcher"] == 0  # the researcher closed to industry
    assert by_am["need"] == 2 and by_a["need"] == 1


def test_confidential_detail_is_never_searchable(world) -> None:
    for persona in ("alliance_manager", "company_a", "researcher"):
        assert _found(world, persona, "target list")["need"] == [], persona


def test_an_anonymous_need_is_found_without_its_company(client, world) -> None:
    client.force_login(world.users["researcher"])
    page = client.get("/search/", {"q": "biomarker"}).content.decode()
    assert "Anonymous biomarker search" in page and "An industry partner" in page
    assert world.company_b.name not in page


def test_odd_input_is_searched_as_words_not_as_query_syntax(world) -> None:
    for text in ('"unbalanced', "NEAR(a b)", "a OR 1=1 --", "\x00*", "   "):
        groups = search(world.users["alliance_manager"], text)
        assert all(g.count >= 0 for g in groups), text


def test_the_api_searches_through_the_wall_and_refuses_an_empty_query(client, world) -> None:
    client.force_login(world.users["company_b"])
    body = client.get("/api/search", {"q": "biomarker"}).json()
    assert {g["kind"]: g["count"] for g in body}["need"] == 1
    assert client.get("/api/search", {"q": ""}).status_code == 422


def test_rebuilding_the_index_restores_it(world, capsys) -> None:
    SearchDocument.objects.all().delete()
    assert _found(world, "alliance_manager", "microglia")["asset"] == []
    call_command("rebuild_search")
    assert "Search index rebuilt" in capsys.readouterr().out
    assert _found(world, "alliance_manager", "microglia")["asset"] == ["Open microglia assay"]
