"""A refused file lists every bad row, and stores nothing: no row, no audit event."""

from __future__ import annotations

import pytest

from translink.people.imports import (
    ImportRefused,
    import_orcid,
    import_pubmed,
    import_researchers,
)
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("importer", "name", "expected"),
    [
        pytest.param(
            import_pubmed,
            "pubmed_bad_articles.xml",
            [
                (13, "PMID"),  # missing
                (21, "PMID"),  # repeats line 4
                (30, "ArticleTitle"),  # empty
                (30, "ArticleId doi"),  # not a DOI
                (30, "Author 1 Identifier ORCID"),  # wrong check character
            ],
            id="pubmed-bad-articles",
        ),
        pytest.param(import_pubmed, "pubmed_broken.xml", [(18, "xml")], id="broken-xml"),
        pytest.param(
            import_orcid,
            "orcid_bad.json",
            [(2, "orcid-identifier.path"), (12, "title.title.value"), (25, "external-id doi")],
            id="orcid-bad-checksum-and-works",
        ),
        pytest.param(import_orcid, "orcid_broken.json", [(6, "json")], id="broken-json"),
        pytest.param(
            import_researchers, "researchers_wrong_header.csv", [(1, "header")], id="csv-header"
        ),
        pytest.param(
            import_researchers,
            "researchers_bad_rows.csv",
            [
                (3, "email"),  # repeats line 2's, letter case aside
                (4, "orcid"),  # wrong check character
                (5, "departments"),  # no such department: a database check
                (6, "orcid"),  # repeats line 2's
                (7, "full_name"),  # missing
                (8, "open_to_industry"),
                (8, "max_active_alliances"),
                (9, "email"),
                (9, "focus_areas"),
            ],
            id="csv-bad-rows",
        ),
    ],
)
def test_it_lists_every_bad_row_and_stores_nothing(departments, importer, name, expected) -> None:
    before = stored()
    with pytest.raises(ImportRefused) as refused:
        importer(None, sample(name))
    assert [(e.line, e.field) for e in refused.value.errors] == expected
    assert all(e.reason for e in refused.value.errors)
    assert stored() == before


def test_it_names_the_problems_a_user_can_act_on(departments) -> None:
    with pytest.raises(ImportRefused) as refused:
        import_researchers(None, sample("researchers_bad_rows.csv"))
    reasons = {(e.line, e.field): e.reason for e in refused.value.errors}
    assert reasons[(3, "email")] == "j.carberry@riverside.example repeats the row at line 2"
    assert reasons[(5, "departments")] == (
        "unknown department code 'astrology' (known: neuro, oncology)"
    )
    with pytest.raises(ImportRefused) as header:
        import_researchers(None, sample("researchers_wrong_header.csv"))
    assert "missing full_name, max_active_alliances; unexpected 'name'" in str(
        header.value.errors[0]
    )
    with pytest.raises(ImportRefused) as broken:
        import_pubmed(None, sample("pubmed_broken.xml"))
    assert str(broken.value.errors[0]) == (
        "line 18, field xml: the XML is broken: mismatched tag (column 64)"
    )


def test_a_sound_file_that_contradicts_the_database_is_refused_whole(departments) -> None:
    import_researchers(None, sample("researchers.csv"))
    before = stored()
    header = sample("researchers.csv").splitlines()[0]
    rows = [
        b"New Person,new.person@riverside.example,,neuro,,,,,",  # fine on its own
        # Carberry's iD with Ibarra-Kent's e-mail: which researcher is meant?
        b"Josiah Carberry,m.ibarra-kent@riverside.example,,neuro,,,0000-0002-1825-0097,,",
    ]
    with pytest.raises(ImportRefused) as refused:
        import_researchers(None, b"\n".join([header, *rows]))
    assert [(e.line, e.field) for e in refused.value.errors] == [(3, "email")]
    assert stored() == before


CLASH = b"""<?xml version="1.0"?>
<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation>
    <PMID Version="1">39100033</PMID>
    <Article><Journal><Title>J</Title></Journal><ArticleTitle>Another paper</ArticleTitle></Article>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="doi">10.5555/tl.2024.0101</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
</PubmedArticleSet>
"""


def test_a_doi_the_database_holds_for_another_pmid_is_refused(departments) -> None:
    import_pubmed(None, sample("pubmed.xml"))
    before = stored()
    with pytest.raises(ImportRefused) as refused:
        import_pubmed(None, CLASH)
    [error] = refused.value.errors
    assert (error.line, error.field) == (3, "doi")
    assert error.reason == "10.5555/tl.2024.0101 is recorded for PMID 39100001"
    assert stored() == before
