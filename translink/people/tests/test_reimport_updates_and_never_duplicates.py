from __future__ import annotations

import pytest

from translink.audit.models import AuditEvent
from translink.people.imports import import_orcid, import_pubmed, import_researchers
from translink.people.models import Publication, Researcher
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db


def test_a_pubmed_file_imported_twice_changes_nothing_the_second_time(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    import_pubmed(None, sample("pubmed.xml"))
    before = stored()
    report = import_pubmed(None, sample("pubmed.xml"))
    assert (report.created, report.updated, report.unchanged, report.linked) == (0, 0, 3, [])
    after = stored()
    assert after["audit events"] == before["audit events"] + 1  # the summary alone
    assert {k: v for k, v in after.items() if k != "audit events"} == {
        k: v for k, v in before.items() if k != "audit events"
    }


def test_a_corrected_article_is_updated_in_place(departments) -> None:
    import_pubmed(None, sample("pubmed.xml"))
    corrected = sample("pubmed.xml").replace(
        b"A note on histone marks", b"A corrected note on histone marks"
    )
    report = import_pubmed(None, corrected)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Publication.objects.filter(pmid="39100003").get().title.startswith("A corrected")
    assert Publication.objects.count() == 3
    event = AuditEvent.objects.get(action="people.publication_updated_by_import")
    assert event.old == {"title": "A note on histone marks in rare leukodystrophies."}
    assert event.new is not None and event.new["title"].startswith("A corrected")


def test_a_researcher_is_found_by_orcid_even_when_the_email_changed(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    moved = sample("researchers.csv").replace(
        b"J.Carberry@riverside.example", b"josiah@riverside.example"
    )
    report = import_researchers(None, moved)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    carberry = Researcher.objects.get(orcid="0000-0002-1825-0097")
    assert carberry.email == "josiah@riverside.example"
    assert Researcher.objects.count() == 3


def test_a_researcher_without_orcid_is_found_by_email_and_empty_cells_keep_values(
    departments,
) -> None:
    import_researchers(None, sample("researchers.csv"))
    Researcher.objects.filter(full_name="Tomas Lindqvist").update(title="Lecturer")
    row = (
        "Tomas Lindqvist,t.lindqvist@riverside.example,,oncology;neuro,,,0000-0002-2718-2815,no,\n"
    )
    header = sample("researchers.csv").splitlines()[0].decode()
    report = import_researchers(None, (header + "\n" + row).encode())
    assert (report.created, report.updated) == (0, 1)
    lindqvist = Researcher.objects.get(email="t.lindqvist@riverside.example")
    assert lindqvist.title == "Lecturer"  # an empty cell leaves it alone
    assert lindqvist.orcid == "0000-0002-2718-2815"
    assert lindqvist.open_to_industry is False
    assert sorted(d.code for d in lindqvist.departments.all()) == ["neuro", "oncology"]


def test_an_orcid_record_imported_twice_adds_no_publication(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    first = import_orcid(None, sample("orcid_record.json"))
    count = Publication.objects.count()
    second = import_orcid(None, sample("orcid_record.json"))
    assert first.created == 3
    assert (second.created, second.updated, second.unchanged, second.linked) == (0, 0, 3, [])
    assert Publication.objects.count() == count
