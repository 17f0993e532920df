from __future__ import annotations

from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "translink.matching"
    label = "matching"
    verbose_name = "Matching"

    def ready(self) -> None:
        from translink.matching import signals  # noqa: F401  (queues index upkeep)
