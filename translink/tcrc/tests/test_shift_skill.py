"""Nurse skill levels per shift. Coordinators set the highest level rostered on each shift
(weekday and weekend), and the skill a cohort's dosed participants need on each shift of
their stay. The plan keeps every stay where the roster has the skill. Lowering a level a
booked cohort needs is refused on that field, naming the cohort, the shift and the days;
a requested study that loses the skill it needs is re-planned at once."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, cohort_changes, instances, staffing
from translink.tcrc.models import Cohort, Stay, Unit
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import Clinic, add_study, client_of

# Two nights: level 2 on both (a day's night shift is the night after it); discharge day
# needs nothing.
NIGHTS_WATCHED = [[0, 0, 2], [0, 0, 2], [0, 0, 0]]


def _stored(clinic: Clinic) -> tuple[Any, ...]:
    unit = Unit.objects.get(pk=clinic.unit.pk)
    return (
        [getattr(unit, name) for name in staffing.LABELS],
        list(Cohort.objects.order_by("pk").values_list("pk", "dose_day", "shift_skill")),
        Stay.objects.count(),
        AuditEvent.objects.filter(action__in=["tcrc.unit_changed", "tcrc.cohort_changed"]).count(),
    )


def _nights(cohort: Cohort) -> set[Any]:
    """Every night the cohort's dosed participants spend in the unit."""
    return {
        stay.first_night + timedelta(days=n)
        for stay in Stay.objects.filter(cohort=cohort).exclude(group="standby")
        for n in range(stay.nights)
    }


def _monday(clinic: Clinic) -> Any:
    day = clinic.today + timedelta(days=7)
    return day + timedelta(days=-day.weekday() % 7)


def _watched_and_planned(clinic: Clinic, capture: Any) -> Cohort:
    """A cohort that wants to be dosed on a Monday (admitted on the Sunday) and needs an
    emergency-trained nurse on both its nights: planned a day later, off Sunday night."""
    monday = _monday(clinic)
    start = (monday - clinic.today).days
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2, start=start)
    Cohort.objects.filter(study=study).update(target=monday)
    cohort = Cohort.objects.get(study=study)
    with capture(execute=True):  # the re-plan the change queues runs
        cohort_changes.change_cohort(clinic.coordinator, cohort, {"shift_skill": NIGHTS_WATCHED})
    cohort.refresh_from_db()
    assert cohort.dose_day is not None
    return cohort


def test_a_cohort_watched_every_night_is_planned_off_the_weekend_nights(
    clinic: Clinic, django_capture_on_commit_callbacks: Any
) -> None:
    """Weekend nights have one registered nurse (level 1) by default; a cohort needing an
    emergency-trained nurse (level 2) each night stays within a working week."""
    cohort = _watched_and_planned(clinic, django_capture_on_commit_callbacks)
    assert cohort.dose_day == _monday(clinic) + timedelta(days=1)  # Tuesday, a day late
    nights = _nights(cohort)
    assert len(nights) == 2 and all(night.weekday() < 5 for night in nights)
    built = instances.build(clinic.unit, clinic.today)
    assert built.instance.unit.skill[built.day(_monday(clinic) - timedelta(days=1))] == (2, 2, 1)


def test_lowering_a_night_level_a_booked_cohort_needs_is_refused_on_that_field(
    clinic: Clinic, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = _watched_and_planned(clinic, django_capture_on_commit_callbacks)
    actions.book_study(clinic.coordinator, cohort.study)
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator, clinic.unit, {"admissions_weekday": 9, "skill_weekday_night": 1}
        )
    errors = refused.value.message_dict
    assert errors["skill_weekday_night"] == ["Fixed stays need more than this (see above)."]
    first, last = min(_nights(cohort)), max(_nights(cohort))
    assert (
        f"ALPHA-1 SAD cohort 1: nurse skill (night shift) level 2 on {first:%Y-%m-%d} to "
        f"{last:%Y-%m-%d} (1 rostered)." in errors["__all__"][0]
    )
    assert _stored(clinic) == before


