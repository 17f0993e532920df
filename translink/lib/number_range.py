"""Whole numbers too big for the database, refused before any view sees them.

The database stores ids and amounts in 64 bits; a larger number in a URL or a JSON body
would otherwise reach a query and fail there (OverflowError on SQLite, an out-of-range
error on PostgreSQL) as a server error. :func:`json_out_of_range` names where each
such number is, in the API's field notation (``invited_researcher_ids.0``).
"""

from __future__ import annotations

import json
import re
from typing import Any

LARGEST = 2**63 - 1
SMALLEST = -(2**63)
WHOLE = re.compile(r"^[+-]?\d+$")
# Every whole number outside 64 bits has at least 19 digits: a UTF-8 body without such a
# run holds none, and is not parsed a second time (the API parses it once, after). JSON
# in UTF-16 or UTF-32 (NUL bytes between the digits) is always parsed.
LONG_DIGITS = re.compile(rb"\d{19}")


def fits(number: int) -> bool:
    return SMALLEST <= number <= LARGEST


def _whole_text_out_of_range(text: str) -> bool:
    return bool(WHOLE.match(text)) and not fits(int(text))


def path_out_of_range(path: str) -> bool:
    """Whether a segment of ``path`` is a whole number no record can have."""
    return any(_whole_text_out_of_range(part) for part in path.split("/") if len(part) > 18)


def json_out_of_range(body: bytes) -> list[str]:
    """Where in a JSON ``body`` a whole number is out of range ('' for the body itself);
    a body that is not JSON is left to the API's own parsing."""
    if b"\x00" not in body and not LONG_DIGITS.search(body):
        return []
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return []
    found: list[str] = []
    _walk(document, [], found)
    return found


def _walk(value: Any, at: list[str], found: list[str]) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int) and not fits(value):
        found.append(".".join(at) or "__all__")
    elif isinstance(value, dict):
        for key, item in value.items():
            _walk(item, [*at, str(key)], found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, [*at, str(index)], found)
