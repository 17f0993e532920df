"""Cosine similarity of a query with every document: a fast int8 scan with a proven error
bound, and the exact value for the few documents that decide a ranking.

A million 384-dimension float32 rows are 1.4 GiB; one matrix-vector product over them
reads all of it. The scan reads an int8 copy instead (each row ``v`` stored as ``s c``, a
float32 scale times int8 codes, a quarter of the bytes) against the query stored as
``t p``, int16 codes ``p`` (see ``scan.c``): the integer sum ``c . p`` is exact, and
``s t (c . p)`` is rounded once to float32. For a unit query ``q``,

    |q.v - out| <= |v - s c| (1 + e) + e + u |out| / (1 - u) + slack,

where e = |q - t p| and u = 2**-24: the row's rounding, the query's, and the output's.
Each row's |v - s c| is kept, and :class:`Approximation` gives the bound row by row and
its largest value over all rows. The exact value, used for the final scores, is computed
from the float32 rows in float64 and rounded to float32, so a document scores the same
whichever rows it is computed with. Without the compiled scan (``kernel.py``), or with
one that strays from its bound on a sample at build, the scan is the float32 product.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from translink.matching.engine import kernel
from translink.matching.engine.encoder import Vectors, normalize_rows

Documents = npt.NDArray[np.int64]
CHUNK = 1 << 16  # rows quantized (and compared exactly) this many at a time
FLOAT32_SLACK = 1e-4  # float32 sums of 384 products of unit vectors err far less
OUTPUT_ROUNDING = 2.0**-24  # one rounding to float32
SUM_LIMIT = 2**31 - 1  # the scan's int32 sums


@dataclass(frozen=True, eq=False)
class Quantized:
    """Rows as int8 codes times one float32 scale per row, and each row's error."""

    codes: npt.NDArray[np.int8]  # (rows, dimension)
    scales: npt.NDArray[np.float32]  # (rows,)
    residuals: npt.NDArray[np.float32]  # |v - s c| of each row, rounded up
    largest: float  # of the residuals
    kernel: kernel.Kernel


