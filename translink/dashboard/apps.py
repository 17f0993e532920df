from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "translink.dashboard"
    label = "dashboard"
    verbose_name = "Home and key figures"
