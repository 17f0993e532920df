"""The unit calendar: staff see every stay labelled and the load charts; a company sees
its own studies labelled and everyone else's stays as anonymous busy blocks."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.test import Client

from translink.tcrc import actions, charts
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study


def _page(user: Any, path: str = "/tcrc/") -> tuple[int, str]:
    client = Client()
    client.login(username=user.email, password=PASSWORD)
    response = client.get(path)
    return response.status_code, response.content.decode()


def _planned(clinic: Clinic, replan: Any, *, book: bool = True) -> None:
    alpha = add_study(clinic, "ALPHA-SECRET", clinic.company_a)
    beta = add_study(clinic, "BETA-SECRET", clinic.company_b)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    if book:
        actions.book_study(clinic.coordinator, alpha)
        actions.book_study(clinic.coordinator, beta)


def test_staff_see_every_study_and_the_load_charts(clinic: Clinic, replan: Any) -> None:
    _planned(clinic, replan)
    status, page = _page(clinic.coordinator)
    assert status == 200
    assert "ALPHA-SECRET" in page and "BETA-SECRET" in page
    assert "Nurse load, day shift" in page and "Scanner slots" in page and "Beds occupied" in page
    assert "Re-plan the unit" in page


def test_a_company_sees_its_study_and_only_busy_blocks_of_the_others(
    clinic: Clinic, replan: Any
) -> None:
    _planned(clinic, replan)
    status, page = _page(clinic.member_a)
    assert status == 200
    assert "ALPHA-SECRET" in page
    assert "BETA-SECRET" not in page
    assert page.count("<title>Booked</title>") == 2  # B's two participants, anonymous
    assert "Nurse load" not in page and "Re-plan" not in page


def test_another_sponsors_pending_request_is_not_shown_at_all(clinic: Clinic, replan: Any) -> None:
    _planned(clinic, replan, book=False)
    _, page = _page(clinic.member_a)
    assert "ALPHA-SECRET" in page and "BETA-SECRET" not in page
    assert "<title>Booked</title>" not in page
    client = Client()
    client.login(username=clinic.member_a.email, password=PASSWORD)
    assert all(s["participant"] for s in client.get("/api/tcrc/calendar").json())


def test_the_calendar_api_names_only_the_callers_stays(clinic: Clinic, replan: Any) -> None:
    _planned(clinic, replan)
    client = Client()
    client.login(username=clinic.member_b.email, password=PASSWORD)
    stays = client.get("/api/tcrc/calendar").json()
    assert len(stays) == 4
    mine = [s for s in stays if s["participant"]]
    assert {s["participant"].split("-SAD")[0] for s in mine} == {"BETA-SECRET"}
    others = [s for s in stays if not s["participant"]]
    assert len(others) == 2 and all(
        s["study_id"] is None and s["cohort_id"] is None for s in others
    )


def test_investors_do_not_see_the_unit(clinic: Clinic, replan: Any) -> None:
    from translink.accounts import actions as account_actions
    from translink.accounts.models import Role

    firm = account_actions.create_organization(None, name="Venture", kind="investor")
    investor = account_actions.create_account(
        None,
        email="v@venture.example",
        full_name="Vic",
        role=Role.INVESTOR,
        organization=firm,
        password=PASSWORD,
    )
    _planned(clinic, replan)
    assert _page(investor)[0] == 404


def test_a_study_ical_feed_lists_each_cohorts_stay(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    status, feed = _page(clinic.member_a, f"/tcrc/studies/{study.pk}/calendar.ics")
    assert status == 200
    assert feed.count("BEGIN:VEVENT") == 2 and "ALPHA-1 SAD 1" in feed and "\r\n" in feed
    assert _page(clinic.member_b, f"/tcrc/studies/{study.pk}/calendar.ics")[0] == 404


def test_the_planner_run_page_shows_the_result_beside_greedy(clinic: Clinic, replan: Any) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a)
    run = replan(clinic.coordinator, clinic.unit, today=clinic.today)
    status, page = _page(clinic.coordinator, f"/tcrc/runs/{run.pk}/")
    assert status == 200
    assert "Optimal: 1 of 1 cohorts placed" in page and "First come, first served: 1 placed" in page
    assert 'value="100"' in page


def test_holidays_are_drawn_and_cohorts_say_where_they_are(clinic: Clinic, replan: Any) -> None:
    from datetime import timedelta

    from translink.tcrc.models import Closure

    Closure.objects.create(
        unit=clinic.unit, day=clinic.today + timedelta(days=10), reason="Founders' Day"
    )
    study = add_study(clinic, "ALPHA-1", clinic.company_a, nights=4, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    _, page = _page(clinic.coordinator)
    assert "Founders&#x27; Day" in page
    cohort = study.cohorts.get()
    assert cohort.dose_day is not None
    assert cohort.state_on(cohort.dose_day) == "In the unit"
    assert cohort.state_on(cohort.dose_day - timedelta(days=5)) == "Planned"
    assert cohort.state_on(cohort.dose_day + timedelta(days=30)) == "Discharged"


def test_telemetry_beds_get_their_own_occupancy_chart(clinic: Clinic, replan: Any) -> None:
    cardiac = add_study(clinic, "TELE-1", clinic.company_a, participants=1, nights=3)
    cardiac.cohorts.update(telemetry=True)
    add_study(clinic, "PLAIN-1", clinic.company_b, participants=2, nights=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    _, _, series = charts.unit_series(clinic.unit, clinic.today)
    by_name = {s.name: s for s in series}
    # The unit has one telemetry bed; only the cardiac study's participant needs it.
    assert by_name["Beds with telemetry occupied"].peak == 1
    assert by_name["Beds occupied"].peak >= 2  # both studies count there
    _, page = _page(clinic.coordinator)
    assert "Beds with telemetry occupied" in page


def test_the_last_plan_states_its_proven_gap_as_a_percentage(clinic: Clinic, replan: Any) -> None:
    _planned(clinic, replan, book=False)
    run = clinic.unit.runs.first()
    assert run is not None
    run.status, run.objective, run.bound, run.gap = "feasible", 1000, 918, 0.082
    run.save()
    _, page = _page(clinic.coordinator)
    assert "proven within 8.2% of the best possible cost" in page
    _, details = _page(clinic.coordinator, f"/tcrc/runs/{run.pk}/")
    assert "bound 918 (gap 8.2%)" in details
    run.gap = 0.0004
    assert run.gap_percent == "0.04%"


def test_studies_on_the_chart_get_distinct_colours_until_the_palette_runs_out() -> None:
    def stay(cohort: int, study: int) -> Any:
        return SimpleNamespace(cohort_id=cohort, cohort=SimpleNamespace(study_id=study))

    stays = [stay(1, 1), stay(2, 9), stay(3, 17), stay(4, 2), stay(5, 9)]
    colour_of = charts.colours(stays, shown={1, 2, 3, 5})
    assert set(colour_of) == {1, 9, 17}  # study 2 is not shown: it takes no colour
    assert len(set(colour_of.values())) == 3
    many = [stay(n, n) for n in range(1, len(charts.PALETTE) + 2)]
    assert len(set(charts.colours(many, {s.cohort_id for s in many}).values())) == len(
        charts.PALETTE
    )


def test_the_studies_list_says_how_much_of_each_study_is_planned_and_when(
    clinic: Clinic, replan: Any
) -> None:
    import re
    from datetime import timedelta

    from translink.tcrc.models import Cohort

    add_study(clinic, "ALPHA-SECRET", clinic.company_a, cohorts=2)
    # Three cohorts of 18 in a unit of fewer beds: none fits.
    add_study(clinic, "BETA-SECRET", clinic.company_b, cohorts=3, participants=18)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    alpha = list(Cohort.objects.filter(study__protocol_number="ALPHA-SECRET").order_by("sequence"))
    assert all(c.dose_day for c in alpha)
    first = alpha[0].dose_day + timedelta(days=alpha[0].admission_offset)  # type: ignore[operator]
    last = alpha[1].discharge_day()
    assert last is not None

    def rows(user: Any) -> list[str]:
        status, page = _page(user, "/tcrc/studies/")
        assert status == 200
        found = re.findall(r'data-testid="study-row">(.*?)</tr>', page, re.S)
        return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in found]

    staff = rows(clinic.coordinator)
    assert len(staff) == 2
    assert clinic.company_a.name in staff[0] and "2 of 2 cohorts" in staff[0]
    assert f"{first:%-d %b %Y} to {last:%-d %b %Y}" in staff[0]
    assert clinic.company_b.name in staff[1] and "0 of 3 cohorts not planned" in staff[1]
    own = rows(clinic.member_a)
    assert len(own) == 1 and "ALPHA-SECRET" in own[0] and clinic.company_a.name in own[0]
    assert "BETA-SECRET" not in str(own) and clinic.company_b.name not in str(own)


def test_a_study_page_draws_its_stays_a_colour_per_cohort_and_nothing_of_others(
    clinic: Clinic, replan: Any
) -> None:
    from translink.tcrc.models import Stay

    mine = add_study(clinic, "ALPHA-7", clinic.company_a, participants=2, start=3)
    add_study(clinic, "BETA-SECRET", clinic.company_b, participants=2, start=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    client = Client()
    client.force_login(clinic.member_a)
    page = client.get(f"/tcrc/studies/{mine.pk}/").content.decode()
    bars = page.count('rx="2" fill="#')  # one bar per stay of this study, none of BETA's
    assert bars == Stay.objects.filter(cohort__study=mine).count() > 0
    assert "Every stay, participant by participant" in page
    assert "BETA-SECRET" not in page and "Booked by others" not in page
