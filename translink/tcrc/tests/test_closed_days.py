"""Coordinators close days ahead (a holiday, or the unit closed). Days that booked studies
or cohorts in the unit depend on are refused, naming the cohort and the day, and nothing is
saved; cohorts of requested studies planned on them are moved by the re-plan queued at once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, closing
from translink.tcrc.models import Closure, Cohort, PlanRun, Stay, Study
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    return (
        list(Closure.objects.values_list("day", "kind", "reason")),
        PlanRun.objects.count(),
        list(Cohort.objects.values_list("pk", "dose_day")),
        AuditEvent.objects.filter(action__startswith="tcrc.day").count(),
    )


def _booked(clinic: Clinic, replan: Any, protocol: str = "ALPHA-1") -> Cohort:
    study = add_study(clinic, protocol, clinic.company_a, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    return Cohort.objects.get(study=study)


def _weekday_after(day: date, days: int) -> date:
    later = day + timedelta(days=days)
    while later.weekday() >= 5:
        later += timedelta(days=1)
    return later


def test_closing_a_booked_cohorts_dosing_day_is_refused_by_name_and_saves_nothing(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan)
    assert cohort.dose_day is not None
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        closing.close_days(
            clinic.coordinator, clinic.unit, cohort.dose_day, None, Closure.Kind.HOLIDAY
        )
    errors = refused.value.message_dict
    assert errors["first"] == ["Fixed stays use these days (see above)."]
    assert f"ALPHA-1 SAD cohort 1: dosed on {cohort.dose_day:%Y-%m-%d}." in errors["__all__"][0]
    assert _stored() == before


def test_a_holiday_on_a_booked_cohorts_admission_day_is_refused(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan)
    assert cohort.dose_day is not None and cohort.admission_offset == -1
    admitted = cohort.dose_day - timedelta(days=1)
    with pytest.raises(ValidationError, match=f"cohort 1: admissions on {admitted:%Y-%m-%d}\\."):
        closing.close_days(clinic.coordinator, clinic.unit, admitted, None, Closure.Kind.HOLIDAY)
    # Closed altogether, the night in bed is refused as well.
    with pytest.raises(ValidationError, match=f"; beds on {admitted:%Y-%m-%d}"):
        closing.close_days(clinic.coordinator, clinic.unit, admitted, None, Closure.Kind.CLOSED)
    assert not Closure.objects.exists()


def test_days_a_requested_study_was_planned_on_close_and_the_replan_moves_it(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "BETA-1", clinic.company_b, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    planned = Cohort.objects.get(study=study).dose_day
    assert planned is not None
    first, last = planned - timedelta(days=1), planned + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        done = closing.close_days(
            clinic.coordinator, clinic.unit, first, last, Closure.Kind.CLOSED, "Renovation"
        )
    assert [c.day for c in done.closures] == [first + timedelta(days=n) for n in range(4)]
    assert [str(c) for c in done.moved] == ["BETA-1 SAD cohort 1"]
    assert done.run is not None and done.run.reason.startswith("Days closed: ")
    done.run.refresh_from_db()
    assert done.run.state == PlanRun.State.DONE
    moved = Cohort.objects.get(study=study)
    assert moved.dose_day is not None and moved.dose_day > last + timedelta(days=1)
    for stay in Stay.objects.filter(cohort=moved):
        nights = {stay.first_night + timedelta(days=n) for n in range(stay.nights)}
        assert not nights & {first + timedelta(days=n) for n in range(4)}
    assert AuditEvent.objects.filter(action="tcrc.days_closed").count() == 1


def test_closing_empty_days_plans_nothing_and_reclosing_a_day_changes_its_kind(
    clinic: Clinic,
) -> None:
    day = _weekday_after(clinic.today, 10)
    done = closing.close_days(clinic.coordinator, clinic.unit, day, None, Closure.Kind.HOLIDAY)
    assert done.moved == [] and done.run is None and PlanRun.objects.count() == 0
    closing.close_days(clinic.coordinator, clinic.unit, day, None, Closure.Kind.CLOSED, "Audit")
    assert list(Closure.objects.values_list("day", "kind", "reason")) == [
        (day, Closure.Kind.CLOSED, "Audit")
    ]


@pytest.mark.parametrize(
    ("first", "last", "kind", "field", "words"),
    [
        (-1, None, "closed", "first", "the past stays as it was"),
        (5, 4, "closed", "last", "comes before the first"),
        (5, 5 + 366, "closed", "last", "at most 366 days"),
        (5, None, "maintenance", "kind", "Choose one of: holiday, closed"),
    ],
)
def test_a_request_that_makes_no_sense_names_the_field_and_saves_nothing(
    clinic: Clinic, first: int, last: int | None, kind: str, field: str, words: str
) -> None:
    before = _stored()
    start = clinic.today + timedelta(days=first)
    end = None if last is None else clinic.today + timedelta(days=last)
    with pytest.raises(ValidationError) as refused:
        closing.close_days(clinic.coordinator, clinic.unit, start, end, kind)
    assert words in refused.value.message_dict[field][0]
    assert _stored() == before


def test_only_coordinators_close_and_reopen_days(clinic: Clinic) -> None:
    day = _weekday_after(clinic.today, 10)
    with pytest.raises(PermissionDenied):
        closing.close_days(clinic.member_a, clinic.unit, day, None, Closure.Kind.CLOSED)
    closure = Closure.objects.create(unit=clinic.unit, day=day, reason="Holiday")
    company = client_of(clinic.member_a)
    assert "Holiday" in company.get("/tcrc/closures/").content.decode()  # sponsors plan by it
    refused = company.post("/tcrc/closures/", {"first": str(day), "kind": "closed"})
    assert refused.status_code == 403
    assert company.post(f"/tcrc/closures/{closure.pk}/reopen/").status_code == 404
    assert company.delete(f"/api/tcrc/closures/{closure.pk}").status_code == 404
    assert list(Closure.objects.values_list("day", "kind")) == [(day, Closure.Kind.HOLIDAY)]


def test_the_page_closes_a_run_shows_it_as_one_line_and_opens_it_again(clinic: Clinic) -> None:
    first = _weekday_after(clinic.today, 7)
    client = client_of(clinic.coordinator)
    page = client.post(
        "/tcrc/closures/",
        {"first": str(first), "last": str(first + timedelta(days=2)), "kind": "closed",
         "reason": "Fire drill"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "3 days closed. No planned stay used them." in page
    assert page.count("Fire drill") == 1  # one line for the run
    assert f"{first:%Y-%m-%d}" in page and f"{first + timedelta(days=2):%Y-%m-%d}" in page
    pk = Closure.objects.get(day=first + timedelta(days=1)).pk  # any day opens its run
    page = client.post(f"/tcrc/closures/{pk}/reopen/", follow=True).content.decode()
    assert "3 days open again" in page and "No closed days ahead." in page
    assert not Closure.objects.exists()
    assert AuditEvent.objects.filter(action="tcrc.day_reopened").count() == 3


def test_the_page_shows_a_refusal_beside_the_form_and_keeps_what_was_typed(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan)
    assert cohort.dose_day is not None
    before = _stored()
    response = client_of(clinic.coordinator).post(
        "/tcrc/closures/",
        {"first": str(cohort.dose_day), "kind": "holiday", "reason": "Staff party"},
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f"ALPHA-1 SAD cohort 1: dosed on {cohort.dose_day:%Y-%m-%d}." in page
    assert 'value="Staff party"' in page
    assert _stored() == before


def test_the_api_closes_lists_and_reopens_days(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    day = _weekday_after(clinic.today, 9)
    made = client.post(
        "/api/tcrc/closures",
        {"first": str(day), "last": str(day + timedelta(days=1)), "kind": "holiday"},
        content_type="application/json",
    )
    assert made.status_code == 201
    body = made.json()
    assert [c["day"] for c in body["closed"]] == [str(day), str(day + timedelta(days=1))]
    assert body["run_id"] is None and body["moved_cohorts"] == []
    listed = client_of(clinic.member_b).get("/api/tcrc/closures").json()
    assert [c["day"] for c in listed] == [str(day), str(day + timedelta(days=1))]
    gone = client.delete(f"/api/tcrc/closures/{body['closed'][0]['id']}")
    assert gone.status_code == 204
    assert list(Closure.objects.values_list("day", flat=True)) == [day + timedelta(days=1)]


def test_the_api_refuses_bad_bodies_by_field_and_stores_nothing(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan)
    client = client_of(clinic.coordinator)
    before = _stored()
    for body, field in [
        ({"first": "next week"}, "first"),
        ({"first": str(clinic.today), "kind": "party"}, "kind"),
        ({"first": str(clinic.today + timedelta(days=4)), "last": str(clinic.today)}, "last"),
        ({"first": str(cohort.dose_day)}, "first"),
    ]:
        answer = client.post("/api/tcrc/closures", body, content_type="application/json")
        assert answer.status_code == 422, body
        assert field in answer.json()["error"]["fields"], answer.json()
    assert _stored() == before
    past = Closure.objects.create(unit=clinic.unit, day=clinic.today - timedelta(days=2))
    answer = client.delete(f"/api/tcrc/closures/{past.pk}")
    assert answer.status_code == 422 and "has passed" in answer.content.decode()
    assert Closure.objects.filter(pk=past.pk).exists()


def test_a_sponsors_quote_keeps_clear_of_closed_days(clinic: Clinic) -> None:
    first = _weekday_after(clinic.today, 3)
    closing.close_days(
        clinic.coordinator, clinic.unit, first, first + timedelta(days=13), Closure.Kind.CLOSED
    )
    quoted = client_of(clinic.member_a).post(
        "/api/tcrc/quotes",
        {"cohorts": 1, "participants": 2, "sentinels": 0, "standby": 0, "nights": 2,
         "review_gap_days": 3, "earliest": str(first)},
        content_type="application/json",
    ).json()  # fmt: skip
    assert quoted["fits"] and date.fromisoformat(quoted["start"]) >= first + timedelta(days=14)
    assert Study.objects.count() == 0


def test_closing_the_day_after_a_booked_high_risk_dose_names_the_day_without_cover(
    clinic: Clinic,
) -> None:
    study = add_study(clinic, "RISK-1", clinic.company_a)
    tuesday = _weekday_after(clinic.today, 7)
    while tuesday.weekday() != 1:
        tuesday += timedelta(days=1)
    Cohort.objects.update(high_risk=True, dose_day=tuesday)
    actions.book_study(clinic.coordinator, study)
    wednesday = tuesday + timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        closing.close_days(clinic.coordinator, clinic.unit, wednesday, None, "holiday")
    assert (
        f"RISK-1 SAD cohort 1: dosed at high risk the day before {wednesday:%Y-%m-%d}, "
        "which needs cover." in refused.value.message_dict["__all__"][0]
    )
    assert not Closure.objects.exists()


def test_a_cohort_in_the_unit_now_keeps_its_beds_though_its_study_is_not_booked(
    clinic: Clinic,
) -> None:
    add_study(clinic, "NOW-1", clinic.company_a, nights=3)
    Cohort.objects.update(dose_day=clinic.today)  # admitted yesterday, in the unit today
    tomorrow = clinic.today + timedelta(days=1)
    with pytest.raises(ValidationError, match=f"NOW-1 SAD cohort 1: beds on {tomorrow:%Y-%m-%d}"):
        closing.close_days(clinic.coordinator, clinic.unit, tomorrow, None, "closed")
    assert not Closure.objects.exists()


def test_days_are_closed_at_most_three_years_ahead(clinic: Clinic) -> None:
    far = clinic.today + timedelta(days=3 * 365 + 1)
    with pytest.raises(ValidationError, match="up to three years ahead"):
        closing.close_days(clinic.coordinator, clinic.unit, far, None, "closed")
