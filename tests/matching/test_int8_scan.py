"""The int8 scan of every vector: exact integer sums whatever the processor, and within the
error bound it states."""

from __future__ import annotations

import os
import platform
import signal
import subprocess
from pathlib import Path

import numpy as np
import pytest

from translink.matching.engine import kernel
from translink.matching.engine.encoder import normalize_rows
from translink.matching.engine.semantic import SemanticIndex, unit_query


@pytest.mark.parametrize(
    ("rows", "dimension"), [(1, 3), (70, 24), (1000, 384), (333, 100), (3, 20_000)]
)
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


def test_the_compiled_scan_is_built_here() -> None:
    scan = kernel.load()
    assert scan is not None, "make builds translink/matching/engine/libtranslink_scan.so"
    # Every x86-64 machine the suite runs on has AVX2 at least; elsewhere the portable loop.
    assert scan.level >= 1 if platform.machine() == "x86_64" else scan.level == 0


@pytest.mark.parametrize(("rows", "dimension"), [(1, 3), (70, 24), (5, 385), (40_000, 100)])
def test_every_loop_sums_exactly_what_numpy_does(
    rows: int, dimension: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kernel, "_cores", lambda: 3)  # slices, even on a one-core runner
    scan = kernel.load()
    assert scan is not None
    rng = np.random.default_rng(dimension)
    codes = rng.integers(-127, 128, size=(rows, dimension), dtype=np.int8)
    scales = rng.random(rows).astype(np.float32)
    top = (2**31 - 1) // (127 * dimension)
    query = rng.integers(-min(top, 32767), min(top, 32767) + 1, size=dimension).astype(np.int16)
    sums = codes.astype(np.int64) @ query.astype(np.int64)
    expected = (sums * scales.astype(np.float64) * 3e-5).astype(np.float32)
    for level in range(scan.level + 1):  # portable C, AVX2, then AVX-512 VNNI where present
        assert np.array_equal(scan.scan(codes, scales, query, 3e-5, level), expected), level


@pytest.mark.parametrize("dimension", [384, 16_909])
def test_every_loop_is_exact_at_the_largest_sums_the_query_codes_allow(dimension: int) -> None:
    scan = kernel.load()
    assert scan is not None
    top = min(32767, (2**31 - 1) // (127 * dimension))
    codes = np.array([[127] * dimension, [-127] * dimension], dtype=np.int8)
    query = np.full(dimension, top, dtype=np.int16)
    expected = np.array([127 * top * dimension, -127 * top * dimension], dtype=np.float64)
    assert abs(expected[0]) <= 2**31 - 1
    for level in range(scan.level + 1):
        got = scan.scan(codes, np.ones(2, np.float32), query, 1.0, level)
        assert np.array_equal(got, expected.astype(np.float32)), level


def test_the_scan_refuses_arrays_it_cannot_read() -> None:
    scan = kernel.load()
    assert scan is not None
    codes = np.zeros((4, 8), dtype=np.int8)
    with pytest.raises(TypeError, match="int8 codes"):
        scan.scan(codes.astype(np.int16), np.ones(4, np.float32), np.zeros(8, np.int16), 1.0)
    with pytest.raises(ValueError, match="one scale a row"):
        scan.scan(codes, np.ones(3, np.float32), np.zeros(8, np.int16), 1.0)
    with pytest.raises(ValueError, match="must be 8 contiguous values"):
        scan.scan(codes, np.ones(4, np.float32), np.zeros(7, np.int16), 1.0)


def test_a_library_built_from_another_scan_c_is_not_used(tmp_path: Path) -> None:
    source = tmp_path / "old.c"
    source.write_text(
        'const char *translink_scan_source(void) { return "0123456789abcdef"; }\n'
        "int translink_scan_level(void) { return 0; }\n"
        "void translink_scan(void) {}\n"
    )
    library = tmp_path / "old.so"
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    assert kernel.open_library(library) is None
    source.write_text("int unrelated(void) { return 0; }\n")  # not a scan at all
    subprocess.run(["cc", "-shared", "-fPIC", "-o", str(library), str(source)], check=True)
    assert kernel.open_library(library) is None
    assert kernel.open_library(tmp_path / "missing.so") is None


def test_building_without_a_compiler_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CC", "no-such-compiler -O1")
    with pytest.raises(RuntimeError, match="'no-such-compiler -O1' is not on PATH"):
        kernel.build(tmp_path / "scan.so")
    assert list(tmp_path.iterdir()) == []


def test_a_build_with_a_wrapped_compiler_gives_a_library_that_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CC", "env cc")  # as CC="ccache gcc" would be
    built = kernel.build(tmp_path / "scan.so")
    assert kernel.open_library(built) is not None
    assert [p.name for p in tmp_path.iterdir()] == ["scan.so"]  # no partial file left


def test_without_the_compiled_scan_the_index_scans_in_float32(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kernel, "load", lambda: None)
    rng = np.random.default_rng(5)
    index = SemanticIndex.build(rng.standard_normal((50, 16)).astype(np.float32))
    assert index.quantized is None
    query = unit_query(rng.standard_normal(16))
    scan = index.approximate(query)
    assert np.array_equal(scan.values, index.rows @ query)
    everyone = np.arange(50, dtype=np.int64)
    gap = np.abs(scan.values.astype(np.float64) - index.exact(everyone, query))
    assert np.all(gap <= scan.margins(everyone))


def test_rows_too_small_to_scale_keep_the_bound_anywhere_in_the_index() -> None:
    rng = np.random.default_rng(8)
    vectors = normalize_rows(rng.standard_normal((5000, 32)).astype(np.float32))
    vectors[4500] = 0
    vectors[4500, 0] = 1e-44  # subnormal: its norm underflows, it is no zero row
    index = SemanticIndex.build(vectors)
    assert index.quantized is not None and np.isfinite(index.quantized.largest)
    query = unit_query(rng.standard_normal(32))
    scan = index.approximate(query)
    everyone = np.arange(5000, dtype=np.int64)
    gap = np.abs(scan.values.astype(np.float64) - index.exact(everyone, query))
    assert np.all(gap <= scan.margins(everyone)) and np.isfinite(scan.largest_margin())


def test_past_the_largest_dimension_the_index_scans_in_float32() -> None:
    rng = np.random.default_rng(9)
    assert (
        SemanticIndex.build(rng.standard_normal((2, 140_000)).astype(np.float32)).quantized is None
    )


def test_a_forked_worker_scans_with_threads_of_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel, "_cores", lambda: 2)  # a pool, even on a one-core runner
    scan = kernel.load()
    assert scan is not None
    rng = np.random.default_rng(11)
    codes = rng.integers(-127, 128, size=(2 * kernel.SLICE, 16), dtype=np.int8)
    scales = np.ones(len(codes), dtype=np.float32)
    query = rng.integers(-999, 1000, size=16).astype(np.int16)
    expected = scan.scan(codes, scales, query, 1.0)  # the parent's pool now has threads
    child = os.fork()
    if child == 0:  # the child: a hang ends it by SIGALRM, a wrong answer by status 1
        signal.alarm(30)
        os._exit(0 if np.array_equal(scan.scan(codes, scales, query, 1.0), expected) else 1)
    _, status = os.waitpid(child, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
