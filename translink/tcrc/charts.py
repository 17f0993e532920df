"""The unit's pictures, drawn on the server as SVG: beds by day (a Gantt chart), nurse load
per shift against staffing, scanner use and occupancy. Geometry only; templates draw it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from translink.tcrc import instances
from translink.tcrc.models import Bed, BedOutage, Stay, Unit
from translink.tcrc.solver.instance import SHIFTS
from translink.tcrc.solver.usage import Usage

DAY = 6  # pixels per day
ROW = 18  # pixels per bed
LEFT = 56  # room for the bed labels
TOP = 22  # room for the month labels
PALETTE = ("#2f6f9f", "#b5562f", "#3f8f5f", "#8a5aa8", "#a8862a", "#2a8a8a", "#a83a5a", "#5a6aa8")
BUSY = "#9aa3ad"


@dataclass
class Bar:
    x: int
    y: int
    width: int
    label: str
    title: str
    colour: str


@dataclass
class Gantt:
    width: int
    height: int
    rows: list[tuple[int, str]] = field(default_factory=list)  # (y, bed label)
    bars: list[Bar] = field(default_factory=list)
    months: list[tuple[int, str]] = field(default_factory=list)
    weekends: list[int] = field(default_factory=list)
    closures: list[tuple[int, str]] = field(default_factory=list)  # x, why
    outages: list[Bar] = field(default_factory=list)  # a bed's nights out of service
    today: int | None = None


def gantt(
    beds: list[Bed],
    stays: list[Stay],
    shown: set[int],
    start: date,
    days: int,
    today: date,
    closures: dict[date, str] | None = None,
    by_cohort: bool = False,
    outages: list[BedOutage] | None = None,
    reasons: bool = False,
) -> Gantt:
    """Beds down, days across. Stays of cohorts in ``shown`` carry their study and cohort;
    the others are anonymous busy blocks, with nothing that names them. ``by_cohort`` (one
    study's page): each cohort its own colour, labelled by the cohort alone. ``outages``
    hatch a bed's nights out of service, with their reason when ``reasons``."""
    picture = Gantt(width=LEFT + days * DAY + 4, height=TOP + len(beds) * ROW + 4)
    colour_of = colours(stays, shown)
    cohort_colour = cohort_colours(stays, shown)
    row_of = {bed.pk: n for n, bed in enumerate(beds)}
    picture.rows = [(TOP + n * ROW, bed.code) for n, bed in enumerate(beds)]
    picture.months, picture.weekends = calendar_marks(start, days, LEFT, DAY)
    for n in range(days):
        day = start + timedelta(days=n)
        if closures and day in closures:
            picture.closures.append((LEFT + n * DAY, f"{day:%d %b}: {closures[day]}"))
    for outage in outages or []:
        first = max((outage.first_night - start).days, 0)
        last = min((outage.last_night - start).days + 1, days)
        if outage.bed_id not in row_of or last <= first:
            continue
        title = (
            f"{outage.bed.code} out of service, "
            f"{outage.first_night:%d %b} to {outage.last_night:%d %b}"
        )
        if reasons and outage.reason:
            title += f": {outage.reason}"
        y = TOP + row_of[outage.bed_id] * ROW
        picture.outages.append(Bar(LEFT + first * DAY, y, (last - first) * DAY, "", title, ""))
    if 0 <= (today - start).days < days:
        picture.today = LEFT + (today - start).days * DAY
    for stay in stays:
        offset = (stay.first_night - start).days
        if stay.bed_id not in row_of or offset + stay.nights <= 0 or offset >= days:
            continue
        first, last = max(offset, 0), min(offset + stay.nights, days)
        x, y, width = LEFT + first * DAY, TOP + row_of[stay.bed_id] * ROW, (last - first) * DAY
        if stay.cohort_id in shown:
            cohort = stay.cohort
            label = f"{cohort.study.protocol_number} {cohort.label}"
            when = f"{stay.first_night:%d %b} for {stay.nights} night(s)"
            title = f"{label} · {stay.participant} · {when}"
            colour = colour_of[cohort.study_id]
            if by_cohort:
                label, colour = cohort.label, cohort_colour[stay.cohort_id]
            fits = label[: max(0, (width - 4) // 6)]
            picture.bars.append(Bar(x, y, width, fits if len(fits) >= 4 else "", title, colour))
        else:
            picture.bars.append(Bar(x, y, width, "", "Booked", BUSY))
    return picture


def calendar_marks(
    start: date, days: int, left: int, width: int
) -> tuple[list[tuple[int, str]], list[int]]:
    """Where each month's label goes (the first month too, unless it is nearly over) and
    the x of each weekend day, for ``days`` days of ``width`` pixels from ``left``."""
    months, weekends = [], []
    for n in range(days):
        day = start + timedelta(days=n)
        if day.day == 1 or (n == 0 and day.day < 22):
            months.append((left + n * width, f"{day:%b %Y}"))
        if day.weekday() >= 5:
            weekends.append(left + n * width)
    return months, weekends


@dataclass
class Series:
    """One resource per day: what is used and what the unit has, as bar geometry."""

    name: str
    width: int
    height: int
    bars: list[tuple[int, int, int, bool]] = field(default_factory=list)  # x, y, height, over
    capacity: str = ""  # an SVG path of the capacity line
    overtime: str = ""  # the same with paid overtime on top, where the unit allows it
    peak: int = 0


def unit_series(unit: Unit, today: date) -> tuple[date, int, list[Series]]:
    """Nurse load per shift, scanner use and beds occupied, per day of the plan's horizon
    from today: its first day, how many days, and the pictures."""
    built = instances.build(unit, today)
    usage = Usage(built.instance)
    for key, cohort in built.cohorts.items():
        if cohort.dose_day is not None:
            usage.add(built.instance.cohort(key), built.day(cohort.dose_day))
    plan_unit = built.instance.unit
    # From today: the days before (someone in the unit came in earlier) hold only what
    # happened, with no capacity to draw against.
    first = max(0, built.day(today))
    days = range(first, plan_unit.days)
    series = [
        _series(
            f"Nurse load, {name} shift",
            [usage.nurses.get((d, shift), 0) for d in days],
            [plan_unit.nurse_capacity[d][shift] for d in days],
            plan_unit.nurse_overtime,
        )
        for shift, name in enumerate(SHIFTS)
    ]
    series.append(
        _series(
            "Scanner slots",
            [usage.scans.get(d, 0) for d in days],
            [plan_unit.scanner[d] for d in days],
        )
    )
    beds = [plan_unit.beds_on(frozenset(), d) for d in days]
    series.append(
        _series("Beds occupied", [usage.beds.get((frozenset(), d), 0) for d in days], beds)
    )
    # Equipped beds run out before the unit does: each kind gets its own picture.
    for equipment in sorted(
        {c.equipment for c in built.instance.cohorts if c.equipment}, key=sorted
    ):
        series.append(
            _series(
                "Beds with " + ", ".join(sorted(equipment)) + " occupied",
                [usage.beds.get((equipment, d), 0) for d in days],
                [plan_unit.beds_on(equipment, d) for d in days],
            )
        )
    return built.date(first), len(days), series


def _series(name: str, used: list[int], capacity: list[int], overtime: int = 0) -> Series:
    height = 70
    top = max([*used, *(c + overtime for c in capacity), 1])
    scale = height / top
    picture = Series(name, LEFT + len(used) * DAY + 4, height + 4, peak=max(used, default=0))
    for n, value in enumerate(used):
        if value:
            bar = round(value * scale)
            picture.bars.append((LEFT + n * DAY, height - bar + 2, bar, value > capacity[n]))
    picture.capacity = _steps(capacity, scale, height)
    if overtime:
        picture.overtime = _steps([c + overtime for c in capacity], scale, height)
    return picture


def _steps(values: list[int], scale: float, height: int) -> str:
    """A step line through one value a day, as an SVG path."""
    steps: list[str] = []
    for n, value in enumerate(values):
        y = height - round(value * scale) + 2
        steps.append(f"{'M' if n == 0 else 'L'}{LEFT + n * DAY},{y} L{LEFT + (n + 1) * DAY},{y}")
    return " ".join(steps)


def colours(stays: list[Stay], shown: set[int]) -> dict[int, str]:
    """A colour per study shown, by its place among the studies shown (in the order they
    were created): no two share a colour until the palette runs out."""
    studies = sorted({stay.cohort.study_id for stay in stays if stay.cohort_id in shown})
    return {study: PALETTE[n % len(PALETTE)] for n, study in enumerate(studies)}


def cohort_colours(stays: list[Stay], shown: set[int]) -> dict[int, str]:
    """A colour per cohort shown, in the order the cohorts were created."""
    cohorts = sorted({stay.cohort_id for stay in stays if stay.cohort_id in shown})
    return {cohort: PALETTE[n % len(PALETTE)] for n, cohort in enumerate(cohorts)}


def legend(stays: list[Stay], shown: set[int]) -> list[dict[str, Any]]:
    """Each shown study once, with its colour."""
    colour_of = colours(stays, shown)
    seen: dict[int, dict[str, Any]] = {}
    for stay in stays:
        if stay.cohort_id in shown and stay.cohort.study_id not in seen:
            study = stay.cohort.study
            seen[study.pk] = {"name": study.protocol_number, "colour": colour_of[study.pk]}
    return list(seen.values())


def cohort_legend(stays: list[Stay], shown: set[int]) -> list[dict[str, Any]]:
    """Each shown cohort once, with its colour, in sequence."""
    colour_of = cohort_colours(stays, shown)
    seen = {stay.cohort_id: stay.cohort for stay in stays if stay.cohort_id in shown}
    return [
        {"name": cohort.label, "colour": colour_of[pk]}
        for pk, cohort in sorted(seen.items(), key=lambda item: item[1].sequence)
    ]


def study_gantt(stays: list[Stay], today: date) -> tuple[Gantt, list[dict[str, Any]]] | None:
    """One study's stays on the beds they use, from the first night to the last discharge,
    a colour per cohort; None without stays."""
    if not stays:
        return None
    beds = sorted({stay.bed for stay in stays}, key=lambda bed: bed.code)
    start = min(stay.first_night for stay in stays) - timedelta(days=1)
    end = max(stay.first_night + timedelta(days=stay.nights) for stay in stays)
    days = (end - start).days + 2
    shown = {stay.cohort_id for stay in stays}
    picture = gantt(beds, stays, shown, start, days, today, by_cohort=True)
    return picture, cohort_legend(stays, shown)


QUOTE_DAY = 5  # pixels per day on the quote's picture, so half a year fits the page
QUOTE_LEFT = 150  # room for the resource names
QUOTE_ROW = 16


@dataclass
class QuoteChart:
    """A quote as a picture: the study's stays on top, then a row per resource that stands
    in the way, red on the days it overflows. Dates and resources only; nobody's study."""

    width: int
    height: int
    rows: list[tuple[int, str]] = field(default_factory=list)  # (y, label)
    stays: list[tuple[int, int, int, str]] = field(default_factory=list)  # x, y, width, title
    marks: list[tuple[int, int, str]] = field(default_factory=list)  # x, y, title
    months: list[tuple[int, str]] = field(default_factory=list)
    weekends: list[int] = field(default_factory=list)


def quote_chart(
    stays: list[tuple[date, date]], blocked: dict[str, list[date]], start: date, days: int
) -> QuoteChart:
    """``stays``: each cohort placed, admission to discharge; ``blocked``: each resource and
    the days it overflows. ``start`` is the plan's first day, ``days`` its length."""
    rows = (["This study"] if stays else []) + [name[:1].upper() + name[1:] for name in blocked]
    picture = QuoteChart(
        width=QUOTE_LEFT + days * QUOTE_DAY + 4, height=TOP + len(rows) * QUOTE_ROW + 4
    )
    picture.rows = [(TOP + n * QUOTE_ROW, label) for n, label in enumerate(rows)]
    picture.months, picture.weekends = calendar_marks(start, days, QUOTE_LEFT, QUOTE_DAY)
    for number, (admitted, discharged) in enumerate(stays, start=1):
        first = max((admitted - start).days, 0)
        last = min((discharged - start).days, days)
        if last > first:
            picture.stays.append(
                (
                    QUOTE_LEFT + first * QUOTE_DAY,
                    TOP + 2,
                    (last - first) * QUOTE_DAY,
                    f"Cohort {number}: admitted {admitted:%d %b}, leaves {discharged:%d %b}",
                )
            )
    offset = 1 if stays else 0
    for row, (name, overflowing) in enumerate(blocked.items(), start=offset):
        for day in overflowing:
            n = (day - start).days
            if 0 <= n < days:
                picture.marks.append(
                    (
                        QUOTE_LEFT + n * QUOTE_DAY,
                        TOP + row * QUOTE_ROW + 2,
                        f"{name[:1].upper() + name[1:]} full on {day:%a %d %b}",
                    )
                )
    return picture
