"""Compile the similarity scan: ``python -m translink.matching.engine.build_scan``.

``make run`` and ``make test`` run it whenever ``scan.c`` is newer than the library; a
production install runs it once after ``pip install``.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys

from translink.matching.engine.kernel import LEVELS, build


def main() -> int:
    try:
        built = build()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as failure:
        print(f"the similarity scan was not built: {failure}", file=sys.stderr)
        return 1
    level = int(ctypes.CDLL(str(built)).translink_scan_level())
    print(f"built {built.name}: the {LEVELS[level]} loop runs on this processor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
