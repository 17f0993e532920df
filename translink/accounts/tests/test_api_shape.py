from __future__ import annotations

import pytest
from django.test import override_settings

from translink.people import actions
from translink.people.models import Researcher

pytestmark = pytest.mark.django_db


@override_settings(API_PAGE_SIZE=2)
def test_lists_are_paginated_with_a_count(client, world) -> None:
    for i in range(3):
        actions.create_researcher(
            None, full_name=f"Paged {i}", email=f"p{i}@t.example", departments=[world.department]
        )
    client.force_login(world.users["alliance_manager"])
    total = Researcher.objects.count()  # the world's researchers and the three above
    pages = (total + 1) // 2
    first = client.get("/api/people/researchers").json()
    assert (first["count"], first["page"], first["pages"], len(first["items"])) == (
        total,
        1,
        pages,
        2,
    )
    last = client.get(f"/api/people/researchers?page={pages}").json()
    assert len(last["items"]) == total - 2 * (pages - 1)
    bad = client.get("/api/people/researchers?page=0")
    assert bad.status_code == 422 and "page" in bad.json()["error"]["fields"]
    past = client.get(f"/api/people/researchers?page={pages + 1}").json()
    assert (past["items"], past["count"], past["pages"]) == ([], total, pages)
    absurd = client.get("/api/people/researchers?page=184467440737095518")
    assert absurd.status_code == 422 and "page" in absurd.json()["error"]["fields"]


def test_errors_share_one_shape(client, world) -> None:
    anonymous = client.get("/api/people/researchers").json()
    assert anonymous == {
        "error": {
            "code": "not_authenticated",
            "message": "Sign in or send an API token.",
            "fields": {},
        }
    }
    client.force_login(world.users["company_a"])
    missing = client.get(f"/api/people/researchers/{world.closed_researcher.pk}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    bad_filter = client.get("/api/people/researchers?focus_area=astrology")
    assert bad_filter.status_code == 422 and "focus_area" in bad_filter.json()["error"]["fields"]


def test_the_openapi_document_lists_every_operation(client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/people/researchers/{researcher_id}" in schema["paths"]
    assert {"BearerToken", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    assert client.get("/api/docs").status_code == 200
