"""Capacity quotes: when could a new study run, and if it cannot, what stands in the way.

The unit's booked cohorts stay where they are (their ``fixed_day``). The new study's
cohorts are tried in order: for each candidate first dosing day, every later cohort takes
its earliest fitting day after its predecessor's lag; the first candidate for which the
whole study fits gives the earliest start, and its last discharge the finish. When no start
fits, the answer lists the resources that overflow and on which days: beds, beds with some
equipment, admissions, the scanner, nurses per shift. Two things come before that list,
since they are what a sponsor acts on: the limits a cohort breaks even in an empty unit
(fifteen admissions on a day the unit admits ten: no date will ever do, the study must
change), and the longest run of the study's first cohorts that does fit, with its dates.
It never names another study.

Nurse load is held to the shifts' staffing. Where the unit pays overtime, the quote also
says how much earlier the study could start with it (``overtime_start``), as booking could
then place it: the sponsor sees both dates and the price of the earlier one is the unit's
call.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from translink.tcrc.solver.instance import (
    Cohort,
    Instance,
    Precedence,
    Unit,
    allowed_days,
    blocks,
    check_instance,
)
from translink.tcrc.solver.usage import SKILL, Usage, dosing_blockers

SPAN = "days ahead"  # a limit: the study needs more days than the plan looks ahead
DOSING_DAYS = "dosing days"  # a limit: its cohorts cannot all land on days the unit doses
HORIZON = "the horizon"  # what blocks a study when no single resource does


@dataclass(frozen=True)
class Limit:
    """A cohort needs more of one resource on one day than the unit ever has, booked or not
    (nurse overtime counted where the unit pays it)."""

    resource: str
    needed: int
    available: int


@dataclass
class Quote:
    """The earliest start and finish of the study, or what blocks it."""

    fits: bool
    start: int | None = None  # the first cohort's dosing day
    finish: int | None = None  # the last discharge day
    days: dict[str, int] = field(default_factory=dict)
    blocked: dict[str, list[int]] = field(default_factory=dict)  # resource -> days it overflows
    seconds: float = 0.0
    # With paid nurse overtime, when that starts the study earlier (or fits it at all).
    overtime_start: int | None = None
    overtime_finish: int | None = None
    # When it does not fit: what no date can cure, and the first cohorts that do fit.
    limits: list[Limit] = field(default_factory=list)
    partial: dict[str, int] = field(default_factory=dict)  # cohort -> dosing day
    partial_finish: int | None = None
    # Each cohort placed (all when it fits, the first ones otherwise): admission, discharge.
    stays: dict[str, tuple[int, int]] = field(default_factory=dict)


def quote(instance: Instance, study: Sequence[Cohort], lags: Sequence[Precedence] = ()) -> Quote:
    """Quote ``study`` (cohorts in dosing order, chained by ``lags``) on the booked unit."""
    started = time.perf_counter()
    check_instance(
        Instance(instance.unit, (*instance.cohorts, *study), (*instance.precedences, *lags))
    )
    answer = _quote(instance, study, lags, overtime=False)
    if not answer.fits:
        answer.limits = limits(instance, study, lags)
    if instance.unit.nurse_overtime > 0:
        paid = _quote(instance, study, lags, overtime=True)
        earlier = paid.start is not None and (answer.start is None or paid.start < answer.start)
        if earlier:
            answer.overtime_start, answer.overtime_finish = paid.start, paid.finish
    answer.seconds = time.perf_counter() - started
    return answer


def _quote(
    instance: Instance, study: Sequence[Cohort], lags: Sequence[Precedence], *, overtime: bool
) -> Quote:
    booked = Usage(instance, overtime)
    for cohort in instance.cohorts:
        if cohort.fixed_day is not None:
            booked.add(cohort, cohort.fixed_day)
    fitting = {
        c.key: [d for d in allowed_days(instance.unit, c) if not booked.blockers(c, d)]
        for c in study
    }
    longest: dict[str, int] = {}
    for first in fitting[study[0].key] if study else []:
        days = _chain(booked, study, lags, fitting, first)
        if len(days) == len(study):
            return Quote(True, first, _finish(study, days), days, stays=_stays(study, days))
        if len(days) > len(longest):
            longest = days
    answer = Quote(False, blocked=_what_blocks(booked, instance, study), partial=longest)
    if longest:
        answer.partial_finish = _finish(study, longest)
        answer.stays = _stays(study, longest)
    return answer


def _stays(study: Sequence[Cohort], days: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Each cohort placed on ``days``: its first admission and its last discharge day."""
    return {
        c.key: (
            days[c.key] + min(b.admit_offset for b in blocks(c)),
            days[c.key] + max(b.admit_offset + b.nights for b in blocks(c)),
        )
        for c in study
        if c.key in days
    }


def _finish(study: Sequence[Cohort], days: dict[str, int]) -> int:
    """The last discharge day of the cohorts placed on ``days``."""
    return max(discharged for _, discharged in _stays(study, days).values())


