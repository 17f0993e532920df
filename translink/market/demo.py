"""The demo institute's market: needs from every company, assets from researchers, answers
in every state, introductions, and researchers' disclosed industry relationships."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from translink.accounts.demo import RESEARCHER_LOGIN
from translink.accounts.models import Organization, Role, User
from translink.market import actions
from translink.market.models import Interest, Introduction
from translink.people import actions as people_actions
from translink.people.models import Disclosure, Researcher

# area -> (therapeutic area, researcher focus area, topics, modalities)
AREAS = {
    "neuro": ("neurology", ["microglial activation", "tau propagation", "alpha-synuclein aggregation",
                            "blood-brain barrier delivery", "neurofilament light as a biomarker"],
              ["small_molecule", "biologic", "diagnostic"]),
    "cancer_immunology": ("oncology", ["T-cell exhaustion", "neoantigen vaccines", "CAR-T persistence",
                                       "tumour-infiltrating lymphocytes", "checkpoint resistance"],
                          ["biologic", "cell_gene_therapy", "diagnostic"]),
    "microbiome": ("gastroenterology", ["short-chain fatty acids", "C. difficile recurrence",
                                        "the gut-brain axis", "bile acid signalling", "live biotherapeutics"],
                   ["biologic", "small_molecule", "digital"]),
    "epigenetics": ("oncology", ["HDAC inhibition", "DNA methylation clocks", "epigenome editing",
                                 "chromatin accessibility", "BET bromodomains"],
                    ["small_molecule", "diagnostic", "cell_gene_therapy"]),
    "rare_diseases": ("rare_diseases", ["antisense oligonucleotides", "AAV gene therapy", "natural history studies",
                                        "lysosomal storage disorders", "exon skipping"],
                      ["cell_gene_therapy", "biologic", "small_molecule"]),
}  # fmt: skip
LEVELS = ["public"] * 5 + ["anonymous"] * 2 + ["invited", "staff_only"]
NEED_TITLES = [
    "Partner sought on {t}",
    "Translational models of {t}",
    "Clinical biomarkers for {t}",
]
ASSET_TITLES = [
    "A validated assay for {t}",
    "Patient cohort and samples on {t}",
    "Lead series targeting {t}",
]


def load(context: dict[str, Any]) -> None:
    rng = random.Random(2027)
    today = timezone.localdate()  # dates are relative to the day the demo is loaded
    companies = [
        o for o in context["organizations"].values() if o.kind == Organization.Kind.COMPANY
    ]
    researchers = list(Researcher.objects.prefetch_related("departments").order_by("pk"))
    by_area = {area: [r for r in researchers if area in r.focus_areas] for area in AREAS}
    _disclosures(rng, researchers, companies, today)
    titles: set[str] = set()
    needs = [
        _need(rng, company, by_area, today, titles)
        for company in companies
        for _ in range(rng.randint(1, 3))
    ]
    assets = [_asset(rng, by_area, titles) for _ in range(30)]
    _answers(rng, needs, assets, by_area, companies)
    _demo_researcher_takes_part(needs, companies)
    manager = User.objects.get(role=Role.ALLIANCE_MANAGER)
    for need in rng.sample([n for n in needs if n.confidentiality != "staff_only"], 10):
        area = _area_of(need)
        researcher = rng.choice([r for r in by_area[area] if r.open_to_industry])
        actions.introduce(
            manager, researcher=researcher, company=need.company, need=need,
            reason=f"{researcher.full_name} works on {_subject(need.title)}.",
        )  # fmt: skip
    _age(rng, needs, assets)


def _subject(title: str) -> str:
    """A need's subject inside a sentence: "Clinical biomarkers for T-cell exhaustion" reads
    "clinical biomarkers for T-cell exhaustion"; acronyms (CAR-T, DNA, HDAC) keep their case."""
    subject = title.split(" on ")[-1]
    return subject[:1].lower() + subject[1:] if subject[1:2].islower() else subject


def _area_of(need: Any) -> str:
    return next(a for a, (_, topics, _) in AREAS.items() if any(t in need.title for t in topics))


def _fresh(rng: random.Random, patterns: list[str], taken: set[str]) -> tuple[str, str, str]:
    """An area, a topic of it and a title from ``patterns`` not in ``taken`` (then added):
    two needs or assets alike would read as one listed twice."""
    for _ in range(1000):
        area = rng.choice(list(AREAS))
        topic = rng.choice(AREAS[area][1])
        title = rng.choice(patterns).format(t=topic)
        if title not in taken:
            taken.add(title)
            return area, topic, title
    raise RuntimeError("the demo ran out of distinct titles; add topics or patterns")


def _need(
    rng: random.Random,
    company: Organization,
    by_area: dict[str, list[Researcher]],
    today: date,
    taken: set[str],
) -> Any:
    area, topic, title = _fresh(rng, NEED_TITLES, taken)
    therapeutic, _, modalities = AREAS[area]
    level = rng.choice(LEVELS)
    poster = company.members.filter(is_active=True).first() or _member(company)
    invited = rng.sample(by_area[area], 2) if level == "invited" else []
    low = rng.choice([50, 100, 250, 500]) * 1000
    return actions.post_need(
        poster,
        title=title,
        summary=f"Seeking academic partners on {topic}: mechanisms, models and first human data.",
        confidential_detail=f"Internal programme code {rng.randint(100, 999)}; compound class and target list on request.",
        therapeutic_area=therapeutic, modality=rng.choice(modalities), stage_sought=rng.choice(
            ["basic_research", "proof_of_concept", "proof_of_concept", "development", "transfer"]),
        offers=rng.sample(["funding", "data", "compounds", "platform_access"], rng.randint(1, 3)),
        budget_min=low, budget_max=low * rng.choice([2, 3, 4]),
        response_deadline=today + timedelta(days=rng.randint(20, 120)),
        confidentiality=level, invited=invited,
    )  # fmt: skip


def _member(company: Organization) -> User:
    from translink.accounts.actions import create_account

    slug = company.name.split()[0].lower()
    return create_account(
        None, email=f"bd@{slug}.example", full_name=f"Business Development, {company.name}",
        role=Role.INDUSTRY, organization=company,
    )  # fmt: skip


def _asset(rng: random.Random, by_area: dict[str, list[Researcher]], taken: set[str]) -> Any:
    """An asset whose title no other demo asset or need has."""
    area, topic, title = _fresh(rng, ASSET_TITLES, taken)
    owners = rng.sample(by_area[area], rng.randint(1, 2))
    manager = User.objects.get(role=Role.ALLIANCE_MANAGER)
    return actions.post_asset(
        manager, owners=owners, title=title,
        summary=f"Developed in an institute laboratory: non-confidential summary of work on {topic}.",
        stage=rng.choice(["basic_research", "proof_of_concept", "development"]),
        readiness_level=rng.randint(2, 6),
        ip_status=rng.choice(["none", "disclosure_filed", "patent_pending", "granted"]),
        sought=rng.sample(["partner", "funding", "licensee"], rng.randint(1, 2)),
    )  # fmt: skip


def _answers(rng: random.Random, needs: list[Any], assets: list[Any], by_area: dict[str, list[Researcher]],
             companies: list[Organization]) -> None:  # fmt: skip
    answer = {
        "experience": "Our group has published on this and holds the relevant models.",
        "next_step": "call",
    }
    for need in needs:
        if need.confidentiality == "staff_only":
            continue
        pool = list(need.invited_researchers.all()) or [
            r for r in by_area[_area_of(need)] if r.user is None
        ]
        for researcher in rng.sample(pool, min(len(pool), rng.randint(0, 2))):
            sender = researcher.user or _researcher_login(researcher)
            interest = actions.answer_need(
                sender,
                need,
                approach=f"We would test {need.title.lower()} in our models.",
                **answer,
            )
            _decide(rng, interest, need.company.members.first())
    for asset in assets:
        for company in rng.sample(companies, rng.randint(0, 2)):
            member = company.members.filter(role=Role.INDUSTRY).first()
            if member is not None:
                actions.answer_asset(
                    member, asset, approach="We would license this for our pipeline.", **answer
                )


def _demo_researcher_takes_part(needs: list[Any], companies: list[Organization]) -> None:
    """The demo researcher's sign-in shows an asset with interest and an answered need."""
    user = User.objects.get(email=RESEARCHER_LOGIN)
    profile = Researcher.objects.get(user=user)
    area = profile.focus_areas[0] if profile.focus_areas else "epigenetics"
    asset = actions.post_asset(
        user, title=f"Clinically validated assay for {AREAS.get(area, AREAS['epigenetics'])[1][0]}",
        summary="Our laboratory's assay, validated on 400 patient samples; non-confidential summary.",
        stage="proof_of_concept", readiness_level=4, ip_status="patent_pending", sought=["partner", "licensee"],
    )  # fmt: skip
    lead = companies[0].members.filter(is_org_admin=True).first()
    if lead is not None:
        actions.answer_asset(
            lead, asset, approach="We would co-develop this assay as a companion diagnostic.",
            experience="Two companion diagnostics approved.", next_step="meeting",
        )  # fmt: skip
    public = [n for n in needs if n.confidentiality == "public" and n.company != companies[0]]
    if public:
        actions.answer_need(
            user, public[0], approach="Our models fit your question closely.",
            experience="Five papers on the topic.", next_step="call",
        )  # fmt: skip


