from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "translink.accounts"
    label = "accounts"
    verbose_name = "Accounts and organizations"

    def ready(self) -> None:
        from translink.accounts import signals  # noqa: F401  (connects the login events)
