"""A researcher's search document now ends with the titles of their papers (see
``translink.search.documents``): add them to the documents already stored."""

from __future__ import annotations

from typing import Any

from django.db import migrations


def add_titles(apps: Any, schema_editor: Any) -> None:
    document = apps.get_model("search", "SearchDocument")
    authorship = apps.get_model("people", "Authorship")
    titles: dict[int, list[str]] = {}
    for researcher_id, title in authorship.objects.values_list(
        "researcher_id", "publication__title"
    ).order_by("researcher_id", "publication_id"):
        titles.setdefault(researcher_id, []).append(title)
    for doc in document.objects.filter(kind="researcher", object_id__in=list(titles)):
        doc.body = " ".join([doc.body, *titles[doc.object_id]])
        doc.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("people", "0002_orcid_disclosures"),
    ]

    operations = [migrations.RunPython(add_titles, migrations.RunPython.noop)]
