"""Computed deadlines: one per clock an event starts, each with its rule, citation, version."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from translink.regulatory.rules.clocks import Clock, Kind, Rule
from translink.regulatory.rules.events import Event
from translink.regulatory.rules.holidays import last_business_day_on_or_before
from translink.regulatory.rules.table import ALL_ROWS, VERSION, clocks_on


@dataclass(frozen=True)
class Deadline:
    """One obligation or effect date.

    ``due`` is day 0 plus the rule's calendar days, never moved off a weekend or holiday.
    ``submit_by`` is the last FDA business day at or before ``due``, for dates met by a
    submission (``None`` otherwise). ``opens`` is the first day an early submission counts,
    where the rule has such a window. ``warn_from`` is the first day of warnings.
    """

    rule: str
    clock: str
    title: str
    kind: Kind
    day0: date
    due: date
    submit_by: date | None
    opens: date | None
    warn_from: date
    wording: str
    citation: str
    version: str
    verify: str | None


def deadline(
    row: Rule, clock: Clock, day0: date, closures: Collection[date] = frozenset()
) -> Deadline:
    """The date ``clock`` of ``row`` yields when its day 0 is ``day0``.

    ``closures`` are FDA closures no calendar can know (a shutdown, a day of mourning); they
    only ever move ``submit_by`` earlier.
    """
    due = clock.offset.apply(day0)
    submit_by = last_business_day_on_or_before(due, closures) if clock.kind.is_submission else None
    opens = None if clock.opens_before is None else day0 - timedelta(days=clock.opens_before)
    return Deadline(
        rule=row.id,
        clock=clock.name,
        title=clock.label,
        kind=clock.kind,
        day0=day0,
        due=due,
        submit_by=submit_by,
        opens=opens,
        warn_from=due - timedelta(days=clock.lead_days),
        wording=clock.wording,
        citation=row.citation,
        version=VERSION,
        verify=row.verify,
    )


def deadlines_for(
    event: Event,
    closures: Collection[date] = frozenset(),
    rows: tuple[Rule, ...] = ALL_ROWS,
) -> tuple[Deadline, ...]:
    """Every deadline ``event`` creates under ``rows``, earliest first."""
    found = [
        deadline(row, clock, day0, closures)
        for basis, day0 in event.day0s().items()
        for row, clock in clocks_on(basis, rows)
        if event.applies(row)
    ]
    return tuple(sorted(found, key=lambda d: (d.due, d.rule, d.clock, d.citation)))
