"""Researchers as CSV: Translink's own format, one researcher a row.

UTF-8 (a byte-order mark is allowed), comma-separated, quoted as RFC 4180 says, with
exactly this header::

    full_name,email,title,departments,focus_areas,specialties,orcid,open_to_industry,max_active_alliances

* ``full_name``, ``email`` and ``departments`` are required; ``email`` is a valid address
  and appears once per file (letter case aside).
* ``departments``, ``focus_areas`` and ``specialties`` are lists separated by ``;``;
  departments by their code, focus areas by theirs (``neuro``, ``epigenetics``...).
* ``orcid`` is an ORCID iD with a correct check character, once per file.
* ``open_to_industry`` is yes/no/true/false/1/0; ``max_active_alliances`` a whole number.
* An empty optional cell (title, focus areas, specialties, ORCID iD, the last two) leaves
  what a known researcher has alone, and gives a new one the default.

Whether each department code exists is a question for the database: the import checks it.
Errors name the line where the row starts.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from translink.lib.identifiers import normalize_orcid
from translink.people.importers.errors import RowError

HEADER = (
    "full_name",
    "email",
    "title",
    "departments",
    "focus_areas",
    "specialties",
    "orcid",
    "open_to_industry",
    "max_active_alliances",
)
BOOLEANS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}


@dataclass(frozen=True)
class ResearcherRow:
    """One row; None (or an empty tuple for lists) where the cell was left empty."""

    line: int
    full_name: str
    email: str
    title: str | None
    departments: tuple[str, ...]
    focus_areas: tuple[str, ...]
    specialties: tuple[str, ...]
    orcid: str | None
    open_to_industry: bool | None
    max_active_alliances: int | None


def parse(data: bytes, focus_areas: Collection[str]) -> tuple[list[ResearcherRow], list[RowError]]:
    """Every row of the file, and every problem found in it (empty when it is sound).

    ``focus_areas`` are the codes a row may name. A wrong header stops the reading there.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        line = data.count(b"\n", 0, bad.start) + 1
        return [], [RowError(line, "csv", "the file is not UTF-8 text")]
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = _RowReader(focus_areas)
    try:
        header = next(reader, None)
        if header is None or [cell.strip() for cell in header] != list(HEADER):
            return [], [RowError(1, "header", _header_problem(header or []))]
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.read(line, cells)
            line = reader.line_num + 1
    except csv.Error as broken:
        rows.errors.append(RowError(reader.line_num, "csv", f"the CSV is broken: {broken}"))
    return rows.rows, rows.errors


def _header_problem(found: list[str]) -> str:
    cells = [cell.strip() for cell in found]
    problem = f"expected exactly the columns {','.join(HEADER)}"
    missing = [column for column in HEADER if column not in cells]
    unexpected = [cell for cell in cells if cell not in HEADER]
    if missing:
        problem += f"; missing {', '.join(missing)}"
    if unexpected:
        problem += f"; unexpected {', '.join(repr(cell) for cell in unexpected)}"
    if not missing and not unexpected:
        problem += "; these are in another order or repeated"
    return problem


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())


class _RowReader:
    """Checks rows one by one, remembering e-mails and iDs already seen."""

    def __init__(self, focus_areas: Collection[str]) -> None:
        self.focus_areas = focus_areas
        self.rows: list[ResearcherRow] = []
        self.errors: list[RowError] = []
        self.seen: dict[str, int] = {}

    def fail(self, line: int, field: str, reason: str) -> None:
        self.errors.append(RowError(line, field, reason))

    def read(self, line: int, cells: list[str]) -> None:
        if len(cells) != len(HEADER):
            self.fail(line, "row", f"{len(cells)} cells, expected {len(HEADER)}")
            return
        cell = dict(zip(HEADER, (value.strip() for value in cells), strict=True))
        errors_before = len(self.errors)
        for required in ("full_name", "email", "departments"):
            if not cell[required]:
                self.fail(line, required, "missing: every row needs one")
        row = ResearcherRow(
            line=line,
            full_name=" ".join(cell["full_name"].split()),
            email=self.email(line, cell["email"]),
            title=cell["title"] or None,
            departments=_split(cell["departments"]),
            focus_areas=self.areas(line, cell["focus_areas"]),
            specialties=_split(cell["specialties"]),
            orcid=self.orcid(line, cell["orcid"]),
            open_to_industry=self.boolean(line, cell["open_to_industry"]),
            max_active_alliances=self.count(line, cell["max_active_alliances"]),
        )
        if len(self.errors) == errors_before:
            self.rows.append(row)

    def email(self, line: int, value: str) -> str:
        if not value:
            return ""
        try:
            validate_email(value)
        except ValidationError:
            self.fail(line, "email", f"{value!r} is not a valid e-mail address")
            return ""
        self.once(line, "email", value.lower())
        return value.lower()

    def orcid(self, line: int, value: str) -> str | None:
        if not value:
            return None
        orcid = normalize_orcid(value)
        if orcid is None:
            self.fail(
                line, "orcid", f"{value!r} is not a valid ORCID iD (check the last character)"
            )
        else:
            self.once(line, "orcid", orcid)
        return orcid

    def areas(self, line: int, value: str) -> tuple[str, ...]:
        areas = tuple(area.lower() for area in _split(value))
        for area in areas:
            if area not in self.focus_areas:
                known = ", ".join(sorted(self.focus_areas))
                self.fail(line, "focus_areas", f"unknown focus area {area!r}: use one of {known}")
        return areas

    def boolean(self, line: int, value: str) -> bool | None:
        if not value:
            return None
        if value.lower() not in BOOLEANS:
            self.fail(line, "open_to_industry", f"{value!r} is not yes/no/true/false/1/0")
            return None
        return BOOLEANS[value.lower()]

    def count(self, line: int, value: str) -> int | None:
        if not value:
            return None
        if not (value.isascii() and value.isdigit()):
            self.fail(line, "max_active_alliances", f"{value!r} is not a whole number")
            return None
        return int(value)

    def once(self, line: int, field: str, value: str) -> None:
        key = f"{field} {value}"
        if key in self.seen:
            self.fail(line, field, f"{value} repeats the row at line {self.seen[key]}")
        else:
            self.seen[key] = line
