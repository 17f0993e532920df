"""Refining a requested study's cohort before it is booked: its size, stay, nurse load and
nurse skill needed per stay day, scans, safety gaps, earliest, latest and target days and
priority. The planner weighs lateness against the target and leaves out low priorities
first, so these are what a coordinator tunes; every change re-plans the unit at once.
Booked studies and cohorts in the unit keep their days: they change through a
safety-review outcome.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from translink.audit.actions import record, snapshot
from translink.tcrc import instances
from translink.tcrc.actions import request_plan, require_coordinator
from translink.tcrc.models import MOST_SKILL, Cohort, PlanRun, Study

EDITABLE = (
    "participants",
    "sentinels",
    "sentinel_gap_days",
    "standby",
    "nights",
    "load",
    "shift_skill",
    "scan_days",
    "telemetry",
    "high_risk",
    "review_gap_days",
    "earliest",
    "latest",
    "target",
    "priority",
)
# What moves the cohort's days (and, through its stay and review gap, the next cohorts'):
# a change to any of these un-plans them until the re-plan places them again, so no one
# books the old days meanwhile. Target and priority leave the old days valid, and so does
# a latest day on or after the planned one.
SCHEDULING = frozenset(EDITABLE) - {"target", "priority", "latest"}
# Upper limits the model leaves open; each keeps dates within reach of the calendar.
MOST = {"sentinels": 18, "sentinel_gap_days": 14, "standby": 18, "review_gap_days": 365}
MOST_LOAD = 50  # one participant's nurse load on one shift
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
        for follower in ("load", "shift_skill"):
            if "nights" in changed and follower in values and follower not in changed:
                changed.append(follower)  # given with new nights, it must fit them as given
        old = snapshot(locked, changed)
        for name in changed:
            setattr(locked, name, values[name])
        _check(locked, old, today)
        locked.scan_days = sorted(set(locked.scan_days))
        if "nights" in changed and "load" not in changed:
            locked.load = resized_load(locked.load, locked.nights)
            changed.append("load")
        if "nights" in changed and "shift_skill" not in changed and locked.shift_skill:
            locked.shift_skill = resized_skill(locked.shift_skill, locked.nights)
            changed.append("shift_skill")
        locked.full_clean()
        locked.save(update_fields=changed)
        record(
            "tcrc.cohort_changed", actor=actor, obj=locked, old=old, new=snapshot(locked, changed)
        )
        if SCHEDULING & set(changed) or ("latest" in changed and _after_window(locked)):
            _unplan(locked, today)
        label = f"{locked.study.protocol_number} {locked.label}"
        return request_plan(actor, locked.study.unit, reason=f"{label} changed", today=today)


def resized_load(load: list[list[int]], nights: int) -> list[list[int]]:
    """One participant's load (or skill needed) per stay day for ``nights`` nights: the
    stay's days as they were, the last of them repeated when the stay grows, then the
    discharge day's."""
    stay, discharge = load[:-1], load[-1]
    if len(stay) >= nights:
        return [*stay[:nights], discharge]
    return [*stay, *[stay[-1]] * (nights - len(stay)), discharge]


def load_problem(load: Any, nights: int) -> str:
    """What is wrong with a load for a stay of ``nights`` nights, or "" when nothing is:
    one [day, evening, night] entry per stay day from admission, then discharge day's."""
    return _per_stay_day_problem(load, nights, "load", "whole numbers", MOST_LOAD, "")


def _per_stay_day_problem(
    values: Any, nights: int, noun: str, numbers: str, most: int, otherwise: str
) -> str:
    """What is wrong with one [day, evening, night] entry of ``numbers`` from 0 to ``most``
    per stay day (then discharge day's), or ""."""
    if not isinstance(values, list) or len(values) != nights + 1:
        given = len(values) if isinstance(values, list) else 0
        return (
            f"Give a day/evening/night {noun} for each of the {nights} stay day(s) and the "
            f"discharge day: {nights + 1} in all, not {given}{otherwise}."
        )
    for day, shifts in enumerate(values, start=1):
        if (
            not isinstance(shifts, list)
            or len(shifts) != 3
            or any(
                isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= most for v in shifts
            )
        ):
            return (
                f"Stay day {day}: three {numbers} from 0 to {most}, for the day, evening and "
                "night shifts."
            )
    return ""


