"""A regulatory specialist, a sponsor-investigator and a fresh pre-IND for each test."""

from __future__ import annotations

from itertools import count

import pytest

from translink.accounts import actions as account_actions
from translink.accounts.models import Organization, Role, User
from translink.people import actions as people_actions
from translink.people.models import Researcher
from translink.regulatory import actions
from translink.regulatory.models import Ind

_serial = count(1)


def new_researcher() -> Researcher:
    n = next(_serial)
    department = people_actions.create_department(None, code=f"d{n}", name=f"Department {n}")
    return people_actions.create_researcher(
        None,
        full_name=f"Sam Sponsor {n}",
        email=f"sponsor{n}@test.example",
        departments=[department],
    )


def new_ind(actor: User | None = None) -> Ind:
    return actions.register_ind(
        actor, sponsor_investigator=new_researcher(), product="RX-101", indication="ALS"
    )


@pytest.fixture
def specialist(db: None) -> User:
    institute = account_actions.create_organization(None, name="Institute", kind="institute")
    return account_actions.create_account(
        None, email="reg@test.example", full_name="Reggie Ulator", role=Role.REGULATORY,
        organization=institute,
    )  # fmt: skip


@pytest.fixture
def ind(specialist: User) -> Ind:
    return new_ind(specialist)


@pytest.fixture
def company(db: None) -> Organization:
    return account_actions.create_organization(None, name="Sponsor Co", kind="company")
