"""Coordinators set the unit's admissions, scanner slots, nurse load per shift and dosing
days. A change that a booked study or a cohort in the unit would no longer fit is refused
on the field that causes it, naming the cohort and the day; requested studies that no
longer fit are re-planned at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, instances, staffing
from translink.tcrc.models import Cohort, PlanRun, Stay, Unit
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import Clinic, add_study, client_of

NIGHTS_FOR_ONE_COHORT = {"nurses_weekday_night": 2, "nurses_weekend_night": 2, "nurse_overtime": 0}


def _stored(clinic: Clinic) -> tuple[Any, ...]:
    unit = Unit.objects.get(pk=clinic.unit.pk)
    return (
        [getattr(unit, name) for name in staffing.LABELS],
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
    company = client_of(clinic.member_a)
    assert company.get("/tcrc/capacities/").status_code == 404
    assert company.post("/tcrc/capacities/", {"admissions_weekday": 1}).status_code == 404
    answer = company.patch(
        "/api/tcrc/capacities", {"admissions_weekday": 1}, content_type="application/json"
    )
    assert answer.status_code == 404
    assert _stored(clinic) == before


def test_the_page_saves_and_shows_a_refusal_on_its_field(clinic: Clinic, replan: Any) -> None:
    client = client_of(clinic.coordinator)
    page = client.get("/tcrc/capacities/").content.decode()
    assert "Nurse load, weekday night shift" in page and 'value="20"' in page
    form = {name: getattr(clinic.unit, name) for name in staffing.LABELS}
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
    client = client_of(clinic.coordinator)
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
    with pytest.raises(actions.StalePlan, match="closed days, its beds or its capacities"):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()


def test_a_capacities_page_left_open_does_not_undo_another_coordinators_change(
    clinic: Clinic,
) -> None:
    shown = {name: getattr(clinic.unit, name) for name in staffing.LABELS}
    staffing.update_capacities(clinic.coordinator_2, clinic.unit, {"nurses_weekday_day": 30})
    posted = {**shown, **{f"initial-{name}": value for name, value in shown.items()}}
    client_of(clinic.coordinator).post("/tcrc/capacities/", {**posted, "scanner_slots_weekday": 6})
    unit = Unit.objects.get(pk=clinic.unit.pk)
    assert (unit.nurses_weekday_day, unit.scanner_slots_weekday) == (30, 6)


def _weekday(clinic: Clinic, weekday: int, after: int = 3) -> Any:
    day = clinic.today + timedelta(days=after)
    while day.weekday() != weekday:
        day += timedelta(days=1)
    return day


def test_a_saturday_with_dosing_cover_is_a_dosing_day_with_weekend_staffing(
    clinic: Clinic,
) -> None:
    saturday = _weekday(clinic, 5)
    before = instances.build(clinic.unit, clinic.today)
    assert before.day(saturday) not in before.instance.unit.dosing_days
    staffing.update_capacities(clinic.coordinator, clinic.unit, {"dosing_weekdays": [5, 0, 1]})
    assert Unit.objects.get(pk=clinic.unit.pk).dosing_weekdays == [0, 1, 5]
    built = instances.build(clinic.unit, clinic.today)
    unit, day = built.instance.unit, built.day(saturday)
    assert day in unit.dosing_days
    assert unit.nurse_capacity[day] == (24, 18, 16)  # still the weekend roster
    assert unit.skill[day] == (2, 2, 1)  # and its skill levels
    wednesday = built.day(_weekday(clinic, 2))
    assert wednesday not in unit.dosing_days
    event = AuditEvent.objects.get(action="tcrc.unit_changed")
    assert event.new == {"dosing_weekdays": [0, 1, 5]}


def test_taking_away_a_booked_cohorts_dosing_day_is_refused_on_that_field(
    clinic: Clinic,
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    wednesday = _weekday(clinic, 2)
    Cohort.objects.update(dose_day=wednesday)
    actions.book_study(clinic.coordinator, study)
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator, clinic.unit, {"dosing_weekdays": [0, 1, 3, 4]}
        )
    errors = refused.value.message_dict
    assert errors["dosing_weekdays"] == ["Fixed stays need more than this (see above)."]
    assert f"ALPHA-1 SAD cohort 1: dosed on {wednesday:%Y-%m-%d}." in errors["__all__"][0]
    assert _stored(clinic) == before


def test_a_requested_study_planned_on_a_day_without_cover_now_is_re_planned(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "BETA-1", clinic.company_b, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    planned = Cohort.objects.get(study=study).dose_day
    assert planned is not None
    left = [d for d in range(5) if d != planned.weekday()]
    with django_capture_on_commit_callbacks(execute=True):
        outcome = staffing.update_capacities(
            clinic.coordinator, clinic.unit, {"dosing_weekdays": left}
        )
    assert [str(c) for c in outcome.moved] == ["BETA-1 SAD cohort 1"]
    assert outcome.run is not None
    moved = Cohort.objects.get(study=study).dose_day
    assert moved is not None and moved.weekday() in left


@pytest.mark.parametrize(
    ("weekdays", "words"),
    [
        ([], "Choose at least one day with dosing cover."),
        ([7], "Monday 0 to Sunday 6"),
        ([-1], "Monday 0 to Sunday 6"),
        ([True], "Monday 0 to Sunday 6"),
        (["1"], "Monday 0 to Sunday 6"),
        ("0,1", "Monday 0 to Sunday 6"),
    ],
)
def test_dosing_days_that_make_no_sense_are_refused_by_field(
    clinic: Clinic, weekdays: Any, words: str
) -> None:
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(clinic.coordinator, clinic.unit, {"dosing_weekdays": weekdays})
    assert words in refused.value.message_dict["dosing_weekdays"][0]
    assert _stored(clinic) == before


def test_the_page_and_the_api_set_the_dosing_days(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    page = client.get("/tcrc/capacities/").content.decode()
    assert "Dosing days" in page and 'name="dosing_weekdays" value="5"' in page  # Saturday
    form = {name: getattr(clinic.unit, name) for name in staffing.LABELS}
    shown = {f"initial-{name}": value for name, value in form.items()}
    saved = client.post(
        "/tcrc/capacities/", {**form, **shown, "dosing_weekdays": [0, 1, 2, 3, 4, 5]}, follow=True
    )
    assert "Saved." in saved.content.decode()
    assert Unit.objects.get(pk=clinic.unit.pk).dosing_weekdays == [0, 1, 2, 3, 4, 5]
    refused = client.post("/tcrc/capacities/", {**form, **shown, "dosing_weekdays": []})
    assert refused.status_code == 422
    assert "Choose at least one day with dosing cover." in refused.content.decode()
    answer = client.patch(
        "/api/tcrc/capacities", {"dosing_weekdays": [1, 1, 3]}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["dosing_weekdays"] == [1, 3]
    assert client.get("/api/tcrc/capacities").json()["dosing_weekdays"] == [1, 3]
    for body in ({"dosing_weekdays": ["1"]}, {"dosing_weekdays": [8]}, {"dosing_weekdays": 2}):
        answer = client.patch("/api/tcrc/capacities", body, content_type="application/json")
        assert answer.status_code == 422, body
        assert any(f.startswith("dosing_weekdays") for f in answer.json()["error"]["fields"])
    assert Unit.objects.get(pk=clinic.unit.pk).dosing_weekdays == [1, 3]


def test_a_weekday_without_dosing_cover_keeps_its_weekday_roster(clinic: Clinic) -> None:
    staffing.update_capacities(clinic.coordinator, clinic.unit, {"dosing_weekdays": [0, 1, 3, 4]})
    built = instances.build(clinic.unit, clinic.today)
    unit, wednesday = built.instance.unit, built.day(_weekday(clinic, 2))
    assert wednesday not in unit.dosing_days
    assert unit.admissions[wednesday] == 10 and unit.nurse_capacity[wednesday] == (36, 24, 20)
    assert unit.scanner[wednesday] == 4 and wednesday in built.roster


def test_a_weekend_clash_on_a_saturday_dosing_day_is_refused_on_the_weekend_field(
    clinic: Clinic,
) -> None:
    """Saturday has dosing cover but the weekend roster: a night short on Saturday is the
    weekend night field's doing, not the first field the coordinator changed."""
    staffing.update_capacities(
        clinic.coordinator,
        clinic.unit,
        {"dosing_weekdays": [0, 1, 2, 3, 4, 5], "nurse_overtime": 0},
    )
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    Cohort.objects.update(dose_day=_weekday(clinic, 5))  # admitted Friday, dosed Saturday
    actions.book_study(clinic.coordinator, study)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator,
            clinic.unit,
            {"admissions_weekday": 9, "nurses_weekend_night": 0},
        )
    errors = refused.value.message_dict
    assert "nurses_weekend_night" in errors and "admissions_weekday" not in errors