def resized_skill(levels: list[list[int]], nights: int) -> list[list[int]]:
    """The skill needed per stay day for ``nights`` nights, day by day from admission as it
    was (needs follow the dose, not the discharge): nothing needed on added days. A shorter
    stay that would drop a need, or leave one on the new discharge day's evening or night,
    is refused before it gets here (``_dropped_need``)."""
    if len(levels) >= nights + 1:
        return levels[: nights + 1]
    return [*levels, *[[0, 0, 0]] * (nights + 1 - len(levels))]


def _dropped_need(levels: list[list[int]], nights: int) -> bool:
    """Whether a stay of ``nights`` nights would lose a need of ``levels``."""
    kept = levels[: nights + 1]
    return any(any(day) for day in levels[nights + 1 :]) or (
        len(kept) == nights + 1 and any(kept[-1][1:])
    )


def shift_skill_problem(levels: Any, nights: int) -> str:
    """What is wrong with the skill levels a cohort needs over a stay of ``nights``
    nights, or "" when nothing is: none at all, or one [day, evening, night] entry per stay
    day from admission, then discharge day's (its day shift only), like the load."""
    if levels == []:
        return ""
    problem = _per_stay_day_problem(
        levels, nights, "skill level", "skill levels", MOST_SKILL, "; or leave it empty"
    )
    if not problem and any(levels[-1][1:]):
        return (
            f"Stay day {len(levels)} is discharge day: participants leave on its day shift, "
            "so give 0 for its evening and night."
        )
    return problem


def _after_window(cohort: Cohort) -> bool:
    """Whether the cohort's planned first dosing falls after its latest day."""
    return (
        cohort.latest is not None
        and cohort.dose_day is not None
        and cohort.dose_day > cohort.latest
    )


def _unplan(cohort: Cohort, today: date) -> None:
    """Clear the planned days and beds of this cohort and the study's later ones (those not
    yet in the unit): their old days may no longer hold."""
    later = Cohort.objects.filter(
        study_id=cohort.study_id, sequence__gte=cohort.sequence, status=Cohort.Status.PLANNED
    ).exclude(dose_day=None)
    for each in later.select_related("study"):
        if why_fixed(each, today):
            continue
        each.stays.all().delete()
        each.dose_day = None
        each.save(update_fields=["dose_day"])


def _check(cohort: Cohort, old: dict[str, Any], today: date) -> None:
    errors: dict[str, str] = {}
    for name, most in MOST.items():
        if getattr(cohort, name) > most:
            errors[name] = f"At most {most}."
    horizon = cohort.study.unit.horizon_days
    if "earliest" in old and cohort.earliest > (last := today + timedelta(days=horizon - 14)):
        errors["earliest"] = f"The unit plans {horizon} days ahead: start by {last:%Y-%m-%d}."
    if cohort.target is not None and cohort.target > (last := today + timedelta(days=horizon)):
        errors["target"] = f"The unit plans {horizon} days ahead: aim by {last:%Y-%m-%d}."
    if cohort.sentinels > cohort.participants:
        errors["sentinels"] = "Sentinels are among the participants: at most the cohort's size."
    if "earliest" in old and cohort.earliest < today:
        errors["earliest"] = "The earliest day cannot move into the past."
    if cohort.target is not None and cohort.target < cohort.earliest:
        errors["target"] = "The target comes on or after the earliest day."
    if cohort.latest is not None and cohort.latest < cohort.earliest:
        # On the field the person changed: the window's end, or its start moved past it.
        field = "latest" if "latest" in old or "earliest" not in old else "earliest"
        errors[field] = "The latest day comes on or after the earliest day."
    elif "latest" in old and cohort.latest is not None and cohort.latest < today:
        errors["latest"] = "The latest day cannot be in the past."
    if "load" in old and (problem := load_problem(cohort.load, cohort.nights)):
        errors["load"] = problem
    if "shift_skill" in old and (problem := shift_skill_problem(cohort.shift_skill, cohort.nights)):
        errors["shift_skill"] = problem
    elif (
        "nights" in old
        and "shift_skill" not in old
        and _dropped_need(cohort.shift_skill, cohort.nights)
    ):
        errors["shift_skill"] = (
            f"A stay of {cohort.nights} night(s) would drop skill needed on later stay days "
            "or the new discharge day's evening or night: give the skill needed per stay day "
            "for the new nights too."
        )
    days = cohort.scan_days
    if not isinstance(days, list) or any(
        isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 60 for d in days
    ):
        errors["scan_days"] = "Scan days are whole study days from 0 to 60 after dosing."
    if errors:
        raise ValidationError(errors)
