"""`manage.py rebuild_search`: index every searchable record again, with a progress bar."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from translink.lib.progress import ProgressBar
from translink.search.documents import all_records, count_records, index
from translink.search.models import SearchDocument


class Command(BaseCommand):
    help = "Rebuild the full-text search index from the records."

    def handle(self, *args: Any, **options: Any) -> None:
        bar = ProgressBar(count_records(), "Indexing", stream=self.stderr)
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            for record in all_records():
                index(record)
                bar.advance()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {bar.done} records."))
