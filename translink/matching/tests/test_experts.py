from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from translink.matching import index
from translink.matching.experts import candidates, experts_for
from translink.matching.models import DocumentVector
from translink.people import actions

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


@pytest.fixture
def biomarker_paper(world):
    return actions.add_publication(
        None, world.open_researcher, position=1,
        title="A blood biomarker of neuroinflammation",
        abstract="Plasma GFAP tracks microglial activation in early disease.",
        year=2024, pmid="90000003",
    )  # fmt: skip


def test_staff_find_the_researcher_whose_papers_fit_with_the_evidence(
    world, biomarker_paper
) -> None:
    result = experts_for(world.users["alliance_manager"], world.market["need_a_public"])
    names = [e.researcher.full_name for e in result.experts]
    assert names[0] == "Olive Open"
    assert "Cole CANARY-CLOSED-NAME" not in names  # not open to industry
    best = result.experts[0]
    assert best.support[0].title == "A blood biomarker of neuroinflammation"
    assert {"microglial", "activation"} <= set(best.support[0].shared_terms)
    assert "the closest is “A blood biomarker of neuroinflammation” (2024)" in best.explanation


def test_a_conflict_is_flagged_for_staff_and_hidden_from_the_company(
    world, biomarker_paper
) -> None:
    need = world.market["need_b_anonymous"]
    staff = experts_for(world.users["alliance_manager"], need)
    flagged = {e.researcher.full_name: e.conflicts for e in staff.experts}
    assert flagged["Olive Open"] == (
        "Consulting with CANARY-DISCLOSURE consulting since 2024-01-01 (disclosed)",
    )
    company = experts_for(world.users["company_b"], need)
    assert "Olive Open" not in [e.researcher.full_name for e in company.experts]
    page = _as(world, "company_b").get(f"/needs/{need.pk}/experts/").content.decode()
    assert "CANARY-DISCLOSURE" not in page and "Olive Open" not in page


@override_settings(MATCHING_CONFLICTS="exclude")
def test_the_setting_can_leave_conflicted_researchers_out_for_staff_too(
    world, biomarker_paper
) -> None:
    result = experts_for(world.users["alliance_manager"], world.market["need_b_anonymous"])
    assert "Olive Open" not in [e.researcher.full_name for e in result.experts]
    assert result.withheld == 1


def test_only_staff_and_the_owning_company_may_look(world) -> None:
    need = world.market["need_a_public"]
    assert _as(world, "company_a").get(f"/needs/{need.pk}/experts/").status_code == 200
    assert _as(world, "alliance_manager").get(f"/needs/{need.pk}/experts/").status_code == 200
    assert _as(world, "researcher").get(f"/needs/{need.pk}/experts/").status_code == 404
    assert _as(world, "company_b").get(f"/needs/{need.pk}/experts/").status_code == 404
    assert _as(world, "researcher").get(f"/api/matching/needs/{need.pk}/experts").status_code == 403


def test_without_stored_vectors_it_ranks_by_words_and_says_so(world) -> None:
    DocumentVector.objects.all().delete()
    result = experts_for(world.users["alliance_manager"], world.market["need_a_public"])
    assert result.mode == "lexical"
    assert "shared words only" in result.notice and "still being built" in result.notice


def test_with_the_index_built_it_ranks_by_meaning_too(world, capsys) -> None:
    call_command("rebuild_index")
    assert "Index up to date" in capsys.readouterr().out
    status = index.status()
    assert status.complete and status.indexed == status.total > 0
    result = experts_for(world.users["alliance_manager"], world.market["need_a_public"])
    assert result.mode == "hybrid" and "meaning" in result.notice
    api = (
        _as(world, "alliance_manager")
        .get(f"/api/matching/needs/{world.market['need_a_public'].pk}/experts")
        .json()
    )
    assert api["mode"] == "hybrid" and api["experts"][0]["name"] == "Olive Open"


def test_a_changed_abstract_makes_its_vector_stale_and_refresh_recomputes_it(world) -> None:
    index.refresh()
    assert index.pending() == []
    paper = world.open_researcher.authorships.first().publication
    paper.abstract = "Now about tau PET imaging."
    paper.save(update_fields=["abstract"])
    assert [p.object_id for p in index.pending()] == [paper.pk]
    assert index.refresh() == 1 and index.pending() == []


def test_a_build_cut_short_is_queued_again_for_the_worker_on_the_next_start(world, capsys) -> None:
    DocumentVector.objects.all().delete()  # as a worker stopped mid-build leaves it
    missing = len(index.pending())
    call_command("rebuild_index", "--queue")  # what `make run` does on every start
    assert f"{missing} documents await their vectors" in capsys.readouterr().out
    assert index.status().complete  # the suite's task backend runs what is queued at once
    call_command("rebuild_index", "--queue")
    assert "nothing to queue" in capsys.readouterr().out


