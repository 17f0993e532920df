from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "translink.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from translink.search import signals  # noqa: F401  (keeps the index in step)
