"""The demo institute's organizations and one sign-in per role. Fictional throughout."""

from __future__ import annotations

from typing import Any

from translink.accounts import actions
from translink.accounts.models import Organization, Role

DEMO_PASSWORD = "translink-demo-2026"
INSTITUTE = "Riverside Research Institute"

COMPANIES = [
    "Aldermoor Therapeutics", "Brightwater Biologics", "Cobalt Ridge Pharma",
    "Dunmore Neuroscience", "Eastvale Genomics", "Fernhill Bio", "Greyhaven Oncology",
    "Hollowbrook Diagnostics", "Ironleaf Medtech", "Juniper Coast Pharmaceuticals",
    "Kestrel Cell Therapies", "Larkspur Digital Health", "Marrow & Pine Biosciences",
    "Northgate Immunotherapeutics", "Oakhurst Microbiome", "Pellridge Rare Medicines",
    "Quarry Lane Biotech", "Redfern Antibodies", "Saltmarsh Gene Therapy", "Thistledown Devices",
]  # fmt: skip
INVESTOR_FIRMS = ["Harborline Ventures", "Quillfield Capital", "Northmere Life Science Partners"]

# (role, e-mail, full name, organization key, company admin, back-office staff)
DEMO_ACCOUNTS: list[tuple[str, str, str, str, bool, bool]] = [
    (Role.ADMINISTRATOR, "admin@riverside.example", "Ada Okafor", "institute", False, True),
    (
        Role.ALLIANCE_MANAGER,
        "alliances@riverside.example",
        "Miriam Castellanos",
        "institute",
        False,
        False,
    ),
    (
        Role.REGULATORY,
        "regulatory@riverside.example",
        "Tomasz Wieczorek",
        "institute",
        False,
        False,
    ),
    (Role.TCRC_COORDINATOR, "tcrc@riverside.example", "Grace Mbatha", "institute", False, False),
    (
        Role.TRAINING_COORDINATOR,
        "training@riverside.example",
        "Leon Fairweather",
        "institute",
        False,
        False,
    ),
    (Role.INDUSTRY, "lead@aldermoor.example", "Priya Raman", COMPANIES[0], True, False),
    (Role.INDUSTRY, "scout@brightwater.example", "Jonas Lindqvist", COMPANIES[1], True, False),
    (Role.INVESTOR, "partner@harborline.example", "Celeste Moreau", INVESTOR_FIRMS[0], True, False),
    (Role.COUNCIL, "council@riverside.example", "Hamid Sadeghi", "institute", False, False),
]
DEMO_COLLEAGUES = [
    ("owen.hartley@aldermoor.example", "Owen Hartley", COMPANIES[0]),
    ("mei.tanaka@aldermoor.example", "Mei Tanaka", COMPANIES[0]),
    ("rafael.souza@brightwater.example", "Rafael Souza", COMPANIES[1]),
]
# Rival companies: a researcher tied to one is in conflict on the other's needs.
DEMO_COMPETITORS = {
    "Aldermoor Therapeutics": ["Dunmore Neuroscience"],
    "Greyhaven Oncology": ["Northgate Immunotherapeutics", "Kestrel Cell Therapies"],
    "Oakhurst Microbiome": ["Fernhill Bio"],
    "Pellridge Rare Medicines": ["Saltmarsh Gene Therapy"],
}
# The researcher's sign-in is made with their profile (translink.people.demo).
RESEARCHER_LOGIN = "researcher@riverside.example"


def demo_logins() -> list[tuple[str, str]]:
    """(role, e-mail) for every demo sign-in, in the order `make run` prints them."""
    logins = [(Role(role).label, email) for role, email, *_ in DEMO_ACCOUNTS]
    logins.insert(5, (Role.RESEARCHER.label, RESEARCHER_LOGIN))
    return logins


def load(context: dict[str, Any]) -> None:
    institute = actions.create_organization(
        None,
        name=INSTITUTE,
        kind=Organization.Kind.INSTITUTE,
        description="A fictional academic medical research institute, for demonstration.",
    )
    organizations = {"institute": institute}
    for name in COMPANIES:
        organizations[name] = actions.create_organization(
            None,
            name=name,
            kind=Organization.Kind.COMPANY,
            description=f"{name} (fictional) partners with the institute.",
        )
    for name in INVESTOR_FIRMS:
        organizations[name] = actions.create_organization(
            None,
            name=name,
            kind=Organization.Kind.INVESTOR,
            description=f"{name} (fictional) invests in early-stage therapeutics.",
        )
    for role, email, full_name, org_key, org_admin, staff in DEMO_ACCOUNTS:
        actions.create_account(
            None,
            email=email,
            full_name=full_name,
            role=role,
            organization=organizations[org_key],
            password=DEMO_PASSWORD,
            is_org_admin=org_admin,
            is_staff=staff,
        )
    # Colleagues without a demo sign-in, so company pages show a team.
    for email, full_name, org_key in DEMO_COLLEAGUES:
        actions.create_account(
            None,
            email=email,
            full_name=full_name,
            role=Role.INDUSTRY,
            organization=organizations[org_key],
        )
    for company, rivals in DEMO_COMPETITORS.items():
        actions.set_competitors(None, organizations[company], [organizations[r] for r in rivals])
    context["organizations"] = organizations
