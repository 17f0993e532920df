"""A synthetic matching index for the speed benchmark: vocabulary, texts, BM25, vectors.

Publications are sorted by researcher, so each researcher's publications are one
contiguous run (``researcher_starts``) and per-researcher reductions are ``reduceat``.
Texts are term ids drawn from a Zipf-Mandelbrot law over pseudo-words that the engine's
tokenizer keeps as they are, so BM25 postings look like those of real abstracts.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.lexical import K1, B
from translink.matching.engine.terms import terms

VOCABULARY_SIZE = 20_000
TITLE_WORDS = 8
ABSTRACT_WORDS = (24, 56)  # drawn uniformly: short abstracts, as publication records are
ZIPF_OFFSET = 10  # flattens the head: the commonest word is in ~40% of papers, like "model"
CHUNK = 65_536

Advance = Callable[[int], None]


@dataclass(frozen=True, eq=False)
class SyntheticIndex:
    """Everything a query reads. ``vectors`` are float32 unit rows, one per publication."""

    vocabulary: list[str]
    term_ids: dict[str, int]
    tokens: npt.NDArray[np.uint16]  # all publications' term ids, concatenated
    token_starts: npt.NDArray[np.int64]  # publication i is tokens[starts[i]:starts[i + 1]]
    researcher_starts: npt.NDArray[np.int64]  # first publication of each researcher
    posting_starts: npt.NDArray[np.int64]  # term t's postings: [starts[t]:starts[t + 1]]
    posting_documents: npt.NDArray[np.int32]
    posting_counts: npt.NDArray[np.float32]
    idf: npt.NDArray[np.float64]
    length_norm: npt.NDArray[np.float32]
    vectors: npt.NDArray[np.float32]

    @property
    def researcher_count(self) -> int:
        return len(self.researcher_starts)

    @property
    def publication_count(self) -> int:
        return len(self.token_starts) - 1

    def document_frequency(self, term: int) -> int:
        """How many publications contain ``term``."""
        return int(self.posting_starts[term + 1] - self.posting_starts[term])

    def publication_terms(self, publication: int) -> npt.NDArray[np.uint16]:
        """The term ids of one publication, title first."""
        return self.tokens[self.token_starts[publication] : self.token_starts[publication + 1]]

    def title(self, publication: int) -> str:
        """The publication's title: its first words."""
        ids = self.publication_terms(publication)[:TITLE_WORDS]
        return " ".join(self.vocabulary[int(i)] for i in ids)

    def nbytes(self) -> dict[str, int]:
        """Bytes held by the vectors, the texts and the BM25 postings."""
        postings = self.posting_documents.nbytes + self.posting_counts.nbytes
        return {"vectors": self.vectors.nbytes, "texts": self.tokens.nbytes, "bm25": postings}


def pseudo_words(count: int, rng: np.random.Generator) -> list[str]:
    """``count`` distinct pronounceable words that the engine's tokenizer keeps unchanged."""
    syllables = [c + v for c in "bdfgklmnprtvz" for v in "aeiou"]
    endings = ["", "n", "r", "l", "m", "k", "t"]
    words = [a + b + e for a, b, e in itertools.product(syllables, syllables, endings)]
    kept = [w for w in words if terms(w) == [w]]
    if len(kept) < count:
        raise ValueError(f"at most {len(kept)} pseudo-words are available")
    return [kept[i] for i in rng.permutation(len(kept))[:count]]


def zipf_cdf(size: int) -> npt.NDArray[np.float64]:
    """Cumulative word probabilities, commonest first."""
    weights = 1.0 / (np.arange(size) + ZIPF_OFFSET)
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def draw_terms(
    count: int, cdf: npt.NDArray[np.float64], rng: np.random.Generator
) -> npt.NDArray[np.uint16]:
    """``count`` term ids drawn from ``cdf``."""
    return np.searchsorted(cdf, rng.random(count)).astype(np.uint16)


