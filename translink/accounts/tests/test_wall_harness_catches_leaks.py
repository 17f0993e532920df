"""The harness is only worth its green if it turns red on a real mistake."""

from __future__ import annotations

import pytest

from translink.accounts.tests.harness import check_walls, enumerate_routes

LEAKY = "translink.accounts.tests.leaky_urls"


@pytest.mark.urls(LEAKY)
def test_it_fails_on_a_route_without_a_policy(world) -> None:
    routes = [r for r in enumerate_routes(LEAKY) if r.route == "unprotected/"]
    assert check_walls(world, routes) == ["unprotected/ (page) declares no wall policy"]


@pytest.mark.urls(LEAKY)
def test_it_fails_on_a_route_that_skips_the_wall(world) -> None:
    routes = [r for r in enumerate_routes(LEAKY) if r.route == "leaky/<int:pk>/"]
    failures = check_walls(world, routes)
    hidden_b = f"/leaky/{world.company_b.pk}/"
    assert any(f.startswith(f"company_a GET {hidden_b}: response shows CANARY-B") for f in failures)
    assert any(
        f.startswith(f"company_a GET {hidden_b}: 200 for a hidden Organization") for f in failures
    )


@pytest.mark.urls(LEAKY)
def test_the_running_app_refuses_a_route_without_a_policy(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    assert client.get("/unprotected/").status_code == 404
