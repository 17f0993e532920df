"""`manage.py load_demo`: build the fictional demo institute, once, into an empty database."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.test import override_settings

from translink.accounts.demo import DEMO_PASSWORD, demo_logins
from translink.accounts.models import Organization


class Command(BaseCommand):
    help = "Load the demo institute into an empty database; print the demo sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--quiet-logins", action="store_true", help="Do not print the demo sign-ins."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if Organization.objects.exists():
            self.stdout.write(
                "The database already holds data: the demo institute was not loaded again."
            )
        else:
            context: dict[str, Any] = {"stdout": self.stderr}
            # The demo's invitations and notifications are not sent to anyone.
            quiet_mail = override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
            )
            with quiet_mail, transaction.atomic():
                for loader in settings.DEMO_LOADERS:
                    import_module(loader).load(context)
            self.stdout.write(self.style.SUCCESS("Demo institute loaded."))
        if not options["quiet_logins"]:
            self.stdout.write(f"\nDemo sign-ins (password for all: {DEMO_PASSWORD}):")
            for role, email in demo_logins():
                self.stdout.write(f"  {role:<24} {email}")
