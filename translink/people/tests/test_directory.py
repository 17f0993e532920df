from __future__ import annotations

import csv
import io

import pytest

from translink.audit.models import AuditEvent
from translink.people.models import Department, Researcher

pytestmark = pytest.mark.django_db


def test_the_directory_filters_by_text_area_and_department(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    page = client.get("/researchers/", {"q": "Olive"}).content.decode()
    assert "Olive Open" in page and "CANARY-CLOSED-NAME" not in page
    by_area = client.get("/researchers/", {"area": "epigenetics"}).content.decode()
    assert "CANARY-CLOSED-NAME" in by_area and "Olive Open" not in by_area
    htmx = client.get("/researchers/", {"q": "Olive"}, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in htmx and "Olive Open" in htmx


def test_an_unknown_filter_value_is_ignored_not_an_error(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    response = client.get("/researchers/", {"area": "astrology", "page": "many"})
    everyone = Researcher.objects.count()
    assert response.status_code == 200 and f"{everyone} researchers" in response.content.decode()


def test_an_export_holds_only_what_the_reader_may_see_and_is_audited(client, world) -> None:
    client.force_login(world.users["company_a"])
    response = client.get("/researchers/export.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    open_ones = Researcher.objects.filter(open_to_industry=True).order_by("full_name")
    assert sorted(row["name"] for row in rows) == [r.full_name for r in open_ones]
    assert "Olive Open" in {row["name"] for row in rows}
    assert "CANARY-CLOSED-NAME" not in response.content.decode()
    event = AuditEvent.objects.get(action="people.directory_exported")
    assert event.actor == world.users["company_a"]
    assert event.new is not None and event.new["rows"] == len(rows)


def test_the_audit_export_is_itself_audited(client, world) -> None:
    client.force_login(world.users["administrator"])
    rows = list(csv.reader(io.StringIO(client.get("/audit/export.csv").content.decode())))
    assert rows[0][:4] == ["number", "at", "actor_label", "action"]
    assert AuditEvent.objects.filter(action="audit.trail_exported").count() == 1


def test_control_characters_in_a_search_are_dropped_not_a_server_error(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    page = client.get("/researchers/", {"q": "Ol\x00ive", "department": "neu\x00ro"})
    assert page.status_code == 200 and "Olive Open" in page.content.decode()
    api = client.get("/api/people/researchers", {"q": "\x00Olive"})
    assert api.status_code == 200 and [r["full_name"] for r in api.json()["items"]] == [
        "Olive Open"
    ]


def test_department_counts_include_only_researchers_the_reader_may_see(client, world) -> None:
    from translink.people.queries import departments

    counts = {
        persona: {
            d.code: getattr(d, "researcher_count", None) for d in departments(world.users[persona])
        }
        for persona in ("alliance_manager", "company_a")
    }
    everyone = {d.code: d.researchers.count() for d in Department.objects.all()}
    open_ones = {
        d.code: d.researchers.filter(open_to_industry=True).count()
        for d in Department.objects.all()
    }
    assert counts == {"alliance_manager": everyone, "company_a": open_ones}
    code = world.department.code
    assert (counts["company_a"][code] or 0) < (counts["alliance_manager"][code] or 0)
    assert client.get("/api/people/departments").status_code == 401
