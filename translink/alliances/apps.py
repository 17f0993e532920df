from __future__ import annotations

from django.apps import AppConfig


class AlliancesConfig(AppConfig):
    name = "translink.alliances"
    label = "alliances"
    verbose_name = "Alliances, reviews, agreements and funding"

    def ready(self) -> None:
        # Registers who may see each model of the app with the wall policy.
        from translink.alliances import walls  # noqa: F401
