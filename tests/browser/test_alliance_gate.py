"""An alliance walks from proof of concept to development through its gate: staff open the
review from the pipeline board, two council members score, a third is recused for his tie
to the partner, the decision is signed with a re-entered password, and the card moves."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.session import sign_in, sign_out
from translink.accounts import actions as account_actions
from translink.accounts.models import Role
from translink.accounts.tests.world import PASSWORD, build_world
from translink.alliances import actions
from translink.alliances.models import Alliance, Member

pytestmark = pytest.mark.browser
TITLE = "Glymphatic imaging alliance"


def _score(page: Any, email: str) -> None:
    sign_in(page, email)
    page.goto("/reviews/")
    page.get_by_role("link", name=f"{TITLE}: gate into development").click()
    page.wait_for_load_state("networkidle")
    for label, value in (("Scientific merit", "4"), ("Clinical need", "5"),
                         ("Market pull", "3"), ("Feasibility", "4"), ("Team", "5")):  # fmt: skip
        page.get_by_label(label).select_option(value)
    page.get_by_label("Comment").fill("Convincing pilot data.")
    page.get_by_role("button", name="Record my scores").click()
    page.wait_for_load_state("networkidle")
    assert "Your scores are recorded." in page.content()
    sign_out(page)


def test_an_alliance_passes_its_gate_into_development(page: Any) -> None:
    world = build_world()
    cora, cyrus = world.alliances["council"]  # Cyrus consults for company A
    cleo = account_actions.create_account(
        None, email="cleo@test.example", full_name="Cleo Second", role=Role.COUNCIL,
        organization=world.institute, password=PASSWORD,
    )  # fmt: skip
    radiologist = world.alliances["a"].members.exclude(researcher=world.open_researcher).get()
    alliance = actions.create_alliance(
        world.users["alliance_manager"], title=TITLE, stage="proof_of_concept",
        problem_statement="Measure glymphatic clearance in patients.", focus_area="neuro",
        members=[(world.open_researcher, Member.Role.LEAD),
                 (radiologist.researcher, Member.Role.CO_INVESTIGATOR)],
        partners=[world.company_a],
    )  # fmt: skip

    sign_in(page, world.users["alliance_manager"].email)
    page.goto("/alliances/")
    page.get_by_role("link", name=f"Move {TITLE} to the next stage").click()
    page.wait_for_load_state("networkidle")
    for member in (cora, cyrus, cleo):
        page.get_by_label(member.full_name).check()
    page.get_by_role("button", name="Open the review").click()
    page.wait_for_load_state("networkidle")
    assert "1 member(s) recused" in page.content()
    assert "Cyrus Conflicted: Disclosed consulting" in page.get_by_test_id("recusals").inner_text()
    review_url = page.url
    sign_out(page)

    _score(page, cora.email)
    _score(page, cleo.email)

    sign_in(page, cyrus.email)  # recused: the review is not his to see, let alone score
    page.goto("/reviews/")
    assert TITLE not in page.content()
    assert page.goto(review_url).status == 404
    sign_out(page)

    sign_in(page, world.users["alliance_manager"].email)
    page.goto(review_url)
    assert page.get_by_test_id("mean-score").inner_text() == "4.15"
    page.get_by_label("Outcome").select_option("advance")
    page.get_by_label("Rationale").fill("Proof of concept in twelve patients; partner committed.")
    page.get_by_label("Your password, to sign").fill("not my password")
    page.get_by_role("button", name="Sign the decision").click()
    page.wait_for_load_state("networkidle")
    assert "The password is not right" in page.content()
    page.get_by_label("Your password, to sign").fill(PASSWORD)
    page.get_by_role("button", name="Sign the decision").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("alliance-stage").inner_text() == "Development"

    page.goto("/alliances/")
    development = page.get_by_test_id("column-development")
    assert development.get_by_role("link", name=TITLE, exact=True).is_visible()
    assert TITLE not in page.get_by_test_id("column-proof_of_concept").inner_text()
    page.goto(review_url)
    assert page.get_by_test_id("signature").inner_text().startswith("Signed by Alma Manager")
    assert Alliance.objects.get(pk=alliance.pk).stage == "development"
