"""The chain's head row, and the triggers that keep audit events append-only."""

from __future__ import annotations

from typing import Any

from django.db import migrations

from translink.audit import guards


def create_head(apps: Any, schema_editor: Any) -> None:
    apps.get_model("audit", "ChainHead").objects.using(schema_editor.connection.alias).create(
        pk=1, count=0, last_hash="0" * 64
    )


def install_guards(apps: Any, schema_editor: Any) -> None:
    guards.install(schema_editor.connection)


def remove_guards(apps: Any, schema_editor: Any) -> None:
    guards.remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(create_head, migrations.RunPython.noop),
        migrations.RunPython(install_guards, remove_guards),
    ]
