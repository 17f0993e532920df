"""``python -m translink.regulatory.rules EVENT [options]``: the engine at work, no database."""

from __future__ import annotations

import sys

from translink.regulatory.rules.cli import main

if __name__ == "__main__":
    sys.exit(main())
