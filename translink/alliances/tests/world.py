"""The alliances' part of the wall harness's world.

* Alliance A: the researcher persona (lead) and a radiologist, partner company A, at proof of
  concept, with an open gate review scored by one council member (another is recused for
  consulting for company A), an executed CDA with A and A's funding.
* Alliance B: the closed researcher and the radiologist, partner company B, on hold after a
  signed decision, with B's agreement and funding.
* A CDA between company A and the closed researcher, outside any alliance.

Canary strings are planted in private fields; ``translink.accounts.tests.world.CANARIES``
says who may see each one. Council members are not personas of the harness: their wall is
tested in ``test_council_walls.py``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from translink.accounts import actions as account_actions
from translink.accounts.models import Role
from translink.alliances import actions, agreement_actions
from translink.alliances.models import (
    DEFAULT_WEIGHTS,
    Agreement,
    Alliance,
    Decision,
    ElectronicSignature,
    FundingCommitment,
    GateCriteria,
    Member,
    Milestone,
    NegotiationEntry,
    Recusal,
    Review,
    Score,
    StagePeriod,
)
from translink.people import actions as people_actions
from translink.people.models import Disclosure

if TYPE_CHECKING:
    from translink.accounts.tests.world import World

SCORES = {"scientific_merit": 4, "clinical_need": 4, "market_pull": 3, "feasibility": 4, "team": 5}


def build_alliances(w: World) -> dict[str, Any]:
    from translink.accounts.tests.world import PASSWORD

    manager = w.users["alliance_manager"]
    radiology = people_actions.create_department(None, code="radiology", name="Radiology")
    radiologist = people_actions.create_researcher(
        None, full_name="Rada Iologist", email="rada@test.example", departments=[radiology]
    )
    council = [
        account_actions.create_account(
            None,
            email=f"council{n}@test.example",
            full_name=name,
            role=Role.COUNCIL,
            organization=w.institute,
            password=PASSWORD,
        )
        for n, name in ((1, "Cora Council"), (2, "Cyrus Conflicted"))
    ]
    conflicted = people_actions.create_researcher(
        None, full_name="Cyrus Conflicted", email="cyrus@test.example", departments=[radiology],
        user=council[1], open_to_industry=False,
    )  # fmt: skip
    people_actions.add_disclosure(
        None, conflicted, kind=Disclosure.Kind.CONSULTING, company=w.company_a,
        started_on=date(2024, 1, 1),
    )  # fmt: skip
    gate = actions.set_gate_criteria(
        None, stage="development", criteria="Proof of concept in patients.",
        weights=dict(DEFAULT_WEIGHTS),
    )  # fmt: skip
    alliance_a = actions.create_alliance(
        manager, title="Microglia alliance CANARY-ALLIANCE-A", stage="proof_of_concept",
        problem_statement="Image microglial activation early.", focus_area="neuro",
        members=[(w.open_researcher, Member.Role.LEAD), (radiologist, "co_investigator")],
        partners=[w.company_a], started_on=date(2025, 2, 1),
    )  # fmt: skip
    alliance_b = actions.create_alliance(
        manager, title="Methylation alliance CANARY-ALLIANCE-B", stage="basic_research",
        problem_statement="Epigenetic clocks of ageing.", focus_area="epigenetics",
        members=[(w.closed_researcher, Member.Role.LEAD), (radiologist, "co_investigator")],
        partners=[w.company_b], started_on=date(2025, 5, 1),
    )  # fmt: skip
    # The first review (by id) is the open one: the harness decides it as staff.
    review_a = actions.open_review(manager, alliance_a, council=council)
    score_a = actions.score_review(
        council[0], review_a, scores=SCORES, comment="CANARY-SCORE-A strong team"
    )
    review_b = actions.open_review(manager, alliance_b, council=council[:1])
    actions.score_review(council[0], review_b, scores=SCORES, comment="CANARY-SCORE-B unclear")
    decision_b = actions.decide_review(
        manager, review_b, outcome="hold", rationale="CANARY-RATIONALE-B wait for data",
        password=PASSWORD,
    )  # fmt: skip
    cda_a = agreement_actions.create_agreement(
        manager, kind="cda", title="CANARY-AGREEMENT-A tracer CDA", company=w.company_a,
        alliance=alliance_a, first_draft_on=date(2025, 1, 10), expires_on=date(2027, 1, 10),
        note="CANARY-NEGOTIATION-A first draft sent",
    )  # fmt: skip
    agreement_actions.move_agreement(manager, cda_a, status="executed", on=date(2025, 2, 20))
    sra_b = agreement_actions.create_agreement(
        manager, kind="sponsored_research", title="CANARY-AGREEMENT-B clock SRA",
        company=w.company_b, alliance=alliance_b, first_draft_on=date(2025, 6, 1),
        value=Decimal("250000"), note="CANARY-NEGOTIATION-B redlines",
    )  # fmt: skip
    cda_closed = agreement_actions.create_agreement(
        manager, kind="cda", title="CANARY-PRIVATE-CDA-A private CDA", company=w.company_a,
        researcher=w.closed_researcher, first_draft_on=date(2025, 3, 1),
    )  # fmt: skip
    funding_a = agreement_actions.commit_funding(
        manager, alliance=alliance_a, sponsor=w.company_a, amount=Decimal("100000"),
        starts_on=date(2025, 3, 1), ends_on=date(2026, 12, 31),
        milestones=[("CANARY-FUNDING-A first patient", Decimal("40000"), date(2025, 9, 1))],
    )  # fmt: skip
    funding_b = agreement_actions.commit_funding(
        manager, alliance=alliance_b, sponsor=w.company_b, amount=Decimal("80000"),
        starts_on=date(2025, 6, 1), ends_on=date(2026, 6, 1),
        milestones=[("CANARY-FUNDING-B assay", Decimal("30000"), date(2025, 12, 1))],
    )  # fmt: skip
    return {
        "council": council,
        "gate": gate,
        "a": alliance_a,
        "b": alliance_b,
        "review_a": review_a,
        "score_a": score_a,
        "review_b": review_b,
        "decision_b": decision_b,
        "cda_a": cda_a,
        "sra_b": sra_b,
        "cda_closed": cda_closed,
        "funding_a": funding_a,
        "funding_b": funding_b,
    }


def _of_alliance(x: dict[str, Any], name: str) -> dict[type, list[Any]]:
    alliance = x[name]
    found: dict[type, list[Any]] = {
        Alliance: [alliance],
        Member: list(Member.objects.filter(alliance=alliance)),
        StagePeriod: list(StagePeriod.objects.filter(alliance=alliance)),
        Review: list(Review.objects.filter(alliance=alliance)),
        Score: list(Score.objects.filter(review__alliance=alliance)),
        Recusal: list(Recusal.objects.filter(review__alliance=alliance)),
        Decision: list(Decision.objects.filter(review__alliance=alliance)),
        ElectronicSignature: list(
            ElectronicSignature.objects.filter(decision__review__alliance=alliance)
        ),
        Agreement: list(Agreement.objects.filter(alliance=alliance)),
        NegotiationEntry: list(NegotiationEntry.objects.filter(agreement__alliance=alliance)),
        FundingCommitment: list(FundingCommitment.objects.filter(alliance=alliance)),
        Milestone: list(Milestone.objects.filter(commitment__alliance=alliance)),
    }
    return found


def _add(w: World, persona: str, hidden: dict[type, list[Any]]) -> None:
    for model, objects in hidden.items():
        w.hidden.setdefault(persona, {}).setdefault(model, []).extend(objects)


def declare_alliance_walls(w: World) -> None:
    x = w.alliances
    a, b = _of_alliance(x, "a"), _of_alliance(x, "b")
    council_work = (Review, Score, Recusal, Decision, ElectronicSignature)
    gate: dict[type, list[Any]] = {GateCriteria: [x["gate"]]}
    closed: dict[type, list[Any]] = {
        Agreement: [x["cda_closed"]],
        NegotiationEntry: list(NegotiationEntry.objects.filter(agreement=x["cda_closed"])),
    }

    def closed_members(part: dict[type, list[Any]]) -> list[Any]:
        return [m for m in part[Member] if not m.researcher.open_to_industry]

    # The researcher sees her alliance's reviews and decisions, not the council's work.
    _add(w, "researcher", b)
    _add(w, "researcher", {Score: a[Score], Recusal: a[Recusal], **closed})
    # A company sees its alliance (not the council's work on it) and its own agreements and
    # funding; of the team, only the researchers open to industry.
    for persona, own, other in (("company_a", a, b), ("company_b", b, a)):
        _add(w, persona, other)
        _add(w, persona, {model: own[model] for model in council_work})
        _add(w, persona, {Member: closed_members(own), **gate})
    _add(w, "company_b", closed)
    _add(w, "investor", a)
    _add(w, "investor", b)
    _add(w, "investor", {**gate, **closed})
    # Alliance B's review is decided, so staff may open its next one.
    w.samples.setdefault("alliance_manager", {})[Alliance] = x["b"]


PROBE_SCORES = {**SCORES, "comment": "probe"}


def _alliance_body(w: World) -> dict[str, Any]:
    radiologist = w.alliances["a"].members.exclude(researcher=w.open_researcher).get().researcher
    return {
        "title": "Probe alliance",
        "problem_statement": "A probe of the walls.",
        "focus_area": "neuro",
        "stage": "basic_research",
        "lead": w.open_researcher.pk,
        "co_investigators": [radiologist.pk],
        "partners": [w.company_a.pk],
    }


def _alliance_api_body(w: World) -> dict[str, Any]:
    body = _alliance_body(w)
    return {
        **{k: body[k] for k in ("title", "problem_statement", "focus_area", "stage")},
        "lead_id": body["lead"],
        "co_investigator_ids": body["co_investigators"],
        "partner_ids": body["partners"],
    }


# A valid body for every alliances write: the alliance manager persona reaches each.
ALLIANCE_WRITE_EXAMPLES: dict[str, Any] = {
    "alliances/new/": _alliance_body,
    "api/alliances/alliances": _alliance_api_body,
    "alliances/gates/": {
        "stage": "development",
        "criteria": "probe",
        **{f"weight_{code}": weight for code, weight in DEFAULT_WEIGHTS.items()},
    },
    "alliances/<int:pk>/move/": lambda w: {"council": [w.alliances["council"][0].pk]},
    "api/alliances/alliances/<alliance_id>/reviews": lambda w: {
        "council_ids": [w.alliances["council"][0].pk]
    },
    "alliances/<int:pk>/funding/": lambda w: {
        "sponsor": w.company_a.pk,
        "amount": "1000",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
    },
    "api/alliances/funding": lambda w: {
        "alliance_id": w.alliances["a"].pk,
        "sponsor_id": w.company_a.pk,
        "amount": "1000",
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "milestones": [{"title": "probe", "amount": "500", "due_on": "2026-06-01"}],
    },
    "reviews/<int:pk>/": {
        **{k: str(v) for k, v in SCORES.items()},
        "comment": "probe",
    },
    "api/alliances/reviews/<review_id>/scores": lambda w: {
        **PROBE_SCORES,
        "member_id": w.alliances["council"][0].pk,
    },
    "reviews/<int:pk>/decide/": lambda w: {
        "outcome": "hold",
        "rationale": "probe",
        "meaning": "probe",
        "password": _password(),
    },
    "api/alliances/reviews/<review_id>/decision": lambda w: {
        "outcome": "hold",
        "rationale": "probe",
        "password": _password(),
    },
    "agreements/new/": lambda w: {
        "kind": "cda",
        "title": "Probe CDA",
        "company": w.company_a.pk,
        "first_draft_on": "2026-01-01",
    },
    "api/alliances/agreements": lambda w: {
        "kind": "cda",
        "title": "Probe CDA",
        "company_id": w.company_a.pk,
        "first_draft_on": "2026-01-01",
    },
    "agreements/<int:pk>/": {"status": "terminated", "on": "2026-05-01", "note": "probe"},
    "api/alliances/agreements/<agreement_id>/transitions": {
        "status": "terminated",
        "on": "2026-05-01",
    },
    "api/alliances/decisions/<decision_id>": {"rationale": "probe"},
    "api/alliances/gates": {
        "stage": "development",
        "criteria": "probe",
        "weights": dict(DEFAULT_WEIGHTS),
    },
    "api/alliances/agreements/<agreement_id>/log": {"on": "2026-05-01", "note": "probe"},
    "agreements/<int:pk>/log/": {"on": "2026-05-01", "note": "probe"},
    "funding/milestones/<int:pk>/received/": {"on": "2026-05-01"},
    "alliances/<int:pk>/transferred/": {"confirm": "1"},
    "api/alliances/milestones/<milestone_id>/received": {"on": "2026-05-01"},
}


def _password() -> str:
    from translink.accounts.tests.world import PASSWORD

    return PASSWORD
