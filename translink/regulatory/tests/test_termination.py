"""FDA's termination of an IND (21 CFR 312.44): the proposal's 30-day reply (IND-09), then
the end of every open obligation and of dosing."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from translink.accounts.models import User
from translink.audit.models import AuditEvent
from translink.regulatory import actions, rules
from translink.regulatory.models import Ind, Obligation

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(specialist: User, ind: Ind) -> Ind:
    actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(specialist, ind, received=date(2026, 1, 5))
    return actions.make_effective(specialist, ind, on=date(2026, 2, 4))


def test_fdas_proposal_gives_the_sponsor_30_days_to_reply(specialist: User, active: Ind) -> None:
    actions.propose_termination(specialist, active, on=date(2026, 6, 1))
    reply = Obligation.objects.get(ind=active, rule="IND-09")
    assert (reply.due, reply.citation, reply.version, reply.status) == (
        date(2026, 7, 1), "21 CFR 312.44(c)", rules.VERSION, "open"
    )  # fmt: skip
    assert Ind.objects.get(pk=active.pk).status == Ind.Status.IN_EFFECT


def test_a_second_proposal_while_one_is_pending_is_refused(specialist: User, active: Ind) -> None:
    actions.propose_termination(specialist, active, on=date(2026, 6, 1))
    with pytest.raises(ValidationError, match="already recorded; the reply is due 2026-07-01"):
        actions.propose_termination(specialist, active, on=date(2026, 6, 5))
    assert Obligation.objects.filter(ind=active, rule="IND-09").count() == 1


def test_termination_closes_every_open_obligation_and_creates_none(
    specialist: User, active: Ind
) -> None:
    actions.add_investigator(specialist, active, name="Dr Site", signed_1572=date(2026, 3, 1))
    actions.propose_termination(specialist, active, on=date(2026, 6, 1))
    opened = set(Obligation.objects.filter(ind=active).values_list("rule", flat=True))
    assert opened == {"IND-09", "IND-15", "IND-18"}
    actions.terminate(specialist, active, on=date(2026, 7, 15), reason="Unreasonable risk")
    stored = Ind.objects.get(pk=active.pk)
    assert (stored.status, stored.closed_on) == (Ind.Status.TERMINATED, date(2026, 7, 15))
    assert not Obligation.objects.filter(ind=active, status="open").exists()
    assert Obligation.objects.filter(ind=active).count() == 3
    reasons = set(Obligation.objects.filter(ind=active).values_list("closed_reason", flat=True))
    assert reasons == {"FDA terminated the IND (21 CFR 312.44)."}
    event = AuditEvent.objects.get(action="regulatory.ind_terminated")
    assert event.new is not None
    assert (event.new["status"], event.reason) == ("terminated", "Unreasonable risk")


def test_no_subject_may_be_dosed_after_termination(specialist: User, active: Ind) -> None:
    actions.terminate(specialist, active, on=date(2026, 7, 15))
    for day in (date(2026, 7, 14), date(2026, 7, 15), date(2027, 1, 1)):
        allowed, why = actions.may_dose(active, day)
        assert not allowed and "21 CFR 312.44" in why


@pytest.mark.parametrize("status", ["pre_ind", "submitted", "withdrawn"])
def test_only_an_ind_fda_let_go_into_effect_is_terminated(
    specialist: User, ind: Ind, status: str
) -> None:
    if status != "pre_ind":
        actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    if status == "withdrawn":
        actions.withdraw(specialist, ind, on=date(2026, 1, 3))
    with pytest.raises(ValidationError) as refused:
        actions.terminate(specialist, ind, on=date(2026, 2, 1))
    assert refused.value.message_dict["status"][0].startswith(
        "Cannot record the IND's termination: the IND is"
    )
    assert Ind.objects.get(pk=ind.pk).status == status


def test_an_inactive_or_held_ind_can_be_terminated(specialist: User, active: Ind) -> None:
    actions.inactivate(specialist, active, on=date(2026, 5, 1))
    actions.terminate(specialist, active, on=date(2026, 8, 1))
    assert Ind.objects.get(pk=active.pk).status == Ind.Status.TERMINATED


def test_a_terminated_ind_takes_no_further_step(specialist: User, active: Ind) -> None:
    actions.terminate(specialist, active, on=date(2026, 7, 15))
    at = datetime(2026, 7, 20, 12, tzinfo=UTC)
    refused = [
        lambda: actions.record_safety_report(
            specialist,
            active,
            description="x",
            received_at=at,
            qualified_at=at,
            serious=True,
            unexpected=True,
        ),
        lambda: actions.add_investigator(specialist, active, name="X", signed_1572=at.date()),
        lambda: actions.withdraw(specialist, active, on=at.date()),
        lambda: actions.reactivate(specialist, active, on=at.date()),
        lambda: actions.propose_termination(specialist, active, on=at.date()),
    ]
    for step in refused:
        with pytest.raises(ValidationError, match="the IND is terminated"):
            step()
    assert not Obligation.objects.filter(ind=active, status="open").exists()


def test_termination_is_a_step_on_the_page(world) -> None:
    ind = world.regulatory["own"]["ind"]
    client = Client()
    client.force_login(world.users["researcher"])
    response = client.post(
        f"/regulatory/inds/{ind.pk}/", {"transition": "terminate", "on": "2026-05-01"}
    )
    assert response.status_code == 302
    page = client.get(f"/regulatory/inds/{ind.pk}/").content.decode()
    assert "in_effect → terminated" in page and "21 CFR 312.44" in page
