from __future__ import annotations

import io

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from translink.people.models import Publication, Researcher
from translink.people.tests.import_support import sample_path, stored

pytestmark = pytest.mark.django_db


def test_it_imports_a_file_with_a_progress_bar_and_a_summary(departments) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_researchers", sample_path("researchers.csv"), stdout=out, stderr=err)
    assert "Researchers CSV imported: 3 created, 0 updated, 0 unchanged" in out.getvalue()
    assert "Importing researchers.csv [" in err.getvalue()
    assert "3/3 100%" in err.getvalue()
    call_command("import_pubmed", sample_path("pubmed.xml"), stdout=out, stderr=err)
    assert "PubMed XML imported: 3 created, 0 updated, 0 unchanged; 4 authorships linked." in (
        out.getvalue()
    )
    call_command("import_orcid", sample_path("orcid_record.json"), stdout=out, stderr=err)
    assert Researcher.objects.count() == 3 and Publication.objects.count() == 5


def test_a_refused_file_lists_every_bad_row_and_fails(departments) -> None:
    before = stored()
    err = io.StringIO()
    with pytest.raises(CommandError, match="5 problems listed above; nothing was imported"):
        call_command("import_pubmed", sample_path("pubmed_bad_articles.xml"), stderr=err)
    lines = err.getvalue().splitlines()
    assert lines == [
        "line 13, field PMID: missing: every article needs its PMID",
        "line 21, field PMID: 39200001 repeats the article at line 4",
        "line 30, field ArticleTitle: missing: every article needs one",
        "line 30, field ArticleId doi: 'not-a-doi' is not a DOI",
        "line 30, field Author 1 Identifier ORCID: '0000-0002-1825-0098' is not a valid "
        "ORCID iD (check the last character)",
    ]
    assert stored() == before


def test_the_command_line_exits_non_zero_on_a_refused_file(departments, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(
            ["manage.py", "import_researchers", sample_path("researchers_wrong_header.csv")]
        )
    assert exited.value.code == 1
    assert "line 1, field header: expected exactly the columns" in capsys.readouterr().err


def test_a_missing_file_is_a_clear_error(db, tmp_path) -> None:
    with pytest.raises(CommandError, match=r"Cannot read .*nowhere\.xml: No such file"):
        call_command("import_pubmed", str(tmp_path / "nowhere.xml"))
