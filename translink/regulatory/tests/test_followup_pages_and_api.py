"""Follow-up safety information on the IND page and in the API, behind the IND's walls."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.test import Client

from translink.accounts.actions import create_account
from translink.accounts.models import Role
from translink.regulatory.models import Obligation, SafetyReport

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _post(client: Client, report: SafetyReport, body: Mapping[str, object]) -> Any:
    return client.post(
        f"/api/regulatory/safety-reports/{report.pk}/followups",
        json.dumps(body),
        content_type="application/json",
    )


def test_the_sponsor_investigator_records_a_follow_up_through_the_api(world) -> None:
    report = world.regulatory["own"]["report"]
    response = _post(
        _as(world, "researcher"), report,
        {"description": "Autopsy findings", "received_at": "2026-04-10T18:00:00Z"},
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["follows_id"] == report.pk
    clock = Obligation.objects.get(safety_report_id=response.json()["id"])
    assert (clock.rule, clock.due.isoformat(), clock.citation) == (
        "IND-12", "2026-04-25", "21 CFR 312.32(d)"
    )  # fmt: skip


def test_a_follow_up_is_as_hidden_as_its_ind(world) -> None:
    company_report = world.regulatory["company_a"]["report"]
    before = SafetyReport.objects.count()
    body = {"description": "Probe", "received_at": "2026-04-10T18:00:00Z"}
    for persona in ("researcher", "company_b", "investor"):
        assert _post(_as(world, persona), company_report, body).status_code == 404
    # Company A sees its IND but only the sponsor's people change it.
    assert _post(_as(world, "company_a"), company_report, body).status_code == 404
    assert SafetyReport.objects.count() == before
    listed = _as(world, "company_b").get(
        f"/api/regulatory/inds/{company_report.ind_id}/safety-reports"
    )
    assert listed.status_code == 404


def test_the_api_lists_reports_with_their_follow_ups(world) -> None:
    own = world.regulatory["own"]
    items = (
        _as(world, "company_a")
        .get(f"/api/regulatory/inds/{world.regulatory['company_a']['ind'].pk}/safety-reports")
        .json()["items"]
    )
    assert len(items) == 3 and sum(item["follows_id"] is not None for item in items) == 1
    mine = _as(world, "researcher").get(f"/api/regulatory/inds/{own['ind'].pk}/safety-reports")
    assert [item["follows_id"] for item in mine.json()["items"]] == [None, own["report"].pk]


def test_bad_input_gets_field_messages_and_saves_nothing(world) -> None:
    report = world.regulatory["own"]["report"]
    before = (SafetyReport.objects.count(), Obligation.objects.count())
    client = _as(world, "researcher")
    missing = _post(client, report, {"description": "x" * 10})
    assert missing.status_code == 422 and "received_at" in missing.json()["error"]["fields"]
    wrong = _post(
        client, report,
        {"description": "Probe", "received_at": "2026-04-10T18:00:00Z",
         "reportable_at": "2026-04-11T18:00:00Z"},
    )  # fmt: skip
    assert wrong.status_code == 422
    assert "already an IND safety report" in wrong.json()["error"]["fields"]["reportable_at"][0]
    assert (SafetyReport.objects.count(), Obligation.objects.count()) == before


def test_the_ind_page_takes_a_follow_up_and_lists_it(world) -> None:
    own = world.regulatory["own"]
    client = _as(world, "researcher")
    response = client.post(
        f"/regulatory/inds/{own['ind'].pk}/safety-reports/",
        {"follows": own["report"].pk, "description": "Rechallenge negative",
         "received_at": "2026-04-10 12:00"},
    )  # fmt: skip
    assert response.status_code == 302
    page = client.get(f"/regulatory/inds/{own['ind'].pk}/").content.decode()
    assert "Rechallenge negative" in page and "Record follow-up information" in page
    assert Obligation.objects.filter(ind=own["ind"], rule="IND-12", status="open").count() == 2


def test_the_page_refuses_a_report_of_another_ind_on_its_field(world) -> None:
    own, other = world.regulatory["own"], world.regulatory["company_a"]
    before = SafetyReport.objects.count()
    response = _as(world, "researcher").post(
        f"/regulatory/inds/{own['ind'].pk}/safety-reports/",
        {"follows": other["report"].pk, "description": "Probe", "received_at": "2026-04-10 12:00"},
    )
    assert response.status_code == 422
    assert "Select a valid choice" in response.content.decode()
    assert "CANARY-SAE-A" not in response.content.decode()
    assert SafetyReport.objects.count() == before


def test_the_page_shows_why_a_follow_up_is_refused(world) -> None:
    specialist = create_account(
        None, email="reg@test.example", full_name="Rey Gulator", role=Role.REGULATORY,
        organization=world.institute,
    )  # fmt: skip
    client = Client()
    client.force_login(specialist)
    ind, unsent = world.regulatory["company_a"]["ind"], world.regulatory["company_a"]["report"]
    before = SafetyReport.objects.count()
    response = client.post(
        f"/regulatory/inds/{ind.pk}/safety-reports/",
        {"follows": unsent.pk, "description": "More", "received_at": "2026-03-03 12:00"},
    )
    assert response.status_code == 422
    assert "is not submitted yet (due 2026-03-09)" in response.content.decode()
    assert SafetyReport.objects.count() == before


def test_the_ind_list_shows_each_inds_next_deadline_and_how_many_are_overdue(world) -> None:
    import re

    from django.utils import timezone

    today = timezone.localdate()
    ind = world.regulatory["company_a"]["ind"]
    duties = list(Obligation.objects.filter(ind=ind, status="open").order_by("due", "rule", "pk"))
    late = sum(1 for duty in duties if duty.due < today)
    assert duties and late >= 1

    def cells(persona: str) -> dict[str, str]:
        page = _as(world, persona).get("/regulatory/").content.decode()
        rows = re.findall(
            r'<tr><td><a href="/regulatory/inds/(\d+)/">.*?data-testid="next-deadline">(.*?)</td>',
            page,
            re.S,
        )
        return {pk: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for pk, cell in rows}

    company = cells("company_a")
    assert list(company) == [str(ind.pk)]  # its own IND alone
    assert company[str(ind.pk)] == f"{duties[0].due:%Y-%m-%d} {duties[0].title} {late} overdue"
    staff = cells("alliance_manager")
    assert staff[str(ind.pk)] == company[str(ind.pk)] and len(staff) > 1
    Obligation.objects.filter(ind=ind).update(status="met")
    assert cells("company_a")[str(ind.pk)] == "none open"
