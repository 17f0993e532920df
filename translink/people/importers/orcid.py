"""ORCID public API v3.0 JSON: a researcher's record, or their works summary.

Two documents of the ORCID message schema v3.0 are accepted:

* the record (``GET /v3.0/{orcid}/record``): the iD in ``orcid-identifier.path``, the
  name in ``person.name.given-names.value`` and ``person.name.family-name.value``, the
  works in ``activities-summary.works.group``;
* the works summary (``GET /v3.0/{orcid}/works``): ``group`` at the top, the iD read from
  the top-level ``path`` (``/0000-0002-1825-0097/works``).

Each group stands for one work; its first ``work-summary`` is read: ``title.title.value``
(required), ``journal-title.value``, ``publication-date.year.value`` and the
``external-ids.external-id`` entries of type ``doi`` and ``pmid`` whose relationship is
``self`` (a ``part-of`` DOI names the book or journal, not the work). A DOI or PMID may
appear once per file, and so may the title of a work that has neither.

Errors name the line of the JSON object at fault (the ``work-summary``, or the document).
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from json.decoder import JSONObject  # type: ignore[attr-defined]
from json.scanner import py_make_scanner  # type: ignore[attr-defined]
from typing import Any

from translink.lib.identifiers import normalize_doi, normalize_orcid
from translink.people.importers.errors import RowError

_PMID = re.compile(r"[0-9]{1,12}")
_WORKS_PATH = re.compile(r"^/?([^/]+)/works/?$")


@dataclass(frozen=True)
class Work:
    """One work of the record; ``line`` is where its ``work-summary`` object starts."""

    line: int
    title: str
    journal: str
    year: int | None
    doi: str | None
    pmid: str | None


@dataclass(frozen=True)
class OrcidRecord:
    """A researcher's iD (normalized), the name the record gives, and their works."""

    line: int
    orcid: str
    name: str
    works: tuple[Work, ...]


class _Located(dict[str, Any]):
    """A JSON object that remembers the line of its opening brace."""

    line = 1


def _decoder(text: str) -> json.JSONDecoder:
    """A JSON decoder whose objects are ``_Located``: the pure-Python scanner, with its
    object parser wrapped to note where each object starts."""
    newlines = [match.start() for match in re.finditer("\n", text)]
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any) -> tuple[_Located, int]:
        value, end = JSONObject(s_and_end, *args)
        located = _Located(value)
        located.line = bisect.bisect_left(newlines, s_and_end[1] - 1) + 1
        return located, end

    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = py_make_scanner(decoder)  # type: ignore[attr-defined]
    return decoder


def _load(data: bytes) -> tuple[Any, list[RowError]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        return None, [RowError(line, "json", "the file is not UTF-8 text")]
    try:
        return _decoder(text).decode(text), []
    except json.JSONDecodeError as broken:
        reason = f"the JSON is broken: {broken.msg} (column {broken.colno})"
        return None, [RowError(broken.lineno, "json", reason)]


def _get(value: Any, *keys: str) -> Any:
    """``value[k1][k2]...``, or None as soon as a step is missing or not an object."""
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _line(value: Any, default: int = 1) -> int:
    return value.line if isinstance(value, _Located) else default


def parse(data: bytes) -> tuple[OrcidRecord | None, list[RowError]]:
    """The record the file holds, and every problem found in it (empty when it is sound)."""
    document, errors = _load(data)
    if errors:
        return None, errors
    if not isinstance(document, dict):
        return None, [RowError(1, "json", "expected an ORCID record or works summary object")]
    field, raw, name, groups = _identity(document)
    line = _line(document.get("orcid-identifier"), _line(document))
    orcid = normalize_orcid(raw) if isinstance(raw, str) else None
    if orcid is None:
        problem = f"{raw!r} is not a valid ORCID iD (check the last character)"
        errors.append(RowError(line, field, problem if raw else "missing"))
    reader = _WorkReader(errors)
    for group in groups if isinstance(groups, list) else []:
        summaries = _get(group, "work-summary")
        if isinstance(summaries, list) and summaries:
            reader.read(summaries[0])
    if errors or orcid is None:
        return None, errors
    return OrcidRecord(line, orcid, name, tuple(reader.works)), []


def _identity(document: dict[str, Any]) -> tuple[str, Any, str, Any]:
    """Which field holds the iD and its raw value, the name, and the work groups."""
    if "orcid-identifier" in document or "group" not in document:
        given = _get(document, "person", "name", "given-names", "value")
        family = _get(document, "person", "name", "family-name", "value")
        name = " ".join(str(part) for part in (given, family) if part)
        groups = _get(document, "activities-summary", "works", "group")
        return "orcid-identifier.path", _get(document, "orcid-identifier", "path"), name, groups
    path = document.get("path")
    match = _WORKS_PATH.match(path) if isinstance(path, str) else None
    return "path", match.group(1) if match else path, "", document["group"]


class _WorkReader:
    """Reads work summaries, remembering identifiers and titles already seen."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        self.works: list[Work] = []
        self.seen: dict[str, int] = {}

    def read(self, summary: Any) -> None:
        line = _line(summary)
        errors_before = len(self.errors)
        title = _get(summary, "title", "title", "value")
        if not isinstance(title, str) or not title.strip():
            self.errors.append(RowError(line, "title.title.value", "missing: every work needs one"))
            title = ""
        journal = _get(summary, "journal-title", "value")
        year = self.year(line, _get(summary, "publication-date", "year", "value"))
        doi, pmid = self.identifiers(line, _get(summary, "external-ids", "external-id"))
        title = " ".join(title.split())
        if not doi and not pmid and title:
            self.once(line, "title.title.value", f"title {title.casefold()}", f"{title!r}")
        if len(self.errors) == errors_before:
            journal = " ".join(journal.split()) if isinstance(journal, str) else ""
            self.works.append(Work(line, title, journal, year, doi, pmid))

    def year(self, line: int, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        self.errors.append(RowError(line, "publication-date.year.value", f"{value!r} is no year"))
        return None

    def identifiers(self, line: int, entries: Any) -> tuple[str | None, str | None]:
        found: dict[str, str | None] = {"doi": None, "pmid": None}
        checks: dict[str, Callable[[str], str | None]] = {
            "doi": normalize_doi,
            "pmid": lambda v: v if _PMID.fullmatch(v) else None,
        }
        for entry in entries if isinstance(entries, list) else []:
            kind, value = _get(entry, "external-id-type"), _get(entry, "external-id-value")
            if kind not in checks or _get(entry, "external-id-relationship") == "part-of":
                continue
            normal = checks[kind](str(value or "").strip())
            field = f"external-id {kind}"
            if normal is None:
                self.errors.append(
                    RowError(_line(entry, line), field, f"{value!r} is not a {kind.upper()}")
                )
            elif found[kind] is None:
                found[kind] = normal
                self.once(_line(entry, line), field, f"{kind} {normal}", normal)
        return found["doi"], found["pmid"]

    def once(self, line: int, field: str, key: str, shown: str) -> None:
        if key in self.seen:
            self.errors.append(
                RowError(line, field, f"{shown} repeats the work at line {self.seen[key]}")
            )
        else:
            self.seen[key] = line
