"""iCalendar (RFC 5545) feeds of all-day events: escaping, line folding, the envelope."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class DayEvent:
    """One all-day event."""

    uid: str
    day: date
    summary: str
    description: str = ""
    days: int = 1


def escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (3.1)."""
    data = line.encode()
    parts: list[bytes] = []
    while len(data) > 75:
        cut = 75 if not parts else 74
        while (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
    parts.append(data)
    return "\r\n ".join(part.decode() for part in parts)


def feed(name: str, events: Iterable[DayEvent], *, now: datetime, product: str = "") -> str:
    """The whole calendar, CRLF line ends, each event from its day for ``days`` days."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Translink//{escape(product or name)}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape(name)}",
    ]
    for event in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.day + timedelta(days=event.days):%Y%m%d}",
            f"SUMMARY:{escape(event.summary)}",
        ]
        if event.description:
            lines.append(f"DESCRIPTION:{escape(event.description)}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
