"""BM25 over publications, written on numpy so every term's weight can be shown as evidence.

A library (rank-bm25, bm25s) would score just as well, but the engine also needs each
shared term's weight for the evidence and a score that is comparable from one query to the
next; both fall out of a twenty-line inverted index, so no dependency is taken for it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.terms import terms

Scores = npt.NDArray[np.float64]

K1 = 1.2
B = 0.75


@dataclass(frozen=True)
class Posting:
    """The documents a term occurs in (ascending) and how often it occurs in each."""

    documents: npt.NDArray[np.int64]
    counts: npt.NDArray[np.float64]


@dataclass(frozen=True)
class LexicalIndex:
    """An inverted index over ``size`` documents with BM25 weights precomputed."""

    size: int
    postings: dict[str, Posting]
    idf: dict[str, float]
    length_norm: npt.NDArray[np.float64]

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        """Index ``texts``; document i of the index is ``texts[i]``."""
        counts = [Counter(terms(text)) for text in texts]
        lengths = np.array([sum(c.values()) for c in counts], dtype=np.float64)
        average = float(lengths.mean()) if len(texts) and lengths.mean() > 0 else 1.0
        gathered: dict[str, tuple[list[int], list[float]]] = {}
        for document, counter in enumerate(counts):
            for term, count in counter.items():
                entry = gathered.setdefault(term, ([], []))
                entry[0].append(document)
                entry[1].append(float(count))
        postings = {
            term: Posting(np.array(docs, dtype=np.int64), np.array(tfs, dtype=np.float64))
            for term, (docs, tfs) in gathered.items()
        }
        size = len(texts)
        idf = {
            term: float(np.log(1 + (size - len(p.documents) + 0.5) / (len(p.documents) + 0.5)))
            for term, p in postings.items()
        }
        return cls(size, postings, idf, K1 * (1 - B + B * lengths / average))

    def query_weights(self, query: str) -> dict[str, float]:
        """Each indexed term of ``query`` with its weight: idf times its count in the query."""
        counter = Counter(term for term in terms(query) if term in self.postings)
        return {term: self.idf[term] * count for term, count in counter.items()}

    def scores(self, weights: dict[str, float]) -> Scores:
        """BM25 of every document, divided by the best any document could reach (0 to 1).

        The division keeps scores of different queries on one scale, so a researcher's
        score for one need can be compared with their score for another.
        """
        total = np.zeros(self.size, dtype=np.float64)
        for term, weight in weights.items():
            posting = self.postings[term]
            norm = self.length_norm[posting.documents]
            total[posting.documents] += weight * posting.counts / (posting.counts + norm)
        ceiling = sum(weights.values())
        return total / ceiling if ceiling > 0 else total

    def shared_terms(self, weights: dict[str, float], document: int, limit: int) -> list[str]:
        """Up to ``limit`` terms of the query found in ``document``, heaviest first."""
        found = []
        for term, weight in weights.items():
            posting = self.postings[term]
            at = int(np.searchsorted(posting.documents, document))
            if at < len(posting.documents) and posting.documents[at] == document:
                found.append((-weight, term))
        return [term for _, term in sorted(found)[:limit]]
