"""`manage.py rebuild_index`: compute every missing or stale vector, with a progress bar.

With ``--queue`` it leaves the work to the background worker (``manage.py db_worker``)
instead: one refresh is queued when any vector is missing or stale. ``make run`` does this on
every start, so an index whose build was cut short (a worker stopped mid-build leaves its
task marked running for ever) is picked up again rather than shown as being built.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from translink.lib.progress import ProgressBar
from translink.matching import index
from translink.matching.tasks import refresh_vectors


class Command(BaseCommand):
    help = "Compute the sentence vectors of every new or changed publication and profile."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--queue",
            action="store_true",
            help="queue the work for the background worker (manage.py db_worker) instead",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = index.encoder()
        if loaded.encoder is None:
            raise CommandError(f"No vectors can be computed: {loaded.reason}.")
        if options["queue"]:
            self._queue()
            return
        bar: ProgressBar | None = None

        def show(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(total, "Vectors", stream=sys.stderr)
            bar.advance(done - bar.done)

        count = index.refresh(progress=show)
        self.stdout.write(self.style.SUCCESS(f"Index up to date: {count} vectors computed."))

    def _queue(self) -> None:
        waiting = len(index.pending())
        if not waiting:
            self.stdout.write("Index up to date: nothing to queue.")
            return
        refresh_vectors.enqueue()
        self.stdout.write(
            f"{waiting} documents await their vectors: the background worker computes them."
        )
