from __future__ import annotations

from django.apps import AppConfig


class TcrcConfig(AppConfig):
    name = "translink.tcrc"
    label = "tcrc"
    verbose_name = "TCRC: the phase 1 unit"

    def ready(self) -> None:
        # Registers who may see each model of the app with the wall policy.
        from translink.tcrc import walls  # noqa: F401
