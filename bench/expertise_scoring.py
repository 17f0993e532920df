"""Scoring a gold-standard folder the way the product scores a need against researchers.

Every rated paper is a need: its title and abstract is the query, every researcher of the
folder is a candidate, and their archive is their publications. The score of a rated
(researcher, paper) pair is that researcher's score in the paper's ranking.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from bench.expertise_data import GoldStandard
from translink.lib.progress import ProgressBar
from translink.matching.engine import Corpus, Encoder, Settings, documents_of
from translink.matching.engine.encoder import Vectors

SCORE_DECIMALS = 6  # scores are written and compared at this precision, so ties match


@dataclass(frozen=True)
class Prepared:
    """The folder indexed once: the corpus and each rated paper's query vector (or None)."""

    corpus: Corpus
    query_vectors: dict[str, Vectors | None]


def encode_all(encoder: Encoder, texts: list[str], label: str) -> Vectors:
    """``texts`` encoded batch by batch, each distinct text once, with a progress bar."""
    distinct = list(dict.fromkeys(texts))
    bar = ProgressBar(len(distinct), label)
    batches = []
    for start in range(0, len(distinct), 32):
        batches.append(encoder.encode(distinct[start : start + 32]))
        bar.advance(len(batches[-1]))
    if not distinct:
        return np.zeros((len(texts), 0), dtype=np.float32)
    rows = {text: i for i, text in enumerate(distinct)}
    return np.concatenate(batches)[[rows[text] for text in texts]]


def prepare(gold: GoldStandard, encoder: Encoder | None) -> Prepared:
    """Encode (when an encoder is given) and index the folder."""
    rated = sorted({paper for ratings in gold.ratings.values() for paper in ratings})
    if encoder is None:
        return Prepared(Corpus.build(gold.researchers), dict.fromkeys(rated))
    document_texts = [d.text for d in documents_of(gold.researchers)]
    query_texts = [gold.papers[p].text for p in rated]
    vectors = encode_all(encoder, document_texts + query_texts, "encoding")
    corpus = Corpus.build(gold.researchers, vectors[: len(document_texts)])
    queries = dict(zip(rated, vectors[len(document_texts) :], strict=True))
    return Prepared(corpus, dict(queries))


def score_pairs(
    gold: GoldStandard, prepared: Prepared, settings: Settings | None = None
) -> Iterator[tuple[str, str, float]]:
    """``(researcher, paper, score)`` for every rated pair, ranking paper by paper."""
    wanted: dict[str, list[str]] = {}
    for researcher, ratings in gold.ratings.items():
        for paper in ratings:
            wanted.setdefault(paper, []).append(researcher)
    bar = ProgressBar(len(wanted), "ranking")
    for paper in sorted(wanted):
        query = gold.papers[paper].text
        ranking = prepared.corpus.rank(query, prepared.query_vectors[paper], settings)
        scores = {r.researcher_key: r.score for r in ranking.researchers}
        for researcher in sorted(wanted[paper]):
            yield researcher, paper, round(scores[researcher], SCORE_DECIMALS)
        bar.advance()
