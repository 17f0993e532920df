"""Coordinators set the unit's admissions, scanner slots and nurse load per shift. A change
that a booked study or a cohort in the unit would no longer fit is refused on the field
that causes it, naming the cohort and the day; requested studies that no longer fit are
re-planned at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from translink.audit.models import AuditEvent
from translink.tcrc import actions, instances, staffing
from translink.tcrc.models import Cohort, PlanRun, Stay, Unit
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study

NIGHTS_FOR_ONE_COHORT = {"nurses_weekday_night": 2, "nurses_weekend_night": 2, "nurse_overtime": 0}


def _client(user: Any) -> Client:
    client = Client()
    client.login(username=user.email, password=PASSWORD)
    return client


def _stored(clinic: Clinic) -> tuple[Any, ...]:
    unit = Unit.objects.get(pk=clinic.unit.pk)
    return (
        [getattr(unit, name) for name in staffing.CAPACITIES],
        PlanRun.objects.count(),
        list(Cohort.objects.values_list("pk", "dose_day")),
        AuditEvent.objects.filter(action="tcrc.unit_changed").count(),
    )


def _nights(cohort: Cohort) -> set[Any]:
    return {
        stay.first_night + timedelta(days=n)
        for stay in Stay.objects.filter(cohort=cohort)
        for n in range(stay.nights)
    }


def test_fewer_night_nurses_than_a_booked_cohort_needs_is_refused_on_that_field(
    clinic: Clinic,
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    Cohort.objects.update(dose_day=_next(clinic, 2))  # admitted Tuesday: weekday nights
    actions.book_study(clinic.coordinator, study)
    cohort = Cohort.objects.get(study=study)
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator,
            clinic.unit,
            {"nurses_weekday_night": 1, "nurses_weekend_night": 1, "nurse_overtime": 0},
        )
    errors = refused.value.message_dict
    assert errors["nurses_weekday_night"] == ["Fixed stays need more than this (see above)."]
    assert "ALPHA-1 SAD cohort 1: nurses (night shift) on 20" in errors["__all__"][0]
    assert "(up to 2 with the others fixed there, 1 available)." in errors["__all__"][0]
    assert _stored(clinic) == before
    assert Cohort.objects.get(pk=cohort.pk).dose_day == cohort.dose_day


def test_requested_studies_that_no_longer_fit_side_by_side_are_re_planned_apart(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    second = add_study(clinic, "BETA-1", clinic.company_b, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    a, b = Cohort.objects.get(study=first), Cohort.objects.get(study=second)
    assert _nights(a) & _nights(b)  # four beds: the plan runs them side by side
    with django_capture_on_commit_callbacks(execute=True):
        outcome = staffing.update_capacities(clinic.coordinator, clinic.unit, NIGHTS_FOR_ONE_COHORT)
    assert outcome.run is not None and {str(c) for c in outcome.moved} <= {
        "ALPHA-1 SAD cohort 1",
        "BETA-1 SAD cohort 1",
    }
    outcome.run.refresh_from_db()
    assert outcome.run.state == PlanRun.State.DONE and outcome.run.placed == 2
    a, b = Cohort.objects.get(study=first), Cohort.objects.get(study=second)
    assert _nights(a) and _nights(b) and not _nights(a) & _nights(b)
    event = AuditEvent.objects.get(action="tcrc.unit_changed")
    assert event.old is not None and event.new is not None
    assert event.old["nurses_weekday_night"] == 20 and event.new["nurses_weekday_night"] == 2


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"plan_seconds": 0}, "plan_seconds", "at least 1 second"),
        ({"plan_seconds": 601}, "plan_seconds", "less than or equal to 600"),
        ({"horizon_days": 400}, "horizon_days", "Not a capacity of the unit"),
    ],
)
def test_values_out_of_range_are_refused_by_field_and_change_nothing(
    clinic: Clinic, values: dict[str, int], field: str, words: str
) -> None:
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(clinic.coordinator, clinic.unit, values)
    assert words in refused.value.message_dict[field][0]
    assert _stored(clinic) == before


def test_only_coordinators_change_capacities(clinic: Clinic) -> None:
    before = _stored(clinic)
    with pytest.raises(PermissionDenied):
        staffing.update_capacities(clinic.member_a, clinic.unit, {"admissions_weekday": 1})
    company = _client(clinic.member_a)
    assert company.get("/tcrc/capacities/").status_code == 404
    assert company.post("/tcrc/capacities/", {"admissions_weekday": 1}).status_code == 404
    answer = company.patch(
        "/api/tcrc/capacities", {"admissions_weekday": 1}, content_type="application/json"
    )
    assert answer.status_code == 404
    assert _stored(clinic) == before


def test_the_page_saves_and_shows_a_refusal_on_its_field(clinic: Clinic, replan: Any) -> None:
    client = _client(clinic.coordinator)
    page = client.get("/tcrc/capacities/").content.decode()
    assert "Nurse load, weekday night shift" in page and 'value="20"' in page
    form = {name: getattr(clinic.unit, name) for name in staffing.CAPACITIES}
    saved = client.post("/tcrc/capacities/", {**form, "scanner_slots_weekday": 6}, follow=True)
    assert "Saved. Every planned stay still fits." in saved.content.decode()
    assert Unit.objects.get(pk=clinic.unit.pk).scanner_slots_weekday == 6
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    before = _stored(clinic)
    refused = client.post(
        "/tcrc/capacities/", {**form, "scanner_slots_weekday": 6, "admissions_weekday": 0,
                              "admissions_weekend": 0},
    )  # fmt: skip
    assert refused.status_code == 422
    assert "ALPHA-1 SAD cohort 1: admissions on" in refused.content.decode()
    assert _stored(clinic) == before


def test_the_api_reads_and_changes_capacities_and_refuses_bad_values_by_field(
    clinic: Clinic,
) -> None:
    client = _client(clinic.coordinator)
    assert client.get("/api/tcrc/capacities").json()["nurses_weekday_day"] == 36
    changed = client.patch(
        "/api/tcrc/capacities", {"nurses_weekday_day": 30}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["nurses_weekday_day"] == 30 and changed.json()["run_id"] is None
    before = _stored(clinic)
    for body, field in [
        ({"nurses_weekday_day": -1}, "nurses_weekday_day"),
        ({"plan_seconds": 0}, "plan_seconds"),
        ({"admissions_weekday": "many"}, "admissions_weekday"),
        ({"admissions_weekday": True}, "admissions_weekday"),
        ({"nurses_weekend_day": 2_147_483_648}, "nurses_weekend_day"),
    ]:
        answer = client.patch("/api/tcrc/capacities", body, content_type="application/json")
        assert answer.status_code == 422 and field in answer.json()["error"]["fields"], body
    assert _stored(clinic) == before


def _next(clinic: Clinic, weekday: int, after: int = 7) -> Any:
    day = clinic.today + timedelta(days=after)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_an_overflow_is_charged_to_the_requested_study_not_the_booked_one_beside_it(
    clinic: Clinic, replan: Any
) -> None:
    add_study(clinic, "REQ-1", clinic.company_b, participants=2)  # asked for first
    booked = add_study(clinic, "BOOK-1", clinic.company_a, participants=2)
    Cohort.objects.update(dose_day=_next(clinic, 2))  # both admitted on the same Tuesday
    actions.book_study(clinic.coordinator, booked)
    outcome = staffing.update_capacities(clinic.coordinator, clinic.unit, {"admissions_weekday": 2})
    assert [str(c) for c in outcome.moved] == ["REQ-1 SAD cohort 1"]
    assert outcome.run is not None


def test_a_shortage_on_a_weekend_night_is_refused_on_the_weekend_field(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2, nights=3)
    Cohort.objects.update(dose_day=_next(clinic, 4))  # admitted Thursday, out on Sunday
    actions.book_study(clinic.coordinator, study)
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator,
            clinic.unit,
            {"nurses_weekday_night": 2, "nurses_weekend_night": 1, "nurse_overtime": 0},
        )
    errors = refused.value.message_dict
    assert errors["nurses_weekend_night"] == ["Fixed stays need more than this (see above)."]
    assert "nurses_weekday_night" not in errors
    saturday = _next(clinic, 4) + timedelta(days=1)
    assert f"nurses (night shift) on {saturday:%Y-%m-%d} to " in errors["__all__"][0]
    assert _stored(clinic) == before


def test_a_plan_built_before_the_unit_changed_is_not_saved_over_the_change(
    clinic: Clinic,
) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    staffing.update_capacities(clinic.coordinator, clinic.unit, {"nurses_weekday_day": 30})
    with pytest.raises(actions.StalePlan, match="a bed out of service or its capacities"):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()


def test_a_capacities_page_left_open_does_not_undo_another_coordinators_change(
    clinic: Clinic,
) -> None:
    shown = {name: getattr(clinic.unit, name) for name in staffing.CAPACITIES}
    staffing.update_capacities(clinic.coordinator_2, clinic.unit, {"nurses_weekday_day": 30})
    posted = {**shown, **{f"initial-{name}": value for name, value in shown.items()}}
    _client(clinic.coordinator).post("/tcrc/capacities/", {**posted, "scanner_slots_weekday": 6})
    unit = Unit.objects.get(pk=clinic.unit.pk)
    assert (unit.nurses_weekday_day, unit.scanner_slots_weekday) == (30, 6)
