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


def test_researchers_are_found_by_the_titles_of_their_papers_through_the_wall(world) -> None:
    assert _found(world, "company_a", "microglia")["researcher"] == ["Olive Open"]
    closed = world.closed_researcher.full_name
    assert _found(world, "alliance_manager", "methylation")["researcher"] == [closed]
    by_a = {g.kind.name: g.count for g in search(world.users["company_a"], "methylation")}
    assert by_a["researcher"] == 0  # closed to industry: neither shown nor counted


def test_a_researchers_papers_keep_their_document_in_step(world) -> None:
    from translink.people import actions
    from translink.people.models import Authorship

    olive = world.open_researcher
    assert _found(world, "alliance_manager", "organoids")["researcher"] == []
    paper = actions.add_publication(
        None, olive, position=2, title="Gut organoids in colitis", abstract="A.", pmid="90000077"
    )
    assert _found(world, "alliance_manager", "organoids")["researcher"] == ["Olive Open"]
    paper.title = "Gut explants in colitis"
    paper.save()
    assert _found(world, "alliance_manager", "organoids")["researcher"] == []
    assert _found(world, "alliance_manager", "explants")["researcher"] == ["Olive Open"]
    Authorship.objects.filter(publication=paper).delete()
    assert _found(world, "alliance_manager", "explants")["researcher"] == []


def test_the_search_page_names_each_papers_authors_the_reader_may_see(client, world) -> None:
    from translink.people.models import Authorship

    # Olive co-authored the closed researcher's paper: a company sees the paper through
    # her, and her name under it, but never his.
    Authorship.objects.create(
        researcher=world.open_researcher, publication=world.closed_publication, position=2
    )
    client.force_login(world.users["company_a"])
    page = client.get("/search/", {"q": "methylation"}).content.decode()
    assert "CANARY-CLOSED-PUB methylation" in page
    byline = page.split('class="byline">')[1].split("</p>")[0]
    assert f'href="/researchers/{world.open_researcher.pk}/">Olive Open</a>' in byline
    assert world.closed_researcher.full_name not in page
    client.force_login(world.users["alliance_manager"])
    page = client.get("/search/", {"q": "methylation"}).content.decode()
    byline = page.split('class="byline">')[1].split("</p>")[0]
    assert byline.index(world.closed_researcher.full_name) < byline.index("Olive Open")


def test_a_kind_with_more_matches_than_shown_links_to_all_of_them(client, world) -> None:
    from translink.people import actions

    for n in range(12):
        actions.add_publication(
            None, world.open_researcher, position=1, title=f"Microglia study {n}",
            abstract="A.", pmid=f"9100{n:04d}",
        )  # fmt: skip
    client.force_login(world.users["company_a"])
    page = client.get("/search/", {"q": "microglia"}).content.decode()
    assert page.count("<h3>Microglia") == 9
    assert 'href="/search/?q=microglia&amp;kind=publication">All 13 publications</a>' in page
    page = client.get("/search/", {"q": "microglia", "kind": "publication"}).content.decode()
    assert page.count("<h3>Microglia") == 13 and "group-researcher" not in page
    assert "Back to every kind" in page
    page = client.get("/search/", {"q": "microglia", "kind": "nonsense"}).content.decode()
    assert page.count("<h3>Microglia") == 9 and "group-researcher" in page  # unknown kind: all


def test_stored_researcher_documents_gain_their_paper_titles_on_migration(world) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "translink.search.migrations.0002_researchers_found_by_their_papers"
    )
    olive = SearchDocument.objects.get(kind="researcher", object_id=world.open_researcher.pk)
    olive.body = "Neurology"  # as stored before researchers carried their titles
    olive.save()
    assert _found(world, "alliance_manager", "microglia")["researcher"] == []
    migration.add_titles(apps, None)
    assert _found(world, "alliance_manager", "microglia")["researcher"] == ["Olive Open"]


def test_a_word_and_its_derived_forms_find_each_other(world) -> None:
    # The stemmers keep "microglia" but cut "microglial" to "microgli": matched by the root.
    need = ["Microglial PET tracer partner"]
    assert _found(world, "alliance_manager", "microglia tracer")["need"] == need
    assert _found(world, "alliance_manager", "tracer microglia")["need"] == need
    assert _found(world, "alliance_manager", "microglia")["publication"] == [
        "Microglia in open science"
    ]
    assert _found(world, "alliance_manager", "microbiota")["need"] == []  # a root of its own
