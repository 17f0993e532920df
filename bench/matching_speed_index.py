"""A synthetic matching corpus for the speed benchmark: vocabulary, texts, vectors.

Publications are sorted by researcher, so each researcher's publications are one
contiguous run (``researcher_starts``), in the order the engine's ``documents_of`` reads
them. Texts are term ids drawn from a Zipf-Mandelbrot law over pseudo-words that the
engine's tokenizer keeps as they are, so BM25 postings look like those of real abstracts.
The engine indexes the texts itself; nothing here is searched.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine.terms import terms

VOCABULARY_SIZE = 20_000
TITLE_WORDS = 8
ABSTRACT_WORDS = (24, 56)  # drawn uniformly: short abstracts, as publication records are
ZIPF_OFFSET = 10  # flattens the head: the commonest word is in ~40% of papers, like "model"
CHUNK = 65_536

Advance = Callable[[int], None]


@dataclass(frozen=True, eq=False)
class SyntheticIndex:
    """The generated publications. ``vectors`` are float32 unit rows, one per publication."""

    vocabulary: list[str]
    term_ids: dict[str, int]
    tokens: npt.NDArray[np.uint16]  # all publications' term ids, concatenated
    token_starts: npt.NDArray[np.int64]  # publication i is tokens[starts[i]:starts[i + 1]]
    researcher_starts: npt.NDArray[np.int64]  # first publication of each researcher
    vectors: npt.NDArray[np.float32]

    @property
    def researcher_count(self) -> int:
        return len(self.researcher_starts)

    @property
    def publication_count(self) -> int:
        return len(self.token_starts) - 1

    def publication_terms(self, publication: int) -> npt.NDArray[np.uint16]:
        """The term ids of one publication, title first."""
        return self.tokens[self.token_starts[publication] : self.token_starts[publication + 1]]

    def title(self, publication: int) -> str:
        """The publication's title: its first words."""
        ids = self.publication_terms(publication)[:TITLE_WORDS]
        return " ".join(self.vocabulary[int(i)] for i in ids)

    def nbytes(self) -> dict[str, int]:
        """Bytes held by the generated vectors and texts (term ids)."""
        return {"vectors": self.vectors.nbytes, "texts": self.tokens.nbytes}


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
    """A reproducible corpus of ``researchers`` owning ``publications``."""
    rng = np.random.default_rng(seed)
    vocabulary = pseudo_words(VOCABULARY_SIZE, rng)
    tokens, token_starts = texts(publications, zipf_cdf(VOCABULARY_SIZE), rng, advance_texts)
    return SyntheticIndex(
        vocabulary=vocabulary,
        term_ids={word: i for i, word in enumerate(vocabulary)},
        tokens=tokens,
        token_starts=token_starts,
        researcher_starts=researcher_runs(researchers, publications, rng),
        vectors=unit_vectors(publications, dimension, rng, advance_vectors),
    )
