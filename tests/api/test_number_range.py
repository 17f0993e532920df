"""Numbers too big for any database column are refused with where they are, never a crash."""

from __future__ import annotations

import json

import pytest

from translink.market.models import Need

pytestmark = pytest.mark.django_db

TOO_BIG = 2**63  # one past the largest 64-bit id


def post_need(client, invited: list[object]):
    """A company's need that is valid but for the researchers it invites."""
    body = {
        "title": "Biomarker partner",
        "summary": "A partner for a biomarker study.",
        "therapeutic_area": "oncology",
        "modality": "device",
        "stage_sought": "transfer",
        "confidentiality": "public",
        "offers": ["data"],
        "invited_researcher_ids": invited,
    }
    return client.post("/api/market/needs", json.dumps(body), content_type="application/json")


def test_an_id_too_big_in_a_json_body_is_named_and_nothing_is_saved(client, world) -> None:
    client.force_login(world.users["company_a"])
    before = Need.objects.count()
    response = post_need(client, [1, TOO_BIG])
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert list(error["fields"]) == ["invited_researcher_ids.1"]
    assert "9223372036854775807" in error["fields"]["invited_researcher_ids.1"][0]
    assert Need.objects.count() == before


def test_an_id_too_big_in_a_path_finds_nothing_in_the_api_and_the_pages(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    response = client.get(f"/api/people/researchers/{TOO_BIG}")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert client.get(f"/researchers/{TOO_BIG}/").status_code == 404


def test_digits_in_free_text_are_searched_and_a_page_too_big_is_named(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    assert client.get(f"/api/search?q={TOO_BIG}").status_code == 200
    response = client.get(f"/api/people/researchers?page={TOO_BIG}")
    assert response.status_code == 422
    assert list(response.json()["error"]["fields"]) == ["page"]


def test_a_number_too_big_written_as_text_is_refused_not_a_crash(client, world) -> None:
    client.force_login(world.users["company_a"])
    before = Need.objects.count()
    response = post_need(client, [str(TOO_BIG)])
    # Refused either way: by the out-of-range handler (SQLite overflows on it) or as an
    # unknown researcher (PostgreSQL's lookups find nothing past 64 bits).
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert Need.objects.count() == before


def test_the_limits_are_those_of_a_64_bit_column() -> None:
    from translink.lib import number_range

    body = b'{"a": [9223372036854775807, {"b": -9223372036854775809}], "ok": true, "c": 1e30}'
    assert number_range.json_out_of_range(body) == ["a.1.b"]
    assert number_range.json_out_of_range(b"not json") == []
    assert number_range.path_out_of_range("/api/x/9223372036854775808/")
    assert not number_range.path_out_of_range("/api/x/9223372036854775807/")


def test_a_body_in_utf16_is_checked_like_one_in_utf8() -> None:
    from translink.lib import number_range

    text = '{"ids": [1, 9223372036854775808], "note": "1234567890123456789 in words"}'
    assert number_range.json_out_of_range(text.encode("utf-8")) == ["ids.1"]
    assert number_range.json_out_of_range(text.encode("utf-16")) == ["ids.1"]
    assert number_range.json_out_of_range(text.encode("utf-32")) == ["ids.1"]
    small = '{"ids": [1, 2], "note": "short"}'
    assert number_range.json_out_of_range(small.encode("utf-16")) == []
