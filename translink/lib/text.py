"""Cleaning of free text that visitors type into search boxes and filters."""

from __future__ import annotations

import unicodedata


def search_text(value: str, limit: int = 200) -> str:
    """``value`` without control characters (PostgreSQL refuses NUL), trimmed, at most
    ``limit`` characters."""
    kept = "".join(ch for ch in value if unicodedata.category(ch) != "Cc" or ch in " \t")
    return kept.strip()[:limit]
