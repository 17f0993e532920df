"""The unit's standing capacities: admissions, scanner slots, the nurse load each shift's
roster carries, paid overtime, and how long the planner may think. Coordinators change
them; a change that fixed stays no longer fit is refused (see changes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from translink.tcrc.actions import require_coordinator
from translink.tcrc.changes import Change, Outcome, change_unit
from translink.tcrc.models import Unit

# Each capacity a coordinator sets, with the words the page and the audit trail use.
CAPACITIES = {
    "admissions_weekday": "Admissions a weekday",
    "admissions_weekend": "Admissions a weekend day",
    "scanner_slots_weekday": "Scanner slots a weekday",
    "nurses_weekday_day": "Nurse load, weekday day shift",
    "nurses_weekday_evening": "Nurse load, weekday evening shift",
    "nurses_weekday_night": "Nurse load, weekday night shift",
    "nurses_weekend_day": "Nurse load, weekend day shift",
    "nurses_weekend_evening": "Nurse load, weekend evening shift",
    "nurses_weekend_night": "Nurse load, weekend night shift",
    "nurse_overtime": "Paid overtime a shift",
    "plan_seconds": "Planner time limit (seconds)",
}


def _fields_for(resource: str) -> tuple[str, ...]:
    """The capacities that bound ``resource``, as usage names it."""
    if resource == "admissions":
        return ("admissions_weekday", "admissions_weekend")
    if resource == "scanner":
        return ("scanner_slots_weekday",)
    if resource.startswith("nurses ("):
        shift = resource.removeprefix("nurses (").removesuffix(" shift)")
        return (f"nurses_weekday_{shift}", f"nurses_weekend_{shift}", "nurse_overtime")
    return ()


def update_capacities(
    actor: Any, unit: Unit, values: dict[str, int], *, today: date | None = None
) -> Outcome:
    """Set the given capacities; refused by field when out of range or when a booked
    study or a cohort in the unit would no longer fit."""
    require_coordinator(actor)
    unknown = sorted(set(values) - set(CAPACITIES))
    if unknown:
        raise ValidationError({unknown[0]: "Not a capacity of the unit."})
    if values.get("plan_seconds", 1) < 1:
        raise ValidationError({"plan_seconds": "Give the planner at least 1 second."})
    changed = {name: value for name, value in values.items() if getattr(unit, name) != value}
    if not changed:
        return Outcome([], None)

    def apply(locked: Unit) -> None:
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=[f.name for f in Unit._meta.fields if f.name not in changed])
        locked.save(update_fields=list(changed))

    def field_for(resource: str) -> str | None:
        return next((name for name in _fields_for(resource) if name in changed), None)

    change = Change(
        action="tcrc.unit_changed",
        summary="Unit changed: " + ", ".join(CAPACITIES[name].lower() for name in changed),
        old={name: getattr(unit, name) for name in changed},
        new=changed,
        field=next(iter(changed)),
        pointer="Fixed stays need more than this (see above).",
        fields_by_resource=field_for,
    )
    _, outcome = change_unit(actor, unit, today or timezone.localdate(), apply, change)
    unit.refresh_from_db()
    return outcome
