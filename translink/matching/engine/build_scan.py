"""Compile the similarity scan: ``python -m translink.matching.engine.build_scan``.

``make run`` and ``make test`` run it whenever ``scan.c`` is newer than the library; a
production install runs it once after ``pip install``.
"""

from __future__ import annotations

import subprocess
import sys

from translink.matching.engine.kernel import build, open_library


def main() -> int:
    try:
        built = build()
    except (RuntimeError, OSError, subprocess.CalledProcessError) as failure:
        print(f"the similarity scan was not built: {failure}", file=sys.stderr)
        return 1
    scan = open_library(built)
    if scan is None:
        print(f"the similarity scan was built but does not load: {built}", file=sys.stderr)
        return 1
    print(f"built {built.name}: the {scan.name} loop runs on this processor")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