def _researcher_login(researcher: Researcher) -> User:
    """Researchers who answer get an account (without a password: they have not signed in)."""
    from translink.accounts.actions import create_account

    user = create_account(
        None, email=researcher.email, full_name=researcher.full_name, role=Role.RESEARCHER,
        organization=Organization.objects.get(kind=Organization.Kind.INSTITUTE),
    )  # fmt: skip
    Researcher.objects.filter(pk=researcher.pk).update(user=user)
    researcher.user = user
    return user


def _age(rng: random.Random, needs: list[Any], assets: list[Any]) -> None:
    """Spread the market over the last weeks, as a live one is: each need or asset posted
    10 to 40 days ago, its answers and introductions after that, decisions after the
    answers. The home page's "Coming up" then lists answers by how long they have waited."""
    now = timezone.now()
    for posted in [*needs, *assets]:
        since = now - timedelta(days=rng.randint(10, 40), hours=rng.randint(0, 9))
        type(posted).objects.filter(pk=posted.pk).update(created_at=since)
        field = "need" if posted in needs else "asset"
        for interest in Interest.objects.filter(**{field: posted}):
            answered = since + (now - since) * rng.uniform(0.1, 0.9)
            decided = answered + (now - answered) * rng.uniform(0.2, 0.8)
            Interest.objects.filter(pk=interest.pk).update(
                created_at=answered,
                decided_at=decided if interest.decided_at is not None else None,
            )
        for introduction in Introduction.objects.filter(**{field: posted}):
            made = since + (now - since) * rng.uniform(0.3, 0.95)
            Introduction.objects.filter(pk=introduction.pk).update(created_at=made)


def _decide(rng: random.Random, interest: Interest, decider: User | None) -> None:
    roll = rng.random()
    if decider is None or roll < 0.4:
        return
    accept = roll < 0.75
    reason = "" if accept else "We have chosen a partner with an animal model already in place."
    actions.decide_interest(decider, interest, accept=accept, reason=reason)


def _disclosures(rng: random.Random, researchers: list[Researcher], companies: list[Organization],
                 today: date) -> None:  # fmt: skip
    for researcher in rng.sample(researchers, len(researchers) // 4):
        for _ in range(rng.randint(1, 2)):
            company = rng.choice(companies)
            start = today - timedelta(days=rng.randint(60, 2000))
            ended = start + timedelta(days=rng.randint(180, 900)) if rng.random() < 0.4 else None
            people_actions.add_disclosure(
                None, researcher, company=company, kind=rng.choice(Disclosure.Kind.values),
                started_on=start, ended_on=ended if ended and ended < today else None,
            )  # fmt: skip
