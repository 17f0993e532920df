"""Cosine similarity of a query with every document: a fast int8 scan with a proven error
bound, and the exact value for the few documents that decide a ranking.

A million 384-dimension float32 rows are 1.4 GiB; one matrix-vector product over them
reads all of it. The scan reads an int8 copy instead (each row scaled by its own bfloat16
factor, a quarter of the bytes) through torch's weight-only int8 kernel, and says how far
its answers may be from the exact ones: for a unit query ``q`` and a row ``v`` stored as
``s * c``,

    |q.v - out| <= |v - s c| (1 + e) + e + 2**-8 |out| / (1 - 2**-8) + slack,

where e = |q - bf16(q)|: the row's rounding, the query's, and the bfloat16 output's. Each
row's |v - s c| is kept, and :class:`Approximation` gives the bound row by row and its
largest value over all rows. The exact value, used for the final scores, is computed from
the float32 rows in float64 and rounded to float32, so a document scores the same
whichever rows it is computed with. Without torch, or on a torch without the kernel (or
one that strays from its bound on a sample at build), the scan is the float32 product.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from translink.matching.engine.encoder import Vectors, normalize_rows

Documents = npt.NDArray[np.int64]
CHUNK = 1 << 16  # rows quantized (and compared exactly) this many at a time
BLOCK = 64  # the int8 kernel misreads (or crashes on) shapes not made of whole blocks
FLOAT32_SLACK = 1e-4  # float32 sums of 384 products of unit vectors err far less
BFLOAT16_ROUNDING = 2.0**-8


@dataclass(frozen=True, eq=False)
class Quantized:
    """Rows as int8 codes times one bfloat16 scale per row, and each row's error."""

    codes: Any  # torch.Tensor (rows, dimension) int8
    scales: Any  # torch.Tensor (rows,) bfloat16
    residuals: npt.NDArray[np.float32]  # |v - s c| of each row, rounded up
    largest: float  # of the residuals
    kernel: Any  # torch.ops.aten._weight_int8pack_mm


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
        largest_output = largest_dot * (1 + 2 * BFLOAT16_ROUNDING) + FLOAT32_SLACK
        return float(self._bound(np.array(self.largest_residual), np.array(largest_output)))

    def _bound(
        self, residual: npt.NDArray[np.float64], output: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        rounding = BFLOAT16_ROUNDING / (1 - BFLOAT16_ROUNDING)
        error = self.query_error
        return residual * (1 + error) + error + rounding * output + FLOAT32_SLACK


@dataclass(frozen=True, eq=False)
class SemanticIndex:
    """Unit-length float32 rows, one per document, and their int8 copy when torch has one."""

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
        import torch

        quantized = self.quantized
        coarse = torch.zeros((1, quantized.codes.shape[1]), dtype=torch.bfloat16)
        coarse[0, : len(query)] = torch.from_numpy(query)
        query_error = float(np.linalg.norm(query - coarse[0, : len(query)].float().numpy()))
        out = quantized.kernel(coarse, quantized.codes, quantized.scales)[0, : len(self.rows)]
        return Approximation(_float32(out), quantized.residuals, quantized.largest, query_error)

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


def _float32(values: Any) -> npt.NDArray[np.float32]:
    """A bfloat16 tensor as float32, by shifting its bits (one numpy pass, no threads)."""
    import torch

    bits = values.contiguous().view(torch.int16).numpy()
    return np.left_shift(bits, 16, dtype=np.int32).view(np.float32)


def unit_rows(vectors: npt.ArrayLike) -> Vectors:
    """``vectors`` as unit float32 rows: the array itself when it already is one."""
    array = np.asarray(vectors, dtype=np.float32)
    if array.ndim == 2 and array.flags.c_contiguous and _unit(array):
        return array
    return normalize_rows(array)


def _unit(array: Vectors) -> bool:
    for first in range(0, len(array), CHUNK):
        norms = np.linalg.norm(array[first : first + CHUNK], axis=1)
        if not np.all((np.abs(norms - 1) < 1e-6) | (norms == 0)):
            return False
    return True


def quantize(rows: Vectors) -> Quantized | None:
    """The int8 copy of ``rows``, or None when torch or its int8 kernel is missing (or
    disagrees with numpy on a sample, which would break the bound)."""
    try:
        import torch

        kernel = torch.ops.aten._weight_int8pack_mm
    except Exception:  # no torch, or a build without the kernel: scan in float32
        return None
    if rows.size == 0:
        return None
    # The kernel reads whole blocks: rows and dimensions padded with zeros to BLOCK.
    padded = (-(-rows.shape[0] // BLOCK) * BLOCK, -(-rows.shape[1] // BLOCK) * BLOCK)
    codes = np.zeros(padded, dtype=np.int8)
    scales = torch.ones(padded[0], dtype=torch.bfloat16)
    residuals = np.empty(len(rows), dtype=np.float32)
    for first in range(0, len(rows), CHUNK):
        block = rows[first : first + CHUNK]
        peak = np.abs(block).max(axis=1)
        scale = torch.from_numpy(np.where(peak > 0, peak / 127, 1).astype(np.float32))
        coarse = scale.to(torch.bfloat16)
        exact_scale = coarse.float().numpy()[:, None]
        code = np.clip(np.rint(block / exact_scale), -127, 127)
        codes[first : first + len(block), : rows.shape[1]] = code
        scales[first : first + len(block)] = coarse
        error = np.linalg.norm(block.astype(np.float64) - code * exact_scale, axis=1)
        residuals[first : first + len(block)] = np.nextafter(error.astype(np.float32), np.inf)
    largest = float(residuals.max(initial=0.0))
    quantized = Quantized(torch.from_numpy(codes), scales, residuals, largest, kernel)
    return quantized if _kernel_agrees(SemanticIndex(rows, quantized)) else None


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
