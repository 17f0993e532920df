"""Index upkeep: the stored vectors follow the publications and profiles they stand for.

The engine is pure; this module is its link to the database. Computing vectors needs the
sentence-embedding model, loaded once per process; without it nothing is computed and the
engine ranks on shared words alone, saying so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from translink.matching.engine import EncoderLoad, kernel, load_encoder
from translink.matching.engine.documents import Publication as EnginePublication
from translink.matching.engine.documents import Researcher as EngineResearcher
from translink.matching.models import DocumentVector
from translink.people.models import Publication, Researcher

BATCH = 64


@lru_cache(maxsize=1)
def encoder() -> EncoderLoad:
    """The model, loaded on first use and kept for the life of the process."""
    return load_encoder()


def profile_text(researcher: Researcher) -> str:
    return " ".join([*researcher.specialties, researcher.bio]).strip()


def engine_researcher(researcher: Researcher, publications: list[Publication]) -> EngineResearcher:
    papers = tuple(
        EnginePublication(key=str(p.pk), title=p.title, abstract=p.abstract, year=p.year)
        for p in publications
    )
    return EngineResearcher(
        key=str(researcher.pk), publications=papers, profile=profile_text(researcher)
    )


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Pending:
    kind: str
    object_id: int
    text: str


def pending() -> list[Pending]:
    """Documents with no vector, or whose text changed since their vector was computed."""
    stored = {
        (v.kind, v.object_id): v.text_hash
        for v in DocumentVector.objects.only("kind", "object_id", "text_hash")
    }
    found = []
    for kind, object_id, text in _documents():
        if text and stored.get((kind, object_id)) != _hash(text):
            found.append(Pending(kind, object_id, text))
    return found


def _documents() -> Iterator[tuple[str, int, str]]:
    for p in Publication.objects.only("title", "abstract").iterator(chunk_size=1000):
        yield (
            DocumentVector.Kind.PUBLICATION,
            p.pk,
            EnginePublication(key="", title=p.title, abstract=p.abstract).text,
        )
    for r in Researcher.objects.only("specialties", "bio").iterator(chunk_size=1000):
        yield DocumentVector.Kind.PROFILE, r.pk, profile_text(r)


def refresh(progress: Callable[[int, int], None] | None = None) -> int:
    """Compute every missing or stale vector, a batch at a time; returns how many."""
    loaded = encoder()
    if loaded.encoder is None:
        return 0
    todo = pending()
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        vectors = loaded.encoder.encode([item.text for item in batch])
        for item, vector in zip(batch, vectors, strict=True):
            DocumentVector.objects.update_or_create(
                kind=item.kind,
                object_id=item.object_id,
                defaults={
                    "model_name": loaded.encoder.name,
                    "text_hash": _hash(item.text),
                    "vector": np.asarray(vector, dtype="<f4").tobytes(),
                },
            )
        if progress is not None:
            progress(min(start + BATCH, len(todo)), len(todo))
    return len(todo)


@dataclass(frozen=True)
class IndexStatus:
    indexed: int
    total: int
    model_available: bool
    reason: str
    scan: str | None  # the compiled scan's loop, or None: queries scan in float32

    @property
    def complete(self) -> bool:
        return self.indexed >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.indexed / self.total)


def status() -> IndexStatus:
    total = sum(1 for _, _, text in _documents() if text)
    loaded = encoder()
    scan = kernel.load()
    return IndexStatus(
        total - len(pending()),
        total,
        loaded.encoder is not None,
        loaded.reason,
        None if scan is None else scan.name,
    )


def vectors_for(documents: list[tuple[str, int]]) -> np.ndarray | None:
    """The stored vectors of these (kind, id) documents in order, or None if any is missing."""
    rows = {
        (v.kind, v.object_id): v.vector
        for v in DocumentVector.objects.filter(object_id__in={i for _, i in documents}).only(
            "kind", "object_id", "vector"
        )
    }
    if any(key not in rows for key in documents):
        return None
    return (
        np.vstack([np.frombuffer(bytes(rows[key]), dtype="<f4") for key in documents])
        if documents
        else None
    )
