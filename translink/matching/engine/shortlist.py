"""Which researchers must be scored exactly for a top ``limit``, proven from approximations.

Input: every document's approximate similarity ``approximate`` (documents grouped by
researcher: researcher r owns ``starts[r]:starts[r] + counts[r]``), ``margins``, which
gives for some documents a bound on how far their exact similarity may be from the
approximation, and ``margin``, a bound for every document at once. Output: the
researchers whose exact scores decide the top ``limit``; the best ``limit`` of them by
exact score are the best ``limit`` of all, ties included.

Why it holds. A researcher's score is a weighted mean of their ``top_k`` best
similarities (aggregation): it never falls when a similarity rises, it is at most their
best one, and it moves by at most m when every similarity moves by at most m.

1. Take a threshold T. A researcher none of whose documents reaches T scores below
   T + margin. The others are the candidates.
2. The candidates at a first T, placed from a sample so that a few hundred documents
   reach it, are scored from all their documents, each lowered by its own margin. The
   ``limit``-th best of these lower ends, L, is a score at least ``limit`` researchers
   reach, so nobody outside can be in the top once L >= T + margin; T is lowered to
   L - margin when it is not (lowering T only adds candidates).
3. Each candidate scores at most its ceiling plus ``margin``: the aggregate of its
   approximations with every one below a level V <= T raised to V. Only the documents
   that reach V are read, and the lower V, the closer the ceiling (V is placed so that
   ``RAISED`` times as many documents reach it as reach T). A candidate whose ceiling
   plus ``margin`` is below L cannot be in the top.
4. The few candidates left get intervals from all their documents' own margins, and the
   same rule is applied again.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]
Margins = Callable[[Ints], npt.NDArray[np.float64]]
Aggregate = Callable[[npt.NDArray[np.float64], Ints], npt.NDArray[np.float64]]

FIRST_DOCUMENTS = 512  # documents reaching the first threshold, about
SAMPLE = 1 << 16  # documents sampled to place it
RAISED = 4  # times as many documents reach the level the ceilings raise to


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
    aggregate: Aggregate,
    top_k: int,
) -> Ints:
    """The researchers whose exact scores decide the top ``limit`` (see the module).

    ``grouping`` is ``(owners, starts, counts)``; ``aggregate(similarities, counts)``
    scores researchers from their documents' similarities, grouped in runs, reading at
    most the ``top_k`` best of each.
    """
    owners, starts, counts = grouping
    if limit <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = _first_threshold(approximate, limit)
    candidates = _candidates(approximate, threshold, owners, counts)
    # Too few reach it: lower it. With no more than ``limit`` candidates, L below could not
    # be placed, and someone outside could still outscore a candidate.
    while threshold > -np.inf and len(candidates) <= limit:
        threshold = _lower(approximate, threshold)
        candidates = _candidates(approximate, threshold, owners, counts)
    if len(candidates) <= limit:  # everyone is a candidate
        return candidates
    floor = _best(_lower_ends(approximate, margins, candidates, starts, counts, aggregate), limit)
    if threshold > -np.inf and floor < threshold + margin:
        threshold = floor - margin
    if threshold == -np.inf:
        candidates = np.arange(len(counts), dtype=np.int64)
        ceilings = aggregate(approximate.astype(np.float64), counts)
    else:
        level = _raise_level(approximate, threshold)
        candidates, ceilings = _ceilings(
            approximate, (threshold, level), owners, counts, aggregate, top_k
        )
    chosen = candidates[ceilings + margin >= floor]
    # The few left: intervals from each of their documents' own margin, narrower.
    documents, _ = runs(chosen, starts, counts)
    values = approximate[documents].astype(np.float64)
    spread = margins(documents)
    lower = aggregate(values - spread, counts[chosen])
    upper = aggregate(values + spread, counts[chosen])
    return chosen[upper >= _best(lower, limit)]


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


def _raise_level(approximate: Floats, threshold: float) -> float:
    """A level ``RAISED`` times as many documents reach as reach ``threshold``, about."""
    stride = max(1, len(approximate) // SAMPLE)
    sample = approximate[::stride]
    place = RAISED * int(np.count_nonzero(sample >= threshold))
    if place >= len(sample):
        return threshold
    return min(threshold, float(-np.partition(-sample, place)[place]))


def _ceilings(
    approximate: Floats,
    levels: tuple[float, float],
    owners: Ints,
    counts: Ints,
    aggregate: Aggregate,
    top_k: int,
) -> tuple[Ints, npt.NDArray[np.float64]]:
    """The candidates at ``threshold`` (researchers with a document reaching it, and those
    without documents, who score 0, when 0 does) and each one's ceiling: the aggregate of
    its approximations with those below ``level`` (at most ``threshold``) raised to it."""
    threshold, level = levels
    reached = np.flatnonzero(approximate >= level)  # ascending, so grouped by owner
    reached_owners = owners[reached]
    edges = np.flatnonzero(np.diff(reached_owners)) + 1
    firsts = np.r_[0, edges].astype(np.int64) if len(reached) else np.zeros(0, np.int64)
    values = approximate[reached]
    kept = np.maximum.reduceat(values, firsts) >= threshold if len(reached) else firsts > 0
    researchers = reached_owners[firsts[kept]]
    above = np.diff(np.r_[firsts, len(reached)])
    in_kept = np.repeat(kept, above)
    firsts, above = firsts[kept], above[kept]
    reached_values = values[in_kept]
    firsts = np.cumsum(above) - above
    # Each run: the documents that reach the level, then as many copies of the level as
    # the aggregate still reads from the rest.
    raised = np.maximum(np.minimum(counts[researchers], top_k) - above, 0)
    sizes = above + raised
    ends = np.cumsum(sizes)
    runs_ = np.full(int(ends[-1]) if len(ends) else 0, level, dtype=np.float64)
    at = np.arange(len(reached_values)) + np.repeat(ends - sizes - firsts, above)
    runs_[at] = reached_values
    ceilings = aggregate(runs_, sizes)
    if threshold <= 0:  # researchers without documents score 0, which reaches it
        empty = np.flatnonzero(counts == 0)
        researchers = np.r_[researchers, empty]
        ceilings = np.r_[ceilings, np.zeros(len(empty))]
    return researchers, ceilings


def _lower_ends(
    approximate: Floats,
    margins: Margins,
    researchers: Ints,
    starts: Ints,
    counts: Ints,
    aggregate: Aggregate,
) -> npt.NDArray[np.float64]:
    """Scores ``researchers`` reach for certain: every document lowered by its margin."""
    documents, _ = runs(researchers, starts, counts)
    values = approximate[documents].astype(np.float64) - margins(documents)
    return aggregate(values, counts[researchers])


def _best(scores: npt.NDArray[np.float64], limit: int) -> float:
    """The ``limit``-th highest of ``scores`` (at least ``limit`` of them)."""
    return float(-np.partition(-scores, limit - 1)[limit - 1])


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
