from __future__ import annotations

from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "translink.people"
    label = "people"
    verbose_name = "Researchers and publications"
