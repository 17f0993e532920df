"""The demo institute's alliances: a dozen in every stage and status, each moved through its
gates by real reviews (scored by the Advisory Council, recusals included, decisions signed),
with agreements and funding.

Everything is written through the actions; afterwards the demo backdates the stage history
so that time in stage and the funnel read like an institute that has been at it for years.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from translink.accounts import actions as account_actions
from translink.accounts.demo import DEMO_PASSWORD, RESEARCHER_LOGIN
from translink.accounts.models import Organization, Role, User
from translink.alliances import actions, agreement_actions
from translink.alliances.models import (
    DEFAULT_WEIGHTS,
    STAGE_ORDER,
    Alliance,
    Member,
    Review,
    StagePeriod,
)
from translink.people import actions as people_actions
from translink.people.models import Disclosure, Researcher

# title, focus area, partner companies, days since it started, days spent in each stage
# passed so far, the last gate's outcome ("open" leaves a review waiting for the council).
DEMO_ALLIANCES: list[tuple[str, str, list[str], int, list[int], str]] = [
    ("Microglial PET in prodromal Alzheimer's", "neuro", ["Aldermoor Therapeutics"], 900,
     [200, 260], "advance"),
    ("Gut-brain axis in Parkinson's disease", "microbiome", ["Oakhurst Microbiome"], 700,
     [240], "open"),
    ("Neoantigen vaccines after melanoma resection", "cancer_immunology",
     ["Greyhaven Oncology"], 1400, [300, 380, 420], "advance"),
    ("Epigenetic clocks as trial endpoints", "epigenetics", ["Eastvale Genomics"], 120, [],
     "none"),
    ("CAR-T persistence and exhaustion", "cancer_immunology", ["Kestrel Cell Therapies"], 820,
     [210, 300], "advance"),
    ("Antisense therapy for a paediatric leukodystrophy", "rare_diseases",
     ["Pellridge Rare Medicines"], 1100, [260, 340], "hold"),
    ("Faecal microbiota for recurrent C. difficile", "microbiome", ["Fernhill Bio"], 1600,
     [200, 300, 500], "transferred"),
    ("Tau PET quantification software", "neuro", ["Dunmore Neuroscience"], 520, [280], "stop"),
    ("Histone deacetylase inhibitors in lymphoma", "epigenetics",
     ["Aldermoor Therapeutics", "Quarry Lane Biotech"], 400, [], "open"),
    ("AAV capsids that cross the blood-brain barrier", "rare_diseases",
     ["Saltmarsh Gene Therapy"], 60, [], "none"),
    ("Checkpoint inhibitor colitis biomarkers", "cancer_immunology",
     ["Northgate Immunotherapeutics"], 420, [300], "none"),
    ("Neuroinflammation in long COVID fatigue", "neuro", [], 200, [], "none"),
]  # fmt: skip
SCORES = {"scientific_merit": 4, "clinical_need": 4, "market_pull": 3, "feasibility": 4, "team": 4}
CRITERIA = {
    "proof_of_concept": "A mechanism shown in two independent models; a partner's interest.",
    "development": "Proof of concept in patients or a validated surrogate; freedom to operate.",
    "transfer": "A development plan the partner will fund; IP filed; regulatory path agreed.",
}


def _team(area: str, researchers: list[Researcher], used: set[int]) -> list[Any]:
    """A lead and a co-investigator from another department, each new to the demo's teams."""
    pool = [r for r in researchers if area in r.focus_areas and r.pk not in used]
    lead = pool[0]
    lead_departments = {d.pk for d in lead.departments.all()}
    other = next(r for r in pool[1:] if not {d.pk for d in r.departments.all()} & lead_departments)
    used |= {lead.pk, other.pk}
    return [(lead, Member.Role.LEAD), (other, Member.Role.CO_INVESTIGATOR)]


def _council(institute: Organization, firms: list[Organization]) -> list[User]:
    """The demo's council member and two more: an investor, and a researcher who consults for
    Oakhurst Microbiome and so is recused wherever Oakhurst is a partner."""
    council = list(User.objects.filter(role=Role.COUNCIL))
    council.append(
        account_actions.create_account(
            None,
            email="ines.carvalho@harborline.example",
            full_name="Ines Carvalho",
            role=Role.COUNCIL,
            organization=firms[0],
            password=DEMO_PASSWORD,
        )
    )
    tied = Researcher.objects.filter(user=None).order_by("-pk").first()
    if tied is not None:
        member = account_actions.create_account(
            None, email="council.researcher@riverside.example", full_name=tied.full_name,
            role=Role.COUNCIL, organization=institute, password=DEMO_PASSWORD,
        )  # fmt: skip
        tied.user = member
        tied.save(update_fields=["user"])
        people_actions.add_disclosure(
            None, tied, kind=Disclosure.Kind.CONSULTING,
            company=Organization.objects.get(name="Oakhurst Microbiome"),
            started_on=timezone.localdate() - timedelta(days=700),
        )  # fmt: skip
        council.append(member)
    return council


