"""IND-17: which protocol changes need a protocol amendment before they take effect."""

from __future__ import annotations

from translink.regulatory.rules.events import check_phase


def change_needs_amendment(
    phase: int, *, affects_safety: bool, affects_scope: bool, affects_quality: bool
) -> bool:
    """True when a change to a protocol must be submitted before it is implemented.

    Phase 1: only a change that significantly affects subjects' safety. Later phases: a
    significant change to safety, the scope of the investigation or its scientific quality
    (a dose or duration increase, many more subjects, a design change). A change to remove
    an apparent immediate hazard may go ahead at once; the amendment then follows.
    """
    check_phase(phase)
    if phase == 1:
        return affects_safety
    return affects_safety or affects_scope or affects_quality
