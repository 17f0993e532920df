"""A coordinator refines a requested study's cohort (size, stay, scans, earliest and target
days, priority) and the unit is re-planned around it; booked studies and cohorts in the
unit keep their days; a refusal names the field and saves nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.accounts.models import User
from translink.audit.models import AuditEvent
from translink.tcrc import actions, cohort_changes, instances
from translink.tcrc.cohort_changes import resized_load
from translink.tcrc.models import Cohort, PlanRun, Stay
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    fields = ("participants", "nights", "load", "scan_days", "target", "priority", "dose_day")
    return (
        list(Cohort.objects.order_by("pk").values_list(*fields)),
        PlanRun.objects.count(),
        AuditEvent.objects.filter(action="tcrc.cohort_changed").count(),
    )


def test_a_target_and_a_higher_priority_win_the_beds_a_rival_held(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    # Both want the unit's four beds for the same nights; Alpha's target won them. Moving
    # both costs the plan less than Beta's lateness once Beta has a target and priority 10.
    first = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4, nights=4)
    second = add_study(clinic, "BETA-1", clinic.company_b, participants=4, nights=4)
    Cohort.objects.filter(study=first).update(target=clinic.today + timedelta(days=3), priority=1)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    a, b = Cohort.objects.get(study=first), Cohort.objects.get(study=second)
    assert a.dose_day is not None and b.dose_day is not None and a.dose_day < b.dose_day
    with django_capture_on_commit_callbacks(execute=True):
        run = cohort_changes.change_cohort(
            clinic.coordinator, b, {"target": b.earliest, "priority": 10}
        )
    assert run is not None and run.reason == "BETA-1 SAD 1 changed"
    run.refresh_from_db()
    assert run.state == PlanRun.State.DONE
    a, b = Cohort.objects.get(study=first), Cohort.objects.get(study=second)
    assert b.dose_day is not None and a.dose_day is not None and b.dose_day < a.dose_day
    event = AuditEvent.objects.get(action="tcrc.cohort_changed")
    assert event.old == {"target": None, "priority": 5}
    assert event.new == {"target": str(b.earliest), "priority": 10}


def test_a_longer_stay_keeps_its_days_loads_and_repeats_the_last(clinic: Clinic) -> None:
    load = [[2, 1, 1], [4, 2, 1], [1, 0, 0]]  # two nights, then discharge
    assert resized_load(load, 4) == [[2, 1, 1], [4, 2, 1], [4, 2, 1], [4, 2, 1], [1, 0, 0]]
    assert resized_load(load, 1) == [[2, 1, 1], [1, 0, 0]]
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    cohort_changes.change_cohort(clinic.coordinator, cohort, {"nights": 5, "scan_days": [1, 3]})
    cohort.refresh_from_db()
    assert cohort.nights == 5 and len(cohort.load) == 6 and cohort.scan_days == [1, 3]


def test_a_heavier_dosing_day_is_planned_against_the_nurses_of_that_shift(
    clinic: Clinic, replan: Any
) -> None:
    """Two cohorts aiming at the same day share it while their loads are light. Once one's
    dosing day needs 10 of the day shift's 11, no day of the other's stay may fall on it."""
    clinic.unit.nurses_weekday_day = clinic.unit.nurses_weekend_day = 11
    clinic.unit.nurse_overtime = 0
    clinic.unit.save()
    one = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    two = add_study(clinic, "BETA-1", clinic.company_b, participants=2)
    aim = clinic.today + timedelta(days=3)
    while aim.weekday() >= 5:
        aim += timedelta(days=1)
    Cohort.objects.update(target=aim)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first, second = Cohort.objects.get(study=one), Cohort.objects.get(study=two)
    assert first.dose_day == second.dose_day == aim  # light loads: side by side
    heavy = [[1, 1, 1], [5, 2, 1], [1, 0, 0]]  # 5 per participant on the dosing day shift
    cohort_changes.change_cohort(clinic.coordinator, first, {"load": heavy})
    first.refresh_from_db()
    assert first.load == heavy and first.nights == 2
    assert first.dose_day is None  # un-planned until the re-plan places it again
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.dose_day is not None and second.dose_day is not None
    stay = {second.dose_day + timedelta(days=n) for n in (-1, 0, 1)}
    assert first.dose_day not in stay
    event = AuditEvent.objects.get(action="tcrc.cohort_changed")
    assert event.new == {"load": heavy}


def test_the_page_shows_and_changes_the_load_per_stay_day(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    client = client_of(clinic.coordinator)
    page = client.get(f"/tcrc/cohorts/{cohort.pk}/").content.decode()
    assert 'value="1/1/1, 1/1/1, 1/1/1"' in page and "Nurse load per stay day" in page
    form = {
        "participants": 2, "sentinels": 0, "sentinel_gap_days": 1, "standby": 0, "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1", "scan_days": "", "review_gap_days": 2,
        "earliest": str(cohort.earliest), "target": "", "priority": 5,
    }  # fmt: skip
    shown = {f"initial-{name}": value for name, value in form.items()}
    before = _stored()
    refused = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, **shown, "load": "2/1, 1/1/1"})
    assert refused.status_code == 422
    assert "Stay day 1 (&#x27;2/1&#x27;): give day/evening/night" in refused.content.decode()
    refused = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, **shown, "load": "2/1/1"})
    assert refused.status_code == 422 and "3 in all, not 1" in refused.content.decode()
    assert _stored() == before
    saved = client.post(
        f"/tcrc/cohorts/{cohort.pk}/", {**form, **shown, "load": "2/1/1; 4/2/1 ,1/0/0"}
    )
    assert saved.status_code == 302
    assert Cohort.objects.get(pk=cohort.pk).load == [[2, 1, 1], [4, 2, 1], [1, 0, 0]]
    # A longer stay typed with its load for every day keeps the load as typed.
    client.post(
        f"/tcrc/cohorts/{cohort.pk}/",
        {**form, **shown, "nights": 3, "load": "2/1/1, 4/2/1, 3/2/1, 1/0/0"},
    )
    cohort.refresh_from_db()
    assert cohort.nights == 3 and cohort.load == [[2, 1, 1], [4, 2, 1], [3, 2, 1], [1, 0, 0]]


def test_booked_and_running_cohorts_keep_their_days(clinic: Clinic, replan: Any) -> None:
    booked = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, booked)
    running = add_study(clinic, "NOW-1", clinic.company_b, nights=3)
    Cohort.objects.filter(study=running).update(dose_day=clinic.today)
    before = _stored()
    with pytest.raises(ValidationError, match="The study is booked: its days are fixed"):
        cohort_changes.change_cohort(
            clinic.coordinator, Cohort.objects.get(study=booked), {"priority": 9}
        )
    with pytest.raises(ValidationError, match="The cohort is in the unit"):
        cohort_changes.change_cohort(
            clinic.coordinator, Cohort.objects.get(study=running), {"nights": 6}
        )
    page = client_of(clinic.coordinator).get(
        f"/tcrc/cohorts/{Cohort.objects.get(study=booked).pk}/"
    )
    assert "Record a safety-review outcome" in page.content.decode()
    assert 'name="priority"' not in page.content.decode()
    assert _stored() == before


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        ({"sentinels": 3}, "sentinels", "at most the cohort's size"),
        ({"earliest": -1}, "earliest", "cannot move into the past"),
        ({"target": -9}, "target", "on or after the earliest day"),
        ({"scan_days": [61]}, "scan_days", "from 0 to 60"),
        ({"priority": 11}, "priority", "less than or equal to 10"),
        ({"colour": "red"}, "colour", "Not something a cohort's request sets"),
        ({"sentinels": 1, "sentinel_gap_days": 10**9}, "sentinel_gap_days", "At most 14"),
        ({"review_gap_days": 366}, "review_gap_days", "At most 365"),
        ({"earliest": 400}, "earliest", "The unit plans 42 days ahead: start by"),
        ({"target": 43}, "target", "The unit plans 42 days ahead: aim by"),
        ({"load": [[1, 1, 1], [1, 1, 1]]}, "load", "discharge day: 3 in all, not 2"),
        ({"nights": 3, "load": [[1, 1, 1]] * 3}, "load", "3 stay day(s) and the discharge"),
        ({"load": [[1, 1, 1], [1, 1], [1, 0, 0]]}, "load", "Stay day 2: three whole numbers"),
        ({"load": [[1, 1, 1], [1, 51, 1], [1, 0, 0]]}, "load", "from 0 to 50"),
        ({"load": [[1, 1, 1], [1, True, 1], [1, 0, 0]]}, "load", "Stay day 2"),
        ({"latest": 9}, "latest", "The latest day comes on or after the earliest day."),
        ({"latest": -1}, "latest", "comes on or after the earliest day"),
    ],
)
def test_a_change_that_makes_no_sense_names_the_field_and_saves_nothing(
    clinic: Clinic, values: dict[str, Any], field: str, words: str
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, start=10)  # two participants
    cohort = Cohort.objects.get(study=study)
    values = {
        name: clinic.today + timedelta(days=value)
        if name in ("earliest", "target", "latest")
        else value
        for name, value in values.items()
    }
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        cohort_changes.change_cohort(clinic.coordinator, cohort, values)
    assert words in refused.value.message_dict[field][0]
    assert _stored() == before


def test_the_page_refines_a_cohort_and_shows_refusals_on_their_fields(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    client = client_of(clinic.coordinator)
    study_page = client.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert f'href="/tcrc/cohorts/{cohort.pk}/"' in study_page
    form = {
        "participants": 2, "sentinels": 0, "sentinel_gap_days": 1, "standby": 0, "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1", "scan_days": "", "review_gap_days": 2,
        "earliest": str(cohort.earliest), "target": "", "priority": 5,
    }  # fmt: skip
    before = _stored()
    refused = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, "scan_days": "day one"})
    assert refused.status_code == 422 and "Give whole study days" in refused.content.decode()
    assert _stored() == before
    saved = client.post(f"/tcrc/cohorts/{cohort.pk}/", {**form, "participants": 3})
    run = PlanRun.objects.get()
    assert saved.status_code == 302 and saved["Location"] == f"/tcrc/runs/{run.pk}/"
    assert Cohort.objects.get(pk=cohort.pk).participants == 3


def test_the_api_refines_a_cohort_and_refuses_bad_bodies_by_field(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    client = client_of(clinic.coordinator)
    url = f"/api/tcrc/cohorts/{cohort.pk}"
    before = _stored()
    for body, field in [
        ({"participants": 0}, "participants"),
        ({"participants": True}, "participants"),
        ({"nights": None}, "nights"),
        ({"target": "soon"}, "target"),
        ({"scan_days": ["one"]}, "scan_days"),
        ({"sentinels": 5}, "sentinels"),
        ({"load": [[1, 1, 1], [1, 1, 1]]}, "load"),
        ({"load": [[1, 1, 1], [1, "1", 1], [1, 0, 0]]}, "load"),
        ({"load": None}, "load"),
    ]:
        answer = client.patch(url, body, content_type="application/json")
        fields = answer.json()["error"]["fields"]
        assert answer.status_code == 422 and any(f.startswith(field) for f in fields), body
    assert _stored() == before
    changed = client.patch(url, {"priority": 8}, content_type="application/json")
    assert changed.status_code == 202 and changed.json()["reason"] == "ALPHA-1 SAD 1 changed"
    same = client.patch(url, {"priority": 8}, content_type="application/json")
    assert same.status_code == 200 and same.json()["id"] == cohort.pk


def test_only_coordinators_refine_cohorts(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, principal_investigator=clinic.lead)
    cohort = Cohort.objects.get(study=study)
    with pytest.raises(PermissionDenied):
        cohort_changes.change_cohort(clinic.member_a, cohort, {"priority": 10})
    before = _stored()
    lead = User.objects.get(email="lead@test.example")
    for user in (clinic.member_a, clinic.member_b, lead):  # sponsor, stranger, its lead
        client = client_of(user)
        assert client.get(f"/tcrc/cohorts/{cohort.pk}/").status_code == 404
        assert client.post(f"/tcrc/cohorts/{cohort.pk}/", {"priority": 10}).status_code == 404
        answer = client.patch(
            f"/api/tcrc/cohorts/{cohort.pk}", {"priority": 10}, content_type="application/json"
        )
        assert answer.status_code == 404
    assert _stored() == before


def test_a_change_to_the_stay_clears_the_old_days_so_they_cannot_be_booked(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first, second = Cohort.objects.filter(study=study).order_by("sequence")
    assert first.dose_day is not None and second.dose_day is not None
    cohort_changes.change_cohort(clinic.coordinator, first, {"review_gap_days": 14})
    # Its days and the next cohort's (held back by the gap) wait for the re-plan.
    assert list(study.cohorts.values_list("dose_day", flat=True)) == [None, None]
    assert not Stay.objects.filter(cohort__study=study).exists()
    with pytest.raises(ValidationError, match="Every cohort needs a planned day first"):
        actions.book_study(clinic.coordinator, study)
    # A new target or priority leaves the days as they were.
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort_changes.change_cohort(
        clinic.coordinator, Cohort.objects.get(pk=first.pk), {"priority": 8}
    )
    assert None not in study.cohorts.values_list("dose_day", flat=True)


def test_a_page_left_open_does_not_undo_what_another_coordinator_saved(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    page = client_of(clinic.coordinator).get(f"/tcrc/cohorts/{cohort.pk}/").content.decode()
    assert 'name="initial-nights" value="2"' in page  # what the page was shown with
    cohort_changes.change_cohort(clinic.coordinator_2, cohort, {"nights": 5})
    shown = {
        "participants": 2, "sentinels": 0, "sentinel_gap_days": 1, "standby": 0, "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1", "scan_days": "", "review_gap_days": 2,
        "earliest": str(cohort.earliest), "target": "", "priority": 5, "telemetry": "",
        "high_risk": "",
    }  # fmt: skip
    posted = {**shown, **{f"initial-{name}": value for name, value in shown.items()}}
    client_of(clinic.coordinator).post(f"/tcrc/cohorts/{cohort.pk}/", {**posted, "priority": 9})
    cohort.refresh_from_db()
    assert (cohort.nights, cohort.priority) == (5, 9)


def test_api_scan_days_are_whole_numbers_kept_once_each(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    client = client_of(clinic.coordinator)
    url = f"/api/tcrc/cohorts/{cohort.pk}"
    for days in ([True], ["2"], [3.0]):
        answer = client.patch(url, {"scan_days": days}, content_type="application/json")
        assert answer.status_code == 422, days
    client.patch(url, {"scan_days": [3, 1, 1]}, content_type="application/json")
    assert Cohort.objects.get(pk=cohort.pk).scan_days == [1, 3]


def test_a_plan_built_before_a_cohort_changed_is_not_saved_over_the_change(
    clinic: Clinic,
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    cohort_changes.change_cohort(
        clinic.coordinator, Cohort.objects.get(study=study), {"participants": 4, "nights": 5}
    )
    with pytest.raises(actions.StalePlan):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()


def test_a_cohort_that_cannot_be_dosed_by_its_latest_day_is_left_out(
    clinic: Clinic, replan: Any
) -> None:
    """A booked cohort fills the four beds for a week; the other's window shuts before it
    leaves: the plan leaves it out rather than late, and the study page says by when."""
    booked = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4, nights=7, start=1)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, booked)
    full = Cohort.objects.get(study=booked)
    assert full.dose_day is not None
    other = add_study(clinic, "BETA-1", clinic.company_b, participants=2, start=1)
    cohort = Cohort.objects.get(study=other)
    shut = full.dose_day + timedelta(days=3)
    cohort_changes.change_cohort(clinic.coordinator, cohort, {"latest": shut})
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert Cohort.objects.get(pk=cohort.pk).dose_day is None
    page = client_of(clinic.coordinator).get(f"/tcrc/studies/{other.pk}/").content.decode()
    assert f"by {shut:%Y-%m-%d} at the latest" in page
    answer = client_of(clinic.coordinator).patch(
        f"/api/tcrc/cohorts/{cohort.pk}", {"latest": None}, content_type="application/json"
    )
    assert answer.status_code == 202  # the window cleared: planned after the booked one
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    again = Cohort.objects.get(pk=cohort.pk).dose_day
    assert again is not None and again > shut


def test_a_window_is_set_and_cleared_on_the_page_and_a_past_one_refused(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    cohort = Cohort.objects.get(study=study)
    form = {
        "participants": 2, "sentinels": 0, "sentinel_gap_days": 1, "standby": 0, "nights": 2,
        "load": "1/1/1, 1/1/1, 1/1/1", "scan_days": "", "review_gap_days": 2,
        "earliest": str(cohort.earliest), "latest": "", "target": "", "priority": 5,
    }  # fmt: skip
    shown = {f"initial-{name}": value for name, value in form.items()}
    url = f"/tcrc/cohorts/{cohort.pk}/"
    shut = cohort.earliest + timedelta(days=9)
    assert client_of(clinic.coordinator).post(url, {**form, **shown, "latest": str(shut)})
    assert Cohort.objects.get(pk=cohort.pk).latest == shut
    shown["initial-latest"] = str(shut)
    client_of(clinic.coordinator).post(url, {**form, **shown, "latest": ""})
    assert Cohort.objects.get(pk=cohort.pk).latest is None
    Cohort.objects.filter(pk=cohort.pk).update(earliest=clinic.today - timedelta(days=5))
    with pytest.raises(ValidationError) as refused:
        cohort_changes.change_cohort(
            clinic.coordinator, cohort, {"latest": clinic.today - timedelta(days=1)}
        )
    assert refused.value.message_dict["latest"] == ["The latest day cannot be in the past."]


def test_moving_the_earliest_day_past_the_window_is_refused_on_the_earliest_field(
    clinic: Clinic,
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, start=3)
    cohort = Cohort.objects.get(study=study)
    cohort_changes.change_cohort(
        clinic.coordinator, cohort, {"latest": clinic.today + timedelta(days=6)}
    )
    with pytest.raises(ValidationError) as refused:
        cohort_changes.change_cohort(
            clinic.coordinator, cohort, {"earliest": clinic.today + timedelta(days=8)}
        )
    assert "earliest" in refused.value.message_dict
    assert "latest" not in refused.value.message_dict


def test_a_wider_window_keeps_the_planned_days_and_a_narrower_one_clears_them(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study=study)
    planned = cohort.dose_day
    assert planned is not None
    cohort_changes.change_cohort(
        clinic.coordinator, cohort, {"latest": planned + timedelta(days=10)}
    )
    assert Cohort.objects.get(pk=cohort.pk).dose_day == planned
    cohort_changes.change_cohort(clinic.coordinator, cohort, {"latest": cohort.earliest})
    assert Cohort.objects.get(pk=cohort.pk).dose_day is None or planned == cohort.earliest


def test_a_plan_built_before_a_window_was_set_is_not_saved_over_it(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    cohort = Cohort.objects.get(study=study)
    cohort_changes.change_cohort(
        clinic.coordinator, cohort, {"latest": cohort.earliest + timedelta(days=20)}
    )
    with pytest.raises(actions.StalePlan):
        actions.save_plan(clinic.unit, built, plan)


def test_a_newcomer_is_not_admitted_before_today_beside_someone_in_the_unit(
    clinic: Clinic, replan: Any
) -> None:
    running = add_study(clinic, "ALPHA-1", clinic.company_a, participants=1, nights=6, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first = Cohort.objects.get(study=running)
    assert first.dose_day is not None
    later = first.dose_day + timedelta(days=2)  # the plan now starts at its admission
    newcomer = add_study(clinic, "BETA-1", clinic.company_b, participants=1)
    Cohort.objects.filter(study=newcomer).update(earliest=later)
    run = replan(clinic.coordinator, clinic.unit, today=later)
    assert run.state == PlanRun.State.DONE, run.message
    stays = Stay.objects.filter(cohort__study=newcomer)
    assert stays and all(stay.first_night >= later for stay in stays)