@dataclass(frozen=True, eq=False)
class Approximation:
    """Every row's approximate cosine with a query, and how far each may be from exact."""

    values: npt.NDArray[np.float32]
    residuals: npt.NDArray[np.float32] | None  # None: the values are float32 products
    largest_residual: float
    query_error: float

    def margins(self, documents: Documents) -> npt.NDArray[np.float64]:
        """The error bound of each of ``documents`` (see the module)."""
        if self.residuals is None:
            return np.full(len(documents), FLOAT32_SLACK)
        residual = self.residuals[documents].astype(np.float64)
        output = np.abs(self.values[documents].astype(np.float64))
        return self._bound(residual, output)

    def largest_margin(self) -> float:
        """A bound on every row's error at once."""
        if self.residuals is None:
            return FLOAT32_SLACK
        largest_dot = (1 + self.query_error) * (1 + self.largest_residual)
        largest_output = largest_dot * (1 + 2 * OUTPUT_ROUNDING) + FLOAT32_SLACK
        return float(self._bound(np.array(self.largest_residual), np.array(largest_output)))

    def _bound(
        self, residual: npt.NDArray[np.float64], output: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        rounding = OUTPUT_ROUNDING / (1 - OUTPUT_ROUNDING)
        error = self.query_error
        return residual * (1 + error) + error + rounding * output + FLOAT32_SLACK


@dataclass(frozen=True, eq=False)
class SemanticIndex:
    """Unit-length float32 rows, one per document, and their int8 copy when the compiled
    scan is built."""

    rows: Vectors
    quantized: Quantized | None

    @classmethod
    def build(cls, vectors: npt.ArrayLike) -> SemanticIndex:
        """Index ``vectors``, normalized (rows already of unit length are not copied)."""
        rows = unit_rows(vectors)
        return cls(rows, quantize(rows))

    def approximate(self, query: Vectors) -> Approximation:
        """Every row's cosine with the unit ``query``, with bounds on their errors."""
        if self.quantized is None or len(self.rows) == 0:
            return Approximation(self.rows @ query, None, 0.0, 0.0)
        quantized = self.quantized
        codes, scale, query_error = quantize_query(query)
        out = quantized.kernel.scan(quantized.codes, quantized.scales, codes, scale)
        return Approximation(out, quantized.residuals, quantized.largest, query_error)

    def exact(self, documents: Documents, query: Vectors) -> npt.NDArray[np.float32]:
        """The cosine of ``documents`` with the unit ``query``: float64 sums, rounded."""
        rows = self.rows[documents].astype(np.float64)
        # einsum, not BLAS: one thread, no spin-waiting on a busy machine, same sums.
        return np.einsum("ij,j->i", rows, query.astype(np.float64)).astype(np.float32)

    def exact_all(self, query: Vectors) -> npt.NDArray[np.float32]:
        """:meth:`exact` for every row, computed a block at a time."""
        out = np.empty(len(self.rows), dtype=np.float32)
        for first in range(0, len(self.rows), CHUNK):
            block = np.arange(first, min(len(self.rows), first + CHUNK))
            out[block] = self.exact(block, query)
        return out


def unit_rows(vectors: npt.ArrayLike) -> Vectors:
    """``vectors`` as unit float32 rows: the array itself when it already is one."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 2 and array.flags.c_contiguous and _unit(array):
        return array
    return normalize_rows(array)


def _unit(array: Vectors) -> bool:
    for first in range(0, len(array), CHUNK):
        block = array[first : first + CHUNK]
        norms = np.linalg.norm(block, axis=1)
        zero = norms == 0  # a true zero row, not one whose tiny values underflow the norm
        if not np.all((np.abs(norms - 1) < 1e-6) | zero) or block[zero].any():
            return False
    return True


def quantize(rows: Vectors) -> Quantized | None:
    """The int8 copy of ``rows``, or None when the compiled scan is missing (or disagrees
    with numpy on a sample, which would break the bound)."""
    scan = kernel.load()
    if scan is None or rows.size == 0 or _query_top(rows.shape[1]) < 127:
        return None  # (past 133,000 dimensions the query's codes would be too coarse)
    codes = np.empty(rows.shape, dtype=np.int8)
    scales = np.empty(len(rows), dtype=np.float32)
    residuals = np.empty(len(rows), dtype=np.float32)
    for first in range(0, len(rows), CHUNK):
        block = rows[first : first + CHUNK]
        peak = np.abs(block).max(axis=1)
        scale = (peak / 127).astype(np.float32)
        scale[scale == 0] = 1  # zero rows, and rows too small to scale: all codes 0
        code = np.clip(np.rint(block / scale[:, None]), -127, 127)
        codes[first : first + len(block)] = code
        scales[first : first + len(block)] = scale
        error = np.linalg.norm(
            block.astype(np.float64) - code * scale[:, None].astype(np.float64), axis=1
        )
        residuals[first : first + len(block)] = np.nextafter(error.astype(np.float32), np.inf)
    largest = float(residuals.max(initial=0.0))
    quantized = Quantized(codes, scales, residuals, largest, scan)
    return quantized if _kernel_agrees(SemanticIndex(rows, quantized)) else None


def _query_top(dimension: int) -> int:
    """The largest query code: ``dimension * 127 * top`` stays within int32."""
    return min(32767, SUM_LIMIT // (127 * max(1, dimension)))


def quantize_query(query: Vectors) -> tuple[npt.NDArray[np.int16], float, float]:
    """The unit ``query`` as int16 codes ``p`` and a scale ``t``, and |query - t p|, rounded
    up. The codes are kept small enough that no row's sum of products leaves int32."""
    top = _query_top(len(query))
    peak = float(np.abs(query).max(initial=0.0))
    scale = peak / top if peak > 0 else 1.0
    codes = np.clip(np.rint(query.astype(np.float64) / scale), -top, top)
    error = float(np.linalg.norm(query.astype(np.float64) - codes * scale))
    return codes.astype(np.int16), scale, float(np.nextafter(error, np.inf))


def _kernel_agrees(index: SemanticIndex) -> bool:
    """Whether the int8 scan stays within its bound on a sample of rows and a query."""
    dimension = index.rows.shape[1]
    query = unit_query(np.random.default_rng(0).standard_normal(dimension))
    sample = np.arange(min(len(index.rows), 4096), dtype=np.int64)
    scan = index.approximate(query)
    gap = np.abs(scan.values[sample].astype(np.float64) - index.exact(sample, query))
    return bool(np.all(gap <= scan.margins(sample)))


def unit_query(query_vector: npt.ArrayLike) -> Vectors:
    """The query as one unit-length float32 row."""
    return normalize_rows(np.reshape(query_vector, (1, -1)))[0]
