"""The regulatory part of the wall harness's world: an IND of the researcher persona's
own, and one sponsored by company A under a researcher the persona is not, each with an
investigator, submissions, a fatal SUSAR and its obligations. On her own IND the 7-day
report is sent and a follow-up is in (IND-12); on company A's, an event first judged not
reportable was found reportable (IND-13).

Canary strings are planted in private fields; ``translink.accounts.tests.world.CANARIES``
says who may see each one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from translink.regulatory import actions
from translink.regulatory.models import Ind, Investigator, Obligation, SafetyReport, Submission

if TYPE_CHECKING:
    from translink.accounts.tests.world import World

RECEIVED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)


def _ind_in_effect(product: str, description: str, **fields: Any) -> dict[str, Any]:
    ind = actions.register_ind(
        None, product=product, indication="Early Alzheimer's disease", **fields
    )
    actions.submit(None, ind, sent_on=date(2026, 1, 5))
    actions.record_fda_receipt(None, ind, received=date(2026, 1, 6))
    actions.make_effective(None, ind, on=date(2026, 2, 5))
    investigator = actions.add_investigator(
        None, ind, name=f"{product} site lead", signed_1572=date(2026, 2, 10)
    )
    report = actions.record_safety_report(
        None, ind, description=description, received_at=RECEIVED, qualified_at=RECEIVED,
        serious=True, unexpected=True, fatal_or_life_threatening=True,
    )  # fmt: skip
    return {"ind": ind, "investigator": investigator, "report": report}


def _followup_of_sent_report(part: dict[str, Any], description: str) -> None:
    seven_day = Obligation.objects.get(safety_report=part["report"], rule="IND-11")
    actions.mark_met(None, seven_day, on=date(2026, 3, 5))
    part["followups"] = [
        actions.record_followup(
            None,
            part["report"],
            description=description,
            received_at=RECEIVED + timedelta(days=10),
        )
    ]


def _late_qualified(part: dict[str, Any], description: str) -> None:
    expected = actions.record_safety_report(
        None, part["ind"], description=description, received_at=RECEIVED,
        qualified_at=RECEIVED, serious=True, unexpected=False,
    )  # fmt: skip
    found = RECEIVED + timedelta(days=20)
    part["followups"] = [
        expected,
        actions.record_followup(
            None, expected, description=description, received_at=found, reportable_at=found
        ),
    ]


def build_regulatory(w: World) -> dict[str, Any]:
    own = _ind_in_effect(
        "CANARY-IND-OWN tracer",
        "CANARY-SAE-OWN hepatic event",
        sponsor_investigator=w.open_researcher,
    )
    _followup_of_sent_report(own, "CANARY-SAE-OWN liver panel normalised")
    company = _ind_in_effect(
        "CANARY-IND-A antibody",
        "CANARY-SAE-A infusion reaction",
        sponsor_investigator=w.closed_researcher,
        sponsor_company=w.company_a,
    )
    _late_qualified(company, "CANARY-SAE-A rash, later found unexpected")
    return {"own": own, "company_a": company}


def _objects(part: dict[str, Any]) -> dict[type, list[Any]]:
    ind = part["ind"]
    return {
        Ind: [ind],
        Investigator: [part["investigator"]],
        SafetyReport: [part["report"], *part["followups"]],
        Submission: list(Submission.objects.filter(ind=ind)),
        Obligation: list(Obligation.objects.filter(ind=ind)),
    }


def declare_regulatory_walls(w: World) -> None:
    own, company = _objects(w.regulatory["own"]), _objects(w.regulatory["company_a"])
    both = {model: own[model] + company[model] for model in own}
    table = {"researcher": company, "company_a": own, "company_b": both, "investor": both}
    for persona, hidden in table.items():
        for model, objects in hidden.items():
            w.hidden.setdefault(persona, {}).setdefault(model, []).extend(objects)


SAFETY_REPORT = {
    "description": "A probe of the walls.",
    "serious": True,
    "unexpected": True,
}
# A valid body for every regulatory write: the researcher persona manages her own IND.
IND_WRITE_EXAMPLES: dict[str, dict[str, Any]] = {
    "api/regulatory/inds/<ind_id>/transitions": {"transition": "new_protocol", "on": "2026-04-01"},
    "regulatory/inds/<int:pk>/": {"transition": "new_protocol", "on": "2026-04-01"},
    "api/regulatory/inds/<ind_id>/investigators": {"name": "Dr Probe", "signed_1572": "2026-04-01"},
    "regulatory/inds/<int:pk>/investigators/": {"name": "Dr Probe", "signed_1572": "2026-04-01"},
    "api/regulatory/inds/<ind_id>/safety-reports": {
        **SAFETY_REPORT,
        "received_at": "2026-04-01T10:00:00Z",
        "qualified_at": "2026-04-02T10:00:00Z",
    },
    "regulatory/inds/<int:pk>/safety-reports/": {
        **SAFETY_REPORT,
        "received_at": "2026-04-01 10:00",
        "qualified_at": "2026-04-02 10:00",
    },
    "api/regulatory/safety-reports/<report_id>/followups": {
        "description": "A probe of the walls.",
        "received_at": "2026-04-03T10:00:00Z",
    },
    "api/regulatory/obligations/<obligation_id>/met": {"on": "2027-03-01"},
    "regulatory/obligations/<int:pk>/met/": {"on": "2027-03-01"},
}
