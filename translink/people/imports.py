"""Whole-file imports of researchers and publications: all of a file, or none of it.

Each import reads its file with a parser of ``translink.people.importers``, checks what it
read against the database, and only when nothing at all is wrong writes everything in one
transaction: every created or changed row with its audit event, then one
``people.import_completed`` event with the kind, the counts, the file's SHA-256 and the
actor. A refused file stores nothing and records nothing; ``ImportRefused`` lists every
bad row (line, field, reason).

Keys, so a re-import updates and never duplicates:

* publications by PMID, then DOI; an ORCID work with neither matches the researcher's
  publication of the same title (letter case and spaces aside);
* researchers by ORCID iD, then e-mail.

Links:

* a PubMed author is linked to the researcher with the author's ORCID iD when the XML gives
  one (and then only to them); otherwise to the researcher whose full name is the author's
  ``ForeName LastName`` (letter case and spaces aside), when exactly one researcher has it;
* an ORCID record's works are linked to the researcher who has the record's iD. A record
  whose iD no researcher has is refused: an ORCID record does not create researchers (their
  e-mail and departments come from the researchers CSV or from their profile). ORCID gives
  no byline, so a new link's position is the researcher's place in the stored author list,
  or 0 (unknown).

What each import may overwrite:

* PubMed: every field it carries (title, abstract, journal, year, MeSH terms, authors);
  a DOI missing from the XML does not erase a stored one. Positions of existing links follow
  the byline.
* ORCID: fills in empty fields; it overwrites title, journal and year only of publications
  PubMed does not index (no PMID), because PubMed's records are curated and ORCID's are
  self-reported.
* Researchers CSV: every non-empty cell; an empty optional cell keeps what is stored.
  Departments are replaced by the row's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from translink.accounts.models import User
from translink.audit.actions import record
from translink.lib.progress import ProgressBar
from translink.people.import_lookups import (
    KnownPublications,
    KnownResearchers,
    ResearcherNames,
    chunks,
    name_key,
    unknown_department,
)
from translink.people.importers import orcid, pubmed, researchers_csv
from translink.people.importers.errors import RowError
from translink.people.models import Authorship, Department, FocusArea, Publication, Researcher

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
ProgressFactory = Callable[[int], ProgressBar]


class ImportKind(models.TextChoices):
    """The kinds of file Translink imports, as the commands, the page and the API name them."""

    PUBMED = "pubmed", "PubMed XML"
    ORCID = "orcid", "ORCID JSON"
    RESEARCHERS = "researchers", "Researchers CSV"


class ImportRefused(Exception):
    """The file was not imported; ``errors`` lists every bad row, in the file's order."""

    def __init__(self, errors: Iterable[RowError]) -> None:
        self.errors = sorted(errors, key=lambda error: error.line)
        super().__init__(
            f"The file was refused ({len(self.errors)} problems); nothing was imported."
        )

    def by_field(self) -> dict[str, list[str]]:
        """The reasons keyed ``"line N: field"``, as the API's error shape lists fields."""
        fields: dict[str, list[str]] = {}
        for error in self.errors:
            fields.setdefault(f"line {error.line}: {error.field}", []).append(error.reason)
        return fields


@dataclass
class ImportReport:
    """What an import did: rows created, updated and left unchanged, and the new links."""

    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    linked: list[str] = field(default_factory=list)

    def summary(self) -> str:
        counts = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"
        if self.kind != ImportKind.RESEARCHERS:
            counts += f"; {len(self.linked)} authorships linked"
        return f"{ImportKind(self.kind).label} imported: {counts}."


@dataclass
class _Planned:
    """One row to write: ``old`` is None for a new row, else the stored values of ``new``."""

    line: int
    obj: Any
    old: dict[str, Any] | None
    new: dict[str, Any]
    links: list[tuple[Researcher, int]] = field(default_factory=list)
    departments: list[Department] | None = None


def import_file(
    actor: User | None, kind: str, data: bytes, progress: ProgressFactory | None = None
) -> ImportReport:
    """Import ``data`` as a file of ``kind`` (an ``ImportKind`` value)."""
    importers = {
        ImportKind.PUBMED: import_pubmed,
        ImportKind.ORCID: import_orcid,
        ImportKind.RESEARCHERS: import_researchers,
    }
    return importers[ImportKind(kind)](actor, data, progress)


def import_pubmed(
    actor: User | None, data: bytes, progress: ProgressFactory | None = None
) -> ImportReport:
    """Import a PubMed XML file (see ``importers.pubmed``), linking authors to researchers."""
    articles, errors = pubmed.parse(data)  # the sound articles are checked further
    known = KnownPublications({a.pmid for a in articles}, {a.doi for a in articles if a.doi})
    people = ResearcherNames()
    planned = []
    for article in articles:
        found = known.find(article.line, article.pmid, article.doi, errors)
        values = _article_values(article)
        item = _plan_publication(article.line, found, values, lambda obj, name: True)
        item.links = people.links(article.authors)
        planned.append(item)
    _validate(planned, errors)
    _refuse_if_any(errors)
    return _write_publications(actor, ImportKind.PUBMED, data, planned, progress)


