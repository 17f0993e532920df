"""The parsers alone: no database, plain bytes in, records and row errors out."""

from __future__ import annotations

from translink.people.importers import orcid, pubmed, researchers_csv
from translink.people.importers.errors import RowError
from translink.people.models import FocusArea
from translink.people.tests.import_support import sample

HEADER = researchers_csv.HEADER


def _csv(*rows: str) -> bytes:
    return "\n".join([",".join(HEADER), *rows]).encode()


def test_it_reports_each_article_at_the_line_its_element_starts() -> None:
    articles, errors = pubmed.parse(sample("pubmed.xml"))
    assert errors == []
    assert [a.line for a in articles] == [4, 110, 154]
    assert [a.pmid for a in articles] == ["39100001", "39100002", "39100003"]


def test_it_ignores_the_dois_of_cited_references() -> None:
    [first, *_], _ = pubmed.parse(sample("pubmed.xml"))
    assert first.doi == "10.5555/tl.2024.0101"  # not 10.5555/cited.2019.0007


def test_it_refuses_a_document_that_is_not_a_pubmed_article_set() -> None:
    articles, errors = pubmed.parse(b"<?xml version='1.0'?>\n<eSearchResult/>")
    assert (articles, errors) == (
        [],
        [RowError(1, "xml", "expected <PubmedArticleSet>, <eSearchResult>")],
    )


def test_an_empty_file_is_broken_xml() -> None:
    _, [error] = pubmed.parse(b"")
    assert (error.line, error.field) == (1, "xml") and "no element found" in error.reason


def test_it_reads_the_lines_of_orcid_works() -> None:
    record, errors = orcid.parse(sample("orcid_record.json"))
    assert errors == [] and record is not None
    text = sample("orcid_record.json").decode().splitlines()
    for work in record.works:
        assert text[work.line].strip().startswith('"put-code"')  # the line after the brace


def test_a_works_summary_without_its_path_has_no_id() -> None:
    record, [error] = orcid.parse(b'{"group": []}')
    assert record is None and (error.line, error.field, error.reason) == (1, "path", "missing")


def test_it_reads_csv_rows_that_span_lines_at_their_first_line() -> None:
    data = _csv(
        'Ann Lee,ann@x.example,"Professor,\nemerita",neuro,,,,,',
        "Bob Ray,bob@x.example,,neuro,,,,TRUE,0",
    )
    rows, errors = researchers_csv.parse(data, FocusArea.values)
    assert errors == []
    assert [(r.line, r.full_name) for r in rows] == [(2, "Ann Lee"), (4, "Bob Ray")]
    assert rows[0].title == "Professor,\nemerita"
    assert (rows[1].open_to_industry, rows[1].max_active_alliances) == (True, 0)


def test_a_row_with_too_few_cells_is_an_error() -> None:
    rows, [error] = researchers_csv.parse(_csv("Ann Lee,ann@x.example"), FocusArea.values)
    assert rows == [] and error == RowError(2, "row", "2 cells, expected 9")


def test_a_file_that_is_not_utf8_names_its_line() -> None:
    latin1 = "Björn Alm,bjorn@x.example,,neuro,,,,,".encode("latin-1")
    data = _csv("Ann Lee,ann@x.example,,neuro,,,,,") + b"\n" + latin1
    rows, [error] = researchers_csv.parse(data, FocusArea.values)
    assert rows == []
    assert error == RowError(3, "csv", "the file is not UTF-8 text")
