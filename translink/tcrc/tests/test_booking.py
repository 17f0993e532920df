"""Booking fixes a study's planned days, if the unit still has room beside every other
booked study; a refused booking says why and changes nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from translink.tcrc import actions
from translink.tcrc.models import Closure, Cohort, Study
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study


def test_booking_pins_the_days_through_later_plans(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, start=10)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    booked_day = Cohort.objects.get(study=study).dose_day
    actions.book_study(clinic.coordinator, study)
    # An urgent study arrives that would like those very beds.
    add_study(clinic, "BETA-1", clinic.company_b, participants=4, start=10, priority=10)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert Cohort.objects.get(study=study).dose_day == booked_day
    assert Study.objects.get(pk=study.pk).status == Study.Status.BOOKED


def test_the_second_booking_of_the_last_beds_is_refused_and_changes_nothing(
    clinic: Clinic, replan: Any
) -> None:
    first = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    second = add_study(clinic, "BETA-1", clinic.company_b, participants=4)
    # Both planned on the same four beds, as two coordinators' stale screens would show.
    Cohort.objects.filter(study=second).update(dose_day=Cohort.objects.get(study=first).dose_day)
    actions.book_study(clinic.coordinator, first)
    with pytest.raises(ValidationError, match=r"No longer room for this study: .*beds on"):
        actions.book_study(clinic.coordinator_2, second)
    assert Study.objects.get(pk=second.pk).status == Study.Status.REQUESTED


def test_a_study_without_planned_days_cannot_be_booked(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    with pytest.raises(ValidationError, match="re-plan the unit"):
        actions.book_study(clinic.coordinator, study)


def test_only_coordinators_book(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    with pytest.raises(PermissionDenied):
        actions.book_study(clinic.member_a, study)
    client = Client()
    client.login(username=clinic.member_a.email, password=PASSWORD)
    assert client.post(f"/tcrc/studies/{study.pk}/book/").status_code == 404
    assert Study.objects.get(pk=study.pk).status == Study.Status.REQUESTED


def test_the_page_books_and_reports_a_refusal(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    client = Client()
    client.login(username=clinic.coordinator.email, password=PASSWORD)
    page = client.post(f"/tcrc/studies/{study.pk}/book/", follow=True).content.decode()
    assert "The study is booked" in page
    page = client.post(f"/tcrc/studies/{study.pk}/book/", follow=True).content.decode()
    assert "The study is booked, not requested." in page


def test_a_study_planned_on_a_day_closed_since_cannot_be_booked_until_re_planned(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    dose_day = Cohort.objects.get(study=study).dose_day
    assert dose_day is not None
    # A holiday declared after the plan, before the re-plan it queues has run.
    Closure.objects.create(unit=clinic.unit, day=dose_day, kind=Closure.Kind.HOLIDAY)
    with pytest.raises(ValidationError, match=f"no dosing cover on {dose_day:%Y-%m-%d}"):
        actions.book_study(clinic.coordinator, study)
    assert Study.objects.get(pk=study.pk).status == Study.Status.REQUESTED


def test_a_cohort_planned_before_the_safety_review_of_the_one_before_is_not_booked(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    first, second = Cohort.objects.filter(study=study).order_by("sequence")
    assert first.dose_day is not None and second.dose_day is not None
    # Admitted the day before, two nights, two days' review: the next comes 3 days after.
    tuesday = first.dose_day
    while tuesday.weekday() != 1:
        tuesday += timedelta(days=1)
    Cohort.objects.filter(pk=first.pk).update(dose_day=tuesday)
    Cohort.objects.filter(pk=second.pk).update(dose_day=tuesday + timedelta(days=1))
    with pytest.raises(
        ValidationError,
        match="SAD 2 is dosed 1 day after SAD 1; its stay and safety review need 3",
    ):
        actions.book_study(clinic.coordinator, study)
    assert Study.objects.get(pk=study.pk).status == Study.Status.REQUESTED


def test_a_cohort_planned_after_its_latest_day_is_not_booked(clinic: Clinic, replan: Any) -> None:
    """A window shut behind the plan (written straight to the record, not through the
    cohort page, which would un-plan it): booking checks the window itself."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study=study)
    assert cohort.dose_day is not None
    shut = cohort.dose_day - timedelta(days=1)
    Cohort.objects.filter(pk=cohort.pk).update(latest=shut)
    with pytest.raises(
        ValidationError,
        match=f"SAD 1 is planned for {cohort.dose_day:%Y-%m-%d}, after its latest day "
        f"{shut:%Y-%m-%d}",
    ):
        actions.book_study(clinic.coordinator, study)
    assert Study.objects.get(pk=study.pk).status == Study.Status.REQUESTED
    Cohort.objects.filter(pk=cohort.pk).update(latest=cohort.dose_day)  # on the day: fine
    assert actions.book_study(clinic.coordinator, study).status == Study.Status.BOOKED
