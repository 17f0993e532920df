from __future__ import annotations

from typing import Any

from django.db import migrations, models

from translink.search import engines


def install(apps: Any, schema_editor: Any) -> None:
    statements = {"sqlite": engines.SQLITE_INSTALL, "postgresql": engines.POSTGRES_INSTALL}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def remove(apps: Any, schema_editor: Any) -> None:
    statements = {"sqlite": engines.SQLITE_REMOVE, "postgresql": engines.POSTGRES_REMOVE}
    for sql in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=20)),
                ("object_id", models.PositiveBigIntegerField()),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="one_document_per_record"
                    )
                ]
            },
        ),
        migrations.RunPython(install, remove),
    ]
