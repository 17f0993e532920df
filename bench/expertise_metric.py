"""The gold-standard loss: pairwise order errors weighted by rating difference, ties half.

For each researcher and each pair of papers they rated differently, a pair the scores
order against the ratings costs the rating difference and a pair scored equal costs half
of it; the loss is the total cost over the total rating difference (0 perfect, 0.5 for a
constant score). Stelmakh et al., arXiv:2303.16750.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20230316


@dataclass(frozen=True)
class PairTotals:
    """One researcher's total cost and total rating difference over their pairs."""

    cost: float
    weight: float


@dataclass(frozen=True)
class LossReport:
    """The loss over all researchers and its bootstrap 95% interval over researchers."""

    loss: float
    low: float
    high: float
    researchers: int


def pair_totals(ratings: Sequence[float], scores: Sequence[float]) -> PairTotals:
    """Cost and weight of one researcher's rated papers (``ratings[i]`` ↔ ``scores[i]``)."""
    cost = weight = 0.0
    for i, j in combinations(range(len(ratings)), 2):
        difference = abs(ratings[i] - ratings[j])
        if difference == 0:
            continue
        weight += difference
        if scores[i] == scores[j]:
            cost += difference / 2
        elif (scores[i] > scores[j]) != (ratings[i] > ratings[j]):
            cost += difference
    return PairTotals(cost, weight)


def loss(totals: Sequence[PairTotals]) -> float:
    """Total cost over total weight; 0.5 (a constant's loss) when no pair differs."""
    weight = sum(t.weight for t in totals)
    return sum(t.cost for t in totals) / weight if weight else 0.5


def bootstrap_interval(
    totals: Sequence[PairTotals],
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles of the loss over researchers drawn with replacement."""
    costs = np.array([t.cost for t in totals])
    weights = np.array([t.weight for t in totals])
    draws = np.random.default_rng(seed).integers(0, len(totals), size=(resamples, len(totals)))
    drawn_weights = weights[draws].sum(axis=1)
    losses = np.divide(
        costs[draws].sum(axis=1),
        drawn_weights,
        out=np.full(resamples, 0.5),
        where=drawn_weights > 0,
    )
    low, high = np.percentile(losses, [2.5, 97.5])
    return float(low), float(high)


def loss_report(
    ratings: Mapping[str, Mapping[str, float]], scores: Mapping[str, Mapping[str, float]]
) -> LossReport:
    """The loss of ``scores[researcher][paper]`` against ``ratings[researcher][paper]``."""
    totals = []
    for researcher, rated in sorted(ratings.items()):
        papers = sorted(rated)
        totals.append(
            pair_totals([rated[p] for p in papers], [scores[researcher][p] for p in papers])
        )
    low, high = bootstrap_interval(totals)
    return LossReport(loss(totals), low, high, len(totals))
