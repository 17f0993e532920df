"""The fast query path the speed benchmark measures: a candidate design for the product.

The engine's general :class:`~translink.matching.engine.Corpus` keeps Python objects per
document and sorts every document per query; at a million publications that is too slow
and too large. This path computes the same ranking on flat arrays:

1. semantic similarity of every publication: one float32 matrix-vector product (BLAS);
2. BM25 of every publication through the postings of the query's terms only, fused in
   place with the engine's weight;
3. each researcher's best publication by ``np.maximum.reduceat`` over runs of
   publications sorted by researcher;
4. the engine's own ``soft_top_k`` on the researchers with the best maxima only: a
   researcher's score never exceeds their best publication, so once the 20th score is at
   least the best maximum left out, the top 20 are exact (else the pool grows);
5. evidence (best publications, shared terms) for the top 20 only.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
import numpy.typing as npt

from bench.matching_speed_index import SyntheticIndex
from translink.matching.engine import Evidence, RankedResearcher, Ranking, Settings
from translink.matching.engine.aggregation import soft_top_k
from translink.matching.engine.ranking import HYBRID_NOTICE
from translink.matching.engine.terms import terms

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


def query_weights(index: SyntheticIndex, query: str) -> dict[int, float]:
    """Each indexed term id of ``query`` (found in some publication) with its weight: idf
    times its count in the query, as the engine's ``LexicalIndex.query_weights``."""
    ids = (index.term_ids.get(t) for t in terms(query))
    counter = Counter(i for i in ids if i is not None and index.document_frequency(i) > 0)
    return {term: float(index.idf[term]) * count for term, count in counter.items()}


def fused_similarity(
    index: SyntheticIndex, weights: dict[int, float], query_vector: Floats, alpha: float
) -> Floats:
    """Every publication's ``(1 - alpha) * cosine + alpha * BM25 / ceiling``, in float32."""
    fused = index.vectors @ query_vector
    fused *= np.float32(1 - alpha)
    ceiling = sum(weights.values())
    for term, weight in weights.items():
        span = slice(index.posting_starts[term], index.posting_starts[term + 1])
        documents = index.posting_documents[span]
        counts = index.posting_counts[span]
        share = np.float32(alpha * weight / ceiling)
        fused[documents] += share * counts / (counts + index.length_norm[documents])
    return fused


def pool_of(index: SyntheticIndex, researchers: Ints) -> tuple[Ints, Ints]:
    """The publications of ``researchers`` and, for each, its position in ``researchers``."""
    starts = index.researcher_starts
    ends = np.r_[starts[1:], index.publication_count]
    counts = ends[researchers] - starts[researchers]
    owners = np.repeat(np.arange(len(researchers)), counts)
    run_starts = np.r_[0, np.cumsum(counts)[:-1]]
    offsets = np.arange(len(owners)) - run_starts[owners]
    return starts[researchers][owners] + offsets, owners


def exact_top(
    index: SyntheticIndex, fused: Floats, settings: Settings, limit: int
) -> tuple[Ints, npt.NDArray[np.float64], int]:
    """The best ``limit`` researchers, their scores, and the pool size (researchers
    scored exactly) it took to prove them the best."""
    best = np.maximum.reduceat(fused, index.researcher_starts)
    count = len(best)
    pool = min(count, 4 * limit)
    while True:
        researchers = np.argpartition(-best, pool - 1)[:pool] if pool < count else np.arange(count)
        publications, owners = pool_of(index, researchers)
        similarity = fused[publications].astype(np.float64)
        scores = soft_top_k(similarity, owners, pool, settings.top_k, settings.decay)
        order = np.lexsort((researchers, -scores))[:limit]
        left_out = -np.partition(-best, pool)[pool] if pool < count else -np.inf
        if pool == count or scores[order[-1]] >= left_out:
            return researchers[order], scores[order], pool
        pool = min(count, pool * 4)


def rank_fast(
    index: SyntheticIndex,
    query: str,
    query_vector: Floats,
    settings: Settings | None = None,
    limit: int = 20,
) -> tuple[Ranking, int]:
    """The top ``limit`` researchers with evidence, and the pool size that proved them."""
    settings = settings or Settings()
    weights = query_weights(index, query)
    fused = fused_similarity(index, weights, query_vector, settings.lexical_weight)
    top, scores, pool = exact_top(index, fused, settings, limit)
    ranked = []
    for researcher, score in zip(top, scores, strict=True):
        own = _publications_of(index, int(researcher))
        ranked.append(_ranked(index, int(researcher), float(score), own, fused, weights, settings))
    return Ranking("hybrid", HYBRID_NOTICE, tuple(ranked)), pool


def _publications_of(index: SyntheticIndex, researcher: int) -> Ints:
    starts = index.researcher_starts
    end = starts[researcher + 1] if researcher + 1 < len(starts) else index.publication_count
    return np.arange(starts[researcher], end)


def _ranked(
    index: SyntheticIndex,
    researcher: int,
    score: float,
    own: Ints,
    fused: Floats,
    weights: dict[int, float],
    settings: Settings,
) -> RankedResearcher:
    """One researcher's entry: their best publications with similarity and shared terms."""
    best = own[np.argsort(-fused[own], kind="stable")][: settings.evidence_limit]
    evidence = tuple(
        Evidence(
            f"p{publication}",
            index.title(int(publication)),
            2000 + int(publication) % 25,
            round(float(fused[publication]), 4),
            _shared_terms(index, int(publication), weights, settings.terms_limit),
        )
        for publication in best
        if fused[publication] > 0
    )
    merged = tuple(dict.fromkeys(t for e in evidence for t in e.shared_terms))
    return RankedResearcher(researcher_key(researcher), score, evidence, merged)


def _shared_terms(
    index: SyntheticIndex, publication: int, weights: dict[int, float], limit: int
) -> tuple[str, ...]:
    """The query's terms found in the publication, heaviest first."""
    present = set(index.publication_terms(publication).tolist())
    found = sorted((-w, index.vocabulary[t]) for t, w in weights.items() if t in present)
    return tuple(word for _, word in found[:limit])


def researcher_key(researcher: int) -> str:
    """The synthetic researcher's key, as the engine's :class:`Researcher` would carry it."""
    return f"r{researcher:06d}"
