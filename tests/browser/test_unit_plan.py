"""A coordinator re-plans the unit from its calendar and watches the run to its end; the
sponsor then sees its own stays labelled and the others' as anonymous busy beds."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.session import sign_in
from translink.accounts import actions as account_actions
from translink.accounts.models import Role
from translink.accounts.tests.world import PASSWORD
from translink.tcrc.models import Bed, Cohort, Study, Unit

pytestmark = pytest.mark.browser


def _unit_with_two_sponsors() -> None:
    institute = account_actions.create_organization(None, name="Institute", kind="institute")
    unit = Unit.objects.create(name="Phase 1 unit", horizon_days=42, plan_seconds=3)
    for n in range(6):
        Bed.objects.create(unit=unit, code=f"B{n}", room=f"Room {n // 2}")
    account_actions.create_account(
        None, email="tcrc@test.example", full_name="Tara Coordinator", role=Role.TCRC_COORDINATOR,
        organization=institute, password=PASSWORD,
    )  # fmt: skip
    for name, protocol in (("Alpha Pharma", "ALPHA-7"), ("Beta Bio", "BETA-9")):
        company = account_actions.create_organization(None, name=name, kind="company")
        account_actions.create_account(
            None, email=f"member@{protocol.lower()}.example", full_name=f"{name} member",
            role=Role.INDUSTRY, organization=company, password=PASSWORD,
        )  # fmt: skip
        study = Study.objects.create(
            unit=unit, sponsor=company, protocol_number=protocol, title=f"{protocol} in humans",
            submitted_at=timezone.now(),
        )  # fmt: skip
        Cohort.objects.create(
            study=study, part="SAD", sequence=1, participants=3, sentinels=0, standby=0, nights=12,
            load=[[1, 1, 1]] * 13, earliest=timezone.localdate() + timedelta(days=2),
        )  # fmt: skip


def test_a_coordinator_re_plans_and_a_sponsor_sees_only_its_own_stays(page: Any) -> None:
    _unit_with_two_sponsors()
    sign_in(page, "tcrc@test.example")
    page.goto("/tcrc/")
    page.get_by_role("button", name="Re-plan the unit").click()
    status = page.get_by_role("status").filter(has_text="Re-plan from the calendar")
    status.get_by_text("2 of 2 cohorts placed").wait_for()
    assert page.locator("progress#run-bar").get_attribute("value") == "100"
    page.get_by_role("link", name="Back to the calendar").click()
    assert page.locator("svg g title", has_text="ALPHA-7 SAD 1").count() == 3
    swatches = page.locator("figcaption .swatch")
    assert swatches.count() == 2 and all(
        (box := swatches.nth(n).bounding_box()) is not None and box["width"] >= 8 for n in range(2)
    )  # the key shows a colour beside each protocol, one colour per study
    shades = {swatches.nth(n).evaluate("e => getComputedStyle(e).backgroundColor") for n in (0, 1)}
    assert len(shades) == 2
    page.screenshot(path="var/unit-calendar-coordinator.png", full_page=True)
    # The coordinator books Beta's study: committed, it shows to others as busy beds.
    page.get_by_role("link", name="Studies").click()
    page.get_by_role("link", name="BETA-9").click()
    page.get_by_role("button", name="Book these days").click()
    page.get_by_text("The study is booked").wait_for()

    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "member@alpha-7.example")
    page.goto("/tcrc/")
    assert page.locator("svg g title", has_text="ALPHA-7 SAD 1").count() == 3
    assert "BETA-9" not in page.content()
    assert page.locator("svg g title", has_text="Booked").count() == 3


def test_the_quote_form_lays_its_fields_side_by_side_each_label_over_its_input(
    page: Any,
) -> None:
    _unit_with_two_sponsors()
    sign_in(page, "tcrc@test.example")
    page.goto("/tcrc/quote/")
    boxes = {}
    for name in ("Cohorts", "Participants", "Nights", "Earliest"):
        label = page.locator("label", has_text=name).first.bounding_box()
        field = page.get_by_label(name).bounding_box()
        assert label is not None and field is not None
        assert abs(label["x"] - field["x"]) < 2 and 0 < field["y"] - label["y"] < 80, name
        boxes[name] = field
    assert boxes["Participants"]["y"] == boxes["Cohorts"]["y"]  # one row, not one long column
    assert boxes["Participants"]["x"] > boxes["Cohorts"]["x"] + boxes["Cohorts"]["width"]
    page.get_by_role("button", name="Quote").click()
    page.get_by_role("status").get_by_text("Answered in").wait_for()


def test_a_study_too_long_for_the_plan_shows_its_first_cohorts_on_a_chart_that_fits(
    page: Any,
) -> None:
    _unit_with_two_sponsors()
    sign_in(page, "member@alpha-7.example")
    page.goto("/tcrc/quote/")
    page.get_by_label("Cohorts").fill("4")
    page.get_by_label("Participants").fill("3")
    page.get_by_label("Sentinels").fill("0")
    page.get_by_label("Nights").fill("2")
    page.get_by_label("Review gap days").fill("14")
    page.get_by_label("Earliest").fill(f"{timezone.localdate() + timedelta(days=2):%Y-%m-%d}")
    page.get_by_role("button", name="Quote").click()
    answer = page.get_by_role("status")
    answer.get_by_text("The first 3 of 4 cohorts fit").wait_for()
    card, chart = answer.bounding_box(), answer.locator("svg").bounding_box()
    assert card is not None and chart is not None
    # The whole plan is in view: no sideways scrolling inside the answer.
    assert chart["x"] >= card["x"] and chart["x"] + chart["width"] <= card["x"] + card["width"]
    stays = answer.locator("rect.quote-stay")
    assert stays.count() == 3
    xs = [stays.nth(n).bounding_box() for n in range(3)]
    assert all(box is not None and box["width"] > 3 for box in xs)
    assert xs[0]["x"] < xs[1]["x"] < xs[2]["x"]  # type: ignore[index]
    assert "BETA-9" not in page.content()


def test_a_coordinator_closes_days_the_plan_used_and_the_unit_is_re_planned_around_them(
    page: Any,
) -> None:
    _unit_with_two_sponsors()
    sign_in(page, "tcrc@test.example")
    page.goto("/tcrc/")
    page.get_by_role("button", name="Re-plan the unit").click()
    page.get_by_role("status").get_by_text("2 of 2 cohorts placed").wait_for()
    dose_day = Cohort.objects.get(study__protocol_number="ALPHA-7").dose_day
    assert dose_day is not None
    closed = [dose_day + timedelta(days=n) for n in range(3)]
    page.goto("/tcrc/")
    page.get_by_role("link", name="Close days").click()
    page.get_by_label("First day").fill(f"{closed[0]:%Y-%m-%d}")
    page.get_by_label("Last day").fill(f"{closed[-1]:%Y-%m-%d}")
    page.get_by_label("Kind").select_option(label="Unit closed")
    page.get_by_label("Reason").fill("Water works")
    page.get_by_role("button", name="Close these days").click()
    # Both studies were planned on those days: the page goes to the re-plan it started.
    page.get_by_text("3 days closed. The plan had").wait_for()
    status = page.get_by_role("status").filter(has_text="Days closed:")
    status.get_by_text("2 of 2 cohorts placed").wait_for()
    for cohort in Cohort.objects.all():
        assert cohort.dose_day is not None and cohort.dose_day > closed[-1]
    page.get_by_role("link", name="Back to the calendar").click()
    assert page.locator("svg rect title", has_text="Water works").count() == 3
    page.get_by_role("link", name="Closed days").click()
    row = page.get_by_role("row").filter(has_text="Water works")
    assert row.count() == 1 and "3" in row.locator("td").nth(2).inner_text()
    page.screenshot(path="var/unit-closed-days.png", full_page=True)


def test_a_coordinator_sets_the_skill_on_each_shift_in_the_nurses_table(page: Any) -> None:
    """The nurses' table: one row a roster, load and skill for each shift, each input
    named by its label; a level off the scale is refused beside its input, nothing saved."""
    _unit_with_two_sponsors()
    sign_in(page, "tcrc@test.example")
    page.goto("/tcrc/capacities/")
    table = page.get_by_role("table", name="Nurse load and skill level rostered on each shift")
    assert table.get_by_role("row").count() == 4  # two heading rows, weekday and weekend
    night = page.get_by_label("Skill level, weekend night shift")
    assert night.input_value() == "1"
    night.fill("4")
    page.get_by_role("button", name="Save").click()
    row = table.get_by_role("row", name="Weekend")
    assert "Give a skill level from 0 to 3" in row.inner_text()
    assert Unit.objects.get().skill_weekend_night == 1
    page.get_by_label("Skill level, weekend night shift").fill("2")
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved. Every planned stay still fits.").wait_for()
    assert Unit.objects.get().skill_weekend_night == 2
    boxes = [page.get_by_label(f"Skill level, weekday {s} shift").bounding_box() for s in
             ("day", "evening", "night")]  # fmt: skip
    assert all(box is not None for box in boxes)
    ys = {round(box["y"]) for box in boxes if box is not None}
    assert len(ys) == 1  # side by side on the weekday row
