from __future__ import annotations

from django.apps import AppConfig


class RegulatoryConfig(AppConfig):
    name = "translink.regulatory"
    label = "regulatory"
    verbose_name = "INDs and FDA deadlines"
