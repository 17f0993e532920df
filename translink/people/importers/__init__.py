"""Parsers of the files people are imported from: one module per format, no database.

Each parser takes the file's bytes and returns the records it read and a list of
``RowError`` for every bad row it found; ``translink.people.imports`` checks the records
against the database and writes them, all or nothing.
"""

from __future__ import annotations

from translink.people.importers.errors import RowError

__all__ = ["RowError"]
