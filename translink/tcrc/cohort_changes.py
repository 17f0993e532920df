"""Refining a requested study's cohort before it is booked: its size, stay, scans, safety
gaps, earliest and target days and priority. The planner weighs lateness against the
target and leaves out low priorities first, so these are what a coordinator tunes; every
change re-plans the unit at once. Booked studies and cohorts in the unit keep their days:
they change through a safety-review outcome.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from translink.audit.actions import record, snapshot
from translink.tcrc import instances
from translink.tcrc.actions import request_plan, require_coordinator
from translink.tcrc.models import Cohort, PlanRun, Study

EDITABLE = (
    "participants",
    "sentinels",
    "sentinel_gap_days",
    "standby",
    "nights",
    "scan_days",
    "telemetry",
    "high_risk",
    "review_gap_days",
    "earliest",
    "target",
    "priority",
)
WHY_FIXED = {
    Study.Status.BOOKED: "The study is booked: its days are fixed. Record a safety-review "
    "outcome to change its cohorts.",
    Study.Status.STOPPED: "The study is stopped.",
    Study.Status.COMPLETED: "The study is completed.",
}


def why_fixed(cohort: Cohort, today: date) -> str:
    """Why the cohort cannot be changed now, or "" when it can."""
    if cohort.study.status in WHY_FIXED:
        return WHY_FIXED[Study.Status(cohort.study.status)]
    if cohort.status == Cohort.Status.CANCELLED:
        return "The cohort is cancelled."
    if cohort.dose_day is not None and instances.in_the_unit(cohort, today):
        return "The cohort is in the unit: its days are fixed."
    if cohort.dose_day is not None and (cohort.discharge_day() or today) < today:
        return "The cohort has been and gone."
    return ""


def change_cohort(
    actor: Any, cohort: Cohort, values: dict[str, Any], *, today: date | None = None
) -> PlanRun | None:
    """Set the given fields; re-plan the unit when anything changed."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    unknown = sorted(set(values) - set(EDITABLE))
    if unknown:
        raise ValidationError({unknown[0]: "Not something a cohort's request sets."})
    with transaction.atomic():
        locked = Cohort.objects.select_for_update().select_related("study").get(pk=cohort.pk)
        fixed = why_fixed(locked, today)
        if fixed:
            raise ValidationError({"__all__": fixed})
        changed = [
            name for name in EDITABLE if name in values and getattr(locked, name) != values[name]
        ]
        if not changed:
            return None
        old = snapshot(locked, changed)
        for name in changed:
            setattr(locked, name, values[name])
        _check(locked, old, today)
        if "nights" in changed:
            locked.load = resized_load(locked.load, locked.nights)
            changed.append("load")
        locked.full_clean()
        locked.save(update_fields=changed)
        record(
            "tcrc.cohort_changed", actor=actor, obj=locked, old=old, new=snapshot(locked, changed)
        )
        label = f"{locked.study.protocol_number} {locked.label}"
        return request_plan(actor, locked.study.unit, reason=f"{label} changed", today=today)


def resized_load(load: list[list[int]], nights: int) -> list[list[int]]:
    """One participant's load per stay day for ``nights`` nights: the stay's days as they
    were, the last of them repeated when the stay grows, then the discharge day's."""
    stay, discharge = load[:-1], load[-1]
    if len(stay) >= nights:
        return [*stay[:nights], discharge]
    return [*stay, *[stay[-1]] * (nights - len(stay)), discharge]


def _check(cohort: Cohort, old: dict[str, Any], today: date) -> None:
    errors: dict[str, str] = {}
    if cohort.sentinels > cohort.participants:
        errors["sentinels"] = "Sentinels are among the participants: at most the cohort's size."
    if "earliest" in old and cohort.earliest < today:
        errors["earliest"] = "The earliest day cannot move into the past."
    if cohort.target is not None and cohort.target < cohort.earliest:
        errors["target"] = "The target comes on or after the earliest day."
    days = cohort.scan_days
    if not isinstance(days, list) or any(
        isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 60 for d in days
    ):
        errors["scan_days"] = "Scan days are whole study days from 0 to 60 after dosing."
    if errors:
        raise ValidationError(errors)
