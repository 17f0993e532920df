"""The demo institute's INDs: a dozen applications in every state, each with a history made
through the actions, so their obligations come from the rule engine like real ones."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.utils import timezone

from translink.accounts.demo import RESEARCHER_LOGIN
from translink.accounts.models import Organization, Role, User
from translink.people.models import Researcher
from translink.regulatory import actions
from translink.regulatory.models import Ind, Obligation, SafetyReport

Step = Callable[[User, Ind, date], Any]

# product, indication, FDA division, company-sponsored, and the history as
# (days before today, step).
DEMO_INDS: list[tuple[str, str, str, bool, list[tuple[int, str]]]] = [
    ("RRI-101 microglial PET tracer", "Early Alzheimer's disease", "Neurology 1", False,
     [(900, "submit"), (895, "receive"), (865, "effective"), (860, "investigator_met"),
      (500, "annual"), (150, "susar_met"), (40, "susar"), (8, "followup"),
      (5, "investigator")]),
    ("RRI-214 anti-CD19 CAR-T", "Relapsed B-cell lymphoma", "Oncology 2", True,
     [(420, "submit"), (416, "receive"), (386, "effective"), (380, "investigator_met"),
      (4, "fatal_susar")]),
    ("RRI-330 live biotherapeutic", "Recurrent C. difficile infection", "Anti-Infectives", False,
     [(12, "submit"), (8, "receive")]),
    ("RRI-402 HDAC inhibitor", "Cutaneous T-cell lymphoma", "Oncology 1", True,
     [(6, "submit")]),
    ("RRI-515 AAV9 gene therapy", "Spinal muscular atrophy type 2", "Rare Diseases", False, []),
    ("RRI-620 tau antisense oligonucleotide", "Progressive supranuclear palsy", "Neurology 1",
     False, [(300, "submit"), (297, "receive"), (267, "effective"), (25, "full_hold"),
             (10, "hold_response")]),
    ("RRI-733 bile-acid modulator", "Primary sclerosing cholangitis", "Hepatology", True,
     [(500, "submit"), (496, "receive"), (466, "effective"), (60, "partial_hold")]),
    ("RRI-808 neoantigen vaccine", "Resected melanoma", "Oncology 3", False,
     [(1500, "submit"), (1497, "receive"), (1467, "effective"), (1100, "annual"),
      (400, "inactivate_met")]),
    ("RRI-912 BBB shuttle antibody", "Parkinson's disease", "Neurology 2", True,
     [(700, "submit"), (696, "receive"), (666, "effective"), (300, "fatal_susar_met"),
      (20, "withdraw_for_safety")]),
    ("RRI-1010 short-chain fatty acid", "Ulcerative colitis", "Gastroenterology", False,
     [(1900, "submit"), (1897, "receive"), (1867, "effective"), (75, "propose_termination"),
      (30, "terminate")]),
    ("RRI-1111 CRISPR epigenome editor", "Facioscapulohumeral dystrophy", "Rare Diseases", False,
     [(200, "submit"), (197, "receive"), (180, "effective_early"), (3, "new_protocol"),
      (2, "protocol_change")]),
    ("RRI-1212 GLP-1 analogue", "Obesity with type 2 diabetes", "Diabetes", True,
     [(360, "submit"), (356, "receive"), (340, "full_hold"), (300, "hold_response"),
      (280, "lift"), (30, "investigator")]),
]  # fmt: skip


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _susar(actor: User, ind: Ind, day: date, fatal: bool) -> Any:
    return actions.record_safety_report(
        actor, ind, description="Unexpected grade 4 hepatotoxicity, probably related.",
        received_at=_at(day, 14), qualified_at=_at(day + timedelta(days=1), 16), serious=True,
        unexpected=True, fatal_or_life_threatening=fatal,
    )  # fmt: skip


def _meet_all(actor: User, ind: Ind, day: date, **lookup: Any) -> None:
    for obligation in Obligation.objects.filter(ind=ind, status="open", **lookup):
        actions.mark_met(actor, obligation, on=max(day, obligation.day0))


def _annual(actor: User, ind: Ind, day: date) -> None:
    _meet_all(actor, ind, day, rule="IND-15")


def _investigator_met(actor: User, ind: Ind, day: date) -> None:
    """A new investigator, and FDA told within the 30 days (IND-18), as a unit does."""
    actions.add_investigator(
        actor, ind, name=f"Site investigator {ind.investigators.count() + 1}", signed_1572=day
    )
    _meet_all(actor, ind, day + timedelta(days=20), rule="IND-18")


def _inactivate_met(actor: User, ind: Ind, day: date) -> None:
    """Inactivated, and the investigators told and the drug stocks returned (IND-08)."""
    actions.inactivate(actor, ind, on=day)
    _meet_all(actor, ind, day + timedelta(days=14), rule="IND-08")


def _susar_met(actor: User, ind: Ind, day: date, fatal: bool) -> None:
    report = _susar(actor, ind, day, fatal)
    _meet_all(actor, ind, day + timedelta(days=5), safety_report=report)


def _followup(actor: User, ind: Ind, day: date) -> None:
    """New information on the IND's latest safety report already sent to FDA."""
    sent = SafetyReport.objects.filter(ind=ind, follows=None, obligations__status="met").latest(
        "received_at"
    )
    actions.record_followup(
        actor, sent, description="Liver biopsy: drug-induced injury confirmed; recovering.",
        received_at=_at(day, 15),
    )  # fmt: skip


