from __future__ import annotations

import pytest

from bench.expertise_metric import PairTotals, bootstrap_interval, loss, loss_report, pair_totals


def test_it_charges_half_the_rating_difference_for_a_tie() -> None:
    # (5, 3) tied: 2 / 2 = 1; (5, 1) and (3, 1) in order: 0; differences 2 + 4 + 2 = 8
    assert pair_totals([5, 3, 1], [0.9, 0.9, 0.1]) == PairTotals(cost=1.0, weight=8.0)


def test_it_charges_the_full_difference_for_a_pair_in_the_wrong_order() -> None:
    # (5, 3) wrong: 2; (5, 1) wrong: 4; (3, 1) tied: 1
    assert pair_totals([5, 3, 1], [0.2, 0.9, 0.9]) == PairTotals(cost=7.0, weight=8.0)


def test_it_ignores_pairs_rated_alike() -> None:
    assert pair_totals([2.5, 2.5], [0.1, 0.9]) == PairTotals(cost=0.0, weight=0.0)


def test_it_pools_costs_over_researchers_before_dividing() -> None:
    report = loss_report(
        {"r1": {"p": 5, "q": 3, "s": 1}, "r2": {"p": 5, "q": 3, "s": 1, "t": 3}},
        {"r1": {"p": 0.9, "q": 0.9, "s": 0.1}, "r2": {"p": 0.2, "q": 0.9, "s": 0.9, "t": 0.9}},
    )
    # r2 adds t (rated 3, scored 0.9): (5, t) wrong 2, (q, t) alike, (t, s) tied 1
    assert report.loss == pytest.approx((1 + 7 + 3) / (8 + 12))


def test_it_scores_a_constant_at_one_half() -> None:
    assert loss([pair_totals([1, 2, 3, 4], [0.5] * 4)]) == 0.5


def test_it_brackets_the_point_estimate_with_the_bootstrap_interval() -> None:
    totals = [PairTotals(c, 10.0) for c in (1.0, 2.0, 3.0, 2.5, 4.0, 1.5)]
    low, high = bootstrap_interval(totals)
    assert low <= loss(totals) <= high
    assert low < high
    assert bootstrap_interval(totals) == (low, high)  # a fixed seed repeats itself
