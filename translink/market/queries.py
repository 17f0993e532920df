"""Reads of the market, always through the wall."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from translink.accounts.policy import visible
from translink.lib.text import search_text
from translink.market.models import Asset, Interest, Introduction, Need, Notification


def needs(
    user: Any, *, text: str = "", area: str = "", modality: str = "", stage: str = ""
) -> QuerySet[Need]:
    found = visible(user, Need).select_related("company")
    text = search_text(text)
    if text:
        found = found.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    for field, value in (
        ("therapeutic_area", area),
        ("modality", modality),
        ("stage_sought", stage),
    ):
        if value:
            found = found.filter(**{field: search_text(value, 40)})
    return found.order_by("-created_at")


def assets(user: Any, *, text: str = "", stage: str = "") -> QuerySet[Asset]:
    found = visible(user, Asset).prefetch_related("owners")
    text = search_text(text)
    if text:
        found = found.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    if stage:
        found = found.filter(stage=search_text(stage, 40))
    return found.order_by("-created_at")


def interests_on(
    user: Any, *, need: Need | None = None, asset: Asset | None = None
) -> QuerySet[Interest]:
    found = visible(user, Interest).select_related("researcher", "company", "sent_by")
    return found.filter(need=need) if need is not None else found.filter(asset=asset)


def introductions(user: Any) -> QuerySet[Introduction]:
    return visible(user, Introduction).select_related(
        "researcher", "company", "introduced_by", "need", "asset"
    )


def unread_notifications(user: Any) -> QuerySet[Notification]:
    return visible(user, Notification).filter(read_at__isnull=True)
