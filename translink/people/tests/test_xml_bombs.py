"""Entity tricks in an uploaded XML file are refused before anything is expanded or read."""

from __future__ import annotations

import pytest

from translink.people.importers import pubmed
from translink.people.imports import ImportRefused, import_pubmed
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["pubmed_bomb.xml", "pubmed_external_entity.xml"])
def test_it_refuses_entity_declarations_at_their_line(name: str) -> None:
    before = stored()
    with pytest.raises(ImportRefused) as refused:
        import_pubmed(None, sample(name))
    [error] = refused.value.errors
    assert (error.line, error.field) == (3, "xml")
    assert "entity declarations are refused" in error.reason
    assert stored() == before


def test_the_bomb_is_never_expanded() -> None:
    articles, errors = pubmed.parse(sample("pubmed_bomb.xml"))
    assert articles == [] and len(errors) == 1  # no title of a billion "lol"s


def test_the_doctype_efetch_writes_is_accepted() -> None:
    articles, errors = pubmed.parse(sample("pubmed.xml"))
    assert errors == [] and len(articles) == 3