def _gate(manager: User, council: list[User], alliance: Alliance, outcome: str) -> Review:
    review = actions.open_review(manager, alliance, council=council)
    recused = set(review.recusals.values_list("member_id", flat=True))
    for member in council:
        # The demo's council sign-in finds the open reviews waiting for their scores.
        waiting = outcome == "open" and member.email == "council@riverside.example"
        if member.pk not in recused and not waiting:
            actions.score_review(
                member, review, scores=SCORES, comment="Clear plan; the partner is committed."
            )
    if outcome != "open":
        actions.decide_review(
            manager, review, outcome=outcome, password=DEMO_PASSWORD,
            rationale=f"The council's mean score supports: {outcome}.",
        )  # fmt: skip
    return review


def _backdate(alliance: Alliance, started: date, spent: list[int]) -> None:
    """The history as it would have been: each stage entered after the days spent in the last."""
    day = started
    periods = list(StagePeriod.objects.filter(alliance=alliance).order_by("pk"))
    for period, days in zip(periods, [*spent, None], strict=False):
        left = day + timedelta(days=days) if days is not None and period.left_on else None
        StagePeriod.objects.filter(pk=period.pk).update(entered_on=day, left_on=left)
        day = left or day
    Alliance.objects.filter(pk=alliance.pk).update(started_on=started, stage_entered_on=day)


def _agreements(manager: User, alliance: Alliance, started: date, today: date, n: int) -> None:
    for company in alliance.partners.all():
        cda = agreement_actions.create_agreement(
            manager, kind="cda", title=f"CDA: {alliance.title}", company=company,
            alliance=alliance, first_draft_on=started - timedelta(days=40),
            # Every third CDA runs out within the warning window, to show the alerts.
            expires_on=today + timedelta(days=25 if n % 3 == 0 else 400 + n * 10),
            note="Institute template sent.",
        )  # fmt: skip
        signed = min(started - timedelta(days=40 - 18 - n), today)
        agreement_actions.move_agreement(manager, cda, status="executed", on=signed)
        if alliance.stage != "basic_research":
            kind = "sponsored_research" if alliance.stage == "proof_of_concept" else "option"
            if alliance.stage == "transfer":
                kind = "licence"
            deal = agreement_actions.create_agreement(
                manager, kind=kind, title=f"{kind.replace('_', ' ').capitalize()}: "
                f"{alliance.title}", company=company, alliance=alliance,
                first_draft_on=started + timedelta(days=30), value=Decimal(150000 + 25000 * n),
                note="Term sheet agreed in principle.",
            )  # fmt: skip
            agreement_actions.log_negotiation(
                manager, deal, on=started + timedelta(days=50), note="Redlines on publication."
            )
            if n % 2 == 0:
                agreement_actions.move_agreement(
                    manager, deal, status="executed", on=started + timedelta(days=75 + 7 * n)
                )
            else:
                agreement_actions.move_agreement(
                    manager, deal, status="in_negotiation", on=started + timedelta(days=60)
                )
            agreement_actions.commit_funding(
                manager, alliance=alliance, sponsor=company, amount=Decimal(200000 + 50000 * n),
                starts_on=started + timedelta(days=90), ends_on=started + timedelta(days=820),
                milestones=[("Study start", Decimal(80000), started + timedelta(days=120)),
                            ("Interim data", Decimal(60000), started + timedelta(days=400))],
            )  # fmt: skip


def _receive_due_milestones(manager: User, today: date) -> None:
    from translink.alliances.models import Milestone

    for milestone in Milestone.objects.filter(due_on__lte=today - timedelta(days=20)):
        agreement_actions.receive_milestone(
            manager, milestone, on=milestone.due_on + timedelta(days=14)
        )


def load(context: dict[str, Any]) -> None:
    today = timezone.localdate()
    organizations = context["organizations"]
    firms = [o for o in organizations.values() if o.kind == Organization.Kind.INVESTOR]
    manager = User.objects.get(email="alliances@riverside.example")
    council = _council(organizations["institute"], firms)
    for stage, criteria in CRITERIA.items():
        actions.set_gate_criteria(
            manager, stage=stage, criteria=criteria, weights=dict(DEFAULT_WEIGHTS)
        )
    researchers = list(Researcher.objects.prefetch_related("departments").order_by("pk"))
    demo_researcher = Researcher.objects.get(user__email=RESEARCHER_LOGIN)
    used: set[int] = set()
    companies = {o.name: o for o in organizations.values() if o.kind == "company"}
    for n, (title, area, partners, days_ago, spent, outcome) in enumerate(DEMO_ALLIANCES):
        team = _team(area, researchers, used)
        if n == 0:  # the demo researcher leads the first alliance
            team[0] = (demo_researcher, Member.Role.LEAD)
        started = today - timedelta(days=days_ago)
        alliance = actions.create_alliance(
            manager, title=title, focus_area=area, members=team, started_on=started,
            problem_statement=f"{title}: what the institute's push and the partner's pull "
            "can settle together.", partners=[companies[name] for name in partners],
        )  # fmt: skip
        gates = len(spent) + (outcome in ("hold", "stop", "open"))
        for gate in range(gates):
            last = gate == gates - 1 and outcome in ("hold", "stop", "open")
            _gate(manager, council, alliance, outcome if last else "advance")
            alliance.refresh_from_db()
        if outcome == "transferred":
            actions.mark_transferred(manager, alliance)
        _backdate(alliance, started, spent)
        alliance.refresh_from_db()
        _agreements(manager, alliance, started, today, n)
    _receive_due_milestones(manager, today)
    assert set(Alliance.objects.values_list("stage", flat=True)) == set(STAGE_ORDER)
