"""The search index: one document per searchable record, in the database's own full-text
engine (SQLite FTS5, PostgreSQL tsvector). Derived data: rebuilt by `manage.py rebuild_search`."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    """The searchable words of one record. Only what every reader of that record may read
    goes in: never a need's confidential detail."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField()
    body = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_document_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}: {self.title[:60]}"