def test_a_dosing_day_already_used_by_someone_in_the_unit_can_still_be_taken_away(
    clinic: Clinic, replan: Any
) -> None:
    """The cohort was dosed on a Tuesday and is still in the unit: Tuesdays may lose their
    cover from now on, and the re-plan keeps the cohort where it is."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2, nights=6)
    tuesday = _weekday(clinic, 1)
    Cohort.objects.update(dose_day=tuesday)
    actions.book_study(clinic.coordinator, study)
    thursday = tuesday + timedelta(days=2)
    staffing.update_capacities(
        clinic.coordinator, clinic.unit, {"dosing_weekdays": [0, 2, 3, 4]}, today=thursday
    )
    run = replan(clinic.coordinator, clinic.unit, today=thursday)
    assert run.state == PlanRun.State.DONE, run.message
    assert Cohort.objects.get(study=study).dose_day == tuesday
    assert Stay.objects.filter(cohort__study=study).count() == 2


def test_a_capacities_page_left_open_keeps_another_coordinators_dosing_days(
    clinic: Clinic,
) -> None:
    shown = {name: getattr(clinic.unit, name) for name in staffing.LABELS}
    staffing.update_capacities(
        clinic.coordinator_2, clinic.unit, {"dosing_weekdays": [0, 1, 2, 3, 4, 5]}
    )
    posted = {**shown, **{f"initial-{name}": value for name, value in shown.items()}}
    client_of(clinic.coordinator).post("/tcrc/capacities/", {**posted, "scanner_slots_weekday": 6})
    unit = Unit.objects.get(pk=clinic.unit.pk)
    assert (unit.dosing_weekdays, unit.scanner_slots_weekday) == ([0, 1, 2, 3, 4, 5], 6)
