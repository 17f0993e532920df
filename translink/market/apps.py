from __future__ import annotations

from django.apps import AppConfig


class MarketConfig(AppConfig):
    name = "translink.market"
    label = "market"
    verbose_name = "Industry needs and research assets"
