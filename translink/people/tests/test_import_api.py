from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from translink.accounts.actions import create_api_token
from translink.people.models import Publication
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db


def _post(client, kind: str, name: str, **headers):
    file = SimpleUploadedFile(name, sample(name))
    return client.post(f"/api/people/imports/{kind}", {"file": file}, **headers)


def test_it_imports_a_file_and_answers_with_the_report(client, world, departments):
    client.force_login(world.users["alliance_manager"])
    response = _post(client, "pubmed", "pubmed.xml")
    assert response.status_code == 201
    assert response.json() == {
        "kind": "pubmed",
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "linked": [],
    }
    assert Publication.objects.filter(pmid__startswith="391").count() == 3


def test_it_works_with_an_api_token(client, world, departments):
    _, secret = create_api_token(world.users["administrator"], name="importer")
    bearer = f"Bearer {secret}"
    response = _post(client, "researchers", "researchers.csv", HTTP_AUTHORIZATION=bearer)
    assert response.status_code == 201 and response.json()["created"] == 3


def test_a_refused_file_answers_422_with_every_bad_row_as_a_field(client, world, departments):
    client.force_login(world.users["alliance_manager"])
    before = stored()
    response = _post(client, "researchers", "researchers_bad_rows.csv")
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == [
        "line 3: email",
        "line 4: orcid",
        "line 5: departments",
        "line 6: orcid",
        "line 7: full_name",
        "line 8: open_to_industry",
        "line 8: max_active_alliances",
        "line 9: email",
        "line 9: focus_areas",
    ]
    assert error["fields"]["line 7: full_name"] == ["missing: every row needs one"]
    assert stored() == before


def test_an_unknown_kind_is_a_validation_error(client, world):
    client.force_login(world.users["alliance_manager"])
    response = _post(client, "endnote", "pubmed.xml")
    assert response.status_code == 422 and "kind" in response.json()["error"]["fields"]


def test_a_company_member_gets_not_found(client, world):
    client.force_login(world.users["company_b"])
    before = stored()
    response = _post(client, "pubmed", "pubmed.xml")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert stored() == before
