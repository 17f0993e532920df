"""Benchmark: latency of a top-20 expert query with evidence on a large synthetic index.

    python -m bench.matching_speed [--researchers 100000] [--publications 1000000]
                                   [--queries 200] [--dimension 384]

Generates researchers, publications (short titles and abstracts of pseudo-words drawn
from a Zipf law, so BM25 has real postings to walk) and random unit publication vectors,
hands them to the product's engine as its input dataclasses (``Corpus.build``, as
``translink.matching.experts`` does) and times ``Corpus.rank(..., limit=20)``, the
product's own query path, evidence included. Before that, on a small index, the top 20
of that path are checked against the engine's exhaustive ranking (every researcher scored
from every document, exactly). Prints the median and 95th-percentile latency, peak memory
(ru_maxrss) and the embedding model's indexing throughput. Progress goes to stderr. Run by
hand; never by the suite.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import time

import numpy as np
import numpy.typing as npt

from bench.matching_speed_abstracts import abstracts
from bench.matching_speed_index import Advance, SyntheticIndex, build_index, draw_terms, zipf_cdf
from translink.lib.progress import ProgressBar
from translink.matching.engine import (
    Corpus,
    Publication,
    RankedResearcher,
    Researcher,
    load_encoder,
)

MEASURED_PATH = (
    "measured path: the product's Corpus.rank(query, vector, limit=20) on a Corpus.build "
    "of the engine's Researcher and Publication dataclasses"
)
WARM_UP = 3
LIMIT = 20


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, refused with a message and exit status 2 when out of range."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--researchers", type=int, default=100_000)
    parser.add_argument("--publications", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--dimension", type=int, default=384)
    args = parser.parse_args(argv)
    if args.researchers < LIMIT:
        parser.error(f"--researchers must be at least {LIMIT} (the query returns the top {LIMIT})")
    if args.publications < args.researchers:
        parser.error("--publications must be at least --researchers (each has one or more)")
    if args.publications >= 2**31:
        parser.error("--publications must be below 2**31")
    if args.queries < 1:
        parser.error("--queries must be at least 1")
    if not 2 <= args.dimension <= 4096:
        parser.error("--dimension must be between 2 and 4096")
    return args


def encoder_throughput() -> str:
    """The embedding model's speed on 256 realistic abstracts, or why it was skipped."""
    loaded = load_encoder()
    if loaded.encoder is None:
        return f"indexing throughput: skipped, {loaded.reason}"
    texts = abstracts(256)
    loaded.encoder.encode(texts[:8])  # first call pays one-off allocations
    bar = ProgressBar(len(texts), "encoding abstracts")
    started = time.perf_counter()
    for first in range(0, len(texts), 32):
        loaded.encoder.encode(texts[first : first + 32])
        bar.advance(32)
    rate = len(texts) / (time.perf_counter() - started)
    words = statistics.mean(len(t.split()) for t in texts)
    alone = []  # a need is encoded alone, before its ranking: the user waits for both
    for text in texts[:40]:
        started = time.perf_counter()
        loaded.encoder.encode([text])
        alone.append((time.perf_counter() - started) * 1000)
    return (
        f"indexing throughput: {rate:.0f} abstracts/s ({len(texts)} abstracts of "
        f"{words:.0f} words on average, {loaded.encoder.name}, batches of 32, CPU)\n"
        f"encoding one need of that length: median {statistics.median(alone):.1f} ms, "
        f"p95 {percentile(alone, 0.95):.1f} ms ({len(alone)} needs; not in the query "
        "times below, which start from the need's vector)"
    )


def queries(
    index: SyntheticIndex, count: int, seed: int
) -> list[tuple[str, npt.NDArray[np.float32]]]:
    """Needs that resemble one publication: half its words plus common words, and its
    vector plus as much noise (cosine about 0.7), so a real best match exists."""
    rng = np.random.default_rng(seed)
    cdf = zipf_cdf(len(index.vocabulary))
    made = []
    for publication in rng.integers(0, index.publication_count, count):
        own = rng.choice(index.publication_terms(int(publication)), 6)
        ids = np.r_[own, draw_terms(6, cdf, rng)]
        noise = rng.standard_normal(index.vectors.shape[1], dtype=np.float32)
        vector = index.vectors[publication] + noise / np.linalg.norm(noise)
        text = " ".join(index.vocabulary[int(i)] for i in ids)
        made.append((text, (vector / np.linalg.norm(vector)).astype(np.float32)))
    return made


def researchers_of(index: SyntheticIndex, progress: Advance | None = None) -> list[Researcher]:
    """The synthetic index as the engine's input dataclasses, as the product builds them."""
    people = []
    ends = [*index.researcher_starts[1:].tolist(), index.publication_count]
    for r, (first, end) in enumerate(zip(index.researcher_starts.tolist(), ends, strict=True)):
        papers = tuple(_publication(index, p) for p in range(first, end))
        people.append(Researcher(f"r{r:06d}", papers))
        if progress is not None:
            progress(end - first)
    return people


