"""The unit's beds: adding one, fitting or removing its telemetry, taking it out of service
for some nights (a repair, its monitor being serviced) and putting it back.

Like closing days, taking a bed out is checked against the plan under the unit's lock: if
booked studies or cohorts in the unit now would no longer have enough beds (or beds with
the equipment they need) on those nights, it is refused, naming the cohorts and the
nights, and nothing is saved. Requested studies that no longer fit are moved by a re-plan
queued at once; so are participants the plan put in that bed on those nights, who get
other beds. Removing a bed's telemetry is checked the same way against those who need
telemetry; adding a bed or telemetry only gives the unit room.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from translink.audit.actions import record
from translink.lib.text import search_text
from translink.tcrc import instances
from translink.tcrc.actions import request_plan, require_coordinator
from translink.tcrc.changes import Change, change_unit, solving
from translink.tcrc.models import Bed, BedOutage, Cohort, PlanRun, Stay, Unit

MOST_BEDS = 60  # a phase 1 unit, not a hospital
CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 .-]{0,19}")
MOST_NIGHTS = 366  # one outage lasts at most a year
MOST_AHEAD = 3 * 365  # and ends no further ahead than three years


@dataclass(frozen=True)
class TakenOut:
    """The outages saved (one a bed: a room's beds go together); the planned cohorts that
    no longer fit, how many planned stays were in those beds on those nights, and the
    re-plan queued for them (None when nothing had to move)."""

    outages: list[BedOutage]
    moved: list[Cohort]
    displaced: int
    run: PlanRun | None

    @property
    def outage(self) -> BedOutage:
        return self.outages[0]

    @property
    def what(self) -> str:
        """ "4A" or "Room 4 (4A, 4B)": what went out of service, in words."""
        beds = [outage.bed for outage in self.outages]
        if len(beds) == 1:
            return beds[0].code
        return f"{beds[0].room} ({', '.join(bed.code for bed in beds)})"


def take_out(
    actor: Any,
    unit: Unit,
    bed: Bed | str | None = None,
    first: date | None = None,
    last: date | None = None,
    reason: str = "",
    *,
    room: str | None = None,
    today: date | None = None,
) -> TakenOut:
    """Take ``bed`` (a bed of ``unit``, or its code), or every bed of ``room``, out of
    service from the night of ``first`` to the night of ``last`` (``first`` alone without
    it). A room's beds go out together or not at all."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    if first is None:
        raise ValidationError({"first": "Give the first night out of service."})
    ends = "last" if last is not None else "first"  # the field a refusal of the end names
    last = last or first
    field = "bed" if room is None else "room"
    found = _in_service(_beds_of(unit, bed, room, first), first, field)
    _check_request(first, last, reason, today, ends)
    span = f"{first:%Y-%m-%d}" + ("" if last == first else f" to {last:%Y-%m-%d}")
    codes = [each.code for each in found]
    named = f"Bed {codes[0]}" if room is None else f"{found[0].room} ({', '.join(codes)})"
    displaced = 0

    def apply(locked: Unit) -> tuple[list[BedOutage], Change]:
        nonlocal displaced
        # Again under the lock: a bed taken away meanwhile, or a room changed.
        now = _in_service(_beds_of(locked, bed and found[0].code, room, first), first, field)
        if [each.pk for each in now] != [each.pk for each in found]:
            raise ValidationError({field: "The unit's beds changed meanwhile: try again."})
        for each in found:
            _refuse_overlap(each, first, last)  # under the lock: two coordinators at once
        outages = [
            BedOutage.objects.create(
                bed=each, first_night=first, last_night=last, reason=search_text(reason)
            )
            for each in found
        ]
        displaced = sum(_sleepers(each, first, last) for each in found)
        where: dict[str, Any] = {"bed": codes[0]}
        if room is not None:
            where = {"room": found[0].room, "beds": codes}
        change = Change(
            action="tcrc.bed_out_of_service",
            summary=f"{named} out of service: {span}",
            new={**where, "first": str(first), "last": str(last), "reason": reason},
            field="bed" if room is None else "room",
            pointer="Fixed stays need every bed they have on these nights (see above).",
            replan=displaced > 0,
        )
        return outages, change

    outages, outcome = change_unit(actor, unit, today, apply)
    return TakenOut(outages, outcome.moved, displaced, outcome.run)


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


def _in_service(beds: list[Bed], first: date, field: str) -> list[Bed]:
    """The beds, refused by name if one is taken away for good by ``first``."""
    for bed in beds:
        if bed.retired_from is not None and bed.retired_from <= first:
            raise ValidationError(
                {field: f"{bed.code} was taken away for good from {bed.retired_from:%Y-%m-%d}."}
            )
    return beds


def serving(first: date) -> Q:
    """Beds still in the unit on the night of ``first`` (not taken away by then)."""
    return Q(retired_from=None) | Q(retired_from__gt=first)


def _beds_of(
    unit: Unit, bed: Bed | str | None, room: str | None, first: date | None = None
) -> list[Bed]:
    """The bed named, or every bed of the room named (exactly one of the two)."""
    if bed is None and room is None:
        raise ValidationError({"bed": "Name a bed, or a room to take all its beds out."})
    if bed is not None and room is not None:
        raise ValidationError({"room": "Name a bed or a room, not both."})
    if bed is not None:
        return [_bed_of(unit, bed)]
    on = first or timezone.localdate()
    found = list(unit.beds.filter(serving(on), room=room).order_by("code"))
    if not found:
        rooms = ", ".join(sorted(set(unit.beds.filter(serving(on)).values_list("room", flat=True))))
        raise ValidationError({"room": f"The unit has no room {room!r}; its rooms are {rooms}."})
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


def add_bed(actor: Any, unit: Unit, code: str, room: str, telemetry: bool = False) -> Bed:
    """A new bed in ``room``; the next plan may use it."""
    require_coordinator(actor)
    code, room = " ".join(code.split()), search_text(room, limit=1_000)
    errors: dict[str, str] = {}
    if not CODE.fullmatch(code):
        errors["code"] = (
            "1 to 20 letters, digits, spaces, dots or hyphens, starting with a letter or digit."
        )
    if not room or len(room) > Bed._meta.get_field("room").max_length:  # type: ignore[operator]
        errors["room"] = "Name the room, in at most 40 characters."
    with transaction.atomic():
        locked = Unit.objects.select_for_update().get(pk=unit.pk)
        same = Bed.objects.filter(unit=locked, code__iexact=code).first()
        if "code" not in errors and same is not None:
            errors["code"] = f"The unit has a bed {same.code} already." + (
                f" It was taken away from {same.retired_from:%Y-%m-%d}: give the new one "
                "another code."
                if same.retired_from is not None
                else ""
            )
        if locked.beds.filter(serving(timezone.localdate())).count() >= MOST_BEDS:
            errors["__all__"] = f"The unit has {MOST_BEDS} beds, the most it can have."
        if errors:
            raise ValidationError(errors)
        bed = Bed.objects.create(unit=locked, code=code, room=room, telemetry=telemetry)
        record(
            "tcrc.bed_added",
            actor=actor,
            obj=locked,
            new={"bed": code, "room": room, "telemetry": telemetry},
        )
        if solving(locked):  # a plan being solved will not be saved over the new bed
            request_plan(actor, locked, reason=f"Bed {code} added")
    return bed


@dataclass(frozen=True)
class Refitted:
    """The bed as it now is; the planned cohorts that no longer fit, how many planned stays
    of those needing telemetry were in it, and the re-plan queued for them."""

    bed: Bed
    moved: list[Cohort]
    displaced: int
    run: PlanRun | None


def set_telemetry(actor: Any, bed: Bed, telemetry: bool, *, today: date | None = None) -> Refitted:
    """Fit the bed with telemetry, or take it away. Taking it away is refused, naming the
    cohorts and days, where booked or running cohorts would lack telemetry beds."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    displaced = 0

    def apply(locked: Unit) -> tuple[Bed, Change | None]:
        nonlocal displaced
        current = Bed.objects.get(pk=bed.pk, unit=locked)
        if current.telemetry == telemetry:
            return current, None
        if not telemetry:
            _refuse_while_monitored(current, today)
        current.telemetry = telemetry
        current.save(update_fields=["telemetry"])
        if not telemetry:
            displaced = _needing_telemetry(current, today)
        said = "fitted with telemetry" if telemetry else "without telemetry"
        change = Change(
            action="tcrc.bed_equipment_changed",
            summary=f"Bed {current.code} {said}",
            old={"bed": current.code, "telemetry": not telemetry},
            new={"bed": current.code, "telemetry": telemetry},
            field="telemetry",
            pointer="Fixed stays need this bed's telemetry (see above).",
            replan=displaced > 0,
        )
        return current, change

    refitted, outcome = change_unit(actor, bed.unit, today, apply)
    return Refitted(refitted, outcome.moved, displaced, outcome.run)


def _refuse_while_monitored(bed: Bed, today: date) -> None:
    """Telemetry is not taken from a bed someone in the unit has slept in with it: their
    nights there are what happened."""
    stays = Stay.objects.filter(bed=bed, cohort__telemetry=True, first_night__lt=today)
    for stay in stays.select_related("cohort", "cohort__study"):
        cohort = stay.cohort
        if instances.in_the_unit(cohort, today):
            leaves = cohort.discharge_day()
            raise ValidationError(
                {
                    "telemetry": "Someone in the unit has slept in this bed with its "
                    "telemetry (see above).",
                    NON_FIELD_ERRORS: f"{cohort} has been in {bed.code} with its telemetry "
                    f"since {stay.first_night:%Y-%m-%d}. Take the bed out of service from "
                    "tonight to move them to another telemetry bed, and remove its telemetry "
                    f"once the cohort has left ({leaves:%Y-%m-%d})."
                    if leaves
                    else f"{cohort} has been in {bed.code} with its telemetry: remove it once "
                    "the cohort has left.",
                }
            )


def _needing_telemetry(bed: Bed, today: date) -> int:
    """How many planned stays in ``bed`` from tonight on are of cohorts needing telemetry."""
    stays = Stay.objects.filter(bed=bed, cohort__telemetry=True).only("first_night", "nights")
    return sum(1 for s in stays if s.first_night + timedelta(days=s.nights - 1) >= today)


@dataclass(frozen=True)
class Retired:
    """A bed taken away for good: removed outright when nothing was ever planned in it,
    else kept for its past with the first night it is gone. The planned cohorts that no
    longer fit, how many planned stays were in it from then, and the re-plan queued."""

    code: str
    removed: bool
    retired_from: date | None
    moved: list[Cohort]
    displaced: int
    run: PlanRun | None


def retire(
    actor: Any, bed: Bed, from_night: date | None = None, *, today: date | None = None
) -> Retired:
    """Take ``bed`` away for good from the night of ``from_night`` (tonight if not given).
    Checked like an outage without end: refused, naming the cohorts and nights, where
    booked or running stays need it; stays planned in it from then are re-planned."""
    require_coordinator(actor)
    today = today or timezone.localdate()
    first = from_night or today
    if first < today:
        raise ValidationError(
            {"retired_from": f"Take a bed away from tonight ({today:%Y-%m-%d}) on."}
        )
    if first > (until := today + timedelta(days=MOST_AHEAD)):
        raise ValidationError(
            {"retired_from": f"Take a bed away up to three years ahead, until {until:%Y-%m-%d}."}
        )
    displaced, removed = 0, False

    def apply(locked: Unit) -> tuple[Bed, Change]:
        nonlocal displaced, removed
        current = Bed.objects.filter(pk=bed.pk, unit=locked).first()
        if current is None:
            raise ValidationError({"retired_from": f"{bed.code} is no longer in the unit."})
        if current.retired_from is not None:
            raise ValidationError(
                {
                    "retired_from": f"{current.code} is taken away already, from "
                    f"{current.retired_from:%Y-%m-%d}."
                }
            )
        never_used = not Stay.objects.filter(bed=current).exists()
        displaced = _sleepers(current, first, first + timedelta(days=MOST_AHEAD + 400))
        if never_used and first == today:
            removed = True
            current.delete()  # its outages go with it
        else:
            BedOutage.objects.filter(bed=current, first_night__gte=first).delete()
            BedOutage.objects.filter(bed=current, last_night__gte=first).update(
                last_night=first - timedelta(days=1)
            )
            current.retired_from = first
            current.save(update_fields=["retired_from"])
        change = Change(
            action="tcrc.bed_removed" if removed else "tcrc.bed_retired",
            summary=f"Bed {current.code} taken away for good from {first:%Y-%m-%d}",
            old={"bed": current.code, "room": current.room, "telemetry": current.telemetry},
            new={"bed": current.code, "removed": removed, "retired_from": str(first)},
            field="retired_from",
            pointer="Fixed stays need this bed (see above).",
            replan=displaced > 0,
        )
        return current, change

    gone, outcome = change_unit(actor, bed.unit, today, apply)
    return Retired(
        gone.code, removed, None if removed else first, outcome.moved, displaced, outcome.run
    )
