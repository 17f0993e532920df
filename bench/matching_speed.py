"""Benchmark: latency of a top-20 expert query with evidence on a large synthetic index.

    python -m bench.matching_speed [--researchers 100000] [--publications 1000000]
                                   [--queries 200] [--dimension 384]

Generates researchers, publications (short titles and abstracts of pseudo-words drawn
from a Zipf law, so BM25 has real postings to walk) and random unit publication vectors,
then times top-20 queries with evidence on the fast path of
``bench/matching_speed_query.py`` (a candidate design for the product; the engine's
general ``Corpus`` is checked against it on a small index, not timed at full size).
Prints the median and 95th-percentile latency, peak memory (ru_maxrss) and the embedding
model's indexing throughput. Progress goes to stderr. Run by hand; never by the suite.

Vectors are float32: 1M x 384 is 1.43 GiB, inside the 4 GiB goal, and numpy has no fast
float16 arithmetic (a float16 matrix-vector product measured eight times slower here), so
float16 would save memory only to lose the latency goal.
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
from bench.matching_speed_index import SyntheticIndex, build_index, draw_terms, zipf_cdf
from bench.matching_speed_query import rank_fast
from translink.lib.progress import ProgressBar
from translink.matching.engine import (
    Corpus,
    Publication,
    RankedResearcher,
    Researcher,
    load_encoder,
)

MEASURED_PATH = (
    "measured path: the bench's fast path (float32 matrix-vector product, BM25 over the "
    "query terms' postings, per-researcher max by reduceat, the engine's soft_top_k on a "
    "pool proven exact), not the engine's general Corpus.rank"
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
    return (
        f"indexing throughput: {rate:.0f} abstracts/s ({len(texts)} abstracts of "
        f"{words:.0f} words on average, {loaded.encoder.name}, batches of 32, CPU)"
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


def researchers_of(index: SyntheticIndex) -> list[Researcher]:
    """The synthetic index as the engine's input dataclasses (small indexes only)."""
    people = []
    ends = [*index.researcher_starts[1:].tolist(), index.publication_count]
    for r, (first, end) in enumerate(zip(index.researcher_starts.tolist(), ends, strict=True)):
        papers = tuple(_publication(index, p) for p in range(first, end))
        people.append(Researcher(f"r{r:06d}", papers))
    return people


def _publication(index: SyntheticIndex, publication: int) -> Publication:
    words = [index.vocabulary[int(i)] for i in index.publication_terms(publication)]
    title, abstract = " ".join(words[:8]), " ".join(words[8:])
    return Publication(f"p{publication}", title, abstract, 2000 + publication % 25)


def agreement(dimension: int) -> str:
    """The fast path against the engine's Corpus.rank on a small index: same top 20?"""
    index = build_index(300, 3000, dimension, 7, lambda _: None, lambda _: None)
    corpus = Corpus.build(researchers_of(index), index.vectors)
    same, worst, checked = 0, 0.0, queries(index, 10, 8)
    for text, vector in checked:
        engine = corpus.rank(text, vector, limit=LIMIT).researchers
        fast = rank_fast(index, text, vector, limit=LIMIT)[0].researchers
        same += _summary(engine) == _summary(fast)
        worst = max(worst, *(abs(e.score - f.score) for e, f in zip(engine, fast, strict=True)))
    return (
        f"check: on a 300-researcher index the fast path returns the same top {LIMIT} and "
        f"evidence as Corpus.rank in {same}/{len(checked)} queries "
        f"(largest score difference {worst:.1e}, float32 against float64)"
    )


def _summary(ranked: tuple[RankedResearcher, ...]) -> list[tuple[str, tuple[object, ...]]]:
    """Who is ranked, in order, with their evidence's publications and shared terms."""
    return [
        (r.researcher_key, tuple((e.publication_key, e.shared_terms) for e in r.evidence))
        for r in ranked
    ]


def timed_queries(index: SyntheticIndex, count: int) -> tuple[list[float], list[int]]:
    """Milliseconds per query and the exact pool sizes, after a few warm-up queries."""
    asked = queries(index, count + WARM_UP, 1)
    bar = ProgressBar(len(asked), "querying")
    times, pools = [], []
    for at, (text, vector) in enumerate(asked):
        started = time.perf_counter()
        ranking, pool = rank_fast(index, text, vector, limit=LIMIT)
        elapsed = (time.perf_counter() - started) * 1000
        assert len(ranking.researchers) == LIMIT
        if at >= WARM_UP:
            times.append(elapsed)
            pools.append(pool)
        bar.advance()
    return times, pools


def product_alone(index: SyntheticIndex, vector: npt.NDArray[np.float32]) -> float:
    """Median milliseconds of the matrix-vector product by itself, over 15 runs."""
    times = []
    for _ in range(15):
        started = time.perf_counter()
        index.vectors @ vector
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def build(args: argparse.Namespace) -> tuple[SyntheticIndex, float]:
    """The full-size index with progress bars, and the seconds it took."""
    started = time.perf_counter()
    words = ProgressBar(args.publications, "generating texts")
    vectors = ProgressBar(args.publications, "generating vectors")
    index = build_index(
        args.researchers, args.publications, args.dimension, 0, words.advance, vectors.advance
    )
    return index, time.perf_counter() - started


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
    index, seconds = build(args)
    sizes = ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in index.nbytes().items())
    print(f"index: built in {seconds:.0f} s; float32 {sizes}")
    times, pools = timed_queries(index, args.queries)
    print(
        f"top-{LIMIT} query with evidence: median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms "
        f"({len(times)} queries after {WARM_UP} warm-up)"
    )
    vector = queries(index, 1, 2)[0][1]
    print(
        f"  of which the matrix-vector product alone: median {product_alone(index, vector):.1f} ms"
    )
    pool = f"median {statistics.median(pools):.0f}, max {max(pools)}"
    print(f"  researchers scored exactly per query: {pool}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss): {peak:.0f} MiB ({peak / 1024:.2f} GiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
