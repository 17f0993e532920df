from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from translink.people.models import Researcher
from translink.people.tests.import_support import sample, stored

pytestmark = pytest.mark.django_db
URL = "/researchers/import/"


def _upload(client, kind: str, name: str, content: bytes | None = None):
    file = SimpleUploadedFile(name, content if content is not None else sample(name))
    return client.post(URL, {"kind": kind, "file": file})


def test_an_alliance_manager_uploads_a_file_and_sees_the_report(client, world, departments):
    client.force_login(world.users["alliance_manager"])
    form = client.get(URL)
    assert form.status_code == 200
    page = form.content.decode()
    assert 'enctype="multipart/form-data"' in page and "PubMed XML" in page
    response = _upload(client, "researchers", "researchers.csv")
    assert response.status_code == 200
    text = response.content.decode()
    assert "researchers.csv imported" in text and "<dd>3</dd>" in text
    assert Researcher.objects.filter(email="j.carberry@riverside.example").exists()


def test_a_refused_upload_shows_every_bad_row_and_stores_nothing(client, world, departments):
    client.force_login(world.users["administrator"])
    before = stored()
    response = _upload(client, "researchers", "researchers_bad_rows.csv")
    assert response.status_code == 422
    text = response.content.decode()
    assert "was refused: nothing was imported" in text
    assert text.count("<tr><td>") == 9
    assert "unknown department code &#x27;astrology&#x27;" in text
    assert stored() == before


def test_a_file_over_the_limit_is_refused_before_it_is_read(client, world, monkeypatch):
    monkeypatch.setattr("translink.people.import_views.MAX_UPLOAD_BYTES", 100)
    client.force_login(world.users["alliance_manager"])
    response = _upload(client, "pubmed", "pubmed.xml")
    assert "The file is larger than" in response.content.decode()


def test_a_company_member_gets_not_found(client, world):
    client.force_login(world.users["company_a"])
    assert client.get(URL).status_code == 404
    before = stored()
    assert _upload(client, "researchers", "researchers.csv").status_code == 404
    assert stored() == before


def test_a_researcher_gets_not_found_and_a_visitor_is_sent_to_sign_in(client, world):
    client.force_login(world.users["researcher"])
    assert client.get(URL).status_code == 404
    client.logout()
    assert client.get(URL).status_code == 302


def test_the_directory_links_to_the_page_for_staff_who_may_import(client, world):
    client.force_login(world.users["alliance_manager"])
    assert URL in client.get("/researchers/").content.decode()
    client.force_login(world.users["company_a"])
    assert URL not in client.get("/researchers/").content.decode()
