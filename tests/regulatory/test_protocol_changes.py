"""IND-17: phase 1 protocol changes need an amendment only for safety; later phases also for
scope or scientific quality."""

from __future__ import annotations

import pytest

from translink.regulatory.rules.amendments import change_needs_amendment


@pytest.mark.parametrize(
    ("phase", "safety", "scope", "quality", "needed"),
    [
        (1, True, False, False, True),
        (1, False, True, True, False),
        (2, False, True, False, True),
        (3, False, False, True, True),
        (3, False, False, False, False),
    ],
)
def test_it_asks_for_an_amendment_by_phase(
    phase: int, safety: bool, scope: bool, quality: bool, needed: bool
) -> None:
    assert (
        change_needs_amendment(
            phase, affects_safety=safety, affects_scope=scope, affects_quality=quality
        )
        is needed
    )


def test_it_refuses_an_unknown_phase() -> None:
    with pytest.raises(ValueError, match="phase"):
        change_needs_amendment(5, affects_safety=True, affects_scope=False, affects_quality=False)
