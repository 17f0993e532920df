from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.accounts.models import User
from translink.audit.models import AuditEvent
from translink.regulatory import actions, rules
from translink.regulatory.models import Ind, Obligation, Submission

pytestmark = pytest.mark.django_db


def _in_effect(actor: User, ind: Ind) -> Ind:
    actions.submit(actor, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(actor, ind, received=date(2026, 1, 5), number="170001")
    return actions.make_effective(actor, ind, on=date(2026, 2, 4))


def test_it_submits_the_original_as_serial_000(specialist: User, ind: Ind) -> None:
    submission = actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    assert (submission.serial, submission.kind, ind.status) == ("000", "original", "submitted")


def test_it_counts_the_30_days_from_fdas_receipt_not_the_day_sent(
    specialist: User, ind: Ind
) -> None:
    actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(specialist, ind, received=date(2026, 1, 5))
    assert ind.effective_by == date(2026, 2, 4)
    assert Submission.objects.get(ind=ind).fda_received == date(2026, 1, 5)


def test_it_refuses_effect_before_day_30_without_fdas_notice(specialist: User, ind: Ind) -> None:
    actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(specialist, ind, received=date(2026, 1, 5))
    with pytest.raises(ValidationError, match="only on FDA's notice"):
        actions.make_effective(specialist, ind, on=date(2026, 2, 3))
    actions.make_effective(specialist, ind, on=date(2026, 2, 3), fda_notice=True)
    assert Ind.objects.get(pk=ind.pk).effective == date(2026, 2, 3)


def test_it_starts_the_first_annual_report_clock_with_its_citation(
    specialist: User, ind: Ind
) -> None:
    _in_effect(specialist, ind)
    report = Obligation.objects.get(ind=ind, rule="IND-15")
    assert (report.day0, report.due, report.citation, report.version) == (
        date(2027, 2, 4),
        date(2027, 4, 5),
        "21 CFR 312.33, 312.45(c)",
        rules.VERSION,
    )


def test_a_refused_transition_says_why_and_stores_nothing(specialist: User, ind: Ind) -> None:
    before = (AuditEvent.objects.count(), Submission.objects.count(), Obligation.objects.count())
    with pytest.raises(ValidationError) as refused:
        actions.lift_hold(specialist, ind, on=date(2026, 1, 1))
    assert refused.value.message_dict["status"] == [
        "Cannot lift a clinical hold: the IND is pre-ind; this is possible only when it is "
        "on full clinical hold, on partial clinical hold."
    ]
    after = (AuditEvent.objects.count(), Submission.objects.count(), Obligation.objects.count())
    assert after == before
    assert Ind.objects.get(pk=ind.pk).status == Ind.Status.PRE_IND


def test_a_new_investigator_gets_the_30_day_notice(specialist: User, ind: Ind) -> None:
    _in_effect(specialist, ind)
    investigator = actions.add_investigator(
        specialist, ind, name="Dr Site", signed_1572=date(2026, 3, 1)
    )
    notice = Obligation.objects.get(investigator=investigator)
    assert (notice.rule, notice.due) == ("IND-18", date(2026, 3, 31))


def test_inactivation_closes_the_annual_report_and_reactivation_reopens_it(
    specialist: User, ind: Ind
) -> None:
    _in_effect(specialist, ind)
    actions.inactivate(specialist, ind, on=date(2026, 6, 1))
    assert not Obligation.objects.filter(ind=ind, rule="IND-15", status="open").exists()
    amendment = actions.reactivate(specialist, ind, on=date(2027, 5, 1))
    assert amendment.kind == "protocol_amendment"
    reopened = Obligation.objects.get(ind=ind, rule="IND-15", status="open")
    assert reopened.day0 == date(2028, 2, 4)


def test_withdrawal_closes_everything_and_notifies_investigators(
    specialist: User, ind: Ind
) -> None:
    _in_effect(specialist, ind)
    actions.add_investigator(specialist, ind, name="Dr Site", signed_1572=date(2026, 3, 1))
    actions.withdraw(specialist, ind, on=date(2026, 4, 1))
    still_open = Obligation.objects.filter(ind=ind, status="open")
    assert {(o.rule, o.clock) for o in still_open} == {
        ("IND-20", "notify-fda"),
        ("IND-20", "notify-investigators"),
    }
    assert Obligation.objects.filter(ind=ind, status="closed").count() == 2


def test_marking_an_annual_report_met_logs_it_and_starts_the_next(
    specialist: User, ind: Ind
) -> None:
    _in_effect(specialist, ind)
    first = Obligation.objects.get(ind=ind, rule="IND-15")
    actions.mark_met(specialist, first, on=date(2027, 3, 1))
    assert Submission.objects.filter(ind=ind).order_by("serial").last().serial == "001"  # type: ignore[union-attr]
    assert Obligation.objects.get(ind=ind, rule="IND-15", status="open").day0 == date(2028, 2, 4)
    with pytest.raises(ValidationError, match="already met"):
        actions.mark_met(specialist, first, on=date(2027, 3, 2))


def test_no_dosing_before_effect_or_on_full_hold(specialist: User, ind: Ind) -> None:
    _in_effect(specialist, ind)
    assert actions.may_dose(ind, date(2026, 2, 3))[0] is False
    assert actions.may_dose(ind, date(2026, 2, 4))[0] is True
    actions.impose_hold(specialist, ind, on=date(2026, 3, 1))
    allowed, why = actions.may_dose(ind, date(2026, 3, 2))
    assert not allowed and "full clinical hold" in why
    assert Obligation.objects.get(ind=ind, rule="IND-05").due == date(2026, 3, 31)
    actions.respond_to_hold(
        specialist, ind, sent_on=date(2026, 4, 1), fda_received=date(2026, 4, 2)
    )
    assert Obligation.objects.get(ind=ind, rule="IND-06").due == date(2026, 5, 2)
    actions.lift_hold(specialist, ind, on=date(2026, 4, 20))
    assert actions.may_dose(ind, date(2026, 4, 20))[0] is True
    assert not Obligation.objects.filter(ind=ind, rule__in=["IND-05", "IND-06"], status="open")


def test_only_regulatory_staff_or_the_sponsor_investigator_act(ind: Ind, world) -> None:
    with pytest.raises(PermissionDenied):
        actions.submit(world.users["alliance_manager"], ind, sent_on=date(2026, 1, 2))
