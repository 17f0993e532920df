"""What the three import commands share: read the file, import it with a progress bar,
and print either a summary or every bad row."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from translink.lib.progress import ProgressBar
from translink.people.imports import ImportKind, ImportRefused, import_file


class ImportCommand(BaseCommand):
    """Subclasses name their ``kind``; a refused or unreadable file exits non-zero."""

    kind: ImportKind

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=f"the {self.kind.label} file to import")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as unreadable:
            reason = unreadable.strerror or unreadable
            raise CommandError(f"Cannot read {path}: {reason}.") from None
        # The bar redraws itself in place: give it the raw stream, not Django's wrapper,
        # which would end every redraw with a new line.
        stream = options.get("stderr") or sys.stderr

        def bar(total: int) -> ProgressBar:
            return ProgressBar(total, f"Importing {path.name}", stream=stream)

        try:
            report = import_file(None, self.kind, data, progress=bar)
        except ImportRefused as refused:
            for problem in refused.errors:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{path} was refused: {len(refused.errors)} problems listed above; "
                "nothing was imported."
            ) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
