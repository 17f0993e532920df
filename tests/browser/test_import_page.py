"""An alliance manager uploads files on the import page: a good one and a refused one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from translink.accounts.tests.world import PASSWORD, build_world
from translink.people.models import Researcher
from translink.people.tests.import_support import make_departments

pytestmark = pytest.mark.browser
SAMPLES = Path(__file__).resolve().parents[2] / "translink" / "people" / "tests" / "samples"


def _open_import_page(page: Any) -> None:
    world = build_world()
    make_departments()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(world.users["alliance_manager"].email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state("networkidle")
    page.goto("/researchers/import/")


def test_a_good_file_is_imported_and_reported_in_the_page(page: Any) -> None:
    _open_import_page(page)
    before = Researcher.objects.count()
    page.get_by_label("Researchers CSV").check()
    page.locator("input[type=file]").set_input_files(str(SAMPLES / "researchers.csv"))
    page.get_by_role("button", name="Import").click()
    page.get_by_role("heading", name="researchers.csv imported").wait_for()
    assert Researcher.objects.count() > before


def test_a_refused_file_lists_its_bad_rows_in_the_page(page: Any) -> None:
    _open_import_page(page)
    before = Researcher.objects.count()
    page.get_by_label("Researchers CSV").check()
    page.locator("input[type=file]").set_input_files(str(SAMPLES / "researchers_bad_rows.csv"))
    page.get_by_role("button", name="Import").click()
    page.get_by_role(
        "heading", name="researchers_bad_rows.csv was refused: nothing was imported"
    ).wait_for()
    assert page.locator("table.list tbody tr").count() >= 3
    assert Researcher.objects.count() == before
