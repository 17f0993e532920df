from __future__ import annotations

import pytest

from translink.people.imports import ImportRefused, import_orcid, import_pubmed, import_researchers
from translink.people.models import Authorship, Publication, Researcher
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db


@pytest.fixture
def researchers(departments) -> None:
    import_researchers(None, sample("researchers.csv"))


def test_it_attaches_a_records_works_to_the_researcher_with_its_id(researchers) -> None:
    report = import_orcid(None, sample("orcid_record.json"))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    carberry = Researcher.objects.get(orcid="0000-0002-1825-0097")
    works = Publication.objects.filter(authorships__researcher=carberry)
    assert sorted((p.title, p.year, p.doi, p.pmid) for p in works) == [
        ("Cracked pots and cognitive reserve", 2021, "10.5555/tl.2021.0909", "39100009"),
        (
            "Microglial priming by Bacteroides metabolites in a model of early neurodegeneration",
            2024,
            "10.5555/tl.2024.0101",
            None,
        ),
        # a book chapter: its DOI is the book's ("part-of"), not its own
        ("Psychoceramics: a handbook for the cracked pot", 2022, None, None),
    ]
    assert set(Authorship.objects.values_list("position", flat=True)) == {0}  # no byline
    assert len(report.linked) == 3


def test_it_fills_in_but_never_overwrites_what_pubmed_says(researchers) -> None:
    import_pubmed(None, sample("pubmed.xml"))
    report = import_orcid(None, sample("orcid_record.json"))
    paper = Publication.objects.get(doi="10.5555/tl.2024.0101")
    assert paper.title.endswith("early neurodegeneration.")  # PubMed's, with its full stop
    assert paper.journal == "Journal of Neuroinflammation"
    assert (report.created, report.unchanged) == (2, 1)
    assert report.linked == [
        "Josiah Carberry: Psychoceramics: a handbook for the cracked pot "
        "(position in the byline unknown)",
        "Josiah Carberry: PMID 39100009 (position in the byline unknown)",
    ]  # the PubMed paper was already linked, at position 1


def test_it_updates_a_work_pubmed_does_not_index(researchers) -> None:
    import_orcid(None, sample("orcid_record.json"))
    renamed = sample("orcid_record.json").replace(
        b"in a model of early neurodegeneration", b"in early neurodegeneration"
    )
    report = import_orcid(None, renamed)
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    paper = Publication.objects.get(doi="10.5555/tl.2024.0101")
    assert paper.title == "Microglial priming by Bacteroides metabolites in early neurodegeneration"


def test_it_reads_a_works_summary_with_the_id_in_its_path(researchers) -> None:
    import_pubmed(None, sample("pubmed.xml"))
    report = import_orcid(None, sample("orcid_works.json"))
    assert (report.created, report.unchanged) == (1, 1)
    ibarra = Researcher.objects.get(orcid="0000-0003-1415-9269")
    titles = set(
        Publication.objects.filter(authorships__researcher=ibarra).values_list("title", flat=True)
    )
    assert "Myeloid niches that sustain T-cell exhaustion" in titles
    linked = Authorship.objects.get(researcher=ibarra, publication__pmid="39100002")
    assert linked.position == 1  # from PubMed's byline, not changed by ORCID


def test_it_refuses_a_record_whose_id_no_researcher_has(departments) -> None:
    before = stored()
    with pytest.raises(ImportRefused) as refused:
        import_orcid(None, sample("orcid_record.json"))
    [error] = refused.value.errors
    assert (error.line, error.field) == (2, "orcid-identifier")
    assert "no researcher has the ORCID iD 0000-0002-1825-0097" in error.reason
    assert stored() == before
