"""The market's part of the wall harness's world: needs at every confidentiality level,
assets, answers both ways, an introduction, and the notifications they produce.

Canary strings are planted in private fields; ``translink.accounts.tests.world.CANARIES``
says who may see each one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from translink.market import actions
from translink.market.models import Asset, Interest, Introduction, Need, Notification

if TYPE_CHECKING:
    from translink.accounts.tests.world import World

NEED: dict[str, Any] = {
    "therapeutic_area": "neurology",
    "modality": "biologic",
    "stage_sought": "proof_of_concept",
    "offers": ["funding"],
}
ASSET: dict[str, Any] = {
    "stage": "proof_of_concept",
    "readiness_level": 3,
    "ip_status": "patent_pending",
    "sought": ["partner"],
}
ANSWER: dict[str, Any] = {"experience": "Ten years of microglia imaging.", "next_step": "call"}


def build_market(w: World) -> dict[str, Any]:
    a, b = w.users["company_a"], w.users["company_b"]
    res, am = w.users["researcher"], w.users["alliance_manager"]
    m: dict[str, Any] = {}
    m["need_a_public"] = actions.post_need(
        a, title="Microglial PET tracer partner", summary="A tracer for microglial activation.",
        confidential_detail="CANARY-A-DETAIL target list", confidentiality="public", **NEED,
    )  # fmt: skip
    m["need_a_invited"] = actions.post_need(
        a, title="Invited tau study", summary="An invited-only question about tau imaging.",
        confidential_detail="CANARY-A-INVITED-DETAIL dosing plan", confidentiality="invited",
        invited=[w.open_researcher], **NEED,
    )  # fmt: skip
    m["need_a_staff"] = actions.post_need(
        a, title="CANARY-A-STAFF-NEED strategy", summary="Only alliance managers read this.",
        confidentiality="staff_only", **NEED,
    )  # fmt: skip
    m["need_b_anonymous"] = actions.post_need(
        b, title="Anonymous biomarker search", summary="A blood biomarker of neuroinflammation.",
        confidential_detail="CANARY-B-DETAIL assay", confidentiality="anonymous", **NEED,
    )  # fmt: skip
    m["need_b_invited"] = actions.post_need(
        b, title="CANARY-B-INVITED-NEED epigenetic clock", summary="For one invited researcher.",
        confidentiality="invited", invited=[w.closed_researcher], **NEED,
    )  # fmt: skip
    m["asset_open"] = actions.post_asset(
        res,
        title="Open microglia assay",
        summary="A validated microglia activation assay.",
        **ASSET,
    )
    m["asset_draft"] = actions.post_asset(
        am, title="CANARY-DRAFT-ASSET method", summary="Not yet public.", status="draft",
        owners=[w.closed_researcher], **ASSET,
    )  # fmt: skip
    m["answer_a"] = actions.answer_need(
        res, m["need_a_public"], approach="CANARY-RES-ANSWER-A plan", **ANSWER
    )
    m["answer_b"] = actions.answer_need(
        res, m["need_b_anonymous"], approach="CANARY-RES-ANSWER-B plan", **ANSWER
    )
    m["interest_a"] = actions.answer_asset(
        a, m["asset_open"], approach="CANARY-A-INTEREST in licensing", **ANSWER
    )
    m["introduction"] = actions.introduce(
        am, researcher=w.open_researcher, company=w.company_a, need=m["need_a_public"],
        reason="CANARY-INTRO-A shared interest in microglia",
    )  # fmt: skip
    return m


def declare_market_walls(w: World) -> None:
    m = w.market
    needs_a = [m["need_a_public"], m["need_a_invited"], m["need_a_staff"]]
    needs_b = [m["need_b_anonymous"], m["need_b_invited"]]
    answers = [m["answer_a"], m["answer_b"], m["interest_a"]]
    table = {
        "researcher": {Need: [m["need_a_staff"], m["need_b_invited"]], Asset: [m["asset_draft"]]},
        "company_a": {Need: needs_b, Asset: [m["asset_draft"]], Interest: [m["answer_b"]]},
        "company_b": {
            Need: needs_a,
            Asset: [m["asset_draft"]],
            Interest: [m["answer_a"], m["interest_a"]],
            Introduction: [m["introduction"]],
        },
        "investor": {
            Need: needs_a + needs_b,
            Asset: [m["asset_draft"]],
            Interest: answers,
            Introduction: [m["introduction"]],
        },
    }
    for persona, hidden in table.items():
        w.hidden.setdefault(persona, {}).update(hidden)
    # The researcher has answered the public need already; a probe answers the invited one.
    w.samples.setdefault("researcher", {})[Need] = m["need_a_invited"]
    for persona, user in w.users.items():
        others = list(Notification.objects.exclude(recipient=user))
        w.hidden.setdefault(persona, {})[Notification] = others
