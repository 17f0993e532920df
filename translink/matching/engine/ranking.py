"""Ranking researchers for a query: BM25 and embeddings fused per paper, then aggregated."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.aggregation import top_k_means
from translink.matching.engine.documents import (
    Evidence,
    Publication,
    RankedResearcher,
    Ranking,
    Researcher,
)
from translink.matching.engine.encoder import MODEL_NAME, Encoder, Vectors
from translink.matching.engine.lexical import LexicalIndex
from translink.matching.engine.semantic import SemanticIndex, unit_query
from translink.matching.engine.shortlist import runs, to_score_exactly

PROFILE_KEY = "profile"

# Chosen by 5-fold cross-validation over the 40 development researchers of the gold
# standard (python -m bench.expertise --cv): every fold chose these; mean held-out loss
# 0.220 against 0.233 for MiniLM alone (top-3 mean) on the same folds; 0.220 on all 40.
# BM25 weighs this much because the test papers share field-specific words (method and
# data-set names) that the small embedding model blurs.
LEXICAL_WEIGHT = 0.6
TOP_K = 3
DECAY = 1.0
# Float32 rounding of the fused approximation, far above what a sum of two can lose.
FUSION_SLACK = 1e-6


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


@dataclass(frozen=True, eq=False)
class Corpus:
    """Researchers indexed once, ready to be ranked for many queries.

    Documents are grouped by researcher: researcher r owns documents
    ``starts[r]:starts[r] + counts[r]`` (``owners`` maps each document back). ``vectors``
    holds one unit-length row per document of :func:`documents_of`, or is None when no
    sentence-embedding model is available.
    """

    researchers: tuple[Researcher, ...]
    documents: tuple[Publication, ...]
    owners: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    counts: npt.NDArray[np.int64]
    key_order: npt.NDArray[np.int64]  # each researcher's place when sorted by key
    lexical: LexicalIndex
    semantic: SemanticIndex | None

    @classmethod
    def build(
        cls, researchers: Sequence[Researcher], vectors: npt.ArrayLike | None = None
    ) -> Corpus:
        """Index ``researchers``; ``vectors`` are checked against the document count."""
        documents = documents_of(researchers)
        semantic = None if vectors is None else SemanticIndex.build(vectors)
        if semantic is not None and len(semantic.rows) != len(documents):
            raise ValueError(
                f"{len(semantic.rows)} vectors were given for {len(documents)} documents"
            )
        counts = np.array([_document_count(r) for r in researchers], dtype=np.int64)
        keys = [r.key for r in researchers]
        key_order = np.empty(len(keys), dtype=np.int64)
        key_order[sorted(range(len(keys)), key=keys.__getitem__)] = np.arange(len(keys))
        return cls(
            researchers=tuple(researchers),
            documents=tuple(documents),
            owners=np.repeat(np.arange(len(researchers), dtype=np.int64), counts),
            starts=np.cumsum(counts) - counts,
            counts=counts,
            key_order=key_order,
            lexical=LexicalIndex.build(d.text for d in documents),
            semantic=semantic,
        )

    @property
    def vectors(self) -> Vectors | None:
        """The unit-length document vectors, or None without a model."""
        return None if self.semantic is None else self.semantic.rows

    def similarities(
        self, query: str, query_vector: npt.ArrayLike | None, settings: Settings
    ) -> tuple[npt.NDArray[np.float64], dict[str, float], bool]:
        """Each document's fused similarity to the query, the query's term weights, and
        whether the semantic signal took part (every document, computed exactly)."""
        weights = self.lexical.query_weights(query)
        lexical = self.lexical.scores(weights)
        if self.semantic is None or query_vector is None:
            return lexical.astype(np.float64), weights, False
        semantic = self.semantic.exact_all(unit_query(query_vector))
        return _fused(semantic, lexical, settings.lexical_weight), weights, True

    def rank(
        self,
        query: str,
        query_vector: npt.ArrayLike | None = None,
        settings: Settings | None = None,
        limit: int | None = None,
        unavailable_reason: str = "no sentence-embedding model is installed",
    ) -> Ranking:
        """Researchers best first (ties by key), each with the publications behind them.

        With a ``limit`` below the number of researchers, only the researchers that can
        reach the top are scored exactly (see shortlist); the answer is the same.
        """
        settings = settings or Settings()
        limit = None if limit is None else max(limit, 0)
        if limit is None or limit >= len(self.researchers):
            scored, similarity, weights, semantic = self._score_all(query, query_vector, settings)
        else:
            scored, similarity, weights, semantic = self._score_top(
                query, query_vector, settings, limit
            )
        ranked = self._ranked(scored, similarity, weights, settings, limit)
        if semantic:
            return Ranking("hybrid", HYBRID_NOTICE, ranked)
        return Ranking("lexical", LEXICAL_NOTICE.format(reason=unavailable_reason), ranked)

    def aggregate(
        self, similarity: npt.NDArray[np.float64], settings: Settings
    ) -> npt.NDArray[np.float64]:
        """Each researcher's score from their documents' similarities (see aggregation)."""
        return top_k_means(similarity, self.counts, settings.top_k, settings.decay)

    def key(self, researcher: int) -> str:
        """The key of the researcher at position ``researcher``."""
        return self.researchers[researcher].key

    def _score_all(
        self, query: str, query_vector: npt.ArrayLike | None, settings: Settings
    ) -> tuple[Scored, npt.NDArray[np.float64], dict[str, float], bool]:
        """Every researcher scored from every document's exact similarity."""
        similarity, weights, semantic = self.similarities(query, query_vector, settings)
        everyone = np.arange(len(self.researchers), dtype=np.int64)
        scored = Scored(everyone, self.aggregate(similarity, settings))
        return scored, similarity, weights, semantic

    def _score_top(
        self, query: str, query_vector: npt.ArrayLike | None, settings: Settings, limit: int
    ) -> tuple[Scored, npt.NDArray[np.float64], dict[str, float], bool]:
        """The researchers that can reach the top ``limit``, scored exactly."""
        weights = self.lexical.query_weights(query)
        lexical = self.lexical.scores(weights)
        alpha = settings.lexical_weight
        if self.semantic is None or query_vector is None:
            approximate, margins, margin, semantic = lexical, _no_margins, 0.0, None
        else:
            semantic = unit_query(query_vector)
            scan = self.semantic.approximate(semantic)
            approximate = scan.values * np.float32(1 - alpha)  # scan.values stay for margins
            approximate += np.float32(alpha) * lexical

            def margins(documents: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
                return (1 - alpha) * scan.margins(documents) + FUSION_SLACK

            margin = (1 - alpha) * scan.largest_margin() + FUSION_SLACK

        def aggregate(
            similarity: npt.NDArray[np.float64], counts: npt.NDArray[np.int64]
        ) -> npt.NDArray[np.float64]:
            return top_k_means(similarity, counts, settings.top_k, settings.decay)

        grouping = (self.owners, self.starts, self.counts)
        chosen = to_score_exactly(
            approximate, margins, margin, grouping, limit, aggregate, settings.top_k
        )
        documents, _ = runs(chosen, self.starts, self.counts)
        if semantic is None or self.semantic is None:
            exact = lexical[documents].astype(np.float64)
        else:
            exact = _fused(self.semantic.exact(documents, semantic), lexical[documents], alpha)
        scores = top_k_means(exact, self.counts[chosen], settings.top_k, settings.decay)
        similarity = np.zeros(len(self.documents))  # only the chosen documents are read
        similarity[documents] = exact
        return Scored(chosen, scores), similarity, weights, semantic is not None

    def _ranked(
        self,
        scored: Scored,
        similarity: npt.NDArray[np.float64],
        weights: dict[str, float],
        settings: Settings,
        limit: int | None,
    ) -> tuple[RankedResearcher, ...]:
        """The best ``limit`` of ``scored`` (ties by key) with their evidence."""
        order = np.lexsort((self.key_order[scored.researchers], -scored.scores))[:limit]
        best = [
            self._evidence_documents(int(scored.researchers[i]), similarity, settings)
            for i in order
        ]
        documents = np.array([d for docs in best for d in docs], dtype=np.int64)
        shared = iter(self.lexical.shared_terms(weights, documents, settings.terms_limit))
        ranked = []
        for i, docs in zip(order, best, strict=True):
            evidence = [self._evidence(d, float(similarity[d]), tuple(next(shared))) for d in docs]
            researcher = int(scored.researchers[i])
            score = float(scored.scores[i])
            ranked.append(
                RankedResearcher(self.key(researcher), score, tuple(evidence), _merged(evidence))
            )
        return tuple(ranked)

    def _evidence_documents(
        self, researcher: int, similarity: npt.NDArray[np.float64], settings: Settings
    ) -> list[int]:
        """The researcher's best documents with a positive similarity, best first."""
        first = int(self.starts[researcher])
        own = similarity[first : first + int(self.counts[researcher])]
        best = np.argsort(-own, kind="stable")[: settings.evidence_limit]
        return [first + int(d) for d in best if own[d] > 0]

    def _evidence(self, document: int, similarity: float, shared: tuple[str, ...]) -> Evidence:
        publication = self.documents[document]
        return Evidence(
            publication.key, publication.title, publication.year, round(similarity, 4), shared
        )


@dataclass(frozen=True)
class Scored:
    """Researchers (positions in the corpus) and their exact scores, in no order."""

    researchers: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float64]


def _no_margins(documents: npt.NDArray[np.int64]) -> npt.NDArray[np.float64]:
    """Lexical similarities are exact: no margin."""
    return np.zeros(len(documents))


def _document_count(researcher: Researcher) -> int:
    return len(researcher.publications) + (1 if researcher.profile.strip() else 0)


def _fused(
    semantic: npt.NDArray[np.float32], lexical: npt.NDArray[np.float32], alpha: float
) -> npt.NDArray[np.float64]:
    """``(1 - alpha) * semantic + alpha * lexical``, in float64 from float32 parts."""
    return (1 - alpha) * semantic.astype(np.float64) + alpha * lexical.astype(np.float64)


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
