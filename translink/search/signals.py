"""Saving or deleting a searchable record updates its search document.

The index is derived data, like a database index: keeping it in step is not a state change
of the record and is not audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from translink.search.documents import BY_MODEL, index, unindex


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load raw rows; rebuild_search indexes them
        index(instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    unindex(instance)


for model in BY_MODEL:
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-{model._meta.label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-unindex-{model._meta.label}")
