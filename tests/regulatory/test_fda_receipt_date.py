"""T-REG-05: the IND's 30 days run from FDA's acknowledged receipt date, not the day we sent
it; a gateway arrival on a weekend or holiday is received on the next business day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from translink.regulatory.rules import IndReceipt, deadlines_for
from translink.regulatory.rules.zones import fda_receipt_day


def test_it_starts_the_30_days_at_fdas_receipt_date_not_at_the_sent_date() -> None:
    event = IndReceipt(fda_received=date(2026, 1, 12), sent=date(2026, 1, 9))
    in_effect = next(d for d in deadlines_for(event) if d.rule == "IND-01")
    assert in_effect.day0 == date(2026, 1, 12)
    assert in_effect.due == date(2026, 2, 11)  # from the sent date it would be 8 February


def test_it_refuses_a_receipt_before_the_sending() -> None:
    with pytest.raises(ValueError, match="cannot receive"):
        IndReceipt(fda_received=date(2026, 1, 9), sent=date(2026, 1, 12))


@pytest.mark.parametrize(
    ("acknowledged_at", "received"),
    [
        (datetime(2026, 1, 10, 20, 0, tzinfo=UTC), date(2026, 1, 12)),  # Saturday -> Monday
        (datetime(2026, 1, 17, 4, 30, tzinfo=UTC), date(2026, 1, 16)),  # 23:30 Friday Eastern
        (datetime(2026, 1, 19, 15, 0, tzinfo=UTC), date(2026, 1, 20)),  # MLK Day -> Tuesday
        (datetime(2026, 7, 3, 15, 0, tzinfo=UTC), date(2026, 7, 6)),  # observed 4 July -> Monday
        (datetime(2033, 1, 20, 15, 0, tzinfo=UTC), date(2033, 1, 21)),  # Inauguration Day
    ],
)
def test_it_dates_a_gateway_submission_to_fdas_next_business_day(
    acknowledged_at: datetime, received: date
) -> None:
    assert fda_receipt_day(acknowledged_at) == received


def test_it_keeps_the_acknowledgement_date_of_a_calendar_day_report_on_a_weekend() -> None:
    saturday = datetime(2026, 1, 10, 20, 0, tzinfo=UTC)
    assert fda_receipt_day(saturday, calendar_day_report=True) == date(2026, 1, 10)


def test_it_moves_an_arrival_after_a_cutoff_to_the_next_business_day() -> None:
    friday_evening = datetime(2026, 1, 16, 22, 0, tzinfo=UTC)  # 17:00 Eastern
    assert fda_receipt_day(friday_evening) == date(2026, 1, 16)
    assert fda_receipt_day(friday_evening, cutoff=time(16, 30)) == date(2026, 1, 20)


def test_it_refuses_an_acknowledgement_without_a_zone() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        fda_receipt_day(datetime(2026, 1, 16, 12, 0))
