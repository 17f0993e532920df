"""Changes under an IND that are due to FDA as protocol amendments: a new protocol or a
protocol change (IND-16, IND-17), and a new investigator (IND-18)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from translink.accounts.models import User
from translink.audit.actions import record, save_new
from translink.people.models import Researcher
from translink.regulatory import rules
from translink.regulatory.actions.guards import ACTIVE, check_manager, require_status
from translink.regulatory.actions.obligations import create_obligations
from translink.regulatory.models import Ind, Investigator, Obligation


def plan_protocol(
    actor: User | None, ind: Ind, *, starts: date, change: bool = False, note: str = ""
) -> list[Obligation]:
    """A new protocol (IND-16) or a protocol change (IND-17): the amendment is due before it
    is implemented on ``starts``."""
    check_manager(actor, ind)
    require_status(ind, ACTIVE, "plan a protocol amendment")
    basis = rules.Basis.PROTOCOL_CHANGE_START if change else rules.Basis.NEW_PROTOCOL_START
    with transaction.atomic():
        made = create_obligations(actor, ind, rules.Trigger(basis, starts))
        record(
            "regulatory.protocol_planned",
            actor=actor,
            obj=ind,
            new={"starts": starts, "change": change},
            reason=note,
        )
    return made


def add_investigator(
    actor: User | None,
    ind: Ind,
    *,
    name: str,
    signed_1572: date,
    researcher: Researcher | None = None,
) -> Investigator:
    """An investigator joins (signed Form FDA 1572): FDA hears within 30 days (IND-18)."""
    check_manager(actor, ind)
    require_status(ind, ACTIVE, "add an investigator")
    investigator = Investigator(
        ind=ind, name=name.strip(), signed_1572=signed_1572, researcher=researcher
    )
    with transaction.atomic():
        save_new(
            investigator,
            action="regulatory.investigator_added",
            actor=actor,
            fields=("ind", "name", "researcher", "signed_1572"),
        )
        create_obligations(
            actor, ind, rules.InvestigatorAdded(signed_1572), investigator=investigator
        )
    return investigator
