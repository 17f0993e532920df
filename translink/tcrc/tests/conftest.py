"""A small unit for each test: four beds (one with telemetry), a coordinator, two
companies with one study each, and a researcher who leads one of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from translink.accounts import actions as account_actions
from translink.accounts.models import Organization, Role, User
from translink.people import actions as people_actions
from translink.people.models import Researcher
from translink.tcrc import actions
from translink.tcrc.models import Bed, Cohort, PlanRun, Study, Unit

PASSWORD = "correct horse battery staple 42"


def client_of(user: User | None) -> Client:
    """A browser signed in as ``user`` (None: signed out)."""
    client = Client()
    if user is not None:
        client.login(username=user.email, password=PASSWORD)
    return client


@dataclass
class Clinic:
    unit: Unit
    coordinator: User
    coordinator_2: User
    company_a: Organization
    company_b: Organization
    member_a: User
    member_b: User
    lead: Researcher
    today: date


def _account(email: str, name: str, role: str, org: Organization) -> User:
    return account_actions.create_account(
        None, email=email, full_name=name, role=role, organization=org, password=PASSWORD
    )


def add_study(clinic: Clinic, protocol: str, sponsor: Organization, *, cohorts: int = 1,
              participants: int = 2, nights: int = 2, start: int = 3, priority: int = 5,
              **fields: object) -> Study:  # fmt: skip
    study = Study.objects.create(
        unit=clinic.unit, sponsor=sponsor, protocol_number=protocol, title=f"{protocol} study",
        submitted_at=timezone.now(), **fields,
    )  # fmt: skip
    for sequence in range(1, cohorts + 1):
        Cohort.objects.create(
            study=study, part="SAD", sequence=sequence, participants=participants, sentinels=0,
            standby=0, nights=nights, load=[[1, 1, 1]] * (nights + 1), review_gap_days=2,
            earliest=clinic.today + timedelta(days=start), priority=priority,
        )  # fmt: skip
    return study


@pytest.fixture
def replan(django_capture_on_commit_callbacks: Any) -> Callable[..., PlanRun]:
    """Request a plan and let the background task run, as the worker would after commit."""

    def run(actor: User | None, unit: Unit, **options: Any) -> PlanRun:
        with django_capture_on_commit_callbacks(execute=True):
            queued = actions.request_plan(actor, unit, **options)
        queued.refresh_from_db()
        return queued

    return run


@pytest.fixture
def clinic(db: None) -> Clinic:
    institute = account_actions.create_organization(None, name="Institute", kind="institute")
    company_a = account_actions.create_organization(None, name="Alpha Pharma", kind="company")
    company_b = account_actions.create_organization(None, name="Beta Bio", kind="company")
    unit = Unit.objects.create(name="Test unit", horizon_days=42, plan_seconds=5)
    for n in range(4):
        Bed.objects.create(unit=unit, code=f"B{n}", room=f"Room {n // 2}", telemetry=n == 0)
    user = _account("lead@test.example", "Lena Lead", Role.RESEARCHER, institute)
    neuro = people_actions.create_department(None, code="neuro", name="Neurology")
    lead = people_actions.create_researcher(
        None, full_name="Lena Lead", email="lead@test.example", departments=[neuro], user=user
    )
    return Clinic(
        unit=unit,
        coordinator=_account(
            "tcrc@test.example", "Tara Coordinator", Role.TCRC_COORDINATOR, institute
        ),
        coordinator_2=_account(
            "tcrc2@test.example", "Theo Coordinator", Role.TCRC_COORDINATOR, institute
        ),
        company_a=company_a,
        company_b=company_b,
        member_a=_account("a@alpha.example", "Ana Alpha", Role.INDUSTRY, company_a),
        member_b=_account("b@beta.example", "Ben Beta", Role.INDUSTRY, company_b),
        lead=lead,
        today=timezone.localdate(),
    )
