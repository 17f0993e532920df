"""Fixtures of the people app's tests."""

from __future__ import annotations

import pytest

from translink.people.tests.import_support import make_departments


@pytest.fixture
def departments(request: pytest.FixtureRequest, db: None) -> None:
    """Neurology and oncology, the departments the sample CSV names."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")  # it makes neurology itself: let it go first
    make_departments()