def import_orcid(
    actor: User | None, data: bytes, progress: ProgressFactory | None = None
) -> ImportReport:
    """Import an ORCID record or works summary (see ``importers.orcid``) for the researcher
    who has its iD."""
    parsed, errors = orcid.parse(data)
    _refuse_if_any(errors)
    assert parsed is not None
    researcher = Researcher.objects.filter(orcid=parsed.orcid).first()
    if researcher is None:
        reason = (
            f"no researcher has the ORCID iD {parsed.orcid}: add it to their profile or "
            "import them from a researchers CSV first"
        )
        raise ImportRefused([RowError(parsed.line, "orcid-identifier", reason)])
    works = parsed.works
    known = KnownPublications({w.pmid for w in works if w.pmid}, {w.doi for w in works if w.doi})
    titled = {
        name_key(p.title): p for p in Publication.objects.filter(authorships__researcher=researcher)
    }
    planned = []
    for work in works:
        if work.pmid or work.doi:
            found = known.find(work.line, work.pmid, work.doi, errors)
        else:
            found = known.claim(work.line, titled.get(name_key(work.title)), errors)
        item = _plan_publication(work.line, found, _work_values(work), _orcid_may_overwrite)
        item.links = [(researcher, _byline_position(item.obj, researcher))]
        planned.append(item)
    _validate(planned, errors)
    _refuse_if_any(errors)
    return _write_publications(actor, ImportKind.ORCID, data, planned, progress)


def import_researchers(
    actor: User | None, data: bytes, progress: ProgressFactory | None = None
) -> ImportReport:
    """Import a researchers CSV (see ``importers.researchers_csv``)."""
    rows, errors = researchers_csv.parse(data, FocusArea.values)  # sound rows: checked further
    codes = {code for row in rows for code in row.departments}
    departments = {d.code: d for d in Department.objects.filter(code__in=codes)}
    known = KnownResearchers(rows)
    planned = []
    for row in rows:
        for code in row.departments:
            if code not in departments:
                errors.append(RowError(row.line, "departments", unknown_department(code)))
        found = known.find(row, errors)
        chosen = [departments[code] for code in row.departments if code in departments]
        planned.append(_plan_researcher(row, found, chosen))
    _validate(planned, errors)
    _refuse_if_any(errors)
    return _write_all(actor, ImportKind.RESEARCHERS, data, planned, _write_researcher, progress)


# --- checking and planning ------------------------------------------------------------


def _refuse_if_any(errors: list[RowError]) -> None:
    if errors:
        raise ImportRefused(errors)


