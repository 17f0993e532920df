"""Which stored rows an imported file names: the keys of ``translink.people.imports``.

Publications by PMID and DOI, researchers by ORCID iD and e-mail, a byline's authors by
ORCID iD or by a name only one researcher has. Each lookup loads what the whole file names
in a few queries, and notes which line of the file claimed each stored row first, so that
two lines never write the same row; a conflict becomes a ``RowError``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from translink.people.importers import pubmed, researchers_csv
from translink.people.importers.errors import RowError
from translink.people.models import Department, Publication, Researcher

T = TypeVar("T")


def chunks(values: Iterable[T], size: int = 500) -> Iterator[list[T]]:
    """``values`` in lists of ``size``, to keep each ``__in`` query under the driver's
    parameter limits."""
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def name_key(text: str) -> str:
    """A name or title as it is compared: spaces collapsed, letter case folded."""
    return " ".join(text.split()).casefold()


def unknown_department(code: str) -> str:
    """Why ``code`` is refused, with the codes that would do."""
    known = ", ".join(Department.objects.order_by("code").values_list("code", flat=True))
    return f"unknown department code {code!r} (known: {known or 'none yet'})"


class KnownPublications:
    """The stored publications a file names, by PMID and by DOI; and which line of the file
    has already claimed each, so that two lines never write the same publication."""

    def __init__(self, pmids: set[str], dois: set[str]) -> None:
        self.by_pmid: dict[str, Publication] = {}
        self.by_doi: dict[str, Publication] = {}
        for batch in chunks(pmids):
            found = Publication.objects.filter(pmid__in=batch)
            self.by_pmid.update({p.pmid: p for p in found if p.pmid})
        for batch in chunks(dois):
            found = Publication.objects.filter(doi__in=batch)
            self.by_doi.update({p.doi: p for p in found if p.doi})
        self.claimed: dict[int, int] = {}

    def find(
        self, line: int, pmid: str | None, doi: str | None, errors: list[RowError]
    ) -> Publication | None:
        """The stored publication with this PMID, else this DOI; a contradiction is an error."""
        by_pmid = self.by_pmid.get(pmid) if pmid else None
        by_doi = self.by_doi.get(doi) if doi else None
        found = by_pmid or by_doi
        if by_doi is not None and found is not None and by_doi.pk != found.pk:
            other = f" (PMID {by_doi.pmid})" if by_doi.pmid else ""
            errors.append(RowError(line, "doi", f"{doi} belongs to another publication{other}"))
        elif found is not None and pmid and found.pmid and found.pmid != pmid:
            errors.append(RowError(line, "doi", f"{doi} is recorded for PMID {found.pmid}"))
        return self.claim(line, found, errors)

    def claim(
        self, line: int, found: Publication | None, errors: list[RowError]
    ) -> Publication | None:
        """Note that ``line`` writes ``found``; an error if an earlier line already does."""
        if found is not None:
            first = self.claimed.setdefault(found.pk, line)
            if first != line:
                reason = f"names the same publication as line {first}"
                errors.append(RowError(line, "publication", reason))
        return found


class ResearcherNames:
    """Every researcher by ORCID iD and by full name, to link a byline's authors."""

    def __init__(self) -> None:
        self.by_orcid: dict[str, Researcher] = {}
        self.by_name: dict[str, list[Researcher]] = defaultdict(list)
        for researcher in Researcher.objects.only("pk", "full_name", "orcid"):
            if researcher.orcid:
                self.by_orcid[researcher.orcid] = researcher
            self.by_name[name_key(researcher.full_name)].append(researcher)

    def links(self, authors: Sequence[pubmed.Author]) -> list[tuple[Researcher, int]]:
        """The researchers among ``authors`` with their 1-based place (the first, if twice)."""
        links: dict[int, tuple[Researcher, int]] = {}
        for position, author in enumerate(authors, start=1):
            if author.orcid:
                researcher = self.by_orcid.get(author.orcid)
            else:
                namesakes = self.by_name.get(name_key(author.name), [])
                researcher = namesakes[0] if len(namesakes) == 1 else None
            if researcher is not None:
                links.setdefault(researcher.pk, (researcher, position))
        return list(links.values())


class KnownResearchers:
    """The stored researchers a CSV names, by ORCID iD and by e-mail."""

    def __init__(self, rows: Sequence[researchers_csv.ResearcherRow]) -> None:
        orcids = {row.orcid for row in rows if row.orcid}
        emails = {row.email for row in rows}
        stored = Researcher.objects.prefetch_related("departments")
        self.by_orcid: dict[str, Researcher] = {}
        self.by_email: dict[str, Researcher] = {}
        for batch in chunks(orcids):
            self.by_orcid.update({r.orcid: r for r in stored.filter(orcid__in=batch) if r.orcid})
        for batch in chunks(emails):
            self.by_email.update({r.email: r for r in stored.filter(email__in=batch)})
        self.claimed: dict[int, int] = {}

    def find(self, row: researchers_csv.ResearcherRow, errors: list[RowError]) -> Researcher | None:
        """The stored researcher with the row's iD, else its e-mail; contradictions are errors."""
        by_orcid = self.by_orcid.get(row.orcid) if row.orcid else None
        by_email = self.by_email.get(row.email)
        found = by_orcid or by_email
        if by_email is not None and found is not None and by_email.pk != found.pk:
            reason = f"{row.email} belongs to {by_email.full_name}, not to the holder of this iD"
            errors.append(RowError(row.line, "email", reason))
        elif found is not None and row.orcid and found.orcid and found.orcid != row.orcid:
            reason = f"the researcher with {row.email} has the ORCID iD {found.orcid}"
            errors.append(RowError(row.line, "orcid", reason))
        if found is not None:
            first = self.claimed.setdefault(found.pk, row.line)
            if first != row.line:
                errors.append(RowError(row.line, "email", f"the same researcher as line {first}"))
        return found
