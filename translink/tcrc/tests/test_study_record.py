"""Staff keep a study's record: title, phase, principal investigator, the IND and the
alliance it runs under. Links must fit the sponsor; an IND change re-plans the unit so
dosing follows the IND; a refusal names the field and saves nothing."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.accounts import actions as account_actions
from translink.accounts.models import Organization, Role, User
from translink.alliances.models import Alliance
from translink.audit.models import AuditEvent
from translink.market.models import Notification
from translink.regulatory import actions as regulatory
from translink.regulatory.models import Ind
from translink.tcrc import actions, records
from translink.tcrc.models import Cohort, PlanRun, Study
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study, client_of


def _staff(clinic: Clinic, role: str, email: str) -> User:
    institute = Organization.objects.get(name="Institute")
    return account_actions.create_account(
        None, email=email, full_name=email.split("@")[0], role=role, organization=institute,
        password=PASSWORD,
    )  # fmt: skip


def _ind(
    clinic: Clinic,
    *,
    effective_in: int = -30,
    company: Organization | None = None,
    product: str = "TX-9",
) -> Ind:
    ind = regulatory.register_ind(
        None, product=product, indication="Test", sponsor_investigator=clinic.lead,
        sponsor_company=company,
    )  # fmt: skip
    received = clinic.today + timedelta(days=effective_in - 30)
    regulatory.submit(None, ind, sent_on=received - timedelta(days=1))
    regulatory.record_fda_receipt(None, ind, received=received)
    if effective_in <= 0:
        regulatory.make_effective(None, ind, on=clinic.today + timedelta(days=effective_in))
    ind.refresh_from_db()
    return ind


def _stored() -> tuple[Any, ...]:
    return (
        list(
            Study.objects.values_list("title", "phase", "ind", "alliance", "principal_investigator")
        ),
        PlanRun.objects.count(),
        AuditEvent.objects.filter(action="tcrc.study_changed").count(),
    )


def test_regulatory_staff_link_the_ind_on_the_study_page_and_coordinators_are_told(
    clinic: Clinic,
) -> None:
    specialist = _staff(clinic, Role.REGULATORY, "reg@test.example")
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    ind = _ind(clinic)
    client = client_of(specialist)
    page = client.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert "Study record" in page and 'name="ind"' in page
    saved = client.post(
        f"/tcrc/studies/{study.pk}/record/",
        {"title": "ALPHA-1 first in human", "phase": "1", "ind": ind.pk},
        follow=True,
    ).content.decode()
    assert "Saved." in saved and "under IND" in saved
    study.refresh_from_db()
    assert study.ind == ind and study.title == "ALPHA-1 first in human"
    told = Notification.objects.filter(recipient__role=Role.TCRC_COORDINATOR)
    assert told.count() == 2  # both coordinators, to re-plan
    # Coordinators do not see INDs: they are told that it changed, not which it is.
    assert {n.text for n in told} == {
        "ALPHA-1: its IND changed: re-plan the unit so its dosing follows the IND."
    }
    event = AuditEvent.objects.get(action="tcrc.study_changed")
    assert event.old == {"title": "ALPHA-1 study", "ind": None}
    assert event.new == {"title": "ALPHA-1 first in human", "ind": ind.pk}
    # With its IND linked, the study's first enrollment can be recorded.
    actions.record_trial_event(specialist, study, "first_enrolled", clinic.today)


def test_an_administrator_linking_an_ind_not_yet_in_effect_re_plans_dosing_after_it(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    administrator = _staff(clinic, Role.ADMINISTRATOR, "admin@test.example")
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    ind = _ind(clinic, effective_in=15)  # received 15 days ago: in effect in 15 days
    assert ind.effective_by is not None
    assert Cohort.objects.get(study=study).dose_day < ind.effective_by  # type: ignore[operator]
    with django_capture_on_commit_callbacks(execute=True):
        run = records.change_record(administrator, study, {"ind": ind})
    assert run is not None and run.reason == "ALPHA-1: its IND changed"
    run.refresh_from_db()
    assert run.state == PlanRun.State.DONE
    dosed = Cohort.objects.get(study=study).dose_day
    assert dosed is not None and dosed >= ind.effective_by


def test_a_coordinator_keeps_the_record_but_is_not_offered_the_ind(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    client = client_of(clinic.coordinator)
    page = client.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert "Study record" in page and 'name="ind"' not in page
    assert "Regulatory staff link the IND." in page
    client.post(
        f"/tcrc/studies/{study.pk}/record/",
        {"title": "ALPHA-1 study", "phase": "1b", "principal_investigator": clinic.lead.pk},
    )
    study.refresh_from_db()
    assert study.phase == "1b" and study.principal_investigator == clinic.lead
    before = _stored()
    answer = client.patch(
        f"/api/tcrc/studies/{study.pk}", {"ind_id": _ind(clinic).pk},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 422
    assert answer.json()["error"]["fields"]["ind_id"] == ["Regulatory staff link the IND."]
    assert _stored() == before


def test_links_that_do_not_fit_the_sponsor_are_refused_by_field_and_save_nothing(
    clinic: Clinic,
) -> None:
    specialist = _staff(clinic, Role.REGULATORY, "reg@test.example")
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    theirs = _ind(clinic, company=clinic.company_b, product="BB-7")
    _ind(clinic)  # the institute's own, which fits any sponsor
    alliance = Alliance.objects.create(title="Beta's", problem_statement="x", focus_area="y")
    alliance.partners.add(clinic.company_b)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        records.change_record(specialist, study, {"ind": theirs, "alliance": alliance})
    assert refused.value.message_dict == {
        "ind": ["IND BB-7 is another company's, not Alpha Pharma's."],
        "alliance": ["Alpha Pharma is not a partner of that alliance."],
    }
    with pytest.raises(ValidationError, match="Give the study a title"):
        records.change_record(specialist, study, {"title": "  "})
    # The page never offers them: its choices are the sponsor's.
    page = client_of(specialist).get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert "IND (pending): TX-9" in page
    assert "BB-7" not in page and "Beta&#x27;s" not in page
    assert _stored() == before


def test_the_api_changes_the_record_and_refuses_bad_bodies_by_field(clinic: Clinic) -> None:
    specialist = _staff(clinic, Role.REGULATORY, "reg@test.example")
    study = add_study(clinic, "ALPHA-1", clinic.company_a)
    ind = _ind(clinic)
    client = client_of(specialist)
    url = f"/api/tcrc/studies/{study.pk}"
    changed = client.patch(url, {"ind_id": ind.pk}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["ind_id"] == ind.pk
    before = _stored()
    for body, field in [
        ({"ind_id": 999_999}, "ind_id"),
        ({"alliance_id": 999_999}, "alliance_id"),
        ({"principal_investigator_id": "lead"}, "principal_investigator_id"),
        ({"title": ""}, "title"),
        ({"phase": "x" * 11}, "phase"),
        ({"ind_id": _ind(clinic, company=clinic.company_b).pk}, "ind_id"),
    ]:
        answer = client.patch(url, body, content_type="application/json")
        assert answer.status_code == 422 and field in answer.json()["error"]["fields"], body
    assert _stored() == before
    unlinked = client.patch(url, {"ind_id": None}, content_type="application/json")
    assert unlinked.status_code == 200 and unlinked.json()["ind_id"] is None


def test_companies_and_researchers_do_not_keep_the_record(clinic: Clinic) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, principal_investigator=clinic.lead)
    with pytest.raises(PermissionDenied):
        records.change_record(clinic.member_a, study, {"title": "Mine"})
    before = _stored()
    for user in (clinic.member_a, User.objects.get(email="lead@test.example")):
        client = client_of(user)
        assert "Study record" not in client.get(f"/tcrc/studies/{study.pk}/").content.decode()
        assert client.post(f"/tcrc/studies/{study.pk}/record/", {"title": "x"}).status_code == 404
        answer = client.patch(
            f"/api/tcrc/studies/{study.pk}", {"title": "x"}, content_type="application/json"
        )
        assert answer.status_code == 404
    assert _stored() == before


def test_saving_other_fields_keeps_a_link_that_no_longer_fits_the_sponsor(clinic: Clinic) -> None:
    alliance = Alliance.objects.create(title="Older link", problem_statement="x", focus_area="y")
    study = add_study(clinic, "ALPHA-1", clinic.company_a, alliance=alliance)
    client = client_of(clinic.coordinator)
    page = client.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert f'<option value="{alliance.pk}" selected>Older link</option>' in page
    client.post(
        f"/tcrc/studies/{study.pk}/record/",
        {"title": "Renamed", "phase": "1", "alliance": alliance.pk},
    )
    study.refresh_from_db()
    assert study.title == "Renamed" and study.alliance == alliance


def test_a_duty_switched_on_before_enrollment_sets_the_obligations_it_brings(
    clinic: Clinic,
) -> None:
    specialist = _staff(clinic, Role.REGULATORY, "reg@test.example")
    study = add_study(clinic, "ALPHA-1", clinic.company_a, phase="1")
    client = client_of(specialist)
    client.post(
        f"/tcrc/studies/{study.pk}/record/",
        {"title": study.title, "phase": "1", "ind": _ind(clinic).pk, "icmje_registration": "on"},
    )
    study.refresh_from_db()
    assert study.icmje_registration and not study.nih_funded
    made = actions.record_trial_event(specialist, study, "first_enrolled", clinic.today)
    assert [o.rule for o in made] == ["CTG-01"] and "ICMJE" in made[0].citation
    # Once enrolled, a switch would add nothing: it is refused by field, nothing saved.
    answer = client.patch(
        f"/api/tcrc/studies/{study.pk}", {"nih_funded": True}, content_type="application/json"
    )
    assert answer.status_code == 422
    assert "would add no obligation" in answer.json()["error"]["fields"]["nih_funded"][0]
    bad = client.patch(
        f"/api/tcrc/studies/{study.pk}", {"nih_funded": "yes"}, content_type="application/json"
    )
    assert bad.status_code == 422 and "nih_funded" in bad.json()["error"]["fields"]
    study.refresh_from_db()
    assert not study.nih_funded
