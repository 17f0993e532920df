"""Which researchers must be scored exactly for a top ``limit``, proven from approximations.

Input: every document's approximate similarity ``approximate`` (documents grouped by
researcher: researcher r owns ``starts[r]:starts[r] + counts[r]``), ``margins``, which
gives for some documents a bound on how far their exact similarity may be from the
approximation, and ``margin``, a bound for every document at once. Output: the
researchers whose exact scores decide the top ``limit``; the best ``limit`` of them by
exact score are the best ``limit`` of all, ties included.

Why it holds. A researcher's score is a weighted mean of their best similarities
(aggregation), so it is at most their best one, and it moves by at most m when every
similarity moves by at most m. Take a threshold T: a researcher none of whose documents
reaches T scores below T + margin. Each of the others (the candidates) has an interval
its exact score lies in: its approximate score plus or minus ``margin``. With L the
``limit``-th best lower end, at least ``limit`` candidates score L or more, so a candidate
whose upper end is below L cannot be in the top, and neither can anyone outside once
L >= T + margin. The few candidates left get narrower intervals from their documents' own
margins, and the same rule is applied again.

T is first set from a sample so that a few thousand documents reach it, then lowered to
L - margin when that is not yet enough: lowering T only adds candidates, which can only
raise L, so the second try always holds.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]
Margins = Callable[[Ints], npt.NDArray[np.float64]]

FIRST_DOCUMENTS = 4096  # documents reaching the first threshold, about
SAMPLE = 1 << 16  # documents sampled to place it


def runs(researchers: Ints, starts: Ints, counts: Ints) -> tuple[Ints, Ints]:
    """The documents of ``researchers`` in order, and each one's position in ``researchers``."""
    sizes = counts[researchers]
    owners = np.repeat(np.arange(len(researchers), dtype=np.int64), sizes)
    offsets = np.arange(len(owners), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return starts[researchers][owners] + offsets, owners


def to_score_exactly(
    approximate: Floats,
    margins: Margins,
    margin: float,
    grouping: tuple[Ints, Ints, Ints],
    limit: int,
    aggregate: Callable[[npt.NDArray[np.float64], Ints], npt.NDArray[np.float64]],
) -> Ints:
    """The researchers whose exact scores decide the top ``limit`` (see the module).

    ``grouping`` is ``(owners, starts, counts)``; ``aggregate(similarities, counts)``
    scores researchers from their documents' similarities, grouped in runs.
    """
    owners, starts, counts = grouping
    if limit <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = _first_threshold(approximate, limit)
    chosen = _candidates(approximate, threshold, owners, counts)
    while len(chosen) < min(limit, len(starts)):  # too few reach it: lower it
        threshold = _lower(approximate, threshold)
        chosen = _candidates(approximate, threshold, owners, counts)
    if len(chosen) <= limit:
        return chosen
    # With one margin for all, an interval is the approximate score plus or minus it.
    scores = _approximate_scores(approximate, chosen, starts, counts, aggregate)
    floor = _best(scores, limit) - margin
    if threshold > -np.inf and floor < threshold + margin:
        threshold = floor - margin
        chosen = _candidates(approximate, threshold, owners, counts)
        scores = _approximate_scores(approximate, chosen, starts, counts, aggregate)
        floor = _best(scores, limit) - margin
    chosen = chosen[scores + margin >= floor]
    # The few left: intervals from each document's own margin, narrower.
    documents, _ = runs(chosen, starts, counts)
    values = approximate[documents].astype(np.float64)
    spread = margins(documents)
    lower = aggregate(values - spread, counts[chosen])
    upper = aggregate(values + spread, counts[chosen])
    return chosen[upper >= _best(lower, limit)]


def _best(scores: npt.NDArray[np.float64], limit: int) -> float:
    """The ``limit``-th highest of ``scores`` (at least ``limit`` of them)."""
    return float(-np.partition(-scores, limit - 1)[limit - 1])


def _approximate_scores(
    approximate: Floats,
    chosen: Ints,
    starts: Ints,
    counts: Ints,
    aggregate: Callable[[npt.NDArray[np.float64], Ints], npt.NDArray[np.float64]],
) -> npt.NDArray[np.float64]:
    """The scores of ``chosen`` from their approximate similarities."""
    documents, _ = runs(chosen, starts, counts)
    return aggregate(approximate[documents].astype(np.float64), counts[chosen])


def _first_threshold(approximate: Floats, limit: int) -> float:
    """A similarity about ``FIRST_DOCUMENTS`` (at least ``4 * limit``) documents reach."""
    wanted = max(FIRST_DOCUMENTS, 4 * limit)
    if len(approximate) <= wanted:
        return -np.inf
    stride = max(1, len(approximate) // SAMPLE)
    sample = approximate[::stride]
    place = max(0, min(len(sample) - 1, wanted * len(sample) // len(approximate)))
    return float(-np.partition(-sample, place)[place])


def _lower(approximate: Floats, threshold: float) -> float:
    """A threshold sixteen times as many documents reach, or minus infinity."""
    reached = int(np.count_nonzero(approximate >= threshold))
    wanted = 16 * max(reached, 1)
    if wanted >= len(approximate):
        return -np.inf
    return float(-np.partition(-approximate, wanted)[wanted])


def _candidates(approximate: Floats, threshold: float, owners: Ints, counts: Ints) -> Ints:
    """Researchers with a document at ``threshold`` or above (and those without documents,
    who score 0, when 0 is)."""
    if threshold == -np.inf:
        return np.arange(len(counts), dtype=np.int64)
    reached = np.zeros(len(counts), dtype=bool)
    reached[owners[approximate >= threshold]] = True
    if threshold <= 0:
        reached[counts == 0] = True
    return np.flatnonzero(reached)
