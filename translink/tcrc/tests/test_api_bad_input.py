"""The unit's API refuses bad bodies with a message naming the field, and stores nothing."""

from __future__ import annotations

from typing import Any

from django.test import Client

from translink.audit.models import AuditEvent
from translink.regulatory.models import Obligation
from translink.tcrc.models import Cohort, PlanRun, Study
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study


def _coordinator(clinic: Clinic) -> Client:
    client = Client()
    client.login(username=clinic.coordinator.email, password=PASSWORD)
    return client


def _stored() -> tuple[Any, ...]:
    return (
        Cohort.objects.count(),
        PlanRun.objects.count(),
        Obligation.objects.count(),
        list(Study.objects.values_list("status", "first_enrolled")),
        AuditEvent.objects.count(),
    )


def test_a_trial_event_with_a_bad_date_or_kind_is_refused_field_by_field(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    client = _coordinator(clinic)
    before = _stored()
    url = f"/api/tcrc/studies/{study.pk}/trial-events"
    bad_day = client.post(
        url, {"event": "first_enrolled", "on": "soon"}, content_type="application/json"
    )
    assert bad_day.status_code == 422 and "on" in bad_day.json()["error"]["fields"]
    bad_kind = client.post(
        url, {"event": "dosed", "on": "2027-01-04"}, content_type="application/json"
    )
    assert bad_kind.status_code == 422 and "event" in bad_kind.json()["error"]["fields"]
    no_ind = client.post(
        url, {"event": "first_enrolled", "on": "2027-01-04"}, content_type="application/json"
    )
    assert (
        no_ind.status_code == 422
        and "Link the study to its IND first, in the study's record" in no_ind.content.decode()
    )
    assert _stored() == before


def test_a_review_outcome_naming_another_studys_cohort_or_no_outcome_is_refused(
    clinic: Clinic,
) -> None:
    mine = add_study(clinic, "ALPHA-1", clinic.company_a)
    other = add_study(clinic, "BETA-1", clinic.company_b)
    client = _coordinator(clinic)
    before = _stored()
    url = f"/api/tcrc/studies/{mine.pk}/review-outcomes"
    foreign = other.cohorts.get().pk
    wrong = client.post(
        url, {"cohort_id": foreign, "outcome": "add"}, content_type="application/json"
    )
    assert wrong.status_code == 404
    vague = client.post(
        url,
        {"cohort_id": mine.cohorts.get().pk, "outcome": "maybe"},
        content_type="application/json",
    )
    assert vague.status_code == 422 and "outcome" in vague.json()["error"]["fields"]
    assert _stored() == before


def test_the_review_form_without_a_cohort_says_so_and_changes_nothing(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    client = _coordinator(clinic)
    before = _stored()
    response = client.post(f"/tcrc/studies/{study.pk}/review/", {"outcome": "repeat"})
    assert response.status_code == 422 and "This field is required" in response.content.decode()
    assert _stored() == before
