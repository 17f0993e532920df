"""Ranking researchers for a query: BM25 and embeddings fused per paper, then aggregated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.aggregation import soft_top_k
from translink.matching.engine.documents import (
    Evidence,
    Publication,
    RankedResearcher,
    Ranking,
    Researcher,
)
from translink.matching.engine.encoder import MODEL_NAME, Encoder, Vectors, normalize_rows
from translink.matching.engine.lexical import LexicalIndex

PROFILE_KEY = "profile"

# Chosen by 5-fold cross-validation over the 40 development researchers of the gold
# standard (python -m bench.expertise --cv): every fold chose these; mean held-out loss
# 0.220 against 0.233 for MiniLM alone (top-3 mean) on the same folds; 0.220 on all 40.
# BM25 weighs this much because the test papers share field-specific words (method and
# data-set names) that the small embedding model blurs.
LEXICAL_WEIGHT = 0.6
TOP_K = 3
DECAY = 1.0


@dataclass(frozen=True)
class Settings:
    """How signals are fused and aggregated, and how much evidence is returned."""

    lexical_weight: float = LEXICAL_WEIGHT
    top_k: int = TOP_K
    decay: float = DECAY
    evidence_limit: int = 3
    terms_limit: int = 8


HYBRID_NOTICE = f"Ranked by meaning ({MODEL_NAME} sentence embeddings) and by shared words (BM25)."
LEXICAL_NOTICE = (
    "Ranked by shared words only (BM25): {reason}, so papers that say the same thing "
    "in other words may be missed."
)


def documents_of(researchers: Sequence[Researcher]) -> list[Publication]:
    """Every document the engine reads, in the order publication vectors must follow:
    each researcher's publications, then their profile when it is not blank."""
    documents: list[Publication] = []
    for researcher in researchers:
        documents.extend(researcher.publications)
        if researcher.profile.strip():
            documents.append(Publication(key=PROFILE_KEY, title="", abstract=researcher.profile))
    return documents


def _owners(researchers: Sequence[Researcher]) -> npt.NDArray[np.int64]:
    counts = [len(r.publications) + (1 if r.profile.strip() else 0) for r in researchers]
    return np.repeat(np.arange(len(researchers), dtype=np.int64), counts)


@dataclass(frozen=True, eq=False)
class Corpus:
    """Researchers indexed once, ready to be ranked for many queries.

    ``vectors`` holds one unit-length row per document of :func:`documents_of`, or is None
    when no sentence-embedding model is available.
    """

    researchers: tuple[Researcher, ...]
    documents: tuple[Publication, ...]
    owners: npt.NDArray[np.int64]
    lexical: LexicalIndex
    vectors: Vectors | None

    @classmethod
    def build(
        cls, researchers: Sequence[Researcher], vectors: npt.ArrayLike | None = None
    ) -> Corpus:
        """Index ``researchers``; ``vectors`` are checked against the document count."""
        documents = documents_of(researchers)
        rows = None if vectors is None else normalize_rows(vectors)
        if rows is not None and len(rows) != len(documents):
            raise ValueError(f"{len(rows)} vectors were given for {len(documents)} documents")
        return cls(
            researchers=tuple(researchers),
            documents=tuple(documents),
            owners=_owners(researchers),
            lexical=LexicalIndex.build([d.text for d in documents]),
            vectors=rows,
        )

    def similarities(
        self, query: str, query_vector: npt.ArrayLike | None, settings: Settings
    ) -> tuple[npt.NDArray[np.float64], dict[str, float], bool]:
        """Each document's fused similarity to the query, the query's term weights, and
        whether the semantic signal took part."""
        weights = self.lexical.query_weights(query)
        lexical = self.lexical.scores(weights)
        if self.vectors is None or query_vector is None:
            return lexical, weights, False
        semantic = self.vectors @ normalize_rows(np.reshape(query_vector, (1, -1)))[0]
        alpha = settings.lexical_weight
        return (1 - alpha) * semantic.astype(np.float64) + alpha * lexical, weights, True

    def rank(
        self,
        query: str,
        query_vector: npt.ArrayLike | None = None,
        settings: Settings | None = None,
        limit: int | None = None,
        unavailable_reason: str = "no sentence-embedding model is installed",
    ) -> Ranking:
        """Researchers best first (ties by key), each with the publications behind them."""
        settings = settings or Settings()
        similarity, weights, semantic = self.similarities(query, query_vector, settings)
        scores = self.aggregate(similarity, settings)
        order = sorted(range(len(self.researchers)), key=lambda i: (-scores[i], self.key(i)))
        ranked = tuple(
            self._ranked(i, float(scores[i]), similarity, weights, settings) for i in order[:limit]
        )
        if semantic:
            return Ranking("hybrid", HYBRID_NOTICE, ranked)
        return Ranking("lexical", LEXICAL_NOTICE.format(reason=unavailable_reason), ranked)

    def aggregate(
        self, similarity: npt.NDArray[np.float64], settings: Settings
    ) -> npt.NDArray[np.float64]:
        """Each researcher's score from their documents' similarities (see aggregation)."""
        return soft_top_k(
            similarity, self.owners, len(self.researchers), settings.top_k, settings.decay
        )

    def key(self, researcher: int) -> str:
        """The key of the researcher at position ``researcher``."""
        return self.researchers[researcher].key

    def _ranked(
        self,
        researcher: int,
        score: float,
        similarity: npt.NDArray[np.float64],
        weights: dict[str, float],
        settings: Settings,
    ) -> RankedResearcher:
        own = np.flatnonzero(self.owners == researcher)
        best = own[np.argsort(-similarity[own], kind="stable")][: settings.evidence_limit]
        evidence = []
        for document in best:
            if similarity[document] <= 0:
                continue
            publication = self.documents[document]
            shared = self.lexical.shared_terms(weights, int(document), settings.terms_limit)
            evidence.append(
                Evidence(
                    publication.key,
                    publication.title,
                    publication.year,
                    round(float(similarity[document]), 4),
                    tuple(shared),
                )
            )
        return RankedResearcher(self.key(researcher), score, tuple(evidence), _merged(evidence))


def _merged(evidence: list[Evidence]) -> tuple[str, ...]:
    """The shared terms of all evidence, each once, in the order they first appear."""
    return tuple(dict.fromkeys(term for e in evidence for term in e.shared_terms))


def rank_researchers(
    query: str,
    researchers: Sequence[Researcher],
    encoder: Encoder | None = None,
    settings: Settings | None = None,
    limit: int | None = None,
    unavailable_reason: str = "no sentence-embedding model is installed",
) -> Ranking:
    """One-shot ranking: encode with ``encoder`` when given, else rank lexically.

    For many queries over the same researchers, build a :class:`Corpus` once instead.
    """
    vectors = query_vector = None
    if encoder is not None:
        vectors = encoder.encode([d.text for d in documents_of(researchers)])
        query_vector = encoder.encode([query])[0]
    corpus = Corpus.build(researchers, vectors)
    return corpus.rank(query, query_vector, settings, limit, unavailable_reason)
