"""What every regulatory action checks first: who acts, and whether the IND's status and
the dates given allow the step. A refusal names the field and what would be allowed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError

from translink.accounts.models import User
from translink.accounts.policy import may_manage_ind
from translink.regulatory.models import Ind

S = Ind.Status
HOLDS = (S.FULL_HOLD, S.PARTIAL_HOLD)
ACTIVE = (S.SUBMITTED, S.IN_EFFECT, *HOLDS)


def check_manager(actor: User | None, ind: Ind) -> None:
    """Refuse anyone but regulatory specialists and the IND's sponsor-investigator."""
    # actor None: the system itself (demo loader, commands), as in the other apps.
    if actor is not None and not may_manage_ind(actor, ind):
        raise PermissionDenied("Only regulatory specialists and the sponsor-investigator do this.")


def require_status(ind: Ind, allowed: Iterable[str], doing: str) -> None:
    """Refuse ``doing`` unless the IND's status is one of ``allowed``, naming them."""
    allowed = tuple(allowed)
    if ind.status not in allowed:
        labels = ", ".join(str(S(value).label).lower() for value in allowed)
        raise ValidationError(
            {
                "status": f"Cannot {doing}: the IND is {ind.get_status_display().lower()}; "
                f"this is possible only when it is {labels}."
            }
        )


def not_before(day: date, earliest: date | None, field: str, what: str) -> None:
    """Refuse ``day`` when it comes before ``earliest`` (when that is known)."""
    if earliest is not None and day < earliest:
        raise ValidationError({field: f"{day:%Y-%m-%d} is before {what} ({earliest:%Y-%m-%d})."})


def require_aware(**moments: datetime | None) -> None:
    """Refuse a timestamp without its zone: its day would depend on the server's zone.
    ``None`` (a timestamp not given) passes."""
    for field, value in moments.items():
        if value is not None and (value.tzinfo is None or value.utcoffset() is None):
            raise ValidationError({field: "Give the time with its time zone."})
