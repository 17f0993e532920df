"""Re-planning never forgets who is in the unit: stays under way keep their days and beds
even when their study has stopped, a finished cohort still holds the next one back by its
safety-review gap, and a plan computed while the unit changed is not saved over it."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

import pytest

from translink.tcrc import actions, instances
from translink.tcrc.models import Cohort, PlanRun, Stay, Study, Unit
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.tests.conftest import Clinic, add_study


def _no_bed_holds_two(unit: Unit) -> None:
    nights: dict[tuple[int, object], int] = defaultdict(int)
    for stay in Stay.objects.filter(bed__unit=unit):
        for n in range(stay.nights):
            nights[(stay.bed_id, stay.first_night + timedelta(days=n))] += 1
    assert max(nights.values(), default=0) == 1


def test_a_stopped_study_still_holds_the_beds_of_those_in_the_unit(
    clinic: Clinic, replan: Any
) -> None:
    running = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4, nights=6, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = running.cohorts.get()
    assert cohort.dose_day is not None
    in_unit = cohort.dose_day
    actions._stop(running, in_unit)  # the safety review stops it with everyone admitted
    add_study(clinic, "BETA-1", clinic.company_b, participants=4, start=0, priority=10)
    replan(clinic.coordinator, clinic.unit, today=in_unit)
    assert Cohort.objects.get(pk=cohort.pk).dose_day == in_unit
    _no_bed_holds_two(clinic.unit)


def test_a_finished_cohort_still_holds_the_next_back_by_its_review_gap(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, nights=2)
    Cohort.objects.filter(study=study).update(review_gap_days=15)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first = study.cohorts.get()
    assert first.dose_day is not None
    after = (first.discharge_day() or first.dose_day) + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_review_outcome(clinic.coordinator, first, "repeat", today=after)
    repeat = study.cohorts.get(sequence=2)
    assert repeat.dose_day is not None
    assert repeat.dose_day >= first.dose_day + timedelta(days=instances.review_lag(first))


def test_those_in_the_unit_keep_their_beds_when_it_is_re_planned(
    clinic: Clinic, replan: Any
) -> None:
    running = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2, nights=8, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    beds_before = dict(
        Stay.objects.filter(cohort__study=running).values_list("participant", "bed__code")
    )
    cohort = running.cohorts.get()
    assert cohort.dose_day is not None
    later = cohort.dose_day + timedelta(days=2)
    add_study(clinic, "BETA-1", clinic.company_b, participants=2, start=0, priority=10)
    replan(clinic.coordinator, clinic.unit, today=later)
    beds_after = dict(
        Stay.objects.filter(cohort__study=running).values_list("participant", "bed__code")
    )
    assert beds_after == beds_before


def test_a_plan_computed_while_a_study_was_booked_is_not_saved(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_cpsat(built.instance, time_limit=5)
    actions.book_study(clinic.coordinator, study)  # meanwhile, at the other desk
    with pytest.raises(actions.StalePlan, match="changed while the planner ran"):
        actions.save_plan(clinic.unit, built, plan)
    assert Study.objects.get(pk=study.pk).status == Study.Status.BOOKED


def test_a_run_that_went_stale_says_so(clinic: Clinic, monkeypatch: pytest.MonkeyPatch) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a)
    run = actions.request_plan(clinic.coordinator, clinic.unit, today=clinic.today)
    add_study(clinic, "BETA-1", clinic.company_b)
    original = instances.build

    def build_then_change(*args: Any, **kwargs: Any) -> Any:
        built = original(*args, **kwargs)
        # While the solver works, a coordinator stops a study.
        Study.objects.filter(protocol_number="BETA-1").update(status=Study.Status.STOPPED)
        return built

    monkeypatch.setattr(instances, "build", build_then_change)
    actions.solve_run(run)
    run.refresh_from_db()
    assert run.state == PlanRun.State.FAILED and "Re-plan" in run.message
    assert not Stay.objects.exists()


def test_booking_accepts_what_the_planner_placed_with_paid_overtime(
    clinic: Clinic, replan: Any
) -> None:
    Unit.objects.filter(pk=clinic.unit.pk).update(
        nurses_weekday_day=3, nurses_weekend_day=3, nurse_overtime=2
    )
    clinic.unit.refresh_from_db()
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4)
    run = replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert run.placed == 1
    actions.book_study(clinic.coordinator, study)
    assert Study.objects.get(pk=study.pk).status == Study.Status.BOOKED
