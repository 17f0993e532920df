"""After a safety review the unit re-plans: a repeated dose level or an added cohort gets
beds, a stopped study frees its future beds, and stays under way never move."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from translink.market.models import Notification
from translink.tcrc import actions
from translink.tcrc.models import Cohort, Stay, Study
from translink.tcrc.tests.conftest import Clinic, add_study


def _run(
    clinic: Clinic, django_capture_on_commit_callbacks: Any, cohort: Cohort, outcome: str
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        actions.record_review_outcome(clinic.coordinator, cohort, outcome, today=clinic.today)


def test_repeating_a_dose_level_inserts_a_cohort_after_it(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first = study.cohorts.get(sequence=1)
    _run(clinic, django_capture_on_commit_callbacks, first, "repeat")
    cohorts = list(study.cohorts.order_by("sequence"))
    assert [c.sequence for c in cohorts] == [1, 2, 3]
    assert all(c.dose_day is not None for c in cohorts)
    assert cohorts[0].dose_day < cohorts[1].dose_day < cohorts[2].dose_day  # type: ignore[operator]


def test_stopping_a_study_frees_its_future_beds(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    _run(clinic, django_capture_on_commit_callbacks, study.cohorts.get(sequence=1), "stop")
    assert Study.objects.get(pk=study.pk).status == Study.Status.STOPPED
    assert not Stay.objects.filter(cohort__study=study).exists()
    assert set(study.cohorts.values_list("status", flat=True)) == {Cohort.Status.CANCELLED}


def test_stays_under_way_keep_their_beds_when_the_unit_is_re_planned(
    clinic: Clinic, replan: Any
) -> None:
    running = add_study(clinic, "ALPHA-1", clinic.company_a, nights=6, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = running.cohorts.get()
    assert cohort.dose_day is not None
    # Three days later the cohort is in the unit; an urgent study arrives.
    later = cohort.dose_day + timedelta(days=1)
    add_study(clinic, "BETA-1", clinic.company_b, participants=4, start=0, priority=10)
    replan(clinic.coordinator, clinic.unit, today=later)
    assert Cohort.objects.get(pk=cohort.pk).dose_day == cohort.dose_day


def test_an_unknown_outcome_is_refused(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    with pytest.raises(ValidationError, match="Choose one of: repeat, add, stop"):
        actions.record_review_outcome(clinic.coordinator, study.cohorts.get(), "maybe")
    assert study.cohorts.count() == 1


def test_a_repeated_cohort_does_not_inherit_the_window_of_the_one_it_repeats(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The first cohort's window ends on its own day: a copy a review later could never meet
    it, and the booked cohort after the copy would then be impossible to keep."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first = study.cohorts.get(sequence=1)
    assert first.dose_day is not None
    Cohort.objects.filter(pk=first.pk).update(latest=first.dose_day + timedelta(days=1))
    actions.book_study(clinic.coordinator, study)
    first.refresh_from_db()
    _run(clinic, django_capture_on_commit_callbacks, first, "repeat")
    copy = study.cohorts.get(sequence=2)
    assert copy.latest is None and copy.dose_day is not None
    assert study.cohorts.get(sequence=3).dose_day is not None


def test_a_repeat_in_a_booked_study_moves_its_later_cohorts_after_the_copy(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Booked cohorts one review apart leave no room for a repeat between them: the later
    one gives up its day and the re-plan books it after the copy."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    first, second = study.cohorts.order_by("sequence")
    assert first.dose_day is not None and second.dose_day is not None
    _run(clinic, django_capture_on_commit_callbacks, first, "repeat")
    cohorts = list(study.cohorts.order_by("sequence"))
    days = [c.dose_day for c in cohorts]
    assert all(day is not None for day in days), days
    assert days[0] == first.dose_day and days[0] < days[1] < days[2]  # type: ignore[operator]
    assert days[2] > second.dose_day  # type: ignore[operator]
    assert Study.objects.get(pk=study.pk).status == Study.Status.BOOKED


def test_a_booked_cohort_a_repeat_leaves_out_is_told_to_its_sponsor_once(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The second cohort must be dosed by its planned day (a drug supply's expiry). A
    repeat of the first moves it after the copy, past that day: the plan leaves it out,
    and the sponsor's people and the coordinators hear of it, once; no other company."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first, second = study.cohorts.order_by("sequence")
    Cohort.objects.filter(pk=second.pk).update(latest=second.dose_day)
    actions.book_study(clinic.coordinator, study)
    _run(clinic, django_capture_on_commit_callbacks, first, "repeat")
    left = Cohort.objects.get(pk=second.pk)
    assert left.dose_day is None and left.status == Cohort.Status.UNPLACED
    assert left.label == "SAD 3"  # renumbered after the copy
    told = Notification.objects.filter(text__contains="ALPHA-1 is booked")
    assert {n.recipient for n in told} == {
        clinic.coordinator,
        clinic.coordinator_2,
        clinic.member_a,
    }
    assert "could not place SAD 3 (the unit's room, or its window): it is not planned" in (
        told[0].text
    )
    assert told[0].link == f"/tcrc/studies/{study.pk}/"
    assert not Notification.objects.filter(recipient=clinic.member_b).exists()
    replan(clinic.coordinator, clinic.unit, today=clinic.today)  # still no room: not again
    assert Notification.objects.filter(text__contains="ALPHA-1 is booked").count() == 3
