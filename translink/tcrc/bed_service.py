"""Taking a bed out of service for some nights (a repair, its monitor being serviced) and
putting it back.

Like closing days, taking a bed out is checked against the plan under the unit's lock: if
booked studies or cohorts in the unit now would no longer have enough beds (or beds with
the equipment they need) on those nights, it is refused, naming the cohorts and the
nights, and nothing is saved. Requested studies that no longer fit are moved by a re-plan
queued at once; so are participants the plan put in that bed on those nights, who get
other beds.
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
from translink.tcrc.models import Bed, BedOutage, Cohort, PlanRun, Stay, Unit

MOST_NIGHTS = 366  # one outage lasts at most a year
MOST_AHEAD = 3 * 365  # and ends no further ahead than three years


@dataclass(frozen=True)
class TakenOut:
    """The outage saved; the planned cohorts that no longer fit, how many planned stays
    were in the bed on those nights, and the re-plan queued for them (None when nothing
    had to move)."""

    outage: BedOutage
    moved: list[Cohort]
    displaced: int
    run: PlanRun | None


def take_out(
    actor: Any,
    unit: Unit,
    bed: Bed | str,
    first: date,
    last: date | None = None,
    reason: str = "",
    *,
    today: date | None = None,
) -> TakenOut:
    """Take ``bed`` (a bed of ``unit``, or its code) out of service from the night of
    ``first`` to the night of ``last`` (``first`` alone without it)."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    ends = "last" if last is not None else "first"  # the field a refusal of the end names
    last = last or first
    found = _bed_of(unit, bed)
    _check_request(first, last, reason, today, ends)
    span = f"{first:%Y-%m-%d}" + ("" if last == first else f" to {last:%Y-%m-%d}")
    displaced = 0

    def apply(locked: Unit) -> tuple[BedOutage, Change]:
        nonlocal displaced
        _refuse_overlap(found, first, last)  # under the lock: two coordinators at once
        outage = BedOutage.objects.create(
            bed=found, first_night=first, last_night=last, reason=reason.strip()
        )
        displaced = _sleepers(found, first, last)
        change = Change(
            action="tcrc.bed_out_of_service",
            summary=f"Bed {found.code} out of service: {span}",
            new={"bed": found.code, "first": str(first), "last": str(last), "reason": reason},
            field="bed",
            pointer="Fixed stays need every bed they have on these nights (see above).",
            replan=displaced > 0,
        )
        return outage, change

    outage, outcome = change_unit(actor, unit, today, apply)
    return TakenOut(outage, outcome.moved, displaced, outcome.run)


def put_back(actor: Any, outage: BedOutage, *, today: date | None = None) -> BedOutage | None:
    """Put the bed back in service from tonight. An outage not begun is removed; one under
    way ends last night (its past stays as it was). Returns what is kept, if anything.
    The unit only gains a bed, so nothing is re-planned until asked."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    if outage.last_night < today:
        raise ValidationError(
            {"last": f"{outage.bed.code} was back in service after {outage.last_night:%Y-%m-%d}."}
        )
    old = {
        "bed": outage.bed.code,
        "first": str(outage.first_night),
        "last": str(outage.last_night),
        "reason": outage.reason,
    }
    with transaction.atomic():
        if outage.first_night >= today:
            record("tcrc.bed_back_in_service", actor=actor, obj=outage.bed.unit, old=old)
            outage.delete()
            return None
        outage.last_night = today - timedelta(days=1)
        outage.save(update_fields=["last_night"])
        new = {**old, "last": str(outage.last_night)}
        record("tcrc.bed_back_in_service", actor=actor, obj=outage.bed.unit, old=old, new=new)
        return outage


def upcoming(unit: Unit, today: date) -> list[BedOutage]:
    """The unit's outages not yet over, soonest first."""
    return list(
        BedOutage.objects.filter(bed__unit=unit, last_night__gte=today).select_related("bed")
    )


def _bed_of(unit: Unit, bed: Bed | str) -> Bed:
    code = bed.code if isinstance(bed, Bed) else str(bed)
    found = Bed.objects.filter(unit=unit, code=code).first()
    if found is None:
        codes = ", ".join(unit.beds.values_list("code", flat=True))
        raise ValidationError({"bed": f"The unit has no bed {code!r}; its beds are {codes}."})
    return found


def _check_request(first: date, last: date, reason: str, today: date, ends: str) -> None:
    errors: dict[str, str] = {}
    if first < today:
        errors["first"] = (
            f"Take a bed out from tonight ({today:%Y-%m-%d}) on: the past stays as it was."
        )
    if last < first:
        errors["last"] = "The last night comes before the first."
    elif (last - first).days >= MOST_NIGHTS:
        errors["last"] = f"Take a bed out for at most {MOST_NIGHTS} nights at once."
    elif last > (until := today + timedelta(days=MOST_AHEAD)):
        errors[ends] = f"Take beds out up to three years ahead, until {until:%Y-%m-%d}."
    if len(reason) > BedOutage._meta.get_field("reason").max_length:  # type: ignore[operator]
        errors["reason"] = "At most 200 characters."
    if errors:
        raise ValidationError(errors)


def _refuse_overlap(bed: Bed, first: date, last: date) -> None:
    clash = BedOutage.objects.filter(bed=bed, first_night__lte=last, last_night__gte=first).first()
    if clash is not None:
        raise ValidationError(
            {
                "first": f"{bed.code} is out of service already from the night of "
                f"{clash.first_night:%Y-%m-%d} to that of {clash.last_night:%Y-%m-%d}: put it "
                "back first, or choose other nights."
            }
        )


def _sleepers(bed: Bed, first: date, last: date) -> int:
    """How many participants the saved plan has in ``bed`` on some night from ``first`` to
    ``last``."""
    stays = Stay.objects.filter(bed=bed, first_night__lte=last).only("first_night", "nights")
    return sum(1 for stay in stays if stay.first_night + timedelta(days=stay.nights - 1) >= first)
