"""Cross-validation repeated over shuffles: one figure per shuffle, beside the reference."""

from __future__ import annotations

from bench.expertise_cv import fold_members, repeated
from bench.expertise_metric import PairTotals, pair_totals
from translink.matching.engine import Settings

GOOD, BAD = Settings(0.0, 3, 1.0), Settings(0.6, 3, 1.0)
RESEARCHERS = [f"r{n}" for n in range(10)]


def _table() -> dict[Settings, dict[str, PairTotals]]:
    # GOOD ranks every researcher's papers in their rated order; BAD reverses them.
    ratings = [1.0, 2.0, 3.0]
    return {
        GOOD: {r: pair_totals(ratings, [0.1, 0.2, 0.3]) for r in RESEARCHERS},
        BAD: {r: pair_totals(ratings, [0.3, 0.2, 0.1]) for r in RESEARCHERS},
    }


def test_each_shuffle_deals_the_researchers_differently() -> None:
    assert fold_members(RESEARCHERS, 5, 7) != fold_members(RESEARCHERS, 5, 8)
    assert sorted(r for fold in fold_members(RESEARCHERS, 5, 8) for r in fold) == sorted(
        RESEARCHERS
    )


def test_it_gives_one_held_out_mean_per_shuffle_and_the_references() -> None:
    chosen, reference = repeated(_table(), folds=5, repeats=4, reference=BAD)
    assert len(chosen) == len(reference) == 4
    assert chosen == [0.0] * 4  # the good setting is chosen on every training set
    assert reference == [1.0] * 4
