from __future__ import annotations

import pytest
from django.test import Client

from translink.audit.models import AuditEvent
from translink.people.models import Disclosure

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _form(world, **changes: object) -> dict[str, object]:
    return {
        "title": "Associate Professor", "orcid": "0000-0002-1825-0097",
        "departments": [world.department.pk], "focus_areas": ["neuro"],
        "specialties": "microglia, PET imaging", "bio": "Imaging neuroinflammation.",
        "open_to_industry": "on", "max_active_alliances": "2", **changes,
    }  # fmt: skip


def test_a_researcher_edits_their_own_profile_and_it_is_audited(world) -> None:
    researcher = world.open_researcher
    response = _as(world, "researcher").post(f"/researchers/{researcher.pk}/edit/", _form(world))
    assert response.status_code == 302
    researcher.refresh_from_db()
    assert (researcher.orcid, researcher.specialties, researcher.max_active_alliances) == (
        "0000-0002-1825-0097", ["microglia", "PET imaging"], 2,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="people.profile_updated", object_id=str(researcher.pk))
    assert (event.old or {})["orcid"] is None
    assert (event.new or {})["orcid"] == "0000-0002-1825-0097"


def test_an_invalid_orcid_is_refused_with_its_field_and_nothing_changes(world) -> None:
    researcher = world.open_researcher
    response = _as(world, "researcher").post(
        f"/researchers/{researcher.pk}/edit/",
        _form(world, orcid="0000-0002-1825-0098", departments=[]),
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert set(errors) == {"departments"} or "orcid" in errors
    response = _as(world, "researcher").post(
        f"/researchers/{researcher.pk}/edit/", _form(world, orcid="0000-0002-1825-0098")
    )
    assert "not a valid ORCID iD" in response.content.decode()
    researcher.refresh_from_db()
    assert researcher.orcid is None and researcher.title == ""


def test_others_cannot_edit_a_profile_but_alliance_managers_curate(world) -> None:
    url = f"/researchers/{world.open_researcher.pk}/edit/"
    assert _as(world, "company_a").post(url, _form(world)).status_code == 404
    closed = f"/researchers/{world.closed_researcher.pk}/edit/"
    assert _as(world, "researcher").get(closed).status_code == 404
    assert _as(world, "alliance_manager").post(closed, _form(world, orcid="")).status_code == 302


def test_disclosures_are_recorded_by_the_researcher_and_hidden_from_industry(world) -> None:
    url = f"/researchers/{world.open_researcher.pk}/"
    payload = {"company_name": "Fernhill Bio", "kind": "equity", "started_on": "2025-03-01"}
    assert _as(world, "researcher").post(url, payload).status_code == 302
    assert Disclosure.objects.filter(
        company_name="Fernhill Bio", researcher=world.open_researcher
    ).exists()
    page = _as(world, "company_a").get(url).content.decode()
    assert "Fernhill Bio" not in page and "Disclosed industry relationships" not in page
    bad = _as(world, "researcher").post(url, {**payload, "ended_on": "2024-01-01"})
    assert bad.status_code == 422 and "cannot end before it started" in bad.content.decode()


def test_the_api_edits_a_profile_field_by_field_and_refuses_bad_values(world) -> None:
    client = _as(world, "researcher")
    url = f"/api/people/researchers/{world.open_researcher.pk}"
    ok = client.patch(
        url,
        {"specialties": ["tau PET"], "department_codes": ["neuro"]},
        content_type="application/json",
    )
    assert ok.status_code == 200 and ok.json()["specialties"] == ["tau PET"]
    bad = client.patch(
        url, {"orcid": "1234", "max_active_alliances": 99}, content_type="application/json"
    )
    assert bad.status_code == 422 and set(bad.json()["error"]["fields"]) == {"max_active_alliances"}
    bad_orcid = client.patch(url, {"orcid": "0000-0002-1825-0098"}, content_type="application/json")
    assert bad_orcid.status_code == 422 and "orcid" in bad_orcid.json()["error"]["fields"]
    unknown = client.patch(url, {"department_codes": ["astro"]}, content_type="application/json")
    assert unknown.json()["error"]["fields"] == {
        "department_codes": ["Unknown department 'astro'."]
    }
    world.open_researcher.refresh_from_db()
    assert world.open_researcher.orcid is None and world.open_researcher.specialties == ["tau PET"]
    other = _as(world, "company_a").patch(url, {"title": "x"}, content_type="application/json")
    assert other.status_code == 403


def test_the_api_refuses_null_for_a_field_a_profile_cannot_leave_empty(world) -> None:
    client = _as(world, "researcher")
    url = f"/api/people/researchers/{world.open_researcher.pk}"
    before = world.open_researcher.bio
    nulls = client.patch(
        url, {"bio": None, "open_to_industry": None, "title": "Dr"}, content_type="application/json"
    )
    assert nulls.status_code == 422
    assert nulls.json()["error"]["fields"] == {
        "bio": ["Send a value, or leave the field out."],
        "open_to_industry": ["Send a value, or leave the field out."],
    }
    world.open_researcher.refresh_from_db()
    assert world.open_researcher.bio == before and world.open_researcher.title != "Dr"
    cleared = client.patch(url, {"orcid": None}, content_type="application/json")
    assert cleared.status_code == 200 and cleared.json()["orcid"] is None


def test_the_published_schema_offers_null_for_the_orcid_alone(client) -> None:
    schema = client.get("/api/openapi.json").json()
    fields = schema["components"]["schemas"]["ProfileIn"]["properties"]

    def offers_null(field: dict) -> bool:
        return any(choice.get("type") == "null" for choice in field.get("anyOf", [field]))

    assert {name for name, field in fields.items() if offers_null(field)} == {"orcid"}
    assert fields["max_active_alliances"]["maximum"] == 20 and fields["bio"]["maxLength"] == 4000


def test_staff_and_the_researcher_see_the_alliance_load_companies_do_not(world) -> None:
    from translink.alliances.queries import busy_alliances
    from translink.people.models import Researcher

    person = world.open_researcher
    url = f"/researchers/{person.pk}/"
    busy = busy_alliances(person)
    assert busy >= 1  # the world puts her in an alliance
    staff = _as(world, "alliance_manager").get(url).content.decode()
    expected = f"in {busy} active or paused of at most {person.max_active_alliances}"
    assert expected in staff and "No room for another" not in staff
    assert expected in _as(world, "researcher").get(url).content.decode()
    assert 'data-testid="alliance-load"' not in _as(world, "company_a").get(url).content.decode()
    Researcher.objects.filter(pk=person.pk).update(max_active_alliances=busy)
    full = _as(world, "alliance_manager").get(url).content.decode()
    assert "No room for another: left out of expert searches and teams" in full
