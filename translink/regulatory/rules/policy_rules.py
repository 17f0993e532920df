"""Registration and results duties beyond 42 CFR 11: NIH policy, ICMJE policy, a contract.

The rule file names these duties but not their periods. NIH policy mirrors the federal
periods; ICMJE asks for registration before the first enrollment; a contract's period is
taken to be the federal one until the contract says otherwise. All are marked to verify.
"""

from __future__ import annotations

from dataclasses import replace

from translink.regulatory.rules.clocks import Basis, Clock, Kind, Offset, Policy, Rule
from translink.regulatory.rules.ctg_rules import CTG_RULES

_NIH = "NIH Policy on the Dissemination of NIH-Funded Clinical Trial Information (NOT-OD-16-149)"
_ICMJE = "ICMJE Recommendations: clinical trial registration"
_CONTRACT = "Sponsor contract (clinical trial agreement)"


def _federal(rule_id: str) -> Rule:
    """The federal row ``rule_id``, as the template of a policy row."""
    return next(rule for rule in CTG_RULES if rule.id == rule_id)


def _duty(rule_id: str, policy: Policy, citation: str, verify: str, clock: Clock) -> Rule:
    """A policy row: the federal row's id and trigger, the policy's citation and clock."""
    label = f"{clock.label} ({policy.value.upper()} policy)"
    if policy is Policy.CONTRACT:
        label = f"{clock.label} (contract)"
    return replace(
        _federal(rule_id),
        citation=citation,
        clocks=(replace(clock, label=label),),
        verify=verify,
        policy=policy,
    )


_REGISTER = _federal("CTG-01").clock("register")
_RESULTS = _federal("CTG-02").clock("results")
_BEFORE_FIRST_ENROLLMENT = Clock(
    "register",
    "Register the trial before the first enrollment",
    Basis.FIRST_ENROLLMENT,
    Offset(),
    Kind.SUBMISSION,
    "before the first subject is enrolled: due on that day at the latest",
)

POLICY_RULES: tuple[Rule, ...] = (
    _duty("CTG-01", Policy.NIH, _NIH, "NIH period not stated in the rule file", _REGISTER),
    _duty("CTG-02", Policy.NIH, _NIH, "NIH period not stated in the rule file", _RESULTS),
    _duty("CTG-01", Policy.ICMJE, _ICMJE, "ICMJE wording", _BEFORE_FIRST_ENROLLMENT),
    _duty("CTG-01", Policy.CONTRACT, _CONTRACT, "the contract's own period", _REGISTER),
    _duty("CTG-02", Policy.CONTRACT, _CONTRACT, "the contract's own period", _RESULTS),
)
