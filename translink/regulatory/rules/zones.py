"""Which calendar day a timestamp belongs to, and which day FDA counts as its receipt date.

Timestamps are stored in UTC with the time zone in which a clock's day is judged: the
sponsor's site for sponsor clocks, US Eastern for FDA receipt. The day is read in that zone
and all counting is then done on dates, so a daylight-saving change never moves a date.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from translink.regulatory.rules.holidays import first_business_day_on_or_after

FDA_ZONE = ZoneInfo("America/New_York")

# FDA's guidance "Providing Regulatory Submissions in Electronic Format - Receipt Dates"
# (final, February 2014; Federal Register 2014-02654) dates a gateway submission on a day
# FDA is open by its Official Center Acknowledgement, and one arriving on a weekend, a
# federal holiday or another closed day on the next day FDA is open; reports due within
# calendar days keep the acknowledgement's date. No business-hours cut-off: published
# summaries of the guidance read it as any time before midnight Eastern (FDA Law Blog,
# 12 February 2014: "make your submissions before midnight"; Duane Morris, 14 February
# 2014). Checked against those summaries, not the guidance's own text, which is not on
# this machine. A time here (e.g. 16:30) would move later arrivals to the next business day.
RECEIPT_CUTOFF: time | None = None


def _require_aware(at: datetime) -> None:
    """Refuse a naive timestamp: its calendar day would depend on the server's zone."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"timestamp {at.isoformat()} has no time zone; store it in UTC")


def clock_day(at: datetime, zone: str | ZoneInfo) -> date:
    """The calendar date of the instant ``at`` in ``zone``; refuses a naive timestamp."""
    _require_aware(at)
    return at.astimezone(zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)).date()


def fda_receipt_day(
    acknowledged_at: datetime,
    *,
    calendar_day_report: bool = False,
    cutoff: time | None = RECEIPT_CUTOFF,
    closures: Collection[date] = frozenset(),
) -> date:
    """The receipt date FDA assigns to a gateway submission acknowledged at ``acknowledged_at``.

    A submission that arrives on a weekend, a holiday or after ``cutoff`` (Eastern) is dated
    to the next FDA business day. Reports due within a number of calendar days (safety
    reports) keep the acknowledgement's own date, weekend or not.
    """
    _require_aware(acknowledged_at)
    local = acknowledged_at.astimezone(FDA_ZONE)
    if calendar_day_report:
        return local.date()
    day = local.date()
    if cutoff is not None and local.time() > cutoff:
        day += timedelta(days=1)
    return first_business_day_on_or_after(day, closures)
