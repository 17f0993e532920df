"""The rule engine is a pure core: importing it and running its command loads no Django."""

from __future__ import annotations

import subprocess
import sys

from tests.regulatory.cli_runner import ROOT

PROBE = (
    "import sys, translink.regulatory.rules, translink.regulatory.rules.cli; "
    "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
)


def test_it_imports_without_loading_django() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