def researcher_runs(
    researchers: int, publications: int, rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    """The first publication of each researcher: every researcher has at least one."""
    owners = np.concatenate(
        [np.arange(researchers), rng.integers(0, researchers, publications - researchers)]
    )
    counts = np.bincount(owners, minlength=researchers)
    return np.r_[0, np.cumsum(counts)[:-1]].astype(np.int64)


def texts(
    publications: int, cdf: npt.NDArray[np.float64], rng: np.random.Generator, advance: Advance
) -> tuple[npt.NDArray[np.uint16], npt.NDArray[np.int64]]:
    """Every publication's term ids, concatenated, and where each one starts."""
    lengths = TITLE_WORDS + rng.integers(ABSTRACT_WORDS[0], ABSTRACT_WORDS[1] + 1, publications)
    starts = np.r_[0, np.cumsum(lengths)].astype(np.int64)
    tokens = np.empty(int(starts[-1]), dtype=np.uint16)
    for first in range(0, publications, CHUNK):
        last = min(publications, first + CHUNK)
        tokens[starts[first] : starts[last]] = draw_terms(
            int(starts[last] - starts[first]), cdf, rng
        )
        advance(last - first)
    return tokens, starts


def postings(
    tokens: npt.NDArray[np.uint16], starts: npt.NDArray[np.int64], vocabulary: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float32]]:
    """The inverted index: per term, the publications it occurs in (ascending), with counts."""
    publications = len(starts) - 1
    keys = np.repeat(np.arange(publications, dtype=np.int64), np.diff(starts))
    keys += tokens.astype(np.int64) * publications
    keys.sort()
    first = np.r_[True, keys[1:] != keys[:-1]]
    at = np.flatnonzero(first)
    counts = np.diff(np.r_[at, len(keys)]).astype(np.float32)
    unique = keys[at]
    del keys, first
    term = unique // publications
    posting_starts = np.searchsorted(term, np.arange(vocabulary + 1)).astype(np.int64)
    return posting_starts, (unique % publications).astype(np.int32), counts


def unit_vectors(
    rows: int, dimension: int, rng: np.random.Generator, advance: Advance
) -> npt.NDArray[np.float32]:
    """``rows`` random unit vectors as one contiguous float32 matrix, filled in chunks."""
    vectors = np.empty((rows, dimension), dtype=np.float32)
    for first in range(0, rows, CHUNK):
        block = vectors[first : first + CHUNK]
        rng.standard_normal(dtype=np.float32, out=block)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        advance(len(block))
    return vectors


def build_index(
    researchers: int,
    publications: int,
    dimension: int,
    seed: int,
    advance_texts: Advance,
    advance_vectors: Advance,
) -> SyntheticIndex:
    """A reproducible index; texts and postings are built before the vectors are allocated,
    so their sort's scratch memory is freed before the largest array exists."""
    rng = np.random.default_rng(seed)
    vocabulary = pseudo_words(VOCABULARY_SIZE, rng)
    tokens, token_starts = texts(publications, zipf_cdf(VOCABULARY_SIZE), rng, advance_texts)
    posting_starts, documents, counts = postings(tokens, token_starts, VOCABULARY_SIZE)
    frequency = np.diff(posting_starts).astype(np.float64)
    lengths = np.diff(token_starts).astype(np.float64)
    return SyntheticIndex(
        vocabulary=vocabulary,
        term_ids={word: i for i, word in enumerate(vocabulary)},
        tokens=tokens,
        token_starts=token_starts,
        researcher_starts=researcher_runs(researchers, publications, rng),
        posting_starts=posting_starts,
        posting_documents=documents,
        posting_counts=counts,
        # The engine's BM25, term for term (translink.matching.engine.lexical).
        idf=np.log(1 + (publications - frequency + 0.5) / (frequency + 0.5)),
        length_norm=(K1 * (1 - B + B * lengths / lengths.mean())).astype(np.float32),
        vectors=unit_vectors(publications, dimension, rng, advance_vectors),
    )
