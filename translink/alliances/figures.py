"""The alliances' key figures, over what one user may see: collaborations started per
quarter, conversion between stages, time in stage, agreement cycle times and funding."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from itertools import pairwise
from statistics import median
from typing import Any

from translink.accounts.policy import visible
from translink.alliances.models import STAGE_ORDER, Agreement, Alliance, Stage, StagePeriod
from translink.alliances.queries import funding, received
from translink.people.models import FocusArea


def quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def started_per_quarter(alliances: list[Alliance]) -> dict[str, int]:
    counts = Counter(quarter(a.started_on) for a in alliances)
    return dict(sorted(counts.items()))


def stage_days(periods: list[StagePeriod], today: date) -> dict[str, list[int]]:
    """Days each alliance spent in each stage; a stage not yet left counts until today."""
    days: dict[str, list[int]] = defaultdict(list)
    for period in periods:
        days[period.stage].append(((period.left_on or today) - period.entered_on).days)
    return days


def conversion(periods: list[StagePeriod]) -> list[dict[str, Any]]:
    """Of the alliances that entered each stage, how many entered the next one."""
    entered: dict[str, set[int]] = defaultdict(set)
    for period in periods:
        entered[period.stage].add(period.alliance_id)
    rows = []
    for here, there in pairwise(STAGE_ORDER):
        went = len(entered[here] & entered[there])
        total = len(entered[here])
        rows.append(
            {
                "from": here,
                "to": there,
                "from_label": str(Stage(here).label),
                "to_label": str(Stage(there).label),
                "entered": total,
                "advanced": went,
                "rate": round(went / total, 3) if total else None,
            }
        )
    return rows


def _median(values: list[int]) -> float | None:
    return float(median(values)) if values else None


def funnel(user: Any, today: date) -> list[dict[str, Any]]:
    """Alliances now in each stage, and the median days they have spent there."""
    current: dict[str, list[int]] = {stage: [] for stage in STAGE_ORDER}
    for alliance in visible(user, Alliance).exclude(status=Alliance.Status.STOPPED):
        current[alliance.stage].append((today - alliance.stage_entered_on).days)
    return [
        {
            "stage": stage,
            "label": Stage(stage).label,
            "count": len(days),
            "median_days": _median(days),
        }
        for stage, days in current.items()
    ]


def money(value: Decimal) -> str:
    return f"{value:.2f}"


def funding_totals(user: Any) -> dict[str, Any]:
    """Committed and received, in total and by alliance, focus area and sponsor."""
    by: dict[str, dict[str, dict[str, Decimal]]] = {
        "alliance": defaultdict(lambda: {"committed": Decimal(0), "received": Decimal(0)}),
        "focus_area": defaultdict(lambda: {"committed": Decimal(0), "received": Decimal(0)}),
        "sponsor": defaultdict(lambda: {"committed": Decimal(0), "received": Decimal(0)}),
    }
    total = {"committed": Decimal(0), "received": Decimal(0)}
    for commitment in funding(user):
        got = received(commitment)
        area = FocusArea(commitment.alliance.focus_area).label
        for key, name in (
            ("alliance", commitment.alliance.title),
            ("focus_area", area),
            ("sponsor", commitment.sponsor.name),
        ):
            by[key][name]["committed"] += commitment.amount
            by[key][name]["received"] += got
        total["committed"] += commitment.amount
        total["received"] += got

    def plain(table: dict[str, dict[str, Decimal]]) -> list[dict[str, str]]:
        return [
            {"name": name, "committed": money(v["committed"]), "received": money(v["received"])}
            for name, v in sorted(table.items())
        ]

    return {
        "committed": money(total["committed"]),
        "received": money(total["received"]),
        **{f"by_{key}": plain(table) for key, table in by.items()},
    }


def key_figures(user: Any, today: date) -> dict[str, Any]:
    """Every figure the dashboard and the API show, computed from what ``user`` may see."""
    alliances = list(visible(user, Alliance))
    periods = list(visible(user, StagePeriod))
    days = stage_days(periods, today)
    executed = [
        a.cycle_days
        for a in visible(user, Agreement).exclude(executed_on=None)
        if a.cycle_days is not None
    ]
    return {
        "started_per_quarter": started_per_quarter(alliances),
        "conversion": conversion(periods),
        "median_days_in_stage": {stage: _median(days.get(stage, [])) for stage in STAGE_ORDER},
        "median_agreement_cycle_days": _median(executed),
        "executed_agreements": len(executed),
        "funding": funding_totals(user),
    }
