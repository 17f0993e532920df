"""Day 0 is read in the zone that judges the clock, and the count is done on dates, so a
daylight-saving change never moves a date."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from translink.regulatory.rules import Susar, deadlines_for
from translink.regulatory.rules.zones import clock_day

NEW_YORK = "America/New_York"


def _dues(event: Susar) -> dict[str, str]:
    return {d.rule: d.due.isoformat() for d in deadlines_for(event)}


def test_it_reads_day_0_in_the_sponsors_zone_and_counts_across_the_spring_change() -> None:
    # 23:30 on Thursday 5 March in New York is already Friday in UTC; US clocks go forward on
    # Sunday 8 March. Counting 7 x 24 hours from the local time would land on the 13th.
    late_thursday = datetime(2026, 3, 6, 4, 30, tzinfo=UTC)
    event = Susar.from_timestamps(late_thursday, late_thursday, NEW_YORK, fatal=True)
    assert event.received == date(2026, 3, 5)
    assert _dues(event) == {"IND-11": "2026-03-12", "IND-10": "2026-03-20"}


def test_it_reads_day_0_on_both_sides_of_the_autumn_change() -> None:
    before = datetime(2026, 11, 1, 3, 30, tzinfo=UTC)  # 23:30 EDT, Saturday 31 October
    after = datetime(2026, 11, 2, 4, 30, tzinfo=UTC)  # 23:30 EST, Sunday 1 November
    assert clock_day(before, NEW_YORK).isoformat() == "2026-10-31"
    assert clock_day(after, NEW_YORK).isoformat() == "2026-11-01"
    event = Susar.from_timestamps(before, after, NEW_YORK, fatal=True)
    assert _dues(event) == {"IND-11": "2026-11-07", "IND-10": "2026-11-16"}


def test_it_gives_the_same_instant_another_day_0_in_another_sponsor_zone() -> None:
    instant = datetime(2026, 3, 6, 4, 30, tzinfo=UTC)
    assert clock_day(instant, "Europe/Berlin").isoformat() == "2026-03-06"
    assert clock_day(instant, "America/Los_Angeles").isoformat() == "2026-03-05"


def test_it_refuses_a_timestamp_without_a_zone() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        clock_day(datetime(2026, 3, 6, 4, 30), NEW_YORK)
