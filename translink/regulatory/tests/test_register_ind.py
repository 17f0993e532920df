from __future__ import annotations

import pytest
from django.test import Client

from translink.accounts.actions import create_account
from translink.accounts.models import Role
from translink.audit.models import AuditEvent
from translink.regulatory.models import Ind

pytestmark = pytest.mark.django_db


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def specialist(world):
    return create_account(
        None, email="reg@test.example", full_name="Rey Gulator", role=Role.REGULATORY,
        organization=world.institute, password="x" * 12,
    )  # fmt: skip


def test_a_specialist_registers_an_ind_that_starts_as_pre_ind(world, specialist) -> None:
    payload = {
        "sponsor_investigator": world.open_researcher.pk, "product": "TLX-9 tracer",
        "indication": "Early Alzheimer's disease", "time_zone": "America/New_York",
    }  # fmt: skip
    response = _as(specialist).post("/regulatory/inds/new/", payload)
    ind = Ind.objects.get(product="TLX-9 tracer")
    assert response["Location"] == f"/regulatory/inds/{ind.pk}/"
    assert ind.status == Ind.Status.PRE_IND
    assert AuditEvent.objects.filter(
        action="regulatory.ind_registered", object_id=str(ind.pk)
    ).exists()


def test_bad_input_names_its_fields_and_stores_nothing(world, specialist) -> None:
    before = Ind.objects.count()
    bad = {
        "sponsor_investigator": world.open_researcher.pk,
        "product": "",
        "time_zone": "Mars/Olympus",
    }
    response = _as(specialist).post("/regulatory/inds/new/", bad)
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"product", "indication"}
    zone = {**bad, "product": "X", "indication": "Y"}
    refused = _as(specialist).post("/regulatory/inds/new/", zone)
    assert refused.status_code == 422 and "time_zone" in refused.context["form"].errors
    assert Ind.objects.count() == before


def test_a_researcher_registers_only_as_their_own_sponsor(world) -> None:
    researcher = _as(world.users["researcher"])
    mine = {
        "sponsor_investigator": world.open_researcher.pk,
        "product": "Mine",
        "indication": "ALS",
        "time_zone": "UTC",
    }
    assert researcher.post("/regulatory/inds/new/", mine).status_code == 302
    other = {**mine, "sponsor_investigator": world.closed_researcher.pk, "product": "Not mine"}
    assert researcher.post("/regulatory/inds/new/", other).status_code == 422
    assert not Ind.objects.filter(product="Not mine").exists()


def test_companies_cannot_register_inds(world) -> None:
    assert _as(world.users["company_a"]).get("/regulatory/inds/new/").status_code == 404
