"""Two coordinators at once: booking the unit's last beds, exactly one succeeds; recording
safety-review outcomes on one study, both take effect in turn; closing a day a study is
being booked on, never both.

These need real row locks, so they run on PostgreSQL (DATABASE_URL=postgres://...); SQLite
serializes every write anyway and has no SELECT ... FOR UPDATE. The sequential cases are in
``test_booking.py`` and ``test_review_outcomes.py``.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from translink.tcrc import actions, closing
from translink.tcrc.models import Closure, Cohort, Study
from translink.tcrc.tests.conftest import Clinic, add_study

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@pytest.mark.django_db(transaction=True)
def test_two_coordinators_booking_the_last_beds_at_once_end_with_one_booking(
    transactional_audit: None, clinic: Clinic
) -> None:
    first = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4)
    second = add_study(clinic, "BETA-1", clinic.company_b, participants=4)
    # Both planned onto all four beds on the same nights, as two stale screens would show.
    day = clinic.today + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    Cohort.objects.update(dose_day=day)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def book(name: str, coordinator: Any, study: Study) -> None:
        try:
            start.wait()
            actions.book_study(coordinator, Study.objects.get(pk=study.pk))
            outcomes[name] = "booked"
        except ValidationError as refused:
            outcomes[name] = " ".join(refused.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=book, args=("first", clinic.coordinator, first)),
        threading.Thread(target=book, args=("second", clinic.coordinator_2, second)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(v.split(":")[0] for v in outcomes.values()) == [
        "No longer room for this study",
        "booked",
    ]
    assert Study.objects.filter(status=Study.Status.BOOKED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_review_outcomes_on_one_study_at_once_both_take_effect(
    transactional_audit: None, clinic: Clinic
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, cohorts=2)
    first = study.cohorts.get(sequence=1)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def repeat(coordinator: Any) -> None:
        try:
            start.wait()
            actions.record_review_outcome(coordinator, Cohort.objects.get(pk=first.pk), "repeat")
            outcomes.append("recorded")
        except Exception as error:  # the test reports whatever went wrong
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=repeat, args=(clinic.coordinator,)),
        threading.Thread(target=repeat, args=(clinic.coordinator_2,)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert outcomes == ["recorded", "recorded"]
    assert list(study.cohorts.order_by("sequence").values_list("sequence", flat=True)) == [
        1,
        2,
        3,
        4,
    ]


@pytest.mark.django_db(transaction=True)
def test_closing_a_day_while_another_coordinator_books_the_study_on_it_never_books_it_there(
    transactional_audit: None, clinic: Clinic
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    day = clinic.today + timedelta(days=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    Cohort.objects.update(dose_day=day)  # as the last plan placed it
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def book() -> None:
        try:
            start.wait()
            actions.book_study(clinic.coordinator, Study.objects.get(pk=study.pk))
            outcomes["book"] = "booked"
        except ValidationError as refused:
            outcomes["book"] = " ".join(refused.messages)
        finally:
            connection.close()

    def close() -> None:
        try:
            start.wait()
            closing.close_days(clinic.coordinator_2, clinic.unit, day, None, "holiday")
            outcomes["close"] = "closed"
        except ValidationError as refused:
            outcomes["close"] = " ".join(refused.messages)
        finally:
            connection.close()

    threads = [threading.Thread(target=book), threading.Thread(target=close)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # Whichever took the unit's lock first wins; the other sees what it saved.
    if outcomes["book"] == "booked":
        assert "Booked studies or cohorts in the unit depend" in outcomes["close"]
        assert not Closure.objects.filter(day=day).exists()
    else:
        assert outcomes == {
            "close": "closed",
            "book": f"No longer room for this study: no dosing cover on {day:%Y-%m-%d}",
        }
        assert Study.objects.get(pk=study.pk).status == Study.Status.REQUESTED
