"""Capacity quotes: when could a new study run, and if it cannot, what stands in the way.

The unit's booked cohorts stay where they are (their ``fixed_day``). The new study's
cohorts are tried in order: for each candidate first dosing day, every later cohort takes
its earliest fitting day after its predecessor's lag; the first candidate for which the
whole study fits gives the earliest start, and its last discharge the finish. When no start
fits, the answer lists the resources that overflow and on which days: beds, beds with some
equipment, admissions, the scanner, nurses per shift. It never names another study.

Nurse load is held to the shifts' staffing. Where the unit pays overtime, the quote also
says how much earlier the study could start with it (``overtime_start``), as booking could
then place it: the sponsor sees both dates and the price of the earlier one is the unit's
call.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from translink.tcrc.solver.instance import (
    Cohort,
    Instance,
    Precedence,
    allowed_days,
    blocks,
    check_instance,
)
from translink.tcrc.solver.usage import Usage


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


def quote(instance: Instance, study: Sequence[Cohort], lags: Sequence[Precedence] = ()) -> Quote:
    """Quote ``study`` (cohorts in dosing order, chained by ``lags``) on the booked unit."""
    started = time.perf_counter()
    check_instance(
        Instance(instance.unit, (*instance.cohorts, *study), (*instance.precedences, *lags))
    )
    answer = _quote(instance, study, lags, overtime=False)
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
    for first in fitting[study[0].key] if study else []:
        days = _chain(booked, study, lags, fitting, first)
        if days is not None:
            finish = max(days[c.key] + b.admit_offset + b.nights for c in study for b in blocks(c))
            return Quote(True, first, finish, days)
    return Quote(False, blocked=_what_blocks(booked, instance, study))


def _chain(
    booked: Usage,
    study: Sequence[Cohort],
    lags: Sequence[Precedence],
    fitting: dict[str, list[int]],
    first: int,
) -> dict[str, int] | None:
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
            return None
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
        blocked["the horizon"] = {instance.unit.days - 1}
    return {resource: sorted(days) for resource, days in sorted(blocked.items())}
