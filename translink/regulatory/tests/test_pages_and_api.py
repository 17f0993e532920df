from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from translink.regulatory.models import Ind, Obligation

pytestmark = pytest.mark.django_db


def _as(world, persona: str) -> Client:
    client = Client()
    client.force_login(world.users[persona])
    return client


def _own(world) -> Ind:
    return world.regulatory["own"]["ind"]


def test_the_calendar_lists_open_obligations_with_overdue_standing_out(world) -> None:
    page = _as(world, "alliance_manager").get("/regulatory/calendar/").content.decode()
    # The world's SUSAR of March 2026 is long overdue by the time anyone reads this.
    assert "IND-11" in page and "21 CFR 312.32(c)(2)" in page
    assert "Overdue by" in page and "standing-overdue" in page


def test_the_feed_is_icalendar_with_one_event_per_open_obligation(world) -> None:
    response = _as(world, "researcher").get("/regulatory/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    opened = Obligation.objects.filter(ind=_own(world), status="open").count()
    assert text.count("BEGIN:VEVENT") == opened
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_the_sponsor_investigator_records_a_step_on_the_page(world) -> None:
    ind = _own(world)
    response = _as(world, "researcher").post(
        f"/regulatory/inds/{ind.pk}/", {"transition": "full_hold", "on": "2026-05-01"}
    )
    assert response.status_code == 302
    ind.refresh_from_db()
    assert ind.status == Ind.Status.FULL_HOLD
    page = _as(world, "researcher").get(f"/regulatory/inds/{ind.pk}/").content.decode()
    assert "Not allowed" in page and "in_effect → full_hold" in page


def test_a_refused_step_shows_why_on_the_page(world) -> None:
    ind = _own(world)
    response = _as(world, "researcher").post(
        f"/regulatory/inds/{ind.pk}/", {"transition": "lift", "on": "2026-05-01"}
    )
    assert response.status_code == 422
    assert "Cannot lift a clinical hold: the IND is in effect" in response.content.decode()


def test_who_only_sees_an_ind_cannot_change_it(world) -> None:
    ind = world.regulatory["company_a"]["ind"]
    for persona in ("company_a", "alliance_manager"):
        response = _as(world, persona).post(
            f"/regulatory/inds/{ind.pk}/", {"transition": "withdraw", "on": "2026-05-01"}
        )
        assert response.status_code == 404
    assert Ind.objects.get(pk=ind.pk).status == Ind.Status.IN_EFFECT


def test_the_api_reports_a_refused_transition_in_the_error_shape(world) -> None:
    ind = _own(world)
    response = _as(world, "researcher").post(
        f"/api/regulatory/inds/{ind.pk}/transitions",
        json.dumps({"transition": "submit", "on": "2026-05-01"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["status"][0].startswith(
        "Cannot submit the original IND: the IND is in effect"
    )


def test_the_api_marks_an_obligation_met(world) -> None:
    obligation = Obligation.objects.get(ind=_own(world), rule="IND-18")
    response = _as(world, "researcher").post(
        f"/api/regulatory/obligations/{obligation.pk}/met",
        json.dumps({"on": "2026-03-01"}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["met_on"]) == ("met", "2026-03-01")
    assert Obligation.objects.get(pk=obligation.pk).met_on == date(2026, 3, 1)


def test_a_company_lists_only_the_inds_it_sponsors(world) -> None:
    listed = _as(world, "company_a").get("/api/regulatory/inds").json()["items"]
    assert [item["id"] for item in listed] == [world.regulatory["company_a"]["ind"].pk]
    assert _as(world, "investor").get("/api/regulatory/inds").json()["items"] == []


def test_the_weeks_chart_puts_overdue_first_then_each_week_from_this_monday() -> None:
    from types import SimpleNamespace

    from translink.regulatory.charts import WEEKS, weeks_chart

    today = date(2026, 11, 26)  # a Thursday; its week starts Monday 23 November

    def due(day: date, standing: str) -> SimpleNamespace:
        return SimpleNamespace(due=day, standing=standing, ind="IND 1", title="Annual report")

    chart = weeks_chart(
        [
            due(date(2026, 10, 1), "overdue"),
            due(date(2026, 11, 20), "overdue"),
            due(date(2026, 11, 29), "due-soon"),  # Sunday: still this week
            due(date(2026, 11, 30), "due-soon"),  # Monday: next week
            due(date(2026, 11, 30), "upcoming"),
            due(date(2027, 6, 1), "upcoming"),  # beyond the weeks shown
        ],
        today,
    )
    assert chart is not None and chart.later == 1
    columns = {x: n for x, _, n in chart.counts}
    assert list(columns.values()) == [2, 1, 2]  # overdue, this week, next week
    assert [label for _, label, _ in chart.labels[:3]] == ["Overdue", "23", "30"]
    assert len(chart.labels) == WEEKS + 1
    assert {b.colour for b in chart.blocks[:2]} == {"#b42318"}  # the overdue ones are red
    assert weeks_chart([], today) is None


def test_the_calendar_page_draws_the_weeks(world) -> None:
    page = _as(world, "alliance_manager").get("/regulatory/calendar/").content.decode()
    assert 'id="obligations-by-week"' in page and 'class="obligation"' in page


def test_a_crowded_week_thins_its_blocks_inside_the_chart() -> None:
    from types import SimpleNamespace

    from translink.regulatory.charts import TOP, weeks_chart

    today = date(2026, 11, 26)
    crowd = [
        SimpleNamespace(due=date(2026, 11, 30), standing="upcoming", ind="IND 1", title="Report")
        for _ in range(200)
    ]
    chart = weeks_chart(crowd, today)
    assert chart is not None and len(chart.blocks) == 200
    assert all(block.y >= TOP and block.height > 0 for block in chart.blocks)