def limits(
    instance: Instance, study: Sequence[Cohort], lags: Sequence[Precedence] = ()
) -> list[Limit]:
    """What a cohort of ``study`` needs beyond the unit's capacity on every day it could be
    dosed, with nothing else booked: no date can cure these. When each cohort fits alone but
    the chain does not fit the empty unit before the plan's horizon, the limit is the
    horizon: ``SPAN`` when the lags alone need more days than the plan has, else
    ``DOSING_DAYS`` (the unit's weekends and holidays push the chain past its end). Empty
    when the study fits the empty unit."""
    unit = instance.unit
    empty = Usage(Instance(unit, ()), overtime=unit.nurse_overtime > 0)
    found: dict[str, Limit] = {}
    for cohort in study:
        days = allowed_days(unit, cohort)
        if not days:
            for limit in _skill_limits(unit, cohort):
                found.setdefault(limit.resource, limit)
            continue
        overflows = [empty.blockers(cohort, d) for d in days]
        if not all(overflows):
            continue
        named = [{b.resource for b in found_on} for found_on in overflows]
        # One resource overflowing on every day says it all; otherwise each that does on some.
        for resource in sorted(set.intersection(*named) or set.union(*named)):
            mine = [b for found_on in overflows for b in found_on if b.resource == resource]
            # The unit's best day for it, and the most the cohort asks on such a day.
            best = max(mine, key=lambda b: (b.available, b.needed))
            limit = Limit(resource, best.needed, best.available)
            found.setdefault(resource, limit)
    if not found and study and not _fits_empty(instance, study, lags):
        # The last discharge falls on the plan's last day at the latest.
        ahead = unit.days - 1 - _first_admission(unit, study[0])
        span = _span(study, lags)
        # The lags alone may already be too long; if not, the days the unit doses are.
        found[SPAN if span > ahead else DOSING_DAYS] = Limit(
            SPAN if span > ahead else DOSING_DAYS, span, ahead
        )
    return list(found.values())


def _skill_limits(unit: Unit, cohort: Cohort) -> list[Limit]:
    """When no day is open to the cohort only because no roster has the skill it needs:
    each shift short of it, with the most the unit rosters there on those days."""
    plain = replace(cohort, skill=0, shift_skill=())
    short: dict[str, Limit] = {}
    for d in allowed_days(unit, plain):
        for blocker in dosing_blockers(unit, cohort, d):
            if blocker.resource.startswith(SKILL):
                best = short.get(blocker.resource)
                if best is None or blocker.available > best.available:
                    short[blocker.resource] = Limit(
                        blocker.resource, blocker.needed, blocker.available
                    )
    return list(short.values())


def _fits_empty(instance: Instance, study: Sequence[Cohort], lags: Sequence[Precedence]) -> bool:
    unit = instance.unit
    empty = Instance(unit, ())
    return _quote(empty, study, lags, overtime=unit.nurse_overtime > 0).fits


def _span(study: Sequence[Cohort], lags: Sequence[Precedence]) -> int:
    """The fewest days from the first admission to the last discharge, the lags alone."""
    first = min(b.admit_offset for b in blocks(study[0]))
    last = max(b.admit_offset + b.nights for b in blocks(study[-1]))
    return sum(rule.lag for rule in lags) + last - first


def _first_admission(unit: Unit, cohort: Cohort) -> int:
    days = allowed_days(unit, cohort)
    return (days[0] if days else unit.days) + min(b.admit_offset for b in blocks(cohort))


def _chain(
    booked: Usage,
    study: Sequence[Cohort],
    lags: Sequence[Precedence],
    fitting: dict[str, list[int]],
    first: int,
) -> dict[str, int]:
    """The study's cohorts placed in turn from ``first``, each on its earliest fitting day;
    it stops at the first cohort that finds none (so the result is a prefix of the study)."""
    usage = Usage(booked.instance, booked.overtime)
    for key, value in booked.beds.items():
        usage.beds[key] = value
    usage.admissions.update(booked.admissions)
    usage.scans.update(booked.scans)
    usage.nurses.update(booked.nurses)
    days: dict[str, int] = {}
    for cohort in study:
        floor = (
            first
            if not days
            else max(days[r.before] + r.lag for r in lags if r.after == cohort.key)
        )
        day = next(
            (d for d in fitting[cohort.key] if d >= floor and not usage.blockers(cohort, d)), None
        )
        if day is None:
            break
        usage.add(cohort, day)
        days[cohort.key] = day
    return days


def _what_blocks(
    booked: Usage, instance: Instance, study: Sequence[Cohort]
) -> dict[str, list[int]]:
    blocked: dict[str, set[int]] = defaultdict(set)
    for cohort in study:
        for d in allowed_days(instance.unit, cohort):
            for blocker in booked.blockers(cohort, d):
                blocked[blocker.resource].add(blocker.day)
    if not blocked and study:
        blocked[HORIZON] = {instance.unit.days - 1}
    return {resource: sorted(days) for resource, days in sorted(blocked.items())}
