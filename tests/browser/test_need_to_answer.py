"""A company posts a need, a researcher finds it by searching and answers, the company sees
the answer, and another company sees none of it: the market's promise end to end."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.session import sign_in, sign_out
from translink.accounts.tests.world import build_world

pytestmark = pytest.mark.browser


def test_a_need_travels_from_company_to_researcher_and_back(page: Any) -> None:
    world = build_world()
    sign_in(page, world.users["company_a"].email)
    page.goto("/needs/new/")
    page.get_by_label("Title").fill("Glymphatic clearance imaging partner")
    page.get_by_label("Summary").fill(
        "We look for MRI methods to measure glymphatic clearance in patients."
    )
    page.get_by_label("Confidential detail").fill("Our compound TLX-17 improves clearance in mice.")
    page.get_by_label("Therapeutic area").select_option("neurology")
    page.get_by_label("Modality").select_option("diagnostic")
    page.get_by_label("Stage sought").select_option("proof_of_concept")
    page.get_by_label("Funding").check()
    page.get_by_role("button", name="Post the need").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Glymphatic clearance imaging partner").is_visible()
    sign_out(page)

    sign_in(page, world.users["researcher"].email)
    page.goto("/search/")
    page.get_by_label("Researchers, publications, needs and assets").fill("glymphatic")
    page.get_by_role("link", name="Glymphatic clearance imaging partner").click()
    page.wait_for_load_state("networkidle")
    assert "TLX-17" not in page.content()  # the confidential detail stays with the company
    page.get_by_label("Approach").fill(
        "Our 7T MRI protocol measures CSF tracer clearance overnight."
    )
    page.get_by_label("Experience").fill("Forty patients imaged in the pilot.")
    page.get_by_label("Next step").select_option("meeting")
    page.get_by_role("button", name="Send my answer").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_test_id("interest-status").inner_text().startswith("Awaiting an answer")
    sign_out(page)

    sign_in(page, world.users["company_a"].email)
    page.goto("/notifications/")
    page.get_by_role(
        "button", name="Olive Open answered your need: Glymphatic clearance imaging partner"
    ).click()
    page.wait_for_load_state("networkidle")
    assert "Our 7T MRI protocol" in page.content()
    sign_out(page)

    sign_in(page, world.users["company_b"].email)
    page.goto("/search/?q=glymphatic")
    assert page.get_by_role("heading", name="Industry needs (0)").is_visible()
    page.goto("/needs/")
    assert "Glymphatic" not in page.content()
    page.goto("/notifications/")
    assert "Glymphatic" not in page.content()
