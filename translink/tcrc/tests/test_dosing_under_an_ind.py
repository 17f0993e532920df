"""A study under an IND is dosed only while the IND allows it: never before it takes
effect, never on a full clinical hold; the calendar says why (21 CFR 312.40, 312.42)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.test import Client

from translink.regulatory import actions as regulatory
from translink.regulatory.models import Ind
from translink.tcrc.models import Cohort, Stay
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study


def _ind_in_effect(clinic: Clinic, effective: date) -> Ind:
    ind = regulatory.register_ind(
        None, product="TX-1 antibody", indication="Test", sponsor_investigator=clinic.lead
    )
    regulatory.submit(None, ind, sent_on=effective - timedelta(days=31))
    regulatory.record_fda_receipt(None, ind, received=effective - timedelta(days=30))
    regulatory.make_effective(None, ind, on=effective)
    ind.refresh_from_db()
    return ind


def test_a_study_under_a_full_hold_is_not_dosed_and_the_calendar_says_why(
    clinic: Clinic, replan: Any
) -> None:
    ind = _ind_in_effect(clinic, clinic.today - timedelta(days=60))
    regulatory.apply_transition(None, ind, "full_hold", on=clinic.today - timedelta(days=2))
    held = add_study(clinic, "HELD-1", clinic.company_a, ind=ind)
    free = add_study(clinic, "FREE-1", clinic.company_b)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert not Stay.objects.filter(cohort__study=held).exists()
    assert Cohort.objects.get(study=held).dose_day is None
    assert Cohort.objects.get(study=free).dose_day is not None
    held.refresh_from_db()
    assert "full clinical hold" in held.refusal
    client = Client()
    client.login(username=clinic.coordinator.email, password=PASSWORD)
    page = client.get("/tcrc/").content.decode()
    assert "HELD-1 is not dosed" in page and "full clinical hold" in page


def test_lifting_the_hold_lets_the_next_plan_dose_it(clinic: Clinic, replan: Any) -> None:
    ind = _ind_in_effect(clinic, clinic.today - timedelta(days=60))
    regulatory.apply_transition(None, ind, "full_hold", on=clinic.today - timedelta(days=5))
    held = add_study(clinic, "HELD-1", clinic.company_a, ind=ind)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    regulatory.apply_transition(None, ind, "lift", on=clinic.today - timedelta(days=1))
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    held.refresh_from_db()
    assert held.refusal == ""
    assert Cohort.objects.get(study=held).dose_day is not None


def test_no_dose_before_the_ind_takes_effect(clinic: Clinic, replan: Any) -> None:
    effective = clinic.today + timedelta(days=14)
    ind = _ind_in_effect(clinic, effective)
    study = add_study(clinic, "SOON-1", clinic.company_a, ind=ind, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    dose_day = Cohort.objects.get(study=study).dose_day
    assert dose_day is not None and dose_day >= effective


def test_a_submitted_ind_is_planned_from_its_thirtieth_day_and_the_page_says_so(
    clinic: Clinic, replan: Any
) -> None:
    ind = regulatory.register_ind(
        None, product="TX-2 peptide", indication="Test", sponsor_investigator=clinic.lead
    )
    regulatory.submit(None, ind, sent_on=clinic.today - timedelta(days=3))
    regulatory.record_fda_receipt(None, ind, received=clinic.today - timedelta(days=2))
    ind.refresh_from_db()
    assert ind.status == Ind.Status.SUBMITTED and ind.effective_by is not None
    study = add_study(clinic, "WAIT-1", clinic.company_a, ind=ind, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    dose_day = Cohort.objects.get(study=study).dose_day
    assert dose_day is not None and dose_day >= ind.effective_by
    study.refresh_from_db()
    assert study.refusal == "" and "312.40(b)" in study.condition
    client = Client()
    client.login(username=clinic.coordinator.email, password=PASSWORD)
    page = client.get("/tcrc/").content.decode()
    assert "WAIT-1 depends on its IND" in page
    assert f"{ind.effective_by:%d %b %Y}" in page


def test_a_submitted_ind_not_yet_received_is_not_dosed(clinic: Clinic, replan: Any) -> None:
    ind = regulatory.register_ind(
        None, product="TX-3 oral", indication="Test", sponsor_investigator=clinic.lead
    )
    regulatory.submit(None, ind, sent_on=clinic.today - timedelta(days=1))
    study = add_study(clinic, "SENT-1", clinic.company_a, ind=ind)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert Cohort.objects.get(study=study).dose_day is None
    study.refresh_from_db()
    assert "receipt is not recorded" in study.refusal and study.condition == ""


def test_a_partial_hold_plans_the_study_with_a_warning_that_goes_when_it_is_lifted(
    clinic: Clinic, replan: Any
) -> None:
    ind = _ind_in_effect(clinic, clinic.today - timedelta(days=60))
    regulatory.apply_transition(None, ind, "partial_hold", on=clinic.today - timedelta(days=2))
    study = add_study(clinic, "PART-1", clinic.company_a, ind=ind)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    study.refresh_from_db()
    assert Cohort.objects.get(study=study).dose_day is not None
    assert "Partial clinical hold" in study.condition
    regulatory.apply_transition(None, ind, "lift", on=clinic.today - timedelta(days=1))
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    study.refresh_from_db()
    assert study.condition == ""


def test_a_hold_on_the_ind_alerts_the_units_coordinators_and_no_sponsor(
    clinic: Clinic, replan: Any
) -> None:
    from translink.accounts.models import Role, User
    from translink.market.models import Notification

    ind = _ind_in_effect(clinic, clinic.today - timedelta(days=60))
    held = add_study(clinic, "HELD-1", clinic.company_a, ind=ind)
    add_study(clinic, "FREE-1", clinic.company_b)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    before = Notification.objects.count()
    regulatory.apply_transition(None, ind, "full_hold", on=clinic.today)
    alerts = Notification.objects.filter(pk__gt=0).order_by("pk")[before:]
    coordinators = set(User.objects.filter(role=Role.TCRC_COORDINATOR))
    assert clinic.coordinator in coordinators
    assert {a.recipient for a in alerts} == coordinators  # and so no sponsor's member
    text = alerts[0].text
    assert "full clinical hold" in text and held.protocol_number in text
    assert "FREE-1" not in text and alerts[0].link == "/tcrc/"
