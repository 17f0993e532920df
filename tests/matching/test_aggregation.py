from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine.aggregation import rank_within_owner, soft_top_k, top_k_means


def test_it_averages_the_best_papers_with_decaying_weights() -> None:
    similarity = np.array([0.1, 0.9, 0.5, 0.4])
    owners = np.array([0, 0, 0, 1])
    scores = soft_top_k(similarity, owners, owner_count=3, top_k=2, decay=0.5)
    # owner 0: (0.9 * 1 + 0.5 * 0.5) / 1.5; owner 1: its only paper; owner 2: none
    assert scores == pytest.approx([1.15 / 1.5, 0.4, 0.0])


def test_it_places_each_document_among_its_owners_papers() -> None:
    ranks = rank_within_owner(np.array([0.2, 0.3, 0.9, 0.1]), np.array([1, 0, 1, 0]))
    assert ranks.tolist() == [1, 0, 0, 1]


def test_runs_of_documents_score_as_the_plain_statement() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        lengths = rng.integers(0, 7, rng.integers(1, 12))
        similarity = rng.choice([0.5, 0.2, 0.0, -0.1, 0.9], lengths.sum())  # many ties
        owners = np.repeat(np.arange(len(lengths)), lengths)
        for top_k, decay in ((1, 1.0), (3, 1.0), (3, 0.5), (5, 0.8)):
            plain = soft_top_k(similarity, owners, len(lengths), top_k, decay)
            assert top_k_means(similarity, lengths, top_k, decay) == pytest.approx(plain)


def test_a_researcher_with_one_paper_scores_that_paper() -> None:
    scores = top_k_means(np.array([0.3, 0.9, 0.1, 0.7]), np.array([1, 3, 0]), 3, 1.0)
    assert scores == pytest.approx([0.3, (0.9 + 0.1 + 0.7) / 3, 0.0])
