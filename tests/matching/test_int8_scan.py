"""The int8 scan of every vector stays within the error bound it states."""

from __future__ import annotations

import numpy as np
import pytest

from translink.matching.engine.semantic import SemanticIndex, unit_query


@pytest.mark.parametrize(("rows", "dimension"), [(1, 3), (70, 24), (1000, 384), (333, 100)])
def test_it_bounds_every_rows_error(rows: int, dimension: int) -> None:
    rng = np.random.default_rng(rows)
    vectors = rng.standard_normal((rows, dimension)).astype(np.float32)
    vectors[rows // 2] *= 0  # a zero row stays zero
    index = SemanticIndex.build(vectors)
    assert index.quantized is not None
    everyone = np.arange(rows, dtype=np.int64)
    for query in (vectors[0], rng.standard_normal(dimension), -vectors[rows - 1]):
        unit = unit_query(query)
        scan = index.approximate(unit)
        exact = index.exact(everyone, unit).astype(np.float64)
        gap = np.abs(scan.values.astype(np.float64) - exact)
        assert np.all(gap <= scan.margins(everyone))
        assert np.all(scan.margins(everyone) <= scan.largest_margin())
        assert scan.largest_margin() < 0.05  # tight enough to prune


def test_it_keeps_unit_rows_without_copying_them() -> None:
    vectors = np.eye(4, dtype=np.float32)
    assert SemanticIndex.build(vectors).rows is vectors
    assert SemanticIndex.build(vectors * 2).rows is not vectors


def test_exact_similarity_does_not_depend_on_which_rows_are_computed_together() -> None:
    rng = np.random.default_rng(3)
    vectors = np.tile(rng.standard_normal((1, 384)).astype(np.float32), (50, 1))
    index = SemanticIndex.build(vectors)
    query = unit_query(rng.standard_normal(384))
    together = index.exact(np.arange(50, dtype=np.int64), query)
    alone = [index.exact(np.array([i], dtype=np.int64), query)[0] for i in range(50)]
    assert len(set(together.tolist()) | set(alone)) == 1