def test_lowering_the_day_shift_below_a_booked_dose_is_refused_on_the_day_shift_field(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    Cohort.objects.filter(study=study).update(skill=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    dose = Cohort.objects.get(study=study).dose_day
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(
            clinic.coordinator,
            clinic.unit,
            {"skill_weekday_evening": 1, "skill_weekday_day": 1, "skill_weekend_day": 1},
        )
    errors = refused.value.message_dict
    assert errors["skill_weekday_day"] == ["Fixed stays need more than this (see above)."]
    assert (
        f"ALPHA-1 SAD cohort 1: nurse skill (day shift) level 2 on {dose:%Y-%m-%d} (1 rostered)"
        in errors["__all__"][0]
    )
    assert _stored(clinic) == before
    # The evening shift is not the dosing shift: lowering it is fine.
    staffing.update_capacities(clinic.coordinator, clinic.unit, {"skill_weekday_evening": 1})
    assert Unit.objects.get(pk=clinic.unit.pk).skill_weekday_evening == 1


def test_a_requested_study_that_loses_the_skill_it_needs_is_re_planned_and_left_out(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = _watched_and_planned(clinic, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = staffing.update_capacities(
            clinic.coordinator, clinic.unit, {"skill_weekday_night": 1}
        )
    assert [str(c) for c in outcome.moved] == ["ALPHA-1 SAD cohort 1"]
    assert outcome.run is not None
    outcome.run.refresh_from_db()
    assert outcome.run.placed == 0  # no night of the unit has level 2 any more
    cohort.refresh_from_db()
    assert cohort.dose_day is None and not Stay.objects.filter(cohort=cohort).exists()
    # An emergency-trained nurse rostered on weekday nights again: planned again.
    again = staffing.update_capacities(clinic.coordinator, clinic.unit, {"skill_weekday_night": 2})
    assert again.moved == [] and again.run is None  # nothing planned breaks
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort.refresh_from_db()
    assert cohort.dose_day is not None
    assert all(night.weekday() < 5 for night in _nights(cohort))


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"skill_weekday_night": 4}, "skill_weekday_night", "Give a skill level from 0 to 3"),
        ({"skill_weekend_day": -1}, "skill_weekend_day", "1 registered nurse, 2 research nurse"),
        ({"skill_weekend_day": "2"}, "skill_weekend_day", "Give a whole number"),
        ({"skill_weekday_day": True}, "skill_weekday_day", "Give a whole number"),
    ],
)
def test_skill_levels_that_make_no_sense_are_refused_by_field(
    clinic: Clinic, values: dict[str, Any], field: str, words: str
) -> None:
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused:
        staffing.update_capacities(clinic.coordinator, clinic.unit, values)
    assert words in refused.value.message_dict[field][0]
    assert _stored(clinic) == before


