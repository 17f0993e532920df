"""Every change to the IND registry: the lifecycle, investigators, safety reports and the
obligations the rule engine computes for each, one module per concern:

``lifecycle``     registration and every change of the IND's status, termination included
``amendments``    new protocols, protocol changes and new investigators
``safety``        safety reports and follow-up information on them
``obligations``   storing, closing and meeting the deadlines the engine computes
``submissions``   the submission log and its serial numbers
``dosing``        whether a subject may receive the drug on a day (a read, for the TCRC)
``transitions``   one named entry point for pages and the API
``guards``        who may act and what the status and dates allow

Each action checks who may do it and whether the IND's status allows it (a refused
transition raises ``ValidationError`` naming the status and what is allowed), writes in one
transaction and records the audit event with old and new values. Deadlines come from
``translink.regulatory.rules`` only; each stored obligation keeps the rule id, citation and
table version that computed it. The names below are the app's public write API.
"""

from __future__ import annotations

from translink.regulatory.actions.amendments import add_investigator, plan_protocol
from translink.regulatory.actions.dosing import may_dose
from translink.regulatory.actions.lifecycle import (
    IND_FIELDS,
    impose_hold,
    inactivate,
    lift_hold,
    make_effective,
    propose_termination,
    reactivate,
    record_fda_receipt,
    register_ind,
    respond_to_hold,
    submit,
    terminate,
    withdraw,
)
from translink.regulatory.actions.obligations import SUBMISSION_OF_RULE, mark_met
from translink.regulatory.actions.safety import record_followup, record_safety_report
from translink.regulatory.actions.transitions import Transition, apply_transition

__all__ = [
    "IND_FIELDS",
    "SUBMISSION_OF_RULE",
    "Transition",
    "add_investigator",
    "apply_transition",
    "impose_hold",
    "inactivate",
    "lift_hold",
    "make_effective",
    "mark_met",
    "may_dose",
    "plan_protocol",
    "propose_termination",
    "reactivate",
    "record_fda_receipt",
    "record_followup",
    "record_safety_report",
    "register_ind",
    "respond_to_hold",
    "submit",
    "terminate",
    "withdraw",
]
