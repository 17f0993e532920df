"""Closing the unit's days (holidays, closures) and opening them again.

A coordinator closes a run of days ahead: a holiday stops dosing and admissions, a closure
empties the unit. Days that booked studies or cohorts in the unit now depend on are
refused, naming the cohort, the rule and the day, and nothing is saved. Cohorts of
requested studies that the last plan put on those days are moved by a re-plan, queued
at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from translink.audit.actions import record
from translink.tcrc.actions import require_coordinator
from translink.tcrc.changes import Change, change_unit
from translink.tcrc.models import Closure, Cohort, PlanRun, Unit

MOST_DAYS = 366  # one request closes at most a year
MOST_AHEAD = 3 * 365  # and no further ahead than three years


@dataclass(frozen=True)
class Closing:
    """What closing days did: the closures saved, the planned cohorts that must move, and
    the re-plan queued to move them (None when nothing had to move)."""

    closures: list[Closure]
    moved: list[Cohort]
    run: PlanRun | None


def close_days(
    actor: Any,
    unit: Unit,
    first: date,
    last: date | None,
    kind: str,
    reason: str = "",
    *,
    today: date | None = None,
) -> Closing:
    """Close ``first`` to ``last`` (inclusive; ``first`` alone without it). A day already
    closed takes the new kind and reason."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    last = last or first
    _check_request(first, last, kind, reason, today)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]

    span = f"{first:%Y-%m-%d}" + ("" if last == first else f" to {last:%Y-%m-%d}")
    change = Change(
        action="tcrc.days_closed",
        summary=f"Days closed: {span}",
        new={"first": str(first), "last": str(last), "kind": kind, "reason": reason},
        field="first",
        pointer="Fixed stays use these days (see above).",
    )

    def apply(locked: Unit) -> tuple[list[Closure], Change]:
        Closure.objects.filter(unit=locked, day__in=days).delete()
        made = Closure.objects.bulk_create(
            [Closure(unit=locked, day=day, kind=kind, reason=reason.strip()) for day in days]
        )
        return made, change

    closures, outcome = change_unit(actor, unit, today, apply)
    return Closing(closures, outcome.moved, outcome.run)


def reopen_day(actor: Any, closure: Closure, *, today: date | None = None) -> None:
    """Open a closed day again; days already past stay as they were. Opening never breaks
    a plan (the unit only gains room), so nothing is re-planned until asked."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    if closure.day < today:
        raise ValidationError({"day": f"{closure.day:%Y-%m-%d} has passed: it stays as it was."})
    with transaction.atomic():
        record(
            "tcrc.day_reopened",
            actor=actor,
            obj=closure.unit,
            old={"day": str(closure.day), "kind": closure.kind, "reason": closure.reason},
        )
        closure.delete()


def reopen_run(actor: Any, closure: Closure, *, today: date | None = None) -> list[date]:
    """Open again the days of ``closure``'s run (see :func:`upcoming_runs`)."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    if closure.day < today:
        raise ValidationError({"day": f"{closure.day:%Y-%m-%d} has passed: it stays as it was."})
    run = next((r for r in upcoming_runs(closure.unit, today) if closure in r.closures), None)
    if run is None:  # opened meanwhile by someone else
        raise ValidationError({"day": f"{closure.day:%Y-%m-%d} is open already."})
    with transaction.atomic():
        for member in run.closures:
            reopen_day(actor, member, today=today)
    return [member.day for member in run.closures]


@dataclass(frozen=True)
class Run:
    """Consecutive closed days of one kind and reason, shown as one line."""

    closures: list[Closure]

    @property
    def first(self) -> date:
        return self.closures[0].day

    @property
    def last(self) -> date:
        return self.closures[-1].day

    @property
    def kind(self) -> str:
        return self.closures[0].get_kind_display()

    @property
    def reason(self) -> str:
        return self.closures[0].reason


def upcoming_runs(unit: Unit, today: date) -> list[Run]:
    """The unit's closed days from today on; consecutive days of one kind and reason make
    one run."""
    runs: list[list[Closure]] = []
    for closure in unit.closures.filter(day__gte=today).order_by("day"):
        previous = runs[-1][-1] if runs else None
        if (
            previous is not None
            and closure.day == previous.day + timedelta(days=1)
            and (closure.kind, closure.reason) == (previous.kind, previous.reason)
        ):
            runs[-1].append(closure)
        else:
            runs.append([closure])
    return [Run(closures) for closures in runs]


def _check_request(first: date, last: date, kind: str, reason: str, today: date) -> None:
    errors: dict[str, str] = {}
    if first < today:
        errors["first"] = f"Close days from today ({today:%Y-%m-%d}) on: the past stays as it was."
    if last < first:
        errors["last"] = "The last day comes before the first."
    elif (last - first).days >= MOST_DAYS:
        errors["last"] = f"Close at most {MOST_DAYS} days at once."
    elif last > (until := today + timedelta(days=MOST_AHEAD)):
        errors["last"] = f"Close days up to three years ahead, until {until:%Y-%m-%d}."
    if kind not in Closure.Kind.values:
        errors["kind"] = f"Choose one of: {', '.join(Closure.Kind.values)}."
    if len(reason) > Closure._meta.get_field("reason").max_length:  # type: ignore[operator]
        errors["reason"] = "At most 200 characters."
    if errors:
        raise ValidationError(errors)
