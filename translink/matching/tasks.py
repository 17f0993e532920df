"""Background work of the matching index, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from translink.matching import index


@task()
def refresh_vectors() -> int:
    """Compute the vectors of new or changed publications and profiles."""
    return index.refresh()
