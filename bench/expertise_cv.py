"""Cross-validation over researchers: choose fusion and aggregation on some, test on others.

Researchers are shuffled with a fixed seed and cut into k folds. For each fold the grid
setting with the lowest loss on the other folds is chosen and its loss on the fold is
reported; the mean over folds estimates how the chosen setting does on new researchers.
With 40 researchers that estimate moves by about 0.015 from one shuffle to the next, so
``repeated`` runs the whole k-fold procedure over several shuffles and averages them: judge
a change by that figure, not by one split.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bench.expertise_data import GoldStandard
from bench.expertise_metric import PairTotals, loss, pair_totals
from bench.expertise_scoring import SCORE_DECIMALS, Prepared
from translink.lib.progress import ProgressBar
from translink.matching.engine import Settings

# A small grid on purpose: a first try over 162 settings (top_k up to 20, decays 0.6 to 1)
# chose a different setting in every fold and held out worse (0.246) than plain MiniLM
# top 3 (0.233); with 8 researchers a fold, a larger grid only fits the noise.
LEXICAL_WEIGHTS = (0.0, 0.2, 0.4, 0.6, 0.8)
TOP_KS = (3, 5)
DECAYS = (1.0,)
FOLD_SEED = 7


@dataclass(frozen=True)
class Fold:
    """One fold: the setting chosen on the other folds and the losses it reached."""

    chosen: Settings
    train_loss: float
    test_loss: float
    researchers: int


def grid(semantic: bool) -> list[Settings]:
    """Every setting tried; the lexical weight only matters when embeddings are present."""
    weights = LEXICAL_WEIGHTS if semantic else (1.0,)
    return [Settings(a, k, d) for a, k, d in itertools.product(weights, TOP_KS, DECAYS)]


def totals_by_setting(
    gold: GoldStandard, prepared: Prepared, settings: Sequence[Settings]
) -> dict[Settings, dict[str, PairTotals]]:
    """Each setting's pair totals per researcher, from one pass of similarity per paper."""
    corpus = prepared.corpus
    position = {r.key: i for i, r in enumerate(corpus.researchers)}
    papers = sorted({p for ratings in gold.ratings.values() for p in ratings})
    scores: dict[Settings, dict[str, np.ndarray]] = {s: {} for s in settings}
    bar = ProgressBar(len(papers), "cross-validating")
    for paper in papers:
        text, vector = gold.papers[paper].text, prepared.query_vectors[paper]
        semantic, _, _ = corpus.similarities(text, vector, Settings(lexical_weight=0.0))
        lexical, _, _ = corpus.similarities(text, vector, Settings(lexical_weight=1.0))
        for setting in settings:
            fused = (1 - setting.lexical_weight) * semantic + setting.lexical_weight * lexical
            scores[setting][paper] = np.round(corpus.aggregate(fused, setting), SCORE_DECIMALS)
        bar.advance()
    return {
        setting: {
            researcher: pair_totals(
                [ratings[p] for p in sorted(ratings)],
                [float(by_paper[p][position[researcher]]) for p in sorted(ratings)],
            )
            for researcher, ratings in gold.ratings.items()
        }
        for setting, by_paper in scores.items()
    }


def best_setting(
    table: dict[Settings, dict[str, PairTotals]], researchers: Sequence[str]
) -> tuple[Settings, float]:
    """The setting with the lowest loss over ``researchers`` (first in grid order on ties)."""
    losses = {s: loss([by[r] for r in researchers]) for s, by in table.items()}
    chosen = min(losses, key=lambda s: losses[s])
    return chosen, losses[chosen]


def fold_members(researchers: Sequence[str], folds: int, seed: int = FOLD_SEED) -> list[list[str]]:
    """``researchers`` shuffled with ``seed`` and dealt into ``folds`` folds."""
    shuffled = [str(r) for r in np.random.default_rng(seed).permutation(sorted(researchers))]
    return [shuffled[fold::folds] for fold in range(folds)]


def fixed_setting_losses(
    table: dict[Settings, dict[str, PairTotals]],
    setting: Settings,
    folds: int,
    seed: int = FOLD_SEED,
) -> list[float]:
    """The loss of one fixed setting on each fold: a reference for the chosen ones."""
    members = fold_members(sorted(next(iter(table.values()))), folds, seed)
    return [loss([table[setting][r] for r in test]) for test in members]


def cross_validate(
    table: dict[Settings, dict[str, PairTotals]], folds: int, seed: int = FOLD_SEED
) -> list[Fold]:
    """k folds over researchers: choose on k - 1 folds, measure on the one left out."""
    researchers = sorted(next(iter(table.values())))
    results = []
    for test in fold_members(researchers, folds, seed):
        train = [r for r in researchers if r not in test]
        chosen, train_loss = best_setting(table, train)
        test_loss = loss([table[chosen][r] for r in test])
        results.append(Fold(chosen, train_loss, test_loss, len(test)))
    return results


def repeated(
    table: dict[Settings, dict[str, PairTotals]], folds: int, repeats: int, reference: Settings
) -> tuple[list[float], list[float]]:
    """The mean held-out loss of each of ``repeats`` shuffles (seeds FOLD_SEED, +1, ...),
    and of the fixed ``reference`` setting on the same folds."""
    chosen, fixed = [], []
    for seed in range(FOLD_SEED, FOLD_SEED + repeats):
        results = cross_validate(table, folds, seed)
        chosen.append(sum(f.test_loss for f in results) / len(results))
        fixed.append(sum(fixed_setting_losses(table, reference, folds, seed)) / folds)
    return chosen, fixed
