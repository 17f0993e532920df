"""The shortlist scores few researchers exactly, and never leaves out one of the top."""

from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine import shortlist
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
        approximate, margins, margin + 1e-6, (owners, starts, counts), 20, aggregate, 3
    )
    truth = aggregate(exact, counts)
    best = np.lexsort((np.arange(len(counts)), -truth))[:20]
    assert set(best) <= set(chosen.tolist())
    assert len(chosen) < len(counts) // 20
    documents, _ = runs(chosen, starts, counts)
    found = aggregate(exact[documents], counts[chosen])
    assert chosen[np.lexsort((chosen, -found))[:20]].tolist() == best.tolist()


@pytest.mark.parametrize("raised", [1, 4, 64])
@pytest.mark.parametrize(("top_k", "decay"), [(1, 1.0), (3, 1.0), (3, 0.5), (5, 0.8)])
def test_it_never_leaves_out_one_of_the_top_whatever_the_aggregation(
    top_k: int, decay: float, raised: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ceilings raised to a level far below the threshold, at it, or in between; papers
    crowded at a few values, so ties fall at the edge of the top; approximations as far
    off as their margins allow."""
    monkeypatch.setattr(shortlist, "RAISED", raised)
    monkeypatch.setattr(shortlist, "FIRST_DOCUMENTS", 64)
    rng = np.random.default_rng(top_k * 100 + raised)
    counts = rng.choice([0, 1, 2, 3, 7, 40], 6_000)
    starts = np.cumsum(counts) - counts
    owners = np.repeat(np.arange(len(counts)), counts)
    exact = np.round(rng.standard_normal(counts.sum()), 1)
    # Every approximation off by the most its margin allows, up or down.
    own = rng.choice([0.01, 0.05], len(exact))
    approximate = (exact + rng.choice([-1, 1], len(exact)) * own).astype(np.float32)

    def score(similarity: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        return top_k_means(similarity, lengths, top_k, decay)

    def margins(documents: np.ndarray) -> np.ndarray:
        return own[documents] + 1e-6

    grouping = (owners, starts, counts)
    for limit in (1, 20, 300):
        chosen = shortlist.to_score_exactly(
            approximate, margins, 0.05 + 1e-6, grouping, limit, score, top_k
        )
        truth = score(exact, counts)
        best = np.lexsort((np.arange(len(counts)), -truth))[:limit]
        documents, _ = runs(chosen, starts, counts)
        found = score(exact[documents], counts[chosen])
        assert chosen[np.lexsort((chosen, -found))[:limit]].tolist() == best.tolist()
        assert len(chosen) < len(counts) // 4


def test_a_researcher_just_under_the_threshold_can_outscore_a_candidate(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """B reaches the first threshold with one paper and scores low on the rest; C never
    reaches it but scores higher: with as few candidates as places, C must not be lost."""
    monkeypatch.setattr(shortlist, "FIRST_DOCUMENTS", 8)
    fillers = [[0.0]] * 600
    # The first threshold lands on B's best paper: 8 papers of A are above it.
    papers = [[1.0] * 8, [0.5, 0.0, 0.0], [0.49, 0.49, 0.49], *fillers]
    counts = np.array([len(p) for p in papers])
    starts = np.cumsum(counts) - counts
    owners = np.repeat(np.arange(len(counts)), counts)
    exact = np.concatenate(papers)

    chosen = to_score_exactly(
        exact.astype(np.float32),
        lambda documents: np.zeros(len(documents)),
        0.0,
        (owners, starts, counts),
        2,
        aggregate,
        3,
    )
    documents, _ = runs(chosen, starts, counts)
    found = aggregate(exact[documents], counts[chosen])
    assert chosen[np.lexsort((chosen, -found))[:2]].tolist() == [0, 2]
