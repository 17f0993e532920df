"""Open obligations as an iCalendar (RFC 5545) feed: one all-day VEVENT per obligation."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from translink.regulatory.models import Obligation


def _escape(text: str) -> str:
    """TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
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


def calendar(obligations: Iterable[Obligation], *, host: str, now: datetime) -> str:
    """The feed: each obligation on its due day, with its rule, citation and IND."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Translink//Regulatory obligations//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:Translink regulatory obligations",
    ]
    for item in obligations:
        summary = f"{item.rule} {item.title} ({item.ind})"
        detail = f"{item.citation}. Rule table {item.version}. Day 0 {item.day0:%Y-%m-%d}."
        if item.submit_by is not None:
            detail += f" Submit by {item.submit_by:%Y-%m-%d}."
        lines += [
            "BEGIN:VEVENT",
            f"UID:obligation-{item.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{item.due:%Y%m%d}",
            f"DTEND;VALUE=DATE:{item.due + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(detail)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
