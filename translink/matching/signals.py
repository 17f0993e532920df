"""A changed publication or profile queues one index refresh after its transaction commits.

The vectors are derived data, like the search index: their upkeep is not audited.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_save

from translink.people.models import Publication, Researcher


def _enqueue() -> None:
    from translink.matching.tasks import refresh_vectors

    connection.matching_refresh_queued = False  # type: ignore[attr-defined]
    refresh_vectors.enqueue()


def _changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # One refresh per transaction, however many papers an import writes.
    if raw or getattr(connection, "matching_refresh_queued", False):
        return
    connection.matching_refresh_queued = True  # type: ignore[attr-defined]
    transaction.on_commit(_enqueue)


for model in (Publication, Researcher):
    post_save.connect(_changed, sender=model, dispatch_uid=f"matching-refresh-{model._meta.label}")
