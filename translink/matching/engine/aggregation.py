"""From publication similarity to researcher score: a decaying weighted mean of the best.

A researcher's best paper alone is noisy (one lucky title) and the mean of all papers
punishes breadth; the weighted mean of the ``top_k`` best, weights ``decay ** rank``,
sits between the two.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]


def rank_within_owner(similarity: Floats, owners: Ints) -> Ints:
    """For each document, its place (0 = best) among its owner's documents by similarity."""
    order = np.lexsort((-similarity, owners))
    sorted_owners = owners[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_owners)) + 1]
    group_sizes = np.diff(np.r_[starts, len(order)])
    places = np.arange(len(order)) - np.repeat(starts, group_sizes)
    ranks = np.empty(len(order), dtype=np.int64)
    ranks[order] = places
    return ranks


def soft_top_k(
    similarity: Floats, owners: Ints, owner_count: int, top_k: int, decay: float
) -> Floats:
    """Each owner's mean of their ``top_k`` best similarities, weighted ``decay ** place``.

    Owners without documents score 0.
    """
    if len(similarity) == 0:
        return np.zeros(owner_count)
    places = rank_within_owner(similarity, owners)
    weights = np.where(places < top_k, decay ** places.astype(np.float64), 0.0)
    totals = np.bincount(owners, weights=weights * similarity, minlength=owner_count)
    norms = np.bincount(owners, weights=weights, minlength=owner_count)
    return np.divide(totals, norms, out=np.zeros(owner_count), where=norms > 0)
