from __future__ import annotations

import pytest

from translink.audit.models import AuditEvent
from translink.people import actions
from translink.people.imports import import_pubmed, import_researchers
from translink.people.models import Authorship, Department, Publication
from translink.people.tests.import_support import sample

pytestmark = pytest.mark.django_db


def _bylines() -> set[tuple[str, str | None, int]]:
    return set(
        Authorship.objects.values_list("researcher__full_name", "publication__pmid", "position")
    )


def test_it_imports_every_article_of_the_sample(departments) -> None:
    report = import_pubmed(None, sample("pubmed.xml"))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    first = Publication.objects.get(pmid="39100001")
    assert first.title == (
        "Microglial priming by Bacteroides metabolites in a model of early neurodegeneration."
    )
    assert first.abstract.startswith("BACKGROUND: Gut bacteria")
    assert "\n\nMETHODS: We colonized germ-free mice with Bacteroides" in first.abstract
    assert (first.journal, first.year, first.doi) == (
        "Journal of Neuroinflammation",
        2024,
        "10.5555/tl.2024.0101",
    )
    assert first.mesh_terms == [
        "Microglia",
        "Gastrointestinal Microbiome",
        "Neurodegenerative Diseases",
    ]
    assert first.authors == ["Josiah Carberry", "Chidi Okafor", "Marisol Ibarra-Kent"]
    second = Publication.objects.get(pmid="39100002")
    assert (second.year, second.doi) == (2023, "10.5555/tl.2023.0202")  # MedlineDate, ELocationID
    assert second.authors[-1] == "Paediatric Glioma Consortium"
    assert Publication.objects.get(pmid="39100003").doi is None
    assert AuditEvent.objects.filter(action="people.publication_imported").count() == 3


def test_it_links_authors_by_orcid_and_else_by_a_name_only_one_researcher_has(
    departments,
) -> None:
    import_researchers(None, sample("researchers.csv"))
    report = import_pubmed(None, sample("pubmed.xml"))
    assert _bylines() == {
        ("Josiah Carberry", "39100001", 1),  # by the ORCID iD in the XML
        ("Marisol Ibarra-Kent", "39100001", 3),  # by name: no iD in the XML there
        ("Marisol Ibarra-Kent", "39100002", 1),  # by iD
        ("Tomas Lindqvist", "39100002", 2),  # by name
        # 39100003: the XML gives an iD no researcher has, so the namesake is not linked
    }
    assert len(report.linked) == 4
    assert "Josiah Carberry: PMID 39100001 (author 1)" in report.linked
    assert AuditEvent.objects.filter(action="people.authorship_imported").count() == 4


def test_it_does_not_link_a_name_two_researchers_share(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    actions.create_researcher(
        None,
        full_name="Tomas  LINDQVIST",
        email="other.tomas@riverside.example",
        departments=[Department.objects.get(code="oncology")],
    )
    import_pubmed(None, sample("pubmed.xml"))
    assert not Authorship.objects.filter(researcher__full_name__iexact="tomas lindqvist").exists()


def test_a_reimport_moves_a_link_to_the_new_place_in_the_byline(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    import_pubmed(None, sample("pubmed.xml"))
    swapped = sample("pubmed.xml").replace(b"<LastName>Okafor", b"<LastName>Okafor-Swap", 1)
    reordered = swapped.replace(  # Ibarra-Kent no longer third: Okafor-Swap dropped
        b"""                <Author ValidYN="Y">
                    <LastName>Okafor-Swap</LastName>
                    <ForeName>Chidi</ForeName>
                    <Initials>C</Initials>
                </Author>
""",
        b"",
    )
    import_pubmed(None, reordered)
    assert ("Marisol Ibarra-Kent", "39100001", 2) in _bylines()
    assert AuditEvent.objects.filter(action="people.authorship_updated_by_import").count() == 1
