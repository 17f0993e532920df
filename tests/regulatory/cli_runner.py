"""Runs ``python -m translink.regulatory.rules`` as a user would: a separate process, with no
Django settings in its environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_rules(*args: str) -> subprocess.CompletedProcess[str]:
    """The command's exit status, stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "-m", "translink.regulatory.rules", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
