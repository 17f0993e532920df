"""A small pipeline for each test: staff, three council members (one with a disclosed tie to
the partner), a two-department team and an alliance at proof of concept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from translink.accounts import actions as account_actions
from translink.accounts.models import Organization, Role, User
from translink.alliances import actions
from translink.alliances.models import Alliance, Member, Review, Stage
from translink.people import actions as people_actions
from translink.people.models import Disclosure, Researcher

PASSWORD = "correct horse battery staple 42"
SCORES = {
    "scientific_merit": 4,
    "clinical_need": 5,
    "market_pull": 3,
    "feasibility": 4,
    "team": 5,
}


@dataclass
class Pipeline:
    institute: Organization
    company: Organization
    manager: User
    manager_2: User
    council: list[User]
    conflicted: User
    lead: Researcher
    colleague: Researcher
    alliance: Alliance


def _account(email: str, name: str, role: str, org: Organization) -> User:
    return account_actions.create_account(
        None, email=email, full_name=name, role=role, organization=org, password=PASSWORD
    )


@pytest.fixture
def pipeline(db: None) -> Pipeline:
    institute = account_actions.create_organization(None, name="Institute", kind="institute")
    company = account_actions.create_organization(None, name="Partner Co", kind="company")
    manager = _account("am@test.example", "Alma Manager", Role.ALLIANCE_MANAGER, institute)
    manager_2 = _account("am2@test.example", "Aldo Manager", Role.ALLIANCE_MANAGER, institute)
    council = [
        _account(f"c{n}@test.example", f"Council Member {n}", Role.COUNCIL, institute)
        for n in (1, 2)
    ]
    conflicted = _account("c3@test.example", "Conrad Conflicted", Role.COUNCIL, institute)
    neuro = people_actions.create_department(None, code="neuro", name="Neurology")
    imaging = people_actions.create_department(None, code="rad", name="Radiology")
    lead = people_actions.create_researcher(
        None, full_name="Lena Lead", email="lena@test.example", departments=[neuro]
    )
    colleague = people_actions.create_researcher(
        None, full_name="Carl Colleague", email="carl@test.example", departments=[imaging]
    )
    conflicted_profile = people_actions.create_researcher(
        None, full_name="Conrad Conflicted", email="conrad@test.example", departments=[neuro],
        user=conflicted,
    )  # fmt: skip
    people_actions.add_disclosure(
        None, conflicted_profile, kind=Disclosure.Kind.CONSULTING, company=company,
        started_on=date(2024, 1, 1),
    )  # fmt: skip
    alliance = actions.create_alliance(
        manager, title="Microglial PET", problem_statement="Image microglia in early AD.",
        focus_area="neuro", members=[(lead, Member.Role.LEAD), (colleague, "co_investigator")],
        partners=[company], stage=Stage.PROOF_OF_CONCEPT,
    )  # fmt: skip
    return Pipeline(
        institute, company, manager, manager_2, council, conflicted, lead, colleague, alliance
    )


def open_scored_review(p: Pipeline) -> Review:
    """A review of the alliance by all three council members, scored by the two who may."""
    review = actions.open_review(p.manager, p.alliance, council=[*p.council, p.conflicted])
    for member in p.council:
        actions.score_review(member, review, comment="Solid.", scores=SCORES)
    return review
