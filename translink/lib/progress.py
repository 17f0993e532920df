"""A text progress bar for long commands.

Redrawn in place on a terminal; one line per tenth of the work otherwise (logs, CI).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")


class ProgressBar:
    def __init__(self, total: int, label: str, stream: Any = None, width: int = 30) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream = stream or sys.stderr
        self.width = width
        self.done = 0
        self.started = time.monotonic()
        self._last_decile = -1
        self._tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def advance(self, step: int = 1) -> None:
        self.done = min(self.total, self.done + step)
        self._draw()

    def _draw(self) -> None:
        fraction = self.done / self.total if self.total else 1.0
        decile = int(fraction * 10)
        if not self._tty and decile == self._last_decile and self.done != self.total:
            return
        self._last_decile = decile
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        line = f"{self.label} [{bar}] {self.done}/{self.total} {fraction:4.0%} {elapsed:5.1f}s"
        if self._tty:
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def progress(items: Iterable[T], total: int, label: str, stream: Any = None) -> Iterator[T]:
    bar = ProgressBar(total, label, stream)
    bar._draw()
    for item in items:
        yield item
        bar.advance()
