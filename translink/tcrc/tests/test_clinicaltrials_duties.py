"""ClinicalTrials.gov duties of a study under an IND: phase 1 is outside 42 CFR 11 unless a
policy or contract switches a duty on; each obligation carries its rule and source. An IND
withdrawn or terminated stops its studies and frees their future beds."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from translink.regulatory import actions as regulatory
from translink.regulatory.models import Ind, Obligation
from translink.tcrc import actions
from translink.tcrc.models import Cohort, Stay, Study
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study

ENROLLED = date(2027, 1, 11)


def _ind(clinic: Clinic) -> Ind:
    ind = regulatory.register_ind(
        None, product="TX-9", indication="Test", sponsor_investigator=clinic.lead
    )
    regulatory.submit(None, ind, sent_on=clinic.today - timedelta(days=61))
    regulatory.record_fda_receipt(None, ind, received=clinic.today - timedelta(days=60))
    regulatory.make_effective(None, ind, on=clinic.today - timedelta(days=30))
    ind.refresh_from_db()
    return ind


def test_a_phase_1_study_owes_no_federal_registration(clinic: Clinic) -> None:
    study = add_study(clinic, "P1", clinic.company_a, ind=_ind(clinic), phase="1")
    assert actions.record_trial_event(clinic.coordinator, study, "first_enrolled", ENROLLED) == []
    assert Study.objects.get(pk=study.pk).first_enrolled == ENROLLED


def test_a_phase_2_study_must_register_within_21_days(clinic: Clinic) -> None:
    study = add_study(clinic, "P2", clinic.company_a, ind=_ind(clinic), phase="2a")
    made = actions.record_trial_event(clinic.coordinator, study, "first_enrolled", ENROLLED)
    assert [(o.rule, o.due) for o in made] == [("CTG-01", ENROLLED + timedelta(days=21))]
    assert made[0].study == study and "42 CFR 11.24" in made[0].citation


def test_a_switched_on_policy_duty_applies_to_phase_1_and_shows_its_source(clinic: Clinic) -> None:
    study = add_study(
        clinic, "P1", clinic.company_a, ind=_ind(clinic), phase="1", icmje_registration=True
    )
    made = actions.record_trial_event(clinic.coordinator, study, "first_enrolled", ENROLLED)
    assert [(o.rule, o.due) for o in made] == [("CTG-01", ENROLLED)]
    assert "ICMJE" in made[0].citation


def test_results_are_due_a_year_after_primary_completion(clinic: Clinic) -> None:
    study = add_study(clinic, "P2", clinic.company_a, ind=_ind(clinic), phase="2")
    actions.record_trial_event(clinic.coordinator, study, "first_enrolled", ENROLLED)
    made = actions.record_trial_event(
        clinic.coordinator, study, "primary_completed", date(2027, 6, 30)
    )
    assert ("CTG-02", date(2028, 6, 30)) in [(o.rule, o.due) for o in made]


def test_bad_events_are_refused_and_change_nothing(clinic: Clinic) -> None:
    no_ind = add_study(clinic, "NO-IND", clinic.company_a)
    with pytest.raises(ValidationError, match="Link the study to its IND first"):
        actions.record_trial_event(clinic.coordinator, no_ind, "first_enrolled", ENROLLED)
    study = add_study(clinic, "P2", clinic.company_a, ind=_ind(clinic), phase="2")
    with pytest.raises(ValidationError, match="after the first enrollment"):
        actions.record_trial_event(clinic.coordinator, study, "primary_completed", ENROLLED)
    assert Study.objects.get(pk=study.pk).primary_completed is None
    assert not Obligation.objects.filter(study__isnull=False).exists()


def test_the_study_page_records_the_event_and_lists_the_obligation(clinic: Clinic) -> None:
    study = add_study(clinic, "P2", clinic.company_a, ind=_ind(clinic), phase="2")
    client = Client()
    client.login(username=clinic.coordinator.email, password=PASSWORD)
    url = f"/tcrc/studies/{study.pk}/trial-events/"
    bad = client.post(url, {"event": "first_enrolled", "on": "someday"})
    assert bad.status_code == 422 and "Enter a valid date" in bad.content.decode()
    page = client.post(
        url, {"event": "first_enrolled", "on": "2027-01-11"}, follow=True
    ).content.decode()
    assert "1 ClinicalTrials.gov obligation" in page and "CTG-01" in page and "2027-02-01" in page


def test_withdrawing_the_ind_stops_its_studies_and_frees_their_beds(
    clinic: Clinic, replan: Any
) -> None:
    ind = _ind(clinic)
    study = add_study(clinic, "P1", clinic.company_a, ind=ind, cohorts=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert Stay.objects.filter(cohort__study=study).exists()
    regulatory.withdraw(None, ind, on=clinic.today)
    study.refresh_from_db()
    assert study.status == Study.Status.STOPPED and "withdrawn" in study.refusal
    assert not Stay.objects.filter(cohort__study=study).exists()
    assert set(Cohort.objects.filter(study=study).values_list("status", flat=True)) == {"cancelled"}
