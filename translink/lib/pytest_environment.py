"""A pytest plugin, loaded with ``-p`` before Django starts: the test run's environment.

Production refuses to start without SECRET_KEY; the suite supplies a throwaway one here,
before pytest-django imports the settings.
"""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "test-only-" + "k3y" * 16)
os.environ.setdefault("SECURE", "0")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("TASKS_IMMEDIATE", "1")

# WhiteNoise warns about a missing static root; a fresh clone has none until collectstatic.
os.makedirs(os.path.join(os.path.dirname(__file__), "..", "..", "var", "static"), exist_ok=True)