def test_the_page_and_the_api_show_and_set_the_skill_levels(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    page = client.get("/tcrc/capacities/").content.decode()
    assert "Skill level, weekend night shift" in page and "3 critical-care nurse" in page
    form = {name: getattr(clinic.unit, name) for name in staffing.LABELS}
    form["dosing_weekdays"] = clinic.unit.dosing_weekdays
    saved = client.post("/tcrc/capacities/", {**form, "skill_weekend_night": 2}, follow=True)
    assert "Saved. Every planned stay still fits." in saved.content.decode()
    assert Unit.objects.get(pk=clinic.unit.pk).skill_weekend_night == 2
    refused = client.post("/tcrc/capacities/", {**form, "skill_weekend_night": 7})
    assert refused.status_code == 422
    assert "Give a skill level from 0 to 3" in refused.content.decode()
    api = client.get("/api/tcrc/capacities").json()
    assert (api["skill_weekday_day"], api["skill_weekend_night"]) == (2, 2)
    changed = client.patch(
        "/api/tcrc/capacities", {"skill_weekday_evening": 3}, content_type="application/json"
    )
    assert changed.status_code == 200 and changed.json()["skill_weekday_evening"] == 3
    before = _stored(clinic)
    for body in ({"skill_weekday_evening": 9}, {"skill_weekday_evening": "3"}):
        answer = client.patch("/api/tcrc/capacities", body, content_type="application/json")
        assert answer.status_code == 422
        assert "skill_weekday_evening" in answer.json()["error"]["fields"], body
    assert _stored(clinic) == before


def test_the_cohort_page_and_api_set_the_skill_needed_per_stay_day(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    client = client_of(clinic.coordinator)
    page = client.get(f"/tcrc/cohorts/{cohort.pk}/").content.decode()
    assert "Nurse skill needed per stay day" in page
    form = {
        "participants": 2, "sentinels": 0, "sentinel_gap_days": 1, "standby": 0, "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1", "shift_skill": "", "scan_days": "", "review_gap_days": 2,
        "earliest": str(cohort.earliest), "target": "", "priority": 5,
    }  # fmt: skip
    before = _stored(clinic)
    refused = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, "shift_skill": "0/0/2"})
    assert refused.status_code == 422 and "3 in all, not 1" in refused.content.decode()
    refused = client.post(
        f"/tcrc/cohorts/{cohort.pk}/", {**form, "shift_skill": "0/0/0, 2/2/5, 0/0/0"}
    )
    assert refused.status_code == 422
    assert "Stay day 2: three skill levels from 0 to 3" in refused.content.decode()
    refused = client.post(
        f"/tcrc/cohorts/{cohort.pk}/", {**form, "shift_skill": "0/0/0, 2/2/2, 0/0/2"}
    )
    assert refused.status_code == 422
    assert "Stay day 3 is discharge day" in refused.content.decode()
    refused = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, "shift_skill": "2/2, 0/0/0"})
    assert refused.status_code == 422 and "such as 2/2/1" in refused.content.decode()
    assert _stored(clinic) == before
    saved = client.post(
        f"/tcrc/cohorts/{cohort.pk}/", {**form, "shift_skill": "0/0/0, 2/2/2, 2/0/0"}
    )
    assert saved.status_code == 302
    cohort.refresh_from_db()
    assert cohort.shift_skill == [[0, 0, 0], [2, 2, 2], [2, 0, 0]]
    shown = client.get(f"/tcrc/cohorts/{cohort.pk}/").content.decode()
    assert 'value="0/0/0, 2/2/2, 2/0/0"' in shown
    # Needs follow the dose: a longer stay keeps them day by day and needs nothing more.
    cohort_changes.change_cohort(clinic.coordinator, cohort, {"nights": 3})
    cohort.refresh_from_db()
    assert cohort.shift_skill == [[0, 0, 0], [2, 2, 2], [2, 0, 0], [0, 0, 0]]
    # A shorter one that would drop a need (the dosing day's night) asks for them again.
    before = _stored(clinic)
    with pytest.raises(ValidationError) as refused_short:
        cohort_changes.change_cohort(clinic.coordinator, cohort, {"nights": 1})
    assert "would drop skill needed" in refused_short.value.message_dict["shift_skill"][0]
    assert _stored(clinic) == before
    cohort_changes.change_cohort(
        clinic.coordinator, cohort, {"nights": 1, "shift_skill": [[0, 0, 0], [2, 0, 0]]}
    )
    cohort_changes.change_cohort(clinic.coordinator, cohort, {"nights": 3})
    cohort.refresh_from_db()
    url = f"/api/tcrc/cohorts/{cohort.pk}"
    before = _stored(clinic)
    for body in (
        {"shift_skill": [[0, 0, 2]]},
        {"shift_skill": [[0, 0, 0], [2, 2], [0, 0, 0], [0, 0, 0]]},
        {"shift_skill": [[0, 0, 0], [2, 2, -1], [0, 0, 0], [0, 0, 0]]},
        {"shift_skill": [[0, 0, 0], [2, 2, "2"], [0, 0, 0], [0, 0, 0]]},
        {"shift_skill": None},
        {"nights": 2, "shift_skill": [[0, 0, 2]] * 4},  # given with new nights: must fit
        {"shift_skill": [[0, 0, 0], [2, 2, 2], [0, 0, 0], [0, 1, 0]]},  # discharge evening
    ):
        answer = client.patch(url, body, content_type="application/json")
        fields = answer.json()["error"]["fields"]
        assert answer.status_code == 422 and any(f.startswith("shift_skill") for f in fields), body
    assert _stored(clinic) == before
    cleared = client.patch(url, {"shift_skill": []}, content_type="application/json")
    assert cleared.status_code == 202
    assert Cohort.objects.get(pk=cohort.pk).shift_skill == []


def test_a_plan_built_before_a_skill_level_changed_is_not_saved_over_it(
    clinic: Clinic,
) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    staffing.update_capacities(clinic.coordinator, clinic.unit, {"skill_weekend_night": 2})
    with pytest.raises(actions.StalePlan):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()