def _publication(index: SyntheticIndex, publication: int) -> Publication:
    words = [index.vocabulary[int(i)] for i in index.publication_terms(publication)]
    title, abstract = " ".join(words[:8]), " ".join(words[8:])
    return Publication(f"p{publication}", title, abstract, 2000 + publication % 25)


def agreement(dimension: int) -> str:
    """The measured path against the engine's exhaustive ranking on a small index."""
    index = build_index(300, 3000, dimension, 7, lambda _: None, lambda _: None)
    corpus = Corpus.build(researchers_of(index), index.vectors)
    same, worst, checked = 0, 0.0, queries(index, 20, 8)
    for text, vector in checked:
        everyone = corpus.rank(text, vector).researchers[:LIMIT]
        top = corpus.rank(text, vector, limit=LIMIT).researchers
        same += _summary(everyone) == _summary(top)
        worst = max(worst, *(abs(e.score - t.score) for e, t in zip(everyone, top, strict=True)))
    return (
        f"check: on a 300-researcher index, Corpus.rank(limit={LIMIT}) returns the same top "
        f"{LIMIT}, scores and evidence as the exhaustive ranking in {same}/{len(checked)} "
        f"queries (largest score difference {worst:.1e})"
    )


def _summary(ranked: tuple[RankedResearcher, ...]) -> list[tuple[str, tuple[object, ...]]]:
    """Who is ranked, in order, with their evidence's publications and shared terms."""
    return [
        (
            r.researcher_key,
            tuple((e.publication_key, e.similarity, e.shared_terms) for e in r.evidence),
        )
        for r in ranked
    ]


def timed_queries(corpus: Corpus, asked: list[tuple[str, npt.NDArray[np.float32]]]) -> list[float]:
    """Milliseconds per query of the product's path, after a few warm-up queries."""
    bar = ProgressBar(len(asked), "querying")
    times = []
    for at, (text, vector) in enumerate(asked):
        started = time.perf_counter()
        ranking = corpus.rank(text, vector, limit=LIMIT)
        elapsed = (time.perf_counter() - started) * 1000
        assert len(ranking.researchers) == LIMIT and ranking.mode == "hybrid"
        if at >= WARM_UP:
            times.append(elapsed)
        bar.advance()
    return times


def scan_alone(corpus: Corpus, vector: npt.NDArray[np.float32]) -> float:
    """Median milliseconds of the engine's approximate scan of every vector, over 15 runs."""
    assert corpus.semantic is not None
    times = []
    for _ in range(15):
        started = time.perf_counter()
        corpus.semantic.approximate(vector)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def build(args: argparse.Namespace) -> tuple[Corpus, list[tuple[str, npt.NDArray[np.float32]]]]:
    """The full-size corpus, built by the engine, and the queries to time on it."""
    started = time.perf_counter()
    words = ProgressBar(args.publications, "generating texts")
    vectors = ProgressBar(args.publications, "generating vectors")
    index = build_index(
        args.researchers, args.publications, args.dimension, 0, words.advance, vectors.advance
    )
    sizes = ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in index.nbytes().items())
    asked = queries(index, args.queries + WARM_UP, 1)
    print(f"generated in {time.perf_counter() - started:.0f} s: {sizes}")
    people = researchers_of(index, ProgressBar(args.publications, "making publications").advance)
    vectors_only = index.vectors
    del index  # the texts now live in the publications, as they would in the product
    started = time.perf_counter()
    corpus = Corpus.build(people, vectors_only)
    del people, vectors_only
    print(f"Corpus.build: {time.perf_counter() - started:.0f} s, {_corpus_sizes(corpus)}")
    return corpus, asked


def _corpus_sizes(corpus: Corpus) -> str:
    lexical = corpus.lexical
    postings = lexical.posting_documents.nbytes + lexical.posting_parts.nbytes
    parts = [f"BM25 postings {postings / 2**20:.0f} MiB"]
    if corpus.semantic is not None:
        parts.append(f"float32 vectors {corpus.semantic.rows.nbytes / 2**20:.0f} MiB")
        if corpus.semantic.quantized is not None:
            quantized = corpus.semantic.quantized
            parts.append(
                f"int8 scan copy {quantized.codes.nbytes / 2**20:.0f} MiB "
                f"(scanned by the {quantized.kernel.name} loop)"
            )
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    print(
        f"matching speed: {args.researchers:,} researchers, {args.publications:,} "
        f"publications, {args.dimension} dimensions, {args.queries} queries, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
    )
    print(MEASURED_PATH)
    print(encoder_throughput())  # first, as in the product: the model stays loaded
    print(agreement(args.dimension))
    corpus, asked = build(args)
    times = timed_queries(corpus, asked)
    print(
        f"top-{LIMIT} query with evidence: median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms "
        f"({len(times)} queries after {WARM_UP} warm-up; load average "
        f"{os.getloadavg()[0]:.1f})"
    )
    scan = scan_alone(corpus, asked[0][1])
    print(f"  of which the approximate scan of every vector: median {scan:.1f} ms")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak:.0f} MiB ({peak / 1024:.2f} GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
