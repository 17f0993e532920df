"""The engine's inputs and outputs: plain, frozen dataclasses with no framework in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["hybrid", "lexical"]


@dataclass(frozen=True, slots=True)  # slots: a million of them fit in less memory
class Publication:
    """One paper of a researcher's archive.

    ``key`` is any identifier unique within the researcher (a database id, a DOI, a hash);
    ``year`` is None when unknown.
    """

    key: str
    title: str
    abstract: str = ""
    year: int | None = None

    @property
    def text(self) -> str:
        """The text the engine reads: title and abstract, joined as one passage."""
        return ". ".join(part for part in (self.title, self.abstract) if part)


@dataclass(frozen=True, slots=True)
class Researcher:
    """A researcher as the engine sees them: publications plus free profile text."""

    key: str
    publications: tuple[Publication, ...] = ()
    profile: str = ""


@dataclass(frozen=True)
class Evidence:
    """One publication that supports a researcher's place in a ranking."""

    publication_key: str
    title: str
    year: int | None
    similarity: float
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class RankedResearcher:
    """A researcher's score for one query and the publications behind it, best first."""

    researcher_key: str
    score: float
    evidence: tuple[Evidence, ...]
    shared_terms: tuple[str, ...]


@dataclass(frozen=True)
class Ranking:
    """The engine's answer: researchers best first, and which signals produced it.

    ``mode`` is ``"hybrid"`` when sentence embeddings and BM25 were fused, ``"lexical"``
    when only BM25 was available; ``notice`` says so in a sentence a person can read.
    """

    mode: Mode
    notice: str
    researchers: tuple[RankedResearcher, ...] = field(default_factory=tuple)
