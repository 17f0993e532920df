"""The unit's standing capacities: admissions, scanner slots, the nurse load each shift's
roster carries and the highest skill level on it, paid overtime, the days of the week with
dosing cover, and how long the planner may think. Coordinators change them; a change that
fixed stays no longer fit is refused (see changes)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from translink.tcrc.actions import require_coordinator
from translink.tcrc.changes import Change, Outcome, change_unit
from translink.tcrc.models import MOST_SKILL, SKILL_LEVELS, Unit
from translink.tcrc.solver.usage import NO_COVER_AFTER, NO_DOSING, SKILL

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
    "skill_weekday_day": "Skill level, weekday day shift",
    "skill_weekday_evening": "Skill level, weekday evening shift",
    "skill_weekday_night": "Skill level, weekday night shift",
    "skill_weekend_day": "Skill level, weekend day shift",
    "skill_weekend_evening": "Skill level, weekend evening shift",
    "skill_weekend_night": "Skill level, weekend night shift",
    "nurse_overtime": "Paid overtime a shift",
    "plan_seconds": "Planner time limit (seconds)",
}


MOST = 10_000  # far above any unit's day, far below what the database refuses
DOSING = "dosing_weekdays"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LABELS = {**CAPACITIES, DOSING: "Dosing days"}


def _field_for(resource: str, working: bool, changed: dict[str, Any]) -> str | None:
    """The changed capacity that bounds ``resource`` on a working day or not."""
    kind = "weekday" if working else "weekend"
    if resource in (NO_DOSING, NO_COVER_AFTER):
        return DOSING if DOSING in changed else None
    if resource == "admissions":
        candidates: tuple[str, ...] = (f"admissions_{kind}",)
    elif resource == "scanner":
        candidates = ("scanner_slots_weekday",)
    elif resource.startswith("nurses ("):
        shift = resource.removeprefix("nurses (").removesuffix(" shift)")
        candidates = (f"nurses_{kind}_{shift}", "nurse_overtime")
    elif resource.startswith(f"{SKILL} ("):
        shift = resource.removeprefix(f"{SKILL} (").removesuffix(" shift)")
        candidates = (f"skill_{kind}_{shift}",)
    else:
        candidates = ()
    return next((name for name in candidates if name in changed), None)


def update_capacities(
    actor: Any, unit: Unit, values: dict[str, Any], *, today: date | None = None
) -> Outcome:
    """Set the given capacities; refused by field when out of range or when a booked
    study or a cohort in the unit would no longer fit."""
    require_coordinator(actor)
    _check(values)
    if DOSING in values:
        values = {**values, DOSING: sorted(set(values[DOSING]))}

    def apply(locked: Unit) -> tuple[None, Change | None]:
        changed = {name: value for name, value in values.items() if getattr(locked, name) != value}
        if not changed:
            return None, None
        old = {name: getattr(locked, name) for name in changed}
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.full_clean(exclude=[f.name for f in Unit._meta.fields if f.name not in changed])
        locked.save(update_fields=list(changed))
        return None, Change(
            action="tcrc.unit_changed",
            summary="Unit changed: " + ", ".join(LABELS[name].lower() for name in changed),
            old=old,
            new=changed,
            field=next(iter(changed)),
            pointer="Fixed stays need more than this (see above).",
            fields_by_resource=lambda resource, working: _field_for(resource, working, changed),
        )

    _, outcome = change_unit(actor, unit, today or timezone.localdate(), apply)
    unit.refresh_from_db()
    return outcome


def _check(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name, value in values.items():
        if name == DOSING:
            if not isinstance(value, list) or any(
                isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in value
            ):
                errors[name] = "Give days of the week as numbers, Monday 0 to Sunday 6."
            elif not value:
                errors[name] = "Choose at least one day with dosing cover."
        elif name not in CAPACITIES:
            errors[name] = "Not a capacity of the unit."
        elif isinstance(value, bool) or not isinstance(value, int):
            errors[name] = "Give a whole number."
        elif name.startswith("skill_"):
            if not 0 <= value <= MOST_SKILL:
                errors[name] = f"Give a skill level from 0 to {MOST_SKILL}: {skill_scale()}."
        elif not 0 <= value <= MOST:
            errors[name] = f"Give a whole number from 0 to {MOST:,}."
        elif name == "plan_seconds" and value < 1:
            errors[name] = "Give the planner at least 1 second."
    if errors:
        raise ValidationError(errors)


def skill_scale() -> str:
    """The skill levels in words: "0 no particular skill, 1 registered nurse, ..."."""
    return ", ".join(f"{level} {words}" for level, words in SKILL_LEVELS.items())