def _apply(
    obj: models.Model, values: dict[str, Any], may_overwrite: Callable[[Any, str], bool]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the values that differ and may be overwritten; return their old and new values."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for name, value in values.items():
        current = getattr(obj, name)
        if current != value and may_overwrite(obj, name):
            old[name], new[name] = current, value
            setattr(obj, name, value)
    return old, new


def _plan_publication(
    line: int,
    found: Publication | None,
    values: dict[str, Any],
    may_overwrite: Callable[[Any, str], bool],
) -> _Planned:
    if found is None:
        return _Planned(line, Publication(**values), None, values)
    old, new = _apply(found, values, may_overwrite)
    return _Planned(line, found, old, new)


def _article_values(article: pubmed.Article) -> dict[str, Any]:
    """What a PubMed article says of its publication; a DOI it lacks is not a blank DOI."""
    values: dict[str, Any] = {
        "pmid": article.pmid,
        "title": article.title,
        "abstract": article.abstract,
        "journal": article.journal,
        "year": article.year,
        "mesh_terms": list(article.mesh_terms),
        "authors": [author.name for author in article.authors],
    }
    if article.doi:
        values["doi"] = article.doi
    return values


def _work_values(work: orcid.Work) -> dict[str, Any]:
    """What an ORCID work says of its publication: only the fields it fills."""
    values = {
        "title": work.title,
        "journal": work.journal,
        "year": work.year,
        "pmid": work.pmid,
        "doi": work.doi,
    }
    return {name: value for name, value in values.items() if value}


def _orcid_may_overwrite(publication: Publication, name: str) -> bool:
    return publication.pmid is None or getattr(publication, name) in (None, "")


def _byline_position(publication: Publication, researcher: Researcher) -> int:
    names = [name_key(name) for name in publication.authors or []]
    key = name_key(researcher.full_name)
    return names.index(key) + 1 if key in names else 0


def _plan_researcher(
    row: researchers_csv.ResearcherRow, found: Researcher | None, departments: list[Department]
) -> _Planned:
    optional = {
        "title": row.title,
        "focus_areas": list(row.focus_areas) or None,
        "specialties": list(row.specialties) or None,
        "orcid": row.orcid,
        "open_to_industry": row.open_to_industry,
        "max_active_alliances": row.max_active_alliances,
    }
    values: dict[str, Any] = {"full_name": row.full_name, "email": row.email}
    values.update({name: value for name, value in optional.items() if value is not None})
    wanted = sorted(department.pk for department in departments)
    if found is None:
        new = {**values, "departments": wanted}
        return _Planned(row.line, Researcher(**values), None, new, departments=departments)
    old, new = _apply(found, values, lambda obj, name: True)
    stored = sorted(department.pk for department in found.departments.all())
    if stored != wanted:
        old["departments"], new["departments"] = stored, wanted
    return _Planned(row.line, found, old, new, departments=departments)


def _validate(planned: Sequence[_Planned], errors: list[RowError]) -> None:
    """The models' own checks (lengths, ranges, clean()), as row errors."""
    for item in planned:
        try:
            item.obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                errors.extend(RowError(item.line, name, message) for message in messages)


# --- writing ----------------------------------------------------------------------------


def _write_all(
    actor: User | None,
    kind: str,
    data: bytes,
    planned: Sequence[_Planned],
    write: Callable[[User | None, _Planned, ImportReport], None],
    progress: ProgressFactory | None,
) -> ImportReport:
    report = ImportReport(kind)
    bar = progress(len(planned)) if progress is not None else None
    try:
        with transaction.atomic():
            for item in planned:
                write(actor, item, report)
                if bar is not None:
                    bar.advance()
            record(
                "people.import_completed",
                actor=actor,
                object_type="people.import",
                object_id=kind,
                object_repr=f"{ImportKind(kind).label} import",
                new={
                    "kind": kind,
                    "sha256": hashlib.sha256(data).hexdigest(),
                    "bytes": len(data),
                    "records": len(planned),
                    "created": report.created,
                    "updated": report.updated,
                    "unchanged": report.unchanged,
                    "linked": len(report.linked),
                },
            )
    except IntegrityError:
        reason = "the stored data changed while this file was being imported: import it again"
        raise ImportRefused([RowError(1, "file", reason)]) from None
    return report


def _write_row(actor: User | None, item: _Planned, report: ImportReport, label: str) -> bool:
    """Save a created or changed row with its audit event; False when nothing changed."""
    obj = item.obj
    if item.old is None:
        obj.save()
        new = {name: value for name, value in item.new.items() if name != "abstract"}
        record(f"people.{label}_imported", actor=actor, obj=obj, new={**new, "line": item.line})
        report.created += 1
        return True
    if not item.new:
        report.unchanged += 1
        return False
    columns = [name for name in item.new if name != "departments"]
    if columns:
        obj.save(update_fields=columns)
    record(
        f"people.{label}_updated_by_import",
        actor=actor,
        obj=obj,
        old=item.old,
        new={**item.new, "line": item.line},
    )
    report.updated += 1
    return True


def _write_researcher(actor: User | None, item: _Planned, report: ImportReport) -> None:
    if _write_row(actor, item, report, "researcher") and "departments" in item.new:
        item.obj.departments.set(item.departments or [])


def _write_publications(
    actor: User | None,
    kind: str,
    data: bytes,
    planned: Sequence[_Planned],
    progress: ProgressFactory | None,
) -> ImportReport:
    stored = [item.obj.pk for item in planned if item.old is not None]
    links: dict[tuple[int, int], Authorship] = {}
    for batch in chunks(stored):
        for authorship in Authorship.objects.filter(publication_id__in=batch):
            links[(authorship.publication_id, authorship.researcher_id)] = authorship

    def write(actor: User | None, item: _Planned, report: ImportReport) -> None:
        _write_row(actor, item, report, "publication")
        for researcher, position in item.links:
            _link(
                actor, links.get((item.obj.pk, researcher.pk)), item, researcher, position, report
            )

    return _write_all(actor, kind, data, planned, write, progress)


def _link(
    actor: User | None,
    stored: Authorship | None,
    item: _Planned,
    researcher: Researcher,
    position: int,
    report: ImportReport,
) -> None:
    publication = item.obj
    if stored is None:
        stored = Authorship.objects.create(
            researcher=researcher, publication=publication, position=position
        )
        record(
            "people.authorship_imported",
            actor=actor,
            obj=stored,
            new={"researcher": researcher.pk, "publication": publication.pk, "position": position},
        )
        shown = f"PMID {publication.pmid}" if publication.pmid else publication.title[:80]
        place = f"author {position}" if position else "position in the byline unknown"
        report.linked.append(f"{researcher.full_name}: {shown} ({place})")
    elif position and stored.position != position:
        old = stored.position
        stored.position = position
        stored.save(update_fields=["position"])
        record(
            "people.authorship_updated_by_import",
            actor=actor,
            obj=stored,
            old={"position": old},
            new={"position": position, "line": item.line},
        )
