"""Capacity quotes in the page and the API: the earliest start beside the booked studies,
what blocks a study that cannot fit, field messages for bad input, and no other sponsor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from translink.audit.models import AuditEvent
from translink.tcrc import actions
from translink.tcrc.models import Cohort, Study
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _form(clinic: Clinic, **fields: Any) -> dict[str, Any]:
    earliest = clinic.today + timedelta(days=3)
    return {"cohorts": 2, "participants": 3, "sentinels": 0, "standby": 1, "nights": 2,
            "review_gap_days": 2, "earliest": earliest.isoformat(), **fields}  # fmt: skip


def test_on_an_empty_unit_the_quote_is_the_first_dosing_day(clinic: Clinic) -> None:
    page = client_of(clinic.member_a).post("/tcrc/quote/", _form(clinic)).content.decode()
    assert "Earliest first dosing" in page
    first = clinic.today + timedelta(days=3)
    while first.weekday() >= 5:
        first += timedelta(days=1)
    assert f"{first:%A} {first.day} {first:%B %Y}" in page


def test_a_study_that_cannot_fit_is_told_what_blocks_it_without_naming_anyone(
    clinic: Clinic, replan: Any
) -> None:
    booked = add_study(clinic, "BETA-SECRET", clinic.company_b, participants=4, nights=38, start=1)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, booked)
    page = client_of(clinic.member_a).post("/tcrc/quote/", _form(clinic)).content.decode()
    assert "It does not fit" in page and "Beds on" in page
    assert "BETA-SECRET" not in page


def test_bad_input_gets_field_messages_and_saves_nothing(clinic: Clinic) -> None:
    client = client_of(clinic.member_a)
    before = (Study.objects.count(), Cohort.objects.count(), AuditEvent.objects.count())
    bad = _form(clinic, participants=3, sentinels=4, scan_days="1, soon", earliest="2001-01-01")
    response = client.post("/tcrc/quote/", bad)
    page = response.content.decode()
    assert response.status_code == 422
    assert "Sentinels are among the participants" in page
    assert "Give whole study days separated by commas" in page
    assert "The earliest start cannot be in the past" in page
    assert (Study.objects.count(), Cohort.objects.count(), AuditEvent.objects.count()) == before


def test_the_api_quotes_and_refuses_bad_fields_by_name(clinic: Clinic) -> None:
    client = client_of(clinic.member_a)
    good = {**_form(clinic), "scan_days": [1]}
    answer = client.post("/api/tcrc/quotes", good, content_type="application/json").json()
    assert answer["fits"] is True and answer["start"] >= good["earliest"]
    bad = client.post("/api/tcrc/quotes", {**good, "sentinels": 9}, content_type="application/json")
    assert bad.status_code == 422
    assert "sentinels" in bad.content.decode()


def test_researchers_and_investors_cannot_ask_for_quotes(clinic: Clinic) -> None:
    assert client_of(clinic.lead.user).get("/tcrc/quote/").status_code == 404


def test_a_start_beyond_the_units_horizon_is_a_field_error(clinic: Clinic) -> None:
    far = clinic.today + timedelta(days=clinic.unit.horizon_days)
    response = client_of(clinic.member_a).post(
        "/tcrc/quote/", _form(clinic, earliest=far.isoformat())
    )
    assert response.status_code == 422
    assert f"The unit plans {clinic.unit.horizon_days} days ahead" in response.content.decode()


def test_the_quote_names_the_earlier_start_paid_overtime_would_allow(
    clinic: Clinic, replan: Any
) -> None:
    unit = clinic.unit
    for shift in ("day", "evening", "night"):
        for days in ("weekday", "weekend"):
            setattr(unit, f"nurses_{days}_{shift}", 9)
    unit.nurse_overtime = 3
    unit.save()
    booked = add_study(clinic, "BETA-SECRET", clinic.company_b, participants=2, nights=10, start=1)
    replan(clinic.coordinator, unit, today=clinic.today)
    actions.book_study(clinic.coordinator, booked)
    asked = {**_form(clinic, cohorts=1, participants=2, standby=0), "scan_days": []}
    client = client_of(clinic.member_a)
    answer = client.post("/api/tcrc/quotes", asked, content_type="application/json").json()
    # A dosing day shift of two new participants needs 8 of the 9 staffed, and BETA's two
    # take 2 of it for ten nights: the staffed answer waits, overtime's 3 more do not.
    assert answer["overtime_start"] is not None and answer["overtime_start"] < answer["start"]
    page = client.post("/tcrc/quote/", {**asked, "scan_days": ""}).content.decode()
    assert "With paid nurse overtime it could start on" in page
    assert "BETA-SECRET" not in page


def test_a_cohort_bigger_than_the_unit_is_told_no_date_will_do_and_why(clinic: Clinic) -> None:
    client = client_of(clinic.member_a)
    asked = _form(clinic, cohorts=1, participants=6, standby=1)  # 7 people, 4 beds
    page = client.post("/tcrc/quote/", asked).content.decode()
    assert "No date will do as it stands" in page
    assert "A cohort needs 7 beds on one night; the unit has 4." in page
    answer = client.post(
        "/api/tcrc/quotes", {**asked, "scan_days": []}, content_type="application/json"
    ).json()
    assert answer["fits"] is False
    beds = next(limit for limit in answer["limits"] if limit["resource"] == "beds")
    assert (beds["needed"], beds["available"]) == (7, 4)
    assert answer["partial_cohorts"] == 0


def test_a_study_too_long_for_the_plan_gets_its_first_cohorts_dated_and_drawn(
    clinic: Clinic,
) -> None:
    client = client_of(clinic.member_a)
    asked = _form(clinic, cohorts=4, review_gap_days=14)  # 16 days a cohort, 42 planned
    page = client.post("/tcrc/quote/", asked).content.decode()
    assert "The first 3 of 4 cohorts fit" in page
    assert "days from its first admission to its last discharge" in page
    assert page.count('class="quote-stay"') == 3
    answer = client.post(
        "/api/tcrc/quotes", {**asked, "scan_days": []}, content_type="application/json"
    ).json()
    assert answer["partial_cohorts"] == 3
    assert answer["partial_start"] >= asked["earliest"]
    assert answer["partial_finish"] > answer["partial_start"]


def test_limit_sentences_say_what_to_change() -> None:
    from translink.tcrc.solver.quote import DOSING_DAYS, Limit

    assert actions.limit_sentence(Limit("scanner", 2, 0)) == (
        "A cohort needs the scanner on a day the unit has none (a weekend, a holiday or a "
        "closure), whichever day it is dosed: move its stay or its scan days."
    )
    assert "14 days the unit plans ahead" in actions.limit_sentence(Limit(DOSING_DAYS, 9, 14))
    assert actions.limit_sentence(Limit("admissions", 13, 10)) == (
        "A cohort admits 13 people on one day; the unit admits at most 10 a day."
    )


def _ask(clinic: Clinic, **request: Any) -> dict[str, Any]:
    fields = {f"request-{name}": value for name, value in request.items()}
    return {**_form(clinic, cohorts=2), **fields, "ask": "1"}


def test_a_sponsor_asks_the_unit_for_the_study_it_was_quoted(clinic: Clinic) -> None:
    from translink.market.models import Notification

    client = client_of(clinic.member_a)
    first = client.post("/tcrc/quote/", _form(clinic)).content.decode()
    assert "Ask the unit for this study" in first  # offered once there is an answer
    before = Notification.objects.filter(recipient=clinic.coordinator).count()
    response = client.post(
        "/tcrc/quote/", _ask(clinic, protocol_number="ALPHA-22", title="First in human")
    )
    study = Study.objects.get(protocol_number="ALPHA-22")
    assert response.status_code == 302 and response["Location"] == f"/tcrc/studies/{study.pk}/"
    assert study.sponsor == clinic.company_a and study.status == Study.Status.REQUESTED
    assert [c.label for c in study.cohorts.all()] == ["SAD 1", "SAD 2"]
    assert AuditEvent.objects.filter(action="tcrc.study_requested").count() == 1
    assert Notification.objects.filter(recipient=clinic.coordinator).count() == before + 1
    # The other sponsor never sees it.
    other = client_of(clinic.member_b)
    assert other.get(f"/tcrc/studies/{study.pk}/").status_code == 404
    assert "ALPHA-22" not in other.get("/tcrc/studies/").content.decode()


def test_asking_without_a_protocol_or_twice_for_one_is_refused_by_field(clinic: Clinic) -> None:
    client = client_of(clinic.member_a)
    before = (Study.objects.count(), Cohort.objects.count(), AuditEvent.objects.count())
    missing = client.post("/tcrc/quote/", _ask(clinic, protocol_number="", title="A study"))
    assert missing.status_code == 422 and "This field is required" in missing.content.decode()
    assert (Study.objects.count(), Cohort.objects.count(), AuditEvent.objects.count()) == before
    client.post("/tcrc/quote/", _ask(clinic, protocol_number="ALPHA-9", title="One"))
    again = client.post("/tcrc/quote/", _ask(clinic, protocol_number="ALPHA-9", title="Two"))
    assert again.status_code == 422
    assert "The unit already has a study with this protocol number." in again.content.decode()
    assert Study.objects.filter(protocol_number="ALPHA-9").count() == 1


def test_a_coordinator_asks_on_a_sponsors_behalf_and_must_name_it(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    unnamed = client.post("/tcrc/quote/", _ask(clinic, protocol_number="BETA-5", title="MAD"))
    assert unnamed.status_code == 422 and not Study.objects.filter(protocol_number="BETA-5")
    named = client.post(
        "/tcrc/quote/",
        _ask(clinic, protocol_number="BETA-5", title="MAD", sponsor=clinic.company_b.pk),
    )
    assert named.status_code == 302
    assert Study.objects.get(protocol_number="BETA-5").sponsor == clinic.company_b


def test_the_api_takes_a_study_request_and_names_bad_fields(clinic: Clinic) -> None:
    client = client_of(clinic.member_a)
    body = {**_form(clinic), "scan_days": [], "protocol_number": "ALPHA-API", "title": "SAD"}
    made = client.post("/api/tcrc/studies", body, content_type="application/json")
    assert made.status_code == 201 and made.json()["protocol_number"] == "ALPHA-API"
    assert Study.objects.get(protocol_number="ALPHA-API").sponsor == clinic.company_a
    before = Study.objects.count()
    bad = client.post(
        "/api/tcrc/studies", {**body, "protocol_number": "X", "participants": 0},
        content_type="application/json",
    )  # fmt: skip
    assert bad.status_code == 422 and "participants" in bad.content.decode()
    unnamed = client_of(clinic.coordinator).post(
        "/api/tcrc/studies", {**body, "protocol_number": "Y"}, content_type="application/json"
    )
    assert unnamed.status_code == 422 and "sponsor" in unnamed.content.decode()
    assert Study.objects.count() == before
    assert client_of(clinic.lead.user).post(
        "/api/tcrc/studies", body, content_type="application/json"
    ).status_code in (403, 404)


def test_a_study_asked_for_waits_on_the_coordinators_list_until_the_plan_places_it(
    clinic: Clinic, replan: Any
) -> None:
    from translink.dashboard.agenda import agenda

    client_of(clinic.member_a).post(
        "/tcrc/quote/", _ask(clinic, protocol_number="ALPHA-NEW", title="First in human")
    )
    items, _ = agenda(clinic.coordinator, clinic.today, None)
    waiting = [i.title for i in items if i.kind == "Study to plan"]
    assert waiting == ["ALPHA-NEW (Alpha Pharma): 2 cohorts without a day in the plan"]
    sponsor_items, _ = agenda(clinic.member_a, clinic.today, None)
    assert not [i for i in sponsor_items if i.kind == "Study to plan"]  # the unit's duty
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    items, _ = agenda(clinic.coordinator, clinic.today, None)
    assert not [i for i in items if i.kind == "Study to plan"]
