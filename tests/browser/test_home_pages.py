"""Each role signs in through the real sign-in form and sees its own home page."""

from __future__ import annotations

from typing import Any

import pytest

from translink.accounts import actions
from translink.accounts.models import Role
from translink.accounts.tests.world import PASSWORD, build_world

pytestmark = pytest.mark.browser


def _sign_in(page: Any, email: str, password: str = PASSWORD) -> None:
    page.goto("/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")


@pytest.fixture
def people(page: Any) -> dict[str, Any]:
    world = build_world()
    users = dict(world.users)
    for role, email in [
        (Role.REGULATORY, "reg@test.example"),
        (Role.TCRC_COORDINATOR, "tcrc@test.example"),
        (Role.TRAINING_COORDINATOR, "train@test.example"),
        (Role.COUNCIL, "council@test.example"),
    ]:
        users[role] = actions.create_account(
            None, email=email, full_name=f"{Role(role).label} Person", role=role,
            organization=world.institute, password=PASSWORD,
        )  # fmt: skip
    return {"world": world, "users": users}


EXPECTATIONS = [
    # persona, text the home page must show, panel that must be there
    ("alliance_manager", "Alliance manager", "panel-figures"),
    ("researcher", "Researcher", "panel-profile"),
    ("company_a", "Industry member", "panel-organization"),
    ("company_b", "Industry member", "panel-organization"),
    ("investor", "Investor", "panel-organization"),
    ("administrator", "Administrator", "panel-admin"),
    (Role.REGULATORY, "Regulatory specialist", "panel-figures"),
    (Role.TCRC_COORDINATOR, "TCRC coordinator", "panel-figures"),
    (Role.TRAINING_COORDINATOR, "Training coordinator", "panel-figures"),
    (Role.COUNCIL, "Council member", "panel-figures"),
]
# What the institute's other staff never see: API tokens and a company's own invitations.
STAFF_SECRETS = {"CANARY-TOKEN", "CANARY-A-INVITEE", "CANARY-B-INVITEE"}


def test_each_role_signs_in_and_sees_its_home_page(page: Any, people: dict[str, Any]) -> None:
    forbidden = people["world"].forbidden_canaries
    for persona, role_label, panel in EXPECTATIONS:
        user = people["users"][persona]
        _sign_in(page, user.email)
        assert page.get_by_test_id("role").inner_text().startswith(role_label), persona
        assert page.get_by_test_id(panel).is_visible(), persona
        content = page.content()
        # The wall's own list for the world's personas: every canary they may not see (an
        # administrator may see them all, but a home page names no one's API token).
        secrets = forbidden.get(persona) or {"CANARY-TOKEN"}
        assert not [s for s in secrets if s in content], persona
        # The stylesheet arrived: the figures are laid out as a grid, not a bare list.
        layout = page.evaluate("getComputedStyle(document.querySelector('.figures')).display")
        assert layout == "grid", persona
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/accounts/login/**")
    # Each company's own duties show on its home page, dated and linked.
    _sign_in(page, people["users"]["company_a"].email)
    rows = page.get_by_test_id("agenda-item")
    assert rows.filter(has_text="Admission").filter(has_text="CANARY-TCRC-A").count() == 1
    overdue = page.locator("tr.overdue").first
    border = overdue.evaluate("r => getComputedStyle(r.cells[0]).borderLeftWidth")
    assert border == "3px" and "overdue" in overdue.inner_text()


def test_a_wrong_password_shows_a_message_and_keeps_the_visitor_out(
    page: Any, people: dict[str, Any]
) -> None:
    _sign_in(page, people["users"]["company_a"].email, "a wrong password")
    assert page.get_by_text("do not match an active account").is_visible()
    assert page.url.endswith("/accounts/login/?next=/") or "/accounts/login/" in page.url


def test_the_company_home_page_works_on_a_phone_and_by_keyboard(
    browser: Any, live_server: Any, people: dict[str, Any]
) -> None:
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    phone = context.new_page()
    _sign_in(phone, people["users"]["company_a"].email)
    assert phone.get_by_test_id("panel-organization").is_visible()
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.textContent") == "Skip to content"
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.id") == "main"
    context.close()
