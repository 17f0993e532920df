"""One entry point for pages and the API: a lifecycle step by name, with its date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from translink.accounts.models import User
from translink.regulatory.actions import lifecycle as step
from translink.regulatory.actions.amendments import plan_protocol
from translink.regulatory.models import Ind


class Transition(models.TextChoices):
    SUBMIT = "submit", "Original IND sent"
    RECEIVE = "receive", "FDA receipt acknowledged"
    EFFECTIVE = "effective", "In effect (day 30)"
    EFFECTIVE_ON_NOTICE = "effective_on_notice", "In effect early, on FDA's notice"
    FULL_HOLD = "full_hold", "Full clinical hold imposed"
    PARTIAL_HOLD = "partial_hold", "Partial clinical hold imposed"
    HOLD_RESPONSE = "hold_response", "Complete response to the hold sent"
    LIFT = "lift", "Clinical hold lifted"
    NEW_PROTOCOL = "new_protocol", "New protocol planned to start"
    PROTOCOL_CHANGE = "protocol_change", "Protocol change planned to take effect"
    INACTIVATE = "inactivate", "Inactivated"
    REACTIVATE = "reactivate", "Reactivated"
    WITHDRAW = "withdraw", "Withdrawn"
    WITHDRAW_FOR_SAFETY = "withdraw_for_safety", "Withdrawn for safety"
    PROPOSE_TERMINATION = "propose_termination", "FDA proposed in writing to terminate"
    TERMINATE = "terminate", "Terminated by FDA"


def apply_transition(
    actor: User | None,
    ind: Ind,
    transition: str,
    *,
    on: date,
    number: str = "",
    received: date | None = None,
    reason: str = "",
) -> Ind:
    """Apply the lifecycle step ``transition`` dated ``on`` (the day sent, received, imposed
    or decided); ``number`` is FDA's IND number on receipt, ``received`` FDA's receipt of a
    complete response, ``reason`` a withdrawal's or termination's reasons."""
    steps = _steps(actor, ind, on, number=number.strip(), received=received, reason=reason)
    if transition not in steps:
        raise ValidationError({"transition": f"Unknown step {transition!r}."})
    steps[transition]()
    return ind


def _steps(
    actor: User | None, ind: Ind, on: date, *, number: str, received: date | None, reason: str
) -> dict[str, Callable[[], Any]]:
    T = Transition
    return {
        T.SUBMIT: lambda: step.submit(actor, ind, sent_on=on),
        T.RECEIVE: lambda: step.record_fda_receipt(actor, ind, received=on, number=number),
        T.EFFECTIVE: lambda: step.make_effective(actor, ind, on=on),
        T.EFFECTIVE_ON_NOTICE: lambda: step.make_effective(actor, ind, on=on, fda_notice=True),
        T.FULL_HOLD: lambda: step.impose_hold(actor, ind, on=on),
        T.PARTIAL_HOLD: lambda: step.impose_hold(actor, ind, on=on, partial=True),
        T.HOLD_RESPONSE: lambda: step.respond_to_hold(
            actor, ind, sent_on=on, fda_received=received
        ),
        T.LIFT: lambda: step.lift_hold(actor, ind, on=on),
        T.NEW_PROTOCOL: lambda: plan_protocol(actor, ind, starts=on, note=reason),
        T.PROTOCOL_CHANGE: lambda: plan_protocol(actor, ind, starts=on, change=True, note=reason),
        T.INACTIVATE: lambda: step.inactivate(actor, ind, on=on),
        T.REACTIVATE: lambda: step.reactivate(actor, ind, on=on),
        T.WITHDRAW: lambda: step.withdraw(actor, ind, on=on, reason=reason),
        T.WITHDRAW_FOR_SAFETY: lambda: step.withdraw(
            actor, ind, on=on, for_safety=True, reason=reason
        ),
        T.PROPOSE_TERMINATION: lambda: step.propose_termination(actor, ind, on=on),
        T.TERMINATE: lambda: step.terminate(actor, ind, on=on, reason=reason),
    }
