"""Follow-up information on a safety report: its own 15-day clock from receipt on a
submitted report (IND-12), or from the day an event first judged not reportable was found
reportable (IND-13); refused, with nothing saved, where no clock can start."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from translink.accounts.models import User
from translink.audit.models import AuditEvent
from translink.regulatory import actions, rules
from translink.regulatory.models import Ind, Obligation, SafetyReport, Submission

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@pytest.fixture
def active(specialist: User, ind: Ind) -> Ind:
    actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(specialist, ind, received=date(2026, 1, 5))
    return actions.make_effective(specialist, ind, on=date(2026, 2, 4))


def _report(actor: User, ind: Ind, *, unexpected: bool = True) -> SafetyReport:
    return actions.record_safety_report(
        actor, ind, description="Grade 4 hepatotoxicity", received_at=RECEIVED,
        qualified_at=RECEIVED + timedelta(days=1), serious=True, unexpected=unexpected,
    )  # fmt: skip


def _sent(actor: User, report: SafetyReport) -> SafetyReport:
    fifteen_day = Obligation.objects.get(safety_report=report, rule="IND-10")
    actions.mark_met(actor, fifteen_day, on=date(2026, 3, 10))
    return report


def _stored() -> tuple[int, int, int]:
    return SafetyReport.objects.count(), Obligation.objects.count(), AuditEvent.objects.count()


def test_it_runs_a_15_day_follow_up_clock_from_receipt(specialist: User, active: Ind) -> None:
    initial = _sent(specialist, _report(specialist, active))
    followup = actions.record_followup(
        specialist, initial, description="Biopsy result", received_at=RECEIVED + timedelta(10)
    )
    clock = Obligation.objects.get(safety_report=followup)
    assert (clock.rule, clock.day0, clock.due, clock.citation, clock.version) == (
        "IND-12", date(2026, 3, 12), date(2026, 3, 27), "21 CFR 312.32(d)", rules.VERSION
    )  # fmt: skip
    assert followup.follows == initial and followup.ind == active
    assert (followup.serious, followup.unexpected) == (True, True)


def test_it_reads_the_day_of_receipt_in_the_sponsors_zone(specialist: User, active: Ind) -> None:
    initial = _sent(specialist, _report(specialist, active))
    # 03:00 UTC on 13 March is still 12 March in New York.
    late = datetime(2026, 3, 13, 3, 0, tzinfo=UTC)
    followup = actions.record_followup(specialist, initial, description="x", received_at=late)
    assert Obligation.objects.get(safety_report=followup).day0 == date(2026, 3, 12)


def test_a_follow_up_of_a_follow_up_follows_the_initial_report(
    specialist: User, active: Ind
) -> None:
    initial = _sent(specialist, _report(specialist, active))
    first = actions.record_followup(
        specialist, initial, description="one", received_at=RECEIVED + timedelta(days=5)
    )
    second = actions.record_followup(
        specialist, first, description="two", received_at=RECEIVED + timedelta(days=9)
    )
    assert second.follows == initial
    assert Obligation.objects.get(safety_report=second).day0 == date(2026, 3, 11)


def test_new_information_on_an_unsent_report_belongs_in_that_report(
    specialist: User, active: Ind
) -> None:
    initial = _report(specialist, active)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        actions.record_followup(
            specialist, initial, description="x", received_at=RECEIVED + timedelta(days=2)
        )
    assert refused.value.message_dict["follows"] == [
        "The IND safety report on this event is not submitted yet (due 2026-03-18): "
        "include the new information in it."
    ]
    assert _stored() == before


def test_an_event_found_reportable_later_gets_its_15_days_from_that_day(
    specialist: User, active: Ind
) -> None:
    expected = _report(specialist, active, unexpected=False)
    assert not Obligation.objects.filter(safety_report=expected).exists()
    found = datetime(2026, 4, 1, 16, 0, tzinfo=UTC)
    followup = actions.record_followup(
        specialist, expected, description="Class review: unexpected after all",
        received_at=found - timedelta(days=2), reportable_at=found,
    )  # fmt: skip
    clock = Obligation.objects.get(safety_report=followup)
    assert (clock.rule, clock.day0, clock.due, clock.citation) == (
        "IND-13", date(2026, 4, 1), date(2026, 4, 16), "21 CFR 312.32(d)"
    )  # fmt: skip
    assert followup.is_susar


def test_once_its_late_report_is_sent_more_information_is_an_ind_12_follow_up(
    specialist: User, active: Ind
) -> None:
    expected = _report(specialist, active, unexpected=False)
    found = datetime(2026, 4, 1, 16, 0, tzinfo=UTC)
    late = actions.record_followup(
        specialist, expected, description="x", received_at=found, reportable_at=found
    )
    actions.mark_met(specialist, Obligation.objects.get(safety_report=late), on=date(2026, 4, 9))
    assert Submission.objects.filter(ind=active, kind="safety_report").count() == 1
    more = actions.record_followup(
        specialist, expected, description="y", received_at=found + timedelta(days=20)
    )
    assert Obligation.objects.get(safety_report=more).rule == "IND-12"


def test_information_that_leaves_an_event_unreportable_starts_no_clock(
    specialist: User, active: Ind
) -> None:
    expected = _report(specialist, active, unexpected=False)
    followup = actions.record_followup(
        specialist, expected, description="Resolved", received_at=RECEIVED + timedelta(days=3)
    )
    assert SafetyReport.objects.get(pk=followup.pk).follows == expected
    assert not Obligation.objects.filter(safety_report=followup).exists()


@pytest.mark.parametrize(
    ("unexpected", "received_days", "reportable_days", "field", "message"),
    [
        (True, 5, 5, "reportable_at", "already an IND safety report"),
        (False, 5, 4, "reportable_at", "found reportable before the information came"),
        (False, -1, None, "received_at", "cannot arrive before the report it follows"),
    ],
)
def test_bad_dates_are_refused_on_their_field_and_nothing_is_saved(
    specialist: User,
    active: Ind,
    unexpected: bool,
    received_days: int,
    reportable_days: int | None,
    field: str,
    message: str,
) -> None:
    initial = _sent(specialist, _report(specialist, active, unexpected=True))
    if not unexpected:
        initial = _report(specialist, active, unexpected=False)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        actions.record_followup(
            specialist, initial, description="x",
            received_at=RECEIVED + timedelta(days=received_days),
            reportable_at=None if reportable_days is None
            else RECEIVED + timedelta(days=reportable_days),
        )  # fmt: skip
    assert message in " ".join(refused.value.message_dict[field])
    assert _stored() == before


def test_a_naive_timestamp_is_refused(specialist: User, active: Ind) -> None:
    initial = _sent(specialist, _report(specialist, active))
    with pytest.raises(ValidationError, match="time zone"):
        actions.record_followup(
            specialist, initial, description="x", received_at=datetime(2026, 3, 12, 9, 0)
        )


def test_no_follow_up_is_taken_in_on_a_withdrawn_ind(specialist: User, active: Ind) -> None:
    initial = _sent(specialist, _report(specialist, active))
    actions.withdraw(specialist, active, on=date(2026, 3, 20))
    with pytest.raises(ValidationError, match="Cannot record follow-up safety information"):
        actions.record_followup(
            specialist, initial, description="x", received_at=RECEIVED + timedelta(days=20)
        )


def test_met_follow_up_logs_an_ind_safety_report_submission(specialist: User, active: Ind) -> None:
    initial = _sent(specialist, _report(specialist, active))
    followup = actions.record_followup(
        specialist, initial, description="x", received_at=RECEIVED + timedelta(days=10)
    )
    actions.mark_met(
        specialist, Obligation.objects.get(safety_report=followup), on=date(2026, 3, 20)
    )
    last = Submission.objects.filter(ind=active).order_by("serial").last()
    assert last is not None and (last.kind, last.note[:6]) == ("safety_report", "IND-12")
