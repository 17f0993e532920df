from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.core.exceptions import ValidationError

from translink.accounts.models import User
from translink.regulatory import actions
from translink.regulatory.models import Ind, Obligation, SafetyReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(specialist: User, ind: Ind) -> Ind:
    actions.submit(specialist, ind, sent_on=date(2026, 1, 2))
    actions.record_fda_receipt(specialist, ind, received=date(2026, 1, 5))
    return actions.make_effective(specialist, ind, on=date(2026, 2, 4))


def _report(actor: User, ind: Ind, **overrides: object) -> SafetyReport:
    fields: dict[str, object] = {
        "description": "Grade 4 hepatotoxicity",
        "received_at": datetime(2026, 3, 2, 14, 0, tzinfo=UTC),
        "qualified_at": datetime(2026, 3, 4, 14, 0, tzinfo=UTC),
        "serious": True,
        "unexpected": True,
        **overrides,
    }
    return actions.record_safety_report(actor, ind, **fields)  # type: ignore[arg-type]


def test_it_starts_the_15_day_clock_at_qualification(specialist: User, active: Ind) -> None:
    report = _report(specialist, active)
    clocks = Obligation.objects.filter(safety_report=report)
    assert [(o.rule, o.day0, o.due) for o in clocks] == [
        ("IND-10", date(2026, 3, 4), date(2026, 3, 19))
    ]


def test_a_fatal_susar_also_gets_the_7_day_clock_from_receipt(
    specialist: User, active: Ind
) -> None:
    report = _report(specialist, active, fatal_or_life_threatening=True)
    clocks = {o.rule: (o.day0, o.due) for o in Obligation.objects.filter(safety_report=report)}
    assert clocks == {
        "IND-11": (date(2026, 3, 2), date(2026, 3, 9)),
        "IND-10": (date(2026, 3, 4), date(2026, 3, 19)),
    }


def test_it_reads_the_day_in_the_sponsors_zone(specialist: User, active: Ind) -> None:
    # 02:30 UTC on 3 March is still 2 March in New York.
    late = datetime(2026, 3, 3, 2, 30, tzinfo=UTC)
    report = _report(specialist, active, received_at=late, qualified_at=late)
    assert Obligation.objects.get(safety_report=report).day0 == date(2026, 3, 2)


def test_it_stores_the_timestamps_as_given(specialist: User, active: Ind) -> None:
    eastern = timezone(timedelta(hours=-5))
    received = datetime(2026, 3, 2, 9, 15, tzinfo=eastern)
    report = _report(specialist, active, received_at=received, qualified_at=received)
    stored = SafetyReport.objects.get(pk=report.pk)
    assert stored.received_at == received
    assert stored.received_at.astimezone(UTC).hour == 14


def test_a_report_that_is_not_a_susar_starts_no_clock(specialist: User, active: Ind) -> None:
    report = _report(specialist, active, unexpected=False)
    assert not Obligation.objects.filter(safety_report=report).exists()


def test_a_report_cannot_qualify_before_it_was_received(specialist: User, active: Ind) -> None:
    with pytest.raises(ValidationError, match="qualify before"):
        _report(specialist, active, qualified_at=datetime(2026, 3, 1, tzinfo=UTC))
    assert not SafetyReport.objects.exists()


def test_a_naive_timestamp_is_refused(specialist: User, active: Ind) -> None:
    with pytest.raises(ValidationError, match="time zone"):
        _report(specialist, active, received_at=datetime(2026, 3, 2, 14, 0))
