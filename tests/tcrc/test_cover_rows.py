"""Cover inequalities: valid for every set of placements that fits, and worth adding."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from translink.tcrc.solver.cover_rows import covers

BEDS = 18


def test_it_lets_only_one_cohort_of_ten_or_more_into_eighteen_beds() -> None:
    found = covers([4, 7, 10, 11, 13], BEDS)
    assert ({10: 1, 11: 1, 13: 1}, 1) in found


def test_a_cohort_that_leaves_no_room_for_another_big_one_counts_twice() -> None:
    # 13 + 7 > 18 and three of 7 or more never fit: 13 weighs as much as two.
    found = covers([7, 9, 13], BEDS)
    assert ({13: 2, 9: 1, 7: 1}, 2) in found


def test_sizes_that_fill_the_beds_exactly_need_no_cover() -> None:
    assert covers([6, 9], BEDS) == []


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.integers(1, 12), min_size=1, max_size=6),
    capacity=st.integers(4, 20),
    picks=st.lists(st.integers(0, 5), max_size=5),
)
def test_every_cover_holds_for_every_set_that_fits(
    sizes: list[int], capacity: int, picks: list[int]
) -> None:
    chosen = [sizes[i % len(sizes)] for i in picks]
    if sum(chosen) > capacity:
        chosen = []
    for weight, rhs in covers(sizes, capacity):
        assert sum(weight.get(size, 0) for size in chosen) <= rhs
