"""A small world with an owner on each side of every wall, and canaries in private fields.

Each persona of the wall harness signs in here. ``hidden`` says, independently of the
policy module, which objects each persona must never reach; ``forbidden_canaries`` which
strings must never appear in anything they are served. Later parts of Translink add
their models' objects and canaries here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import models

from translink.accounts import actions as account_actions
from translink.accounts.models import ApiToken, Invitation, Organization, Role, User
from translink.alliances.tests.world import build_alliances, declare_alliance_walls
from translink.market.tests.world import build_market, declare_market_walls
from translink.people import actions as people_actions
from translink.people.models import Department, Disclosure, Publication, Researcher
from translink.regulatory.tests.world import build_regulatory, declare_regulatory_walls
from translink.tcrc.tests.world import build_tcrc, declare_tcrc_walls

PASSWORD = "correct horse battery staple 42"
PERSONAS = (
    "alliance_manager",
    "researcher",
    "company_a",
    "company_b",
    "investor",
    "administrator",
    "anonymous",
)


@dataclass
class World:
    institute: Organization
    company_a: Organization
    company_b: Organization
    investor_firm: Organization
    users: dict[str, User]
    colleague_a: User
    open_researcher: Researcher
    closed_researcher: Researcher
    closed_publication: Publication
    tokens: dict[str, ApiToken]
    department: Department
    invitations: list[Invitation]
    disclosure: Disclosure
    market: dict[str, Any] = field(default_factory=dict)
    regulatory: dict[str, Any] = field(default_factory=dict)
    alliances: dict[str, Any] = field(default_factory=dict)
    tcrc: dict[str, Any] = field(default_factory=dict)
    # Objects a persona uses to fill URL arguments, where the first visible one will not do.
    samples: dict[str, dict[type[models.Model], Any]] = field(default_factory=dict)
    hidden: dict[str, dict[type[models.Model], list[Any]]] = field(default_factory=dict)
    forbidden_canaries: dict[str, set[str]] = field(default_factory=dict)

    def user(self, persona: str) -> User | None:
        return self.users.get(persona)

    def sample(self, persona: str, model: type[models.Model]) -> models.Model | None:
        """An object of ``model`` this persona may see, to fill URL arguments it does not test."""
        own: dict[type[models.Model], Any] = {
            Organization: self.users[persona].organization if persona in self.users else None,
            User: self.users.get(persona),
            ApiToken: self.tokens.get(persona),
            Researcher: self.open_researcher,
        }
        if model in own:
            return own[model]
        chosen = self.samples.get(persona, {}).get(model)
        if chosen is not None:
            return chosen
        hidden = self.hidden.get(persona, {}).get(model, [])
        return next(
            (obj for obj in model._default_manager.order_by("pk") if obj not in hidden), None
        )


def build_world() -> World:
    create_org = account_actions.create_organization
    institute = create_org(None, name="Test Institute", kind=Organization.Kind.INSTITUTE)
    company_a = create_org(
        None,
        name="Company A CANARY-A-NAME",
        kind="company",
        description="CANARY-A-ORG private note",
    )
    company_b = create_org(
        None,
        name="Company B CANARY-B-NAME",
        kind="company",
        description="CANARY-B-ORG private note",
    )
    firm = create_org(
        None, name="Firm V CANARY-V-NAME", kind="investor", description="CANARY-V-ORG private note"
    )

    def account(email: str, name: str, role: str, org: Organization, admin: bool = False) -> User:
        return account_actions.create_account(
            None,
            email=email,
            full_name=name,
            role=role,
            organization=org,
            password=PASSWORD,
            is_org_admin=admin,
        )

    users = {
        "alliance_manager": account(
            "am@test.example", "Alma Manager", Role.ALLIANCE_MANAGER, institute
        ),
        "researcher": account("res@test.example", "Rhea Searcher", Role.RESEARCHER, institute),
        "company_a": account(
            "a@a.example", "Ann CANARY-A-USER", Role.INDUSTRY, company_a, admin=True
        ),
        "company_b": account(
            "b@b.example", "Ben CANARY-B-USER", Role.INDUSTRY, company_b, admin=True
        ),
        "investor": account("v@v.example", "Vic CANARY-V-USER", Role.INVESTOR, firm, admin=True),
        "administrator": account(
            "admin@test.example", "Adm Inistrator", Role.ADMINISTRATOR, institute
        ),
    }
    colleague_a = account("a2@a.example", "Abe CANARY-A-COLLEAGUE", Role.INDUSTRY, company_a)
    department = people_actions.create_department(None, code="neuro", name="Neurology")
    open_researcher = people_actions.create_researcher(
        None, full_name="Olive Open", email="olive@test.example", departments=[department],
        focus_areas=["neuro"], open_to_industry=True, user=users["researcher"],
    )  # fmt: skip
    closed_researcher = people_actions.create_researcher(
        None, full_name="Cole CANARY-CLOSED-NAME", email="cole@test.example",
        departments=[department], focus_areas=["epigenetics"], open_to_industry=False,
        bio="CANARY-CLOSED-BIO",
    )  # fmt: skip
    people_actions.add_publication(
        None,
        open_researcher,
        position=1,
        title="Microglia in open science",
        abstract="Public.",
        pmid="90000001",
    )
    closed_publication = people_actions.add_publication(
        None,
        closed_researcher,
        position=1,
        title="CANARY-CLOSED-PUB methylation",
        abstract="Private.",
        pmid="90000002",
    )
    disclosure = people_actions.add_disclosure(
        None, open_researcher, company=company_b, company_name="CANARY-DISCLOSURE consulting",
        kind=Disclosure.Kind.CONSULTING, started_on=date(2024, 1, 1),
    )  # fmt: skip
    invitations = [
        account_actions.invite_member(
            users[persona],
            org,
            email=f"invitee@{persona.replace('_', '-')}.example",
            full_name=name,
            is_org_admin=False,
        )[0]
        for persona, org, name in [
            ("company_a", company_a, "Ivy CANARY-A-INVITEE"),
            ("company_b", company_b, "Ian CANARY-B-INVITEE"),
        ]
    ]
    tokens = {
        persona: account_actions.create_api_token(user, name=f"CANARY-TOKEN-{persona}")[0]
        for persona, user in users.items()
    }
    world = World(
        institute=institute, company_a=company_a, company_b=company_b, investor_firm=firm,
        users=users, colleague_a=colleague_a, open_researcher=open_researcher,
        closed_researcher=closed_researcher, closed_publication=closed_publication,
        tokens=tokens, department=department, invitations=invitations, disclosure=disclosure,
    )  # fmt: skip
    world.market = build_market(world)
    world.regulatory = build_regulatory(world)
    world.alliances = build_alliances(world)
    world.tcrc = build_tcrc(world)
    _declare_walls(world)
    return world


def _declare_walls(w: World) -> None:
    """The ground truth, written out by hand: who must never reach what."""
    institute_users = [w.users["alliance_manager"], w.users["researcher"], w.users["administrator"]]
    a_users = [w.users["company_a"], w.colleague_a]
    b_users = [w.users["company_b"]]
    v_users = [w.users["investor"]]

    def others_tokens(persona: str) -> list[models.Model]:
        return [token for owner, token in w.tokens.items() if owner != persona]

    invitation_a, invitation_b = w.invitations
    w.hidden = {
        "alliance_manager": {
            ApiToken: others_tokens("alliance_manager"),
            Invitation: [invitation_a, invitation_b],
        },
        "administrator": {ApiToken: others_tokens("administrator")},
        "researcher": {
            Invitation: [invitation_a, invitation_b],
            Organization: [w.company_a, w.company_b, w.investor_firm],
            User: a_users + b_users + v_users,
            ApiToken: others_tokens("researcher"),
        },
        "company_a": {
            Disclosure: [w.disclosure],
            Invitation: [invitation_b],
            Organization: [w.company_b, w.investor_firm],
            User: institute_users + b_users + v_users,
            ApiToken: others_tokens("company_a"),
            Researcher: [w.closed_researcher],
            Publication: [w.closed_publication],
        },
        "company_b": {
            Disclosure: [w.disclosure],
            Invitation: [invitation_a],
            Organization: [w.company_a, w.investor_firm],
            User: institute_users + a_users + v_users,
            ApiToken: others_tokens("company_b"),
            Researcher: [w.closed_researcher],
            Publication: [w.closed_publication],
        },
        "investor": {
            Disclosure: [w.disclosure],
            Invitation: [invitation_a, invitation_b],
            Organization: [w.company_a, w.company_b],
            User: institute_users + a_users + b_users,
            ApiToken: others_tokens("investor"),
            Researcher: [w.closed_researcher],
            Publication: [w.closed_publication],
        },
    }
    declare_market_walls(w)
    declare_regulatory_walls(w)
    declare_alliance_walls(w)
    declare_tcrc_walls(w)

    def forbidden(persona: str) -> set[str]:
        canaries = {canary for canary, allowed in CANARIES.items() if persona not in allowed}
        if persona != "administrator":
            canaries |= {f"CANARY-TOKEN-{owner}" for owner in w.tokens if owner != persona}
        return canaries

    w.forbidden_canaries = {persona: forbidden(persona) for persona in PERSONAS}


STAFF = {"alliance_manager", "administrator"}
# Every canary planted in the world, and the personas allowed to see it. Administrators read
# the audit trail, which names everything (never a secret), so they may see every canary.
CANARIES: dict[str, set[str]] = {
    "CANARY-A-NAME": STAFF | {"company_a", "researcher"},  # via A's public need
    "CANARY-A-ORG": STAFF | {"company_a"},
    "CANARY-A-USER": STAFF | {"company_a", "researcher"},  # signs A's interest in her asset
    "CANARY-A-COLLEAGUE": STAFF | {"company_a"},
    "CANARY-A-INVITEE": {"company_a", "administrator"},
    "CANARY-A-DETAIL": STAFF | {"company_a"},
    "CANARY-A-INVITED-DETAIL": STAFF | {"company_a", "researcher"},
    "CANARY-A-STAFF-NEED": STAFF | {"company_a"},
    "CANARY-A-INTEREST": STAFF | {"company_a", "researcher"},
    "CANARY-RES-ANSWER-A": STAFF | {"company_a", "researcher"},
    "CANARY-INTRO-A": STAFF | {"company_a", "researcher"},
    "CANARY-B-NAME": STAFF | {"company_b"},  # B's needs are anonymous or invited-only
    "CANARY-B-ORG": STAFF | {"company_b"},
    "CANARY-B-USER": STAFF | {"company_b"},
    "CANARY-B-INVITEE": {"company_b", "administrator"},
    "CANARY-B-DETAIL": STAFF | {"company_b"},
    "CANARY-B-INVITED-NEED": STAFF | {"company_b"},
    "CANARY-RES-ANSWER-B": STAFF | {"company_b", "researcher"},
    "CANARY-V-NAME": STAFF | {"investor"},
    "CANARY-V-ORG": STAFF | {"investor"},
    "CANARY-V-USER": STAFF | {"investor"},
    "CANARY-CLOSED-NAME": STAFF | {"researcher"},
    "CANARY-CLOSED-BIO": STAFF | {"researcher"},
    "CANARY-CLOSED-PUB": STAFF | {"researcher"},
    "CANARY-DISCLOSURE": STAFF | {"researcher"},
    "CANARY-DRAFT-ASSET": STAFF,
    "CANARY-IND-OWN": STAFF | {"researcher"},  # her own IND as sponsor-investigator
    "CANARY-SAE-OWN": STAFF | {"researcher"},
    "CANARY-IND-A": STAFF | {"company_a"},  # company A sponsors it
    "CANARY-SAE-A": STAFF | {"company_a"},
    "CANARY-ALLIANCE-A": STAFF | {"company_a", "researcher"},  # her alliance, A its partner
    "CANARY-AGREEMENT-A": STAFF | {"company_a", "researcher"},
    "CANARY-NEGOTIATION-A": STAFF | {"company_a", "researcher"},
    "CANARY-FUNDING-A": STAFF | {"company_a", "researcher"},
    "CANARY-PRIVATE-CDA-A": STAFF | {"company_a"},  # A's CDA with the closed researcher
    "CANARY-SCORE-A": STAFF,  # the council's deliberation
    "CANARY-ALLIANCE-B": STAFF | {"company_b"},
    "CANARY-TCRC-A": STAFF | {"company_a"},  # A sponsors the study
    "CANARY-TCRC-B": STAFF | {"company_b", "researcher"},  # B sponsors it, she leads it
    "CANARY-AGREEMENT-B": STAFF | {"company_b"},
    "CANARY-NEGOTIATION-B": STAFF | {"company_b"},
    "CANARY-FUNDING-B": STAFF | {"company_b"},
    "CANARY-SCORE-B": STAFF,
    "CANARY-RATIONALE-B": STAFF,  # decisions: staff, the council and the team only
    "CANARY-BED-OUT": STAFF,  # why a bed is out of service: the institute's own note
}
