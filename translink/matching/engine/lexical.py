"""BM25 over publications, written on numpy so every term's weight can be shown as evidence.

A library (rank-bm25, bm25s) would score just as well, but the engine also needs each
shared term's weight for the evidence and a score that is comparable from one query to the
next; both fall out of a small inverted index, so no dependency is taken for it.

The index is flat arrays (compressed sparse rows by term): term ``t``'s postings are
``posting_documents[posting_starts[t]:posting_starts[t + 1]]``, ascending, each with the
query-independent half of BM25, ``tf / (tf + k1 * (1 - b + b * length / average))``, in
``posting_parts``. A query walks the postings of its own terms only.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.terms import terms

Scores = npt.NDArray[np.float32]
Documents = npt.NDArray[np.int64]

K1 = 1.2
B = 0.75
CHUNK = 1 << 20  # postings are packed and unpacked this many at a time
COUNT_BITS = 16  # a term's count in a document is packed in a key's low bits, capped
COUNT_CAP = (1 << COUNT_BITS) - 1
# A word in more than this share of all documents, and in more than COMMON_FLOOR of them,
# says little about why a paper matches: it still scores, but is not shown as evidence.
COMMON_SHARE = 0.2
COMMON_FLOOR = 50


@dataclass(frozen=True, eq=False)
class LexicalIndex:
    """An inverted index over ``size`` documents with BM25 weights precomputed."""

    size: int
    term_ids: dict[str, int]
    idf: npt.NDArray[np.float64]
    posting_starts: npt.NDArray[np.int64]
    posting_documents: npt.NDArray[np.int32]
    posting_parts: npt.NDArray[np.float32]

    @classmethod
    def build(cls, texts: Iterable[str]) -> LexicalIndex:
        """Index ``texts``; document i of the index is the i-th text.

        Memory stays near the size of the index itself: each document's distinct terms go
        into flat arrays as it is read, then one sort of packed integer keys orders them.
        """
        vocabulary: dict[str, int] = {}
        term_of, count_of, lengths, distinct = array("I"), array("I"), array("q"), array("q")
        for text in texts:
            found = Counter(terms(text))
            term_of.extend(vocabulary.setdefault(term, len(vocabulary)) for term in found)
            count_of.extend(min(n, COUNT_CAP) for n in found.values())
            lengths.append(sum(found.values()))
            distinct.append(len(found))
        size = len(lengths)
        if (len(vocabulary) + 1) * max(size, 1) >= 1 << (63 - COUNT_BITS):
            raise ValueError(f"{size} documents of {len(vocabulary)} terms are too many to index")
        keys = _packed_keys(term_of, count_of, distinct, size)
        del term_of, count_of
        documents, counts = _unpacked(keys, size)
        # Term t's postings start at the first key of term t.
        boundaries = (np.arange(len(vocabulary) + 1, dtype=np.int64) * max(size, 1)) << COUNT_BITS
        posting_starts = np.searchsorted(keys, boundaries).astype(np.int64)
        del keys
        length = np.frombuffer(lengths, dtype=np.int64).astype(np.float64) if size else np.zeros(0)
        average = float(length.mean()) if size and length.mean() > 0 else 1.0
        norm = K1 * (1 - B + B * length / average)
        parts = counts  # computed in place, block by block, to spare a second array
        for first in range(0, len(parts), CHUNK):
            block = slice(first, first + CHUNK)
            parts[block] /= parts[block] + norm[documents[block]]
        frequency = np.diff(posting_starts).astype(np.float64)
        return cls(
            size=size,
            term_ids=vocabulary,
            idf=np.log(1 + (size - frequency + 0.5) / (frequency + 0.5)),
            posting_starts=posting_starts,
            posting_documents=documents,
            posting_parts=parts,
        )

    def query_weights(self, query: str) -> dict[str, float]:
        """Each indexed term of ``query`` with its weight: idf times its count in the query."""
        counter = Counter(term for term in terms(query) if term in self.term_ids)
        return {term: float(self.idf[self.term_ids[term]]) * n for term, n in counter.items()}

    def postings(self, term: str) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
        """The documents ``term`` occurs in (ascending) and their BM25 parts."""
        at = self.term_ids[term]
        span = slice(self.posting_starts[at], self.posting_starts[at + 1])
        return self.posting_documents[span], self.posting_parts[span]

    def scores(self, weights: dict[str, float]) -> Scores:
        """BM25 of every document, divided by the best any document could reach (0 to 1).

        The division keeps scores of different queries on one scale, so a researcher's
        score for one need can be compared with their score for another. Float32: the
        same sums in the same order for every caller, so equal documents tie exactly.
        """
        total = np.zeros(self.size, dtype=np.float32)
        ceiling = sum(weights.values())
        for term, weight in weights.items():
            documents, parts = self.postings(term)
            # add.at, not total[documents] +=: the same float32 sums, one pass instead of
            # a gather and a scatter (half the time on common words' long postings).
            np.add.at(total, documents, np.float32(weight / ceiling) * parts)
        return total

    def shared_terms(
        self, weights: dict[str, float], documents: Documents, limit: int
    ) -> list[list[str]]:
        """For each of ``documents``, up to ``limit`` terms of the query found in it,
        heaviest first (ties alphabetical), common words (``COMMON_SHARE``) left out."""
        found: list[list[tuple[float, str]]] = [[] for _ in documents]
        common = max(COMMON_FLOOR, COMMON_SHARE * self.size)
        for term, weight in weights.items():
            posting, _ = self.postings(term)
            if len(posting) > common:
                continue
            at = np.minimum(np.searchsorted(posting, documents), len(posting) - 1)
            for i in np.flatnonzero(posting[at] == documents):
                found[i].append((-weight, term))
        return [[term for _, term in sorted(pairs)[:limit]] for pairs in found]


def _packed_keys(
    term_of: array[int], count_of: array[int], distinct: array[int], size: int
) -> npt.NDArray[np.int64]:
    """``(term * size + document) << COUNT_BITS | count`` for every (term, document) pair,
    sorted: term by term, documents ascending within a term."""
    terms_ = np.frombuffer(term_of, dtype=np.uint32) if len(term_of) else np.zeros(0, np.uint32)
    counts = np.frombuffer(count_of, dtype=np.uint32) if len(count_of) else np.zeros(0, np.uint32)
    per_document = np.frombuffer(distinct, dtype=np.int64) if size else np.zeros(0, np.int64)
    starts = np.cumsum(per_document) - per_document
    keys = np.empty(len(terms_), dtype=np.int64)
    for first in range(0, len(keys), CHUNK):
        last = min(len(keys), first + CHUNK)
        # Each pair's document: the last one starting at or before it (empty ones skipped).
        owners = np.searchsorted(starts, np.arange(first, last), side="right") - 1
        block = keys[first:last]
        np.multiply(terms_[first:last], size, out=block, dtype=np.int64)
        block += owners
        block <<= COUNT_BITS
        block |= counts[first:last]
    keys.sort()
    return keys


def _unpacked(
    keys: npt.NDArray[np.int64], size: int
) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """The document and the count of each packed key."""
    documents = np.empty(len(keys), dtype=np.int32)
    counts = np.empty(len(keys), dtype=np.float32)
    for first in range(0, len(keys), CHUNK):
        block = keys[first : first + CHUNK]
        documents[first : first + CHUNK] = (block >> COUNT_BITS) % max(size, 1)
        counts[first : first + CHUNK] = block & COUNT_CAP
    return documents, counts
