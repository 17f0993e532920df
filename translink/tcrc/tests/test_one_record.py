"""The one record: a study in the unit links its IND and its alliance, and the IND and the
alliance pages list the study, each only as far as the reader may see."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client

from translink.alliances import actions as alliance_actions
from translink.alliances.models import Member
from translink.people import actions as people_actions
from translink.regulatory import actions as regulatory
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study


def test_the_ind_and_the_alliance_pages_list_the_study_and_the_study_links_both(
    clinic: Clinic,
) -> None:
    from translink.accounts import actions as account_actions
    from translink.accounts.models import Organization, Role

    institute = Organization.objects.get(name="Institute")
    manager = account_actions.create_account(
        None, email="am@test.example", full_name="Alma Manager", role=Role.ALLIANCE_MANAGER,
        organization=institute, password=PASSWORD,
    )  # fmt: skip
    imaging = people_actions.create_department(None, code="rad", name="Radiology")
    colleague = people_actions.create_researcher(
        None, full_name="Carl Colleague", email="carl@test.example", departments=[imaging]
    )
    alliance = alliance_actions.create_alliance(
        manager, title="Tracer alliance", problem_statement="Image microglia.", focus_area="neuro",
        members=[(clinic.lead, Member.Role.LEAD), (colleague, "co_investigator")],
        partners=[clinic.company_a], stage="development",
    )  # fmt: skip
    ind = regulatory.register_ind(
        None, product="TX-3 tracer", indication="AD", sponsor_investigator=clinic.lead
    )
    regulatory.submit(None, ind, sent_on=clinic.today - timedelta(days=40))
    study = add_study(clinic, "TRACE-1", clinic.company_a, ind=ind, alliance=alliance)
    client = Client()
    client.login(username=manager.email, password=PASSWORD)
    assert "TRACE-1" in client.get(f"/regulatory/inds/{ind.pk}/").content.decode()
    assert "TRACE-1" in client.get(f"/alliances/{alliance.pk}/").content.decode()
    page = client.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert f"/regulatory/inds/{ind.pk}/" in page and f"/alliances/{alliance.pk}/" in page
    # The sponsor sees its study and its alliance, but not the researcher's own IND.
    sponsor = Client()
    sponsor.login(username=clinic.member_a.email, password=PASSWORD)
    page = sponsor.get(f"/tcrc/studies/{study.pk}/").content.decode()
    assert f"/alliances/{alliance.pk}/" in page and f"/regulatory/inds/{ind.pk}/" not in page
    assert "TX-3" not in page


def test_the_api_names_a_linked_ind_only_to_who_may_see_it(clinic: Clinic) -> None:
    ind = regulatory.register_ind(
        None, product="TX-4", indication="AD", sponsor_investigator=clinic.lead
    )
    study = add_study(clinic, "TRACE-2", clinic.company_a, ind=ind)
    sponsor = Client()
    sponsor.login(username=clinic.member_a.email, password=PASSWORD)
    assert sponsor.get(f"/api/tcrc/studies/{study.pk}").json()["ind_id"] is None
    coordinator = Client()
    coordinator.login(username=clinic.coordinator.email, password=PASSWORD)
    assert coordinator.get(f"/api/tcrc/studies/{study.pk}").json()["ind_id"] is None  # not theirs
    lead = Client()
    lead.login(username=clinic.lead.user.email, password=PASSWORD)  # type: ignore[union-attr]
    assert lead.get(f"/api/tcrc/studies/{study.pk}").status_code == 404  # not her study
