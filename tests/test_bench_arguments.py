"""Each benchmark refuses a bad argument at once, with a message naming it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("module", "argument", "message"),
    [
        ("bench.foundation", "--requests=0", "--requests must be at least 1"),
        ("bench.pubmed_import", "--articles=0", "--articles must be between 1 and 1000000"),
        ("bench.matching_speed", "--queries=0", "--queries must be at least 1"),
        ("bench.tcrc", "--studies=0", "--studies must be between 1 and 200"),
    ],
)
def test_a_bad_argument_is_refused_with_its_name(module: str, argument: str, message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", module, argument],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert message in result.stderr