def test_the_index_page_shows_progress_and_polls_while_incomplete(world) -> None:
    DocumentVector.objects.all().delete()
    page = _as(world, "alliance_manager").get("/matching/index/").content.decode()
    assert "0 of" in page and 'hx-trigger="every 3s"' in page
    assert _as(world, "company_a").get("/matching/index/").status_code == 404


def test_it_copes_with_more_papers_than_sqlite_allows_terms_in_one_expression(world) -> None:
    from translink.matching.experts import candidates, load_researchers
    from translink.people.models import Authorship, Publication

    papers = Publication.objects.bulk_create(
        Publication(title=f"Paper {i} on microglia", abstract="Microglia.") for i in range(1200)
    )
    Authorship.objects.bulk_create(
        Authorship(researcher=world.open_researcher, publication=paper, position=1)
        for paper in papers
    )
    pool = load_researchers(candidates(world.users["alliance_manager"]))
    found = {r.full_name: len(r.authorships.all()) for r in pool}
    assert found["Olive Open"] == 1201


def test_a_relationship_with_a_competitor_is_a_conflict_too(world, biomarker_paper) -> None:
    from translink.accounts.actions import set_competitors

    rival = world.company_a  # the world's disclosure ties Olive Open to company B
    set_competitors(None, rival, [world.company_b])
    result = experts_for(world.users["alliance_manager"], world.market["need_a_public"])
    flagged = {e.researcher.full_name: e.conflicts for e in result.experts}
    assert flagged["Olive Open"] == (
        "Consulting with CANARY-DISCLOSURE consulting, a competitor of Company A CANARY-A-NAME "
        "since 2024-01-01 (disclosed)",
    )
    company = experts_for(world.users["company_a"], world.market["need_a_public"])
    assert "Olive Open" not in [e.researcher.full_name for e in company.experts]


def test_the_index_page_says_which_scan_reads_the_vectors(world, monkeypatch) -> None:
    from translink.matching.engine import kernel

    built = kernel.load()
    assert built is not None
    page = _as(world, "alliance_manager").get("/matching/index/").content.decode()
    assert f"through the {built.name} loop" in page and "not built" not in page
    monkeypatch.setattr(kernel, "load", lambda: None)
    page = _as(world, "alliance_manager").get("/matching/index/").content.decode()
    assert "The compiled similarity scan is not built" in page


def test_the_confidential_detail_neither_ranks_nor_shows_as_evidence(world) -> None:
    # Her only paper shares words with the need's confidential detail alone.
    actions.add_publication(
        None, world.open_researcher, position=1, title="A target list for kinase screens",
        abstract="Ranking kinase targets.", year=2024, pmid="90000004",
    )  # fmt: skip
    need = world.market["need_a_public"]
    assert "target list" in need.confidential_detail
    for persona in ("alliance_manager", "company_a"):
        result = experts_for(world.users[persona], need)
        shared = {t for e in result.experts for s in e.support for t in s.shared_terms}
        assert not shared & {"target", "list"}, persona
        papers = {s.title for e in result.experts for s in e.support}
        assert "A target list for kinase screens" not in papers, persona


def test_a_researcher_in_as_many_alliances_as_they_take_on_is_left_out_until_one_stops(
    world, biomarker_paper
) -> None:
    from translink.alliances.models import Alliance, Member
    from translink.people.models import Researcher

    need = world.market["need_a_public"]
    manager = world.users["alliance_manager"]
    already = Member.objects.filter(
        researcher=world.open_researcher, alliance__status__in=["active", "on_hold"]
    ).count()
    assert world.open_researcher.pk in candidates(manager)
    Researcher.objects.filter(pk=world.open_researcher.pk).update(max_active_alliances=already + 1)
    busy = Alliance.objects.create(
        title="Busy", problem_statement="Another problem.", focus_area="epigenetics"
    )
    Member.objects.create(alliance=busy, researcher=world.open_researcher, role="lead")
    staff = experts_for(manager, need)
    assert "Olive Open" not in [e.researcher.full_name for e in staff.experts]
    assert staff.notes == (
        "1 researcher open to industry is left out: already in as many active or paused "
        "alliances as they take on (their profile's limit).",
    )
    company = experts_for(world.users["company_a"], need)
    assert company.notes == ()  # the count would speak of the institute's alliances
    busy.status = Alliance.Status.ON_HOLD
    busy.save()
    assert "Olive Open" not in [e.researcher.full_name for e in experts_for(manager, need).experts]
    busy.status = Alliance.Status.STOPPED
    busy.save()
    again = experts_for(manager, need)
    assert again.experts[0].researcher.full_name == "Olive Open" and again.notes == ()
