"""iCalendar feeds: escaping, folding at 75 octets without splitting a character, CRLF."""

from __future__ import annotations

from datetime import UTC, date, datetime

from translink.lib.icalendar import DayEvent, escape, feed, fold


def test_it_escapes_the_characters_rfc_5545_reserves() -> None:
    assert escape("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"


def test_long_lines_fold_at_75_octets_and_never_split_a_character() -> None:
    line = "SUMMARY:" + "é" * 60
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line


def test_a_feed_has_one_event_per_item_spanning_its_days() -> None:
    body = feed(
        "Unit",
        [DayEvent("x@t", date(2027, 1, 4), "Stay", days=3)],
        now=datetime(2027, 1, 1, tzinfo=UTC),
    )
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270104\r\n" in body and "DTEND;VALUE=DATE:20270107\r\n" in body
