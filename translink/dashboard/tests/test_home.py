from __future__ import annotations

import pytest

from translink.people.models import Researcher

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_an_alliance_manager_sees_the_institute_in_figures(client, world) -> None:
    page = _home(client, world.users["alliance_manager"])
    everyone = Researcher.objects.count()
    assert f'data-testid="figure-researchers">{everyone}<' in page  # open and closed alike
    assert 'data-testid="figure-companies">2<' in page
    assert "Researchers by department" in page


def test_a_company_member_sees_only_researchers_open_to_industry(client, world) -> None:
    page = _home(client, world.users["company_a"])
    open_ones = Researcher.objects.filter(open_to_industry=True).count()
    assert open_ones < Researcher.objects.count()
    assert f'data-testid="figure-researchers">{open_ones}<' in page
    assert "Company A CANARY-A-NAME" in page and "Manage members" in page
    assert "figure-companies" not in page


def test_a_researcher_sees_their_own_profile_and_papers(client, world) -> None:
    page = _home(client, world.users["researcher"])
    assert "Your profile" in page and "Olive Open" in page
    assert "Microglia in open science" in page


def test_an_administrator_sees_accounts_and_the_audit_chain(client, world) -> None:
    page = _home(client, world.users["administrator"])
    assert "events in the audit trail" in page and "Accounts by role" in page


def test_navigation_depends_on_the_role(client, world) -> None:
    assert "Audit trail" in _home(client, world.users["administrator"])
    assert "Audit trail" not in _home(client, world.users["alliance_manager"])


def test_a_researcher_is_not_shown_company_counts_they_cannot_see(client, world) -> None:
    page = _home(client, world.users["researcher"])
    assert "figure-companies" not in page and "Investor firms" not in page


def test_a_company_member_sees_its_own_needs_alliances_and_studies_and_no_one_elses(
    client, world
) -> None:
    import re

    def panel(user, name: str) -> str:
        page = _home(client, user)
        found = re.search(rf'data-testid="work-{name}">.*?</div>', page, re.S)
        assert found is not None, name
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))

    a, b = world.users["company_a"], world.users["company_b"]
    assert "Microglial PET tracer partner · 1 answer, 1 awaiting your decision" in panel(a, "needs")
    assert "Anonymous biomarker search" not in panel(a, "needs")
    assert "Anonymous biomarker search" in panel(b, "needs")
    assert "Microglia alliance CANARY-ALLIANCE-A" in panel(a, "alliances")
    assert "CANARY-ALLIANCE-B" not in panel(a, "alliances")
    assert "CANARY-TCRC-A" in panel(a, "studies") and "CANARY-TCRC-B" not in panel(a, "studies")
    assert "CANARY-TCRC-B" in panel(b, "studies")
    assert 'data-testid="work-needs"' not in _home(client, world.users["investor"])


def test_a_researchers_home_loads_the_open_needs_that_fit_her_work(client, world) -> None:
    page = _home(client, world.users["researcher"])
    url = f"/researchers/{world.open_researcher.pk}/suggestions/"
    assert f'hx-get="{url}"' in page
    fits = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "Open needs that fit this work" in fits
    assert world.market["need_a_public"].title in fits


def test_focus_area_bars_run_from_the_largest_to_the_smallest(world) -> None:
    from translink.dashboard.queries import researchers_by_area
    from translink.people import actions
    from translink.people.models import FocusArea

    last_code, last_label = FocusArea.choices[-1]  # listed last, made the largest
    for n in range(3):
        actions.create_researcher(
            None,
            full_name=f"Rae {n}",
            email=f"rae{n}@test.example",
            departments=[],
            focus_areas=[last_code],
        )
    found = researchers_by_area(world.users["alliance_manager"])
    values = [bar.value for bar in found]
    assert found[0].label == last_label and found[0].share == 1.0
    assert values == sorted(values, reverse=True)
