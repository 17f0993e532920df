"""Saving or deleting a searchable record updates its search document.

The index is derived data, like a database index: keeping it in step is not a state change
of the record and is not audited.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save

from translink.people.models import Authorship, Publication
from translink.search.documents import BY_MODEL, index, index_authors, unindex


def _saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures load raw rows; rebuild_search indexes them
        index(instance)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    unindex(instance)


for model in BY_MODEL:
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-index-{model._meta.label}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-unindex-{model._meta.label}")


# A researcher's document holds the titles of their papers: a byline or a title changes it.
def _byline_changed(sender: Any, instance: Authorship, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_authors(researcher_id=instance.researcher_id)


def _title_changed(sender: Any, instance: Publication, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index_authors(publication_id=instance.pk)


post_save.connect(_byline_changed, sender=Authorship, dispatch_uid="search-byline-saved")
post_delete.connect(_byline_changed, sender=Authorship, dispatch_uid="search-byline-deleted")
post_save.connect(_title_changed, sender=Publication, dispatch_uid="search-title-changed")
