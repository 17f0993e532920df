"""`manage.py rebuild_index`: compute every missing or stale vector, with a progress bar."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from translink.lib.progress import ProgressBar
from translink.matching import index


class Command(BaseCommand):
    help = "Compute the sentence vectors of every new or changed publication and profile."

    def handle(self, *args: Any, **options: Any) -> None:
        loaded = index.encoder()
        if loaded.encoder is None:
            raise CommandError(f"No vectors can be computed: {loaded.reason}.")
        bar: ProgressBar | None = None

        def show(done: int, total: int) -> None:
            nonlocal bar
            bar = bar or ProgressBar(total, "Vectors", stream=sys.stderr)
            bar.advance(done - bar.done)

        count = index.refresh(progress=show)
        self.stdout.write(self.style.SUCCESS(f"Index up to date: {count} vectors computed."))
