"""Whether a subject may receive the drug under an IND on a given day (IND-02, IND-04)."""

from __future__ import annotations

from datetime import date

from translink.regulatory.actions.guards import S
from translink.regulatory.models import Ind


def may_dose(ind: Ind, on_date: date) -> tuple[bool, str]:
    """Whether a subject may receive the drug under ``ind`` on ``on_date``, and why (IND-02,
    IND-04). A partial hold allows the parts it does not name, so the answer says so; a
    withdrawn, terminated or inactive IND allows none."""
    if ind.status in (S.IN_EFFECT, S.PARTIAL_HOLD):
        if ind.effective is None or on_date < ind.effective:
            return False, "The IND is not yet in effect on that day (21 CFR 312.40(d))."
        if ind.status == S.PARTIAL_HOLD:
            return True, "Partial clinical hold: only the parts the hold does not name (312.42)."
        return True, f"The IND is in effect since {ind.effective:%Y-%m-%d}."
    if ind.status == S.FULL_HOLD:
        return False, "The IND is on full clinical hold: no subject may receive the drug (312.42)."
    if ind.status == S.TERMINATED:
        return False, "FDA terminated the IND: no subject may receive the drug (21 CFR 312.44)."
    return False, f"The IND is {ind.get_status_display().lower()}: no dosing (21 CFR 312.40(d))."