STEPS: dict[str, Step] = {
    "submit": lambda a, i, d: actions.submit(a, i, sent_on=d),
    "receive": lambda a, i, d: actions.record_fda_receipt(
        a, i, received=d, number=str(170000 + i.pk * 37)
    ),
    "effective": lambda a, i, d: actions.make_effective(a, i, on=d),
    "effective_early": lambda a, i, d: actions.make_effective(a, i, on=d, fda_notice=True),
    "investigator": lambda a, i, d: actions.add_investigator(
        a, i, name=f"Site investigator {i.investigators.count() + 1}", signed_1572=d
    ),
    "investigator_met": _investigator_met,
    "inactivate_met": _inactivate_met,
    "annual": _annual,
    "susar": lambda a, i, d: _susar(a, i, d, False),
    "fatal_susar": lambda a, i, d: _susar(a, i, d, True),
    "susar_met": lambda a, i, d: _susar_met(a, i, d, False),
    "fatal_susar_met": lambda a, i, d: _susar_met(a, i, d, True),
    "followup": _followup,
    "full_hold": lambda a, i, d: actions.impose_hold(a, i, on=d),
    "partial_hold": lambda a, i, d: actions.impose_hold(a, i, on=d, partial=True),
    "hold_response": lambda a, i, d: actions.respond_to_hold(
        a, i, sent_on=d, fda_received=d + timedelta(days=1)
    ),
    "lift": lambda a, i, d: actions.lift_hold(a, i, on=d),
    "inactivate": lambda a, i, d: actions.inactivate(a, i, on=d),
    "withdraw_for_safety": lambda a, i, d: actions.withdraw(
        a, i, on=d, for_safety=True, reason="Two unexpected deaths from hepatic failure."
    ),
    "propose_termination": lambda a, i, d: actions.propose_termination(a, i, on=d),
    "terminate": lambda a, i, d: actions.terminate(
        a, i, on=d, reason="No reply to FDA's proposal; no subjects for over two years."
    ),
    "new_protocol": lambda a, i, d: actions.plan_protocol(a, i, starts=d + timedelta(days=20)),
    "protocol_change": lambda a, i, d: actions.plan_protocol(
        a, i, starts=d + timedelta(days=12), change=True
    ),
}


def load(context: dict[str, Any]) -> None:
    today = timezone.localdate()  # histories are relative to the day the demo is loaded
    specialist = User.objects.get(role=Role.REGULATORY, email="regulatory@riverside.example")
    researchers = list(Researcher.objects.order_by("pk")[:40])
    own = Researcher.objects.filter(user__email=RESEARCHER_LOGIN).first()
    companies = list(Organization.objects.filter(kind=Organization.Kind.COMPANY).order_by("pk"))
    for n, (product, indication, division, sponsored, history) in enumerate(DEMO_INDS):
        sponsor = own if n == 0 and own is not None else researchers[(n * 7) % len(researchers)]
        ind = actions.register_ind(
            specialist, sponsor_investigator=sponsor, product=product, indication=indication,
            division=f"Division of {division}",
            sponsor_company=companies[n % 2] if sponsored and companies else None,
        )  # fmt: skip
        for days_before, step in history:
            STEPS[step](specialist, ind, today - timedelta(days=days_before))
            ind.refresh_from_db()
