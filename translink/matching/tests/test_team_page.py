from __future__ import annotations

import pytest
from django.test import Client

from translink.people import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def oncologist(world):
    oncology = actions.create_department(None, code="onc", name="Oncology")
    person = actions.create_researcher(
        None, full_name="Omar Onc", email="omar@test.example", departments=[oncology],
        specialties=["PET imaging"],
    )  # fmt: skip
    actions.add_publication(None, person, position=1, title="PET imaging of microglia in glioma")
    return person


def _staff(world) -> Client:
    client = Client()
    client.force_login(world.users["alliance_manager"])
    return client


def test_staff_get_a_two_department_team_that_covers_the_specialties(world, oncologist) -> None:
    actions.update_profile(
        world.users["researcher"], world.open_researcher, specialties=["microglia"]
    )
    body = {"problem": "microglia imaging", "required": ["PET imaging", "microglia"], "size": 2}
    result = _staff(world).post("/api/matching/teams", body, content_type="application/json").json()
    assert result["status"] == "optimal"
    assert {m["name"] for m in result["optimal"]["members"]} == {"Olive Open", "Omar Onc"}
    query: dict[str, str | int] = {
        "problem": "microglia imaging",
        "required": "PET imaging, microglia",
        "size": 2,
        "min_departments": 2,
    }
    page = _staff(world).get("/matching/team/", query)
    assert "Omar Onc" in page.content.decode() and "Exact (CP-SAT)" in page.content.decode()


def test_an_impossible_team_says_why(world, oncologist) -> None:
    body = {"problem": "microglia", "required": ["astrophysics"], "size": 2}
    result = _staff(world).post("/api/matching/teams", body, content_type="application/json").json()
    assert result["status"] == "infeasible" and "astrophysics" in result["reason"]
    assert result["optimal"] is None


def test_bad_team_requests_get_field_messages_and_companies_get_nothing(world) -> None:
    bad = _staff(world).post(
        "/api/matching/teams", {"problem": "x", "size": 0}, content_type="application/json"
    )
    assert set(bad.json()["error"]["fields"]) == {"problem", "size"}
    page = _staff(world).get("/matching/team/", {"problem": "microglia", "size": "many"})
    assert page.status_code == 422 and "size" in page.context["form"].errors
    company = Client()
    company.force_login(world.users["company_a"])
    assert company.get("/matching/team/").status_code == 404


def test_a_specialty_asked_in_other_words_finds_the_researcher_who_holds_it(
    world, oncologist
) -> None:
    actions.update_profile(
        world.users["researcher"], world.open_researcher, specialties=["microglial biology"]
    )
    actions.update_profile(
        world.users["alliance_manager"], oncologist, specialties=["tau PET imaging"]
    )
    body = {"problem": "microglia imaging", "required": ["PET imaging", "Microglia"], "size": 2}
    result = _staff(world).post("/api/matching/teams", body, content_type="application/json").json()
    assert result["status"] == "optimal", result["reason"]
    covered = {m["name"]: m["covers"] for m in result["optimal"]["members"]}
    assert covered == {"Olive Open": ["Microglia"], "Omar Onc": ["PET imaging"]}
    reasons = {m["name"]: m["reason"] for m in result["optimal"]["members"]}
    assert reasons["Omar Onc"].startswith("covers PET imaging (tau PET imaging);")


def _team_page(world, *, required: str, min_departments: int) -> str:
    """The team builder's page for a team of one asked for ``required``."""
    query: dict[str, str | int] = {"problem": "microglia imaging", "required": required,
                                   "size": 1, "min_departments": min_departments}  # fmt: skip
    return _staff(world).get("/matching/team/", query).content.decode()


def test_a_specialty_nobody_holds_is_answered_with_those_the_candidates_do_hold(
    world, oncologist
) -> None:
    page = _team_page(world, required="astrophysics", min_departments=1)
    assert "No candidate has astrophysics." in page
    assert "Specialties the best-matching researchers hold:" in page and "PET imaging" in page


def test_a_team_short_of_departments_is_not_told_to_try_other_specialties(
    world, oncologist
) -> None:
    page = _team_page(world, required="PET imaging", min_departments=5)
    assert "Too few departments" in page
    assert "Specialties the best-matching researchers hold" not in page
