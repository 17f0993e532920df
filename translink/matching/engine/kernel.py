"""The compiled similarity scan (``scan.c``): built once by ``make``, loaded through ctypes.

``python -m translink.matching.engine.build_scan`` (run by ``make``) compiles ``scan.c``
with the system's C compiler (``$CC``, else ``cc``) into ``libtranslink_scan.so`` beside
it, stamped with a hash of the source and the flags. :func:`load` answers the loaded scan,
or None when it was not built, or was built from another ``scan.c``: the semantic index
then scans in float32, slower and just as exact.

A ctypes call lets go of the GIL, so a scan of many rows runs one call per core, each on
its own slice of the table, from a pool of threads kept for the life of the process.
"""

from __future__ import annotations

import ctypes
import hashlib
import itertools
import os
import shlex
import shutil
import subprocess
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

SOURCE = Path(__file__).with_name("scan.c")
LIBRARY = Path(__file__).with_name("libtranslink_scan.so")
LEVELS = ("portable C", "AVX2", "AVX-512 VNNI")
SLICE = 1 << 15  # rows below which one call does the whole table
FLAGS = ("-O2", "-shared", "-fPIC", "-std=c11", "-Wall")


@cache
def source_stamp() -> str:
    """What a library built from this ``scan.c`` with these flags answers when asked."""
    digest = hashlib.sha256(SOURCE.read_bytes() + " ".join(FLAGS).encode())
    return digest.hexdigest()[:16]


class Kernel:
    """The loaded ``scan.c`` and the best loop this processor runs."""

    def __init__(self, library: ctypes.CDLL) -> None:
        self._scan = library.translink_scan
        self._scan.restype = None
        self._scan.argtypes = [
            ctypes.c_int,
            ctypes.c_void_p,
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_size_t,
            ctypes.c_size_t,
            ctypes.c_void_p,
            ctypes.c_double,
            ctypes.c_void_p,
        ]
        self.level = int(library.translink_scan_level())

    @property
    def name(self) -> str:
        return LEVELS[self.level]

    def scan(
        self,
        codes: npt.NDArray[np.int8],
        scales: npt.NDArray[np.float32],
        query: npt.NDArray[np.int16],
        query_scale: float,
        level: int | None = None,
    ) -> npt.NDArray[np.float32]:
        """Each row's ``scales[i] * query_scale * (codes[i] . query)``, rounded once to
        float32, by the loop of ``level`` (the best one unless told)."""
        rows, dimension = codes.shape
        if codes.dtype != np.int8 or scales.dtype != np.float32 or query.dtype != np.int16:
            raise TypeError("the scan takes int8 codes, float32 scales and an int16 query")
        if not (codes.flags.c_contiguous and scales.flags.c_contiguous and len(scales) == rows):
            raise ValueError("the scan takes contiguous codes and one scale a row")
        if query.shape != (dimension,) or not query.flags.c_contiguous:
            raise ValueError(f"the query must be {dimension} contiguous values")
        chosen = self.level if level is None else min(level, self.level)
        out = np.empty(rows, dtype=np.float32)
        arrays = (codes, scales, query, out)  # the workers hold them until they are done

        def run(first: int, count: int, held: tuple[np.ndarray, ...] = arrays) -> None:
            table, row_scales, query_codes, into = held
            self._scan(
                chosen,
                table.ctypes.data,
                row_scales.ctypes.data,
                first,
                count,
                dimension,
                query_codes.ctypes.data,
                float(query_scale),
                into.ctypes.data,
            )

        cores = _cores()
        if rows < SLICE or cores == 1:
            run(0, rows)
            return out
        bounds = np.linspace(0, rows, cores + 1).astype(np.int64)
        started: list[Future[None]] = []
        try:
            for first, last in itertools.pairwise(bounds):
                started.append(_pool().submit(run, int(first), int(last - first)))
        finally:
            wait(started)  # never hand back (or free) the arrays while a slice is running
        for done in started:
            done.result()
        return out


@cache
def _cores() -> int:
    affinity = getattr(os, "sched_getaffinity", None)
    return max(1, len(affinity(0)) if affinity is not None else os.cpu_count() or 1)


_pools: dict[int, ThreadPoolExecutor] = {}


def _pool() -> ThreadPoolExecutor:
    """This process's pool: a forked server worker gets its own, since the threads of
    the pool it inherited did not survive the fork. (``setdefault`` is atomic, so two
    threads asking at once share one; the other pool never started a thread.)"""
    pool = _pools.get(os.getpid())
    if pool is None:
        made = ThreadPoolExecutor(_cores(), thread_name_prefix="translink-scan")
        pool = _pools.setdefault(os.getpid(), made)
    return pool


@cache
def load() -> Kernel | None:
    """The built scan, or None when the library is missing or is not this ``scan.c``'s."""
    return open_library(LIBRARY)


def open_library(path: Path) -> Kernel | None:
    """The scan in the shared library at ``path``, if it was built from this ``scan.c``."""
    try:
        library = ctypes.CDLL(str(path))
        stamp = library.translink_scan_source
        stamp.restype = ctypes.c_char_p
        if stamp() != source_stamp().encode():
            return None
        return Kernel(library)
    except (OSError, AttributeError):
        return None


def build(target: Path = LIBRARY) -> Path:
    """Compile ``scan.c`` into ``target``, replacing it at once when done."""
    compiler = shlex.split(os.environ.get("CC") or "cc")
    if not compiler or shutil.which(compiler[0]) is None:
        raise RuntimeError(f"no C compiler: {' '.join(compiler)!r} is not on PATH (set CC)")
    handle, partial = tempfile.mkstemp(prefix=f"{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        stamp = f'-DTRANSLINK_SCAN_SOURCE="{source_stamp()}"'
        command = [*compiler, *FLAGS, stamp, "-o", partial, str(SOURCE)]
        subprocess.run(command, check=True)  # noqa: S603 (the builder's own compiler)
        os.chmod(partial, 0o644)  # mkstemp's 0600 would hide it from the server's user
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
    return target
