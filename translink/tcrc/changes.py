"""Changing what the unit can do (its closed days, beds, staffing) without breaking its plan.

A change is made under the unit's lock, and the saved plan is checked against the unit
before and after it. A rule the change newly breaks for a cohort whose days are fixed (a
booked study, a cohort in the unit now) refuses the change, naming the cohort, the rule
and the day, and nothing is saved. Cohorts of requested studies it newly breaks are moved
by a re-plan, queued at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from translink.audit.actions import record
from translink.tcrc import instances
from translink.tcrc.actions import request_plan, require_coordinator
from translink.tcrc.models import Cohort, PlanRun, Unit
from translink.tcrc.solver.usage import (
    NO_COVER_AFTER,
    NO_DOSING,
    SKILL,
    Blocker,
    placement_blockers,
)

SHOWN_COHORTS = 3
T = TypeVar("T")


@dataclass(frozen=True)
class Outcome:
    """Planned cohorts the change put out of place, and the re-plan queued to move them
    (None when nothing had to move)."""

    moved: list[Cohort]
    run: PlanRun | None


@dataclass(frozen=True)
class Change:
    """What a change is called in the audit trail and in the re-plan's reason, and where a
    refusal is reported: ``fields_by_resource`` names the field for a resource on a
    working day or not (weekday or weekend capacities), falling back to ``field``."""

    action: str
    summary: str
    new: dict[str, Any]
    field: str
    pointer: str  # what the field itself says when refused; the detail is above the form
    old: dict[str, Any] | None = None
    replan: bool = False  # re-plan even when no cohort must move (participants change beds)
    fields_by_resource: Callable[[str, bool], str | None] = lambda resource, working: None


def change_unit(
    actor: Any, unit: Unit, today: date, apply: Callable[[Unit], tuple[T, Change | None]]
) -> tuple[T, Outcome]:
    """Run ``apply`` on the locked unit, which says what it changed (None for nothing);
    then refuse, or audit and re-plan, as the plan says."""
    require_coordinator(actor)
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        before = _broken(locked, today)
        result, change = apply(locked)
        if change is None:
            return result, Outcome([], None)
        after = _broken(locked, today)
        new = [broken for broken in after.items if broken.worse_than(before.shortfalls)]
        fixed = [broken for broken in new if broken.fixed]
        if fixed:  # leaving the block by an exception rolls the change back
            raise _refusal(fixed, after.built, change)
        record(change.action, actor=actor, obj=locked, old=change.old, new=change.new)
        moved = list(dict.fromkeys(after.built.cohorts[broken.cohort] for broken in new))
        run = None
        if moved or change.replan or solving(locked):
            run = request_plan(actor, locked, reason=change.summary, today=today)
    return result, Outcome(moved, run)


def solving(unit: Unit) -> bool:
    """Whether a plan run is queued or solving: one that started before a change will find
    the unit changed and save nothing, so a new run must take its place."""
    return PlanRun.objects.filter(
        unit=unit, state__in=(PlanRun.State.QUEUED, PlanRun.State.RUNNING)
    ).exists()


@dataclass(frozen=True)
class _Broken:
    """One rule the plan breaks: which cohort, whether its days are fixed, the blocker."""

    cohort: str
    fixed: bool
    blocker: Blocker

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.cohort, self.blocker.resource, self.blocker.day)

    @property
    def shortfall(self) -> int:
        return self.blocker.needed - self.blocker.available

    def worse_than(self, before: dict[tuple[str, str, int], int]) -> bool:
        """Whether the change broke this rule, or made an existing breach worse."""
        return self.shortfall > before.get(self.key, 0)


@dataclass(frozen=True)
class _Check:
    built: instances.UnitInstance
    items: list[_Broken]

    @property
    def shortfalls(self) -> dict[tuple[str, str, int], int]:
        return {broken.key: broken.shortfall for broken in self.items}


def _broken(unit: Unit, today: date) -> _Check:
    """What the saved plan breaks as the unit now stands: for cohorts that must stay where
    they are (booked, or in the unit) and for the others the plan placed."""
    built = instances.build(unit, today)
    days = {}
    for spec in built.instance.cohorts:
        day = spec.fixed_day if spec.fixed_day is not None else spec.previous_day
        if day is not None:
            days[spec.key] = day
    fixed = {spec.key for spec in built.instance.cohorts if spec.fixed_day is not None}
    items = [
        _Broken(key, key in fixed, blocker)
        for key, blocker in placement_blockers(built.instance, days)
    ]
    return _Check(built, items)


def _refusal(
    fixed: list[_Broken], built: instances.UnitInstance, change: Change
) -> ValidationError:
    """The rules broken, cohort by cohort, for the top of the form; a pointer to it on the
    field that causes them."""
    by_cohort: dict[str, dict[str, list[Blocker]]] = {}
    for broken in fixed:
        resources = by_cohort.setdefault(broken.cohort, {})
        resources.setdefault(broken.blocker.resource, []).append(broken.blocker)
    lines = []
    for key, resources in list(by_cohort.items())[:SHOWN_COHORTS]:
        needs = "; ".join(_need(resource, found, built) for resource, found in resources.items())
        lines.append(f"{built.cohorts[key]}: {needs}.")
    more = len(by_cohort) - SHOWN_COHORTS
    if more > 0:
        lines.append(f"And {more} more cohort{'s' if more != 1 else ''}.")
    text = (
        "Booked studies or cohorts in the unit depend on this, and their days are fixed. "
        + " ".join(lines)
        + " Change those studies first, or change the unit less."
    )
    first = next(iter(fixed))
    working = first.blocker.day in built.roster  # staffed as a weekday
    field = change.fields_by_resource(first.blocker.resource, working) or change.field
    return ValidationError({field: change.pointer, NON_FIELD_ERRORS: text})


def _need(resource: str, found: list[Blocker], built: instances.UnitInstance) -> str:
    """One resource a cohort needs, on which days, and how short the unit would fall."""
    days = _ranges(sorted({built.date(blocker.day) for blocker in found}))
    if resource == NO_DOSING:
        return f"dosed on {days}"
    if resource == NO_COVER_AFTER:
        return f"dosed at high risk the day before {days}, which needs cover"
    if resource.startswith(SKILL):  # levels, not amounts: the most needed, the least had
        needed, had = max(b.needed for b in found), min(b.available for b in found)
        return f"{resource} level {needed} on {days} ({had} rostered)"
    available = min(blocker.available for blocker in found)
    if not available:
        return f"{resource} on {days}"
    needed = max(blocker.needed for blocker in found)
    return (
        f"{resource} on {days} (up to {needed} with the others fixed there, {available} available)"
    )


def _ranges(days: list[date]) -> str:
    """Dates as runs: 2026-12-01 to 2026-12-03, 2026-12-07."""
    runs: list[list[date]] = []
    for day in days:
        if runs and (day - runs[-1][-1]).days == 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        f"{run[0]:%Y-%m-%d}" + (f" to {run[-1]:%Y-%m-%d}" if len(run) > 1 else "") for run in runs
    )
