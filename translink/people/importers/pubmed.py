"""PubMed/MEDLINE XML, as E-utilities' ``efetch.fcgi?db=pubmed&retmode=xml`` returns it.

The file follows NLM's PubMed DTD (``pubmed_250101.dtd``): a ``PubmedArticleSet`` of
``PubmedArticle`` elements. Read from each article:

* ``MedlineCitation/PMID``: required, digits, once per file;
* ``Article/ArticleTitle`` (else ``VernacularTitle``): required; inline markup such as
  ``<i>`` is flattened to its text;
* ``Article/Abstract/AbstractText``: every section, as ``LABEL: text`` when labelled,
  joined by blank lines;
* ``Article/Journal/Title``; the year from ``Journal/JournalIssue/PubDate/Year``, else the
  first year in ``PubDate/MedlineDate`` (``1998 Dec-1999 Jan``), else ``ArticleDate/Year``;
* ``Article/AuthorList/Author``: ``ForeName LastName`` (``Initials LastName`` without a
  fore name, ``CollectiveName`` for a group) and its ``Identifier Source="ORCID"``;
* ``MeshHeadingList/MeshHeading/DescriptorName``;
* ``PubmedData/ArticleIdList/ArticleId IdType="doi"``, else
  ``Article/ELocationID EIdType="doi"``; once per file.

Anything else in the set (``PubmedBookArticle``, ``DeleteCitation``) is skipped. expat
reads the file through defusedxml, which refuses entity declarations (the "billion laughs"
bomb) and external entities instead of expanding them; the DOCTYPE that efetch writes is
allowed. A bad article is reported at the line where its ``PubmedArticle`` starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from translink.lib.identifiers import normalize_doi, normalize_orcid
from translink.people.importers.errors import RowError

CHUNK_BYTES = 1 << 20
_PMID = re.compile(r"[0-9]{1,12}")
_YEAR = re.compile(r"\b(1[5-9][0-9]{2}|2[0-9]{3})\b")


@dataclass(frozen=True)
class Author:
    """One name of a byline; ``orcid`` is normalized, or None when the file gives none."""

    name: str
    orcid: str | None


@dataclass(frozen=True)
class Article:
    """One ``PubmedArticle``; ``line`` is where it starts in the file."""

    line: int
    pmid: str
    title: str
    abstract: str
    journal: str
    year: int | None
    doi: str | None
    mesh_terms: tuple[str, ...]
    authors: tuple[Author, ...]


class _ArticleCollector:
    """The parser's target: builds one small tree per ``PubmedArticle`` and notes the line
    it starts on, so the file streams through without one tree of the whole set."""

    def __init__(self) -> None:
        self.expat: Any = None  # the running expat parser, which knows the current line
        self.root: str | None = None
        self.finished: list[tuple[int, Element]] = []
        self._builder: TreeBuilder | None = None
        self._depth = 0
        self._line = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if self.root is None:
            self.root = tag
        if self._builder is None:
            if tag != "PubmedArticle":
                return
            self._builder, self._depth = TreeBuilder(), 0
            self._line = self.expat.CurrentLineNumber
        self._depth += 1
        self._builder.start(tag, attrib)

    def end(self, tag: str) -> None:
        if self._builder is None:
            return
        self._builder.end(tag)
        self._depth -= 1
        if self._depth == 0:
            self.finished.append((self._line, self._builder.close()))
            self._builder = None

    def data(self, text: str) -> None:
        if self._builder is not None:
            self._builder.data(text)

    def close(self) -> None:
        return None


class _Reader:
    """Turns finished article trees into ``Article`` records, remembering the PMIDs and
    DOIs already seen so a repeat names the line of the first."""

    def __init__(self) -> None:
        self.articles: list[Article] = []
        self.errors: list[RowError] = []
        self.pmids: dict[str, int] = {}
        self.dois: dict[str, int] = {}

    def take(self, collector: _ArticleCollector) -> None:
        for line, element in collector.finished:
            article = self.read(line, element)
            if article is not None:
                self.articles.append(article)
        collector.finished.clear()

    def read(self, line: int, element: Element) -> Article | None:
        errors_before = len(self.errors)
        article = element.find("MedlineCitation/Article")
        pmid = self.pmid(line, _text(element.find("MedlineCitation/PMID")))
        title = _text(element.find("MedlineCitation/Article/ArticleTitle")) or _text(
            element.find("MedlineCitation/Article/VernacularTitle")
        )
        if not title:
            self.errors.append(RowError(line, "ArticleTitle", "missing: every article needs one"))
        doi = self.doi(line, _raw_doi(element))
        authors = self.authors(line, article)
        if len(self.errors) > errors_before or article is None:
            return None
        return Article(
            line=line,
            pmid=pmid,
            title=title,
            abstract=_abstract(article),
            journal=_text(article.find("Journal/Title")),
            year=_year(article),
            doi=doi,
            mesh_terms=tuple(
                term
                for term in map(_text, element.iterfind(".//MeshHeading/DescriptorName"))
                if term
            ),
            authors=tuple(authors),
        )

    def pmid(self, line: int, pmid: str) -> str:
        if not pmid:
            self.errors.append(RowError(line, "PMID", "missing: every article needs its PMID"))
        elif not _PMID.fullmatch(pmid):
            self.errors.append(RowError(line, "PMID", f"{pmid!r} is not a PMID (1-12 digits)"))
        elif pmid in self.pmids:
            self.errors.append(
                RowError(line, "PMID", f"{pmid} repeats the article at line {self.pmids[pmid]}")
            )
        else:
            self.pmids[pmid] = line
        return pmid

    def doi(self, line: int, raw: str) -> str | None:
        if not raw:
            return None
        doi = normalize_doi(raw)
        if doi is None:
            self.errors.append(RowError(line, "ArticleId doi", f"{raw!r} is not a DOI"))
        elif doi in self.dois:
            self.errors.append(
                RowError(
                    line, "ArticleId doi", f"{doi} repeats the article at line {self.dois[doi]}"
                )
            )
        else:
            self.dois[doi] = line
        return doi

    def authors(self, line: int, article: Element | None) -> list[Author]:
        authors: list[Author] = []
        for number, author in enumerate(_iter(article, "AuthorList/Author"), start=1):
            orcid = None
            for identifier in author.iterfind("Identifier[@Source='ORCID']"):
                raw = _text(identifier)
                orcid = normalize_orcid(raw)
                if orcid is None:
                    self.errors.append(
                        RowError(
                            line,
                            f"Author {number} Identifier ORCID",
                            f"{raw!r} is not a valid ORCID iD (check the last character)",
                        )
                    )
            name = _author_name(author)
            if name:
                authors.append(Author(name, orcid))
        return authors


def parse(data: bytes) -> tuple[list[Article], list[RowError]]:
    """Every article of the file, and every problem found in it (empty when it is sound).

    A broken document is reported at expat's line with expat's message; reading stops
    there, so the articles before it are checked and the rest are not.
    """
    collector = _ArticleCollector()
    parser = DefusedXMLParser(target=collector)
    collector.expat = parser.parser
    reader = _Reader()
    try:
        for start in range(0, len(data), CHUNK_BYTES):
            parser.feed(data[start : start + CHUNK_BYTES])
            reader.take(collector)
        parser.close()
        reader.take(collector)
    except ParseError as broken:
        line, column = broken.position
        reason = f"the XML is broken: {ErrorString(broken.code)} (column {column + 1})"
        reader.errors.append(RowError(line, "xml", reason))
    except DefusedXmlException as refused:
        reader.errors.append(RowError(collector.expat.CurrentLineNumber, "xml", _why(refused)))
    else:
        if collector.root != "PubmedArticleSet":
            found = f"<{collector.root}>"
            reader.errors.insert(0, RowError(1, "xml", f"expected <PubmedArticleSet>, {found}"))
    return reader.articles, reader.errors


def _why(refused: DefusedXmlException) -> str:
    kind = type(refused).__name__
    if kind == "EntitiesForbidden":
        return "entity declarations are refused (the file may be an XML bomb)"
    if kind == "DTDForbidden":
        return "document type declarations are refused"
    return "external entities are refused (the file may try to read other files)"


def _iter(element: Element | None, path: str) -> list[Element]:
    return [] if element is None else element.findall(path)


def _text(element: Element | None) -> str:
    """The element's text with its inline markup flattened and its spaces collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _raw_doi(element: Element) -> str:
    found = element.find("PubmedData/ArticleIdList/ArticleId[@IdType='doi']")
    if found is None:
        found = element.find("MedlineCitation/Article/ELocationID[@EIdType='doi']")
    return _text(found)


def _abstract(article: Element) -> str:
    sections = []
    for part in article.iterfind("Abstract/AbstractText"):
        text, label = _text(part), part.get("Label", "").strip()
        if text:
            sections.append(f"{label}: {text}" if label else text)
    return "\n\n".join(sections)


def _year(article: Element) -> int | None:
    for path in (
        "Journal/JournalIssue/PubDate/Year",
        "Journal/JournalIssue/PubDate/MedlineDate",
        "ArticleDate/Year",
    ):
        match = _YEAR.search(_text(article.find(path)))
        if match:
            return int(match.group(1))
    return None


def _author_name(author: Element) -> str:
    collective = _text(author.find("CollectiveName"))
    if collective:
        return collective
    last = _text(author.find("LastName"))
    first = _text(author.find("ForeName")) or _text(author.find("Initials"))
    return " ".join(part for part in (first, last) if part)
