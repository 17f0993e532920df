"""The shortlist scores few researchers exactly, and never leaves out one of the top."""

from __future__ import annotations

import numpy as np

from translink.matching.engine.aggregation import top_k_means
from translink.matching.engine.shortlist import runs, to_score_exactly


def aggregate(similarity: np.ndarray, counts: np.ndarray) -> np.ndarray:
    return top_k_means(similarity, counts, 3, 1.0)


def test_it_keeps_the_true_top_and_drops_most_researchers() -> None:
    rng = np.random.default_rng(5)
    counts = rng.integers(0, 12, 20_000)
    starts = np.cumsum(counts) - counts
    owners = np.repeat(np.arange(len(counts)), counts)
    exact = rng.standard_normal(counts.sum())
    margin = 0.01
    noise = rng.uniform(-margin, margin, len(exact))
    approximate = (exact + noise).astype(np.float32)

    def margins(documents: np.ndarray) -> np.ndarray:
        return np.full(len(documents), margin + 1e-6)

    chosen = to_score_exactly(
        approximate, margins, margin + 1e-6, (owners, starts, counts), 20, aggregate
    )
    truth = aggregate(exact, counts)
    best = np.lexsort((np.arange(len(counts)), -truth))[:20]
    assert set(best) <= set(chosen.tolist())
    assert len(chosen) < len(counts) // 20
    documents, _ = runs(chosen, starts, counts)
    found = aggregate(exact[documents], counts[chosen])
    assert chosen[np.lexsort((chosen, -found))[:20]].tolist() == best.tolist()
