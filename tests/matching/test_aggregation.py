from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine.aggregation import rank_within_owner, soft_top_k


def test_it_averages_the_best_papers_with_decaying_weights() -> None:
    similarity = np.array([0.1, 0.9, 0.5, 0.4])
    owners = np.array([0, 0, 0, 1])
    scores = soft_top_k(similarity, owners, owner_count=3, top_k=2, decay=0.5)
    # owner 0: (0.9 * 1 + 0.5 * 0.5) / 1.5; owner 1: its only paper; owner 2: none
    assert scores == pytest.approx([1.15 / 1.5, 0.4, 0.0])


def test_it_places_each_document_among_its_owners_papers() -> None:
    ranks = rank_within_owner(np.array([0.2, 0.3, 0.9, 0.1]), np.array([1, 0, 1, 0]))
    assert ranks.tolist() == [1, 0, 0, 1]
