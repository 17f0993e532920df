"""Reads of the unit, through the wall."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from translink.accounts.policy import visible
from translink.tcrc.instances import in_the_unit
from translink.tcrc.models import Cohort, Stay, Study, Unit
from translink.tcrc.walls import UNIT_STAFF


def calendar_stays(user: Any, unit: Unit, start: date, days: int) -> tuple[list[Stay], set[int]]:
    """The stays to draw from ``start`` for ``days`` days, and the cohorts the user may name.

    Staff see every stay. Anyone else sees their own studies' stays, and of everyone else's
    only what is committed (booked studies, and cohorts in the unit now) as anonymous busy
    beds: another sponsor's pending request, its size and rhythm, stays out of sight."""
    shown = set(visible(user, Cohort).filter(study__unit=unit).values_list("pk", flat=True))
    stays = (
        Stay.objects.filter(
            bed__unit=unit,
            first_night__lt=start + timedelta(days=days),
        )
        .select_related("cohort__study", "bed")
        .order_by("first_night")
    )
    found = [s for s in stays if s.first_night + timedelta(days=s.nights) > start]
    if user.role in UNIT_STAFF:
        return found, shown
    today = timezone.localdate()
    committed = [
        s
        for s in found
        if s.cohort_id in shown
        or s.cohort.study.status == Study.Status.BOOKED
        or in_the_unit(s.cohort, today)
    ]
    return committed, shown


def linked_studies(user: Any, **lookup: Any) -> list[dict[str, Any]]:
    """The unit's studies ``lookup`` selects that ``user`` may see, each with its IND and
    alliance when the user may see those too: the one record's thread through the unit."""
    from translink.alliances.models import Alliance
    from translink.regulatory.models import Ind

    studies = list(visible(user, Study).filter(**lookup).select_related("ind", "alliance"))
    inds = set(visible(user, Ind).values_list("pk", flat=True))
    alliances = set(visible(user, Alliance).values_list("pk", flat=True))
    return [
        {
            "study": s,
            "ind": s.ind if s.ind_id in inds else None,
            "alliance": s.alliance if s.alliance_id in alliances else None,
        }
        for s in studies
    ]
