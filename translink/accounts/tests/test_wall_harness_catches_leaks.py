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
def test_it_fails_on_a_write_that_skips_the_wall(world) -> None:
    routes = [r for r in enumerate_routes(LEAKY) if r.route == "leaky-write/<int:pk>/"]
    failures = check_walls(world, routes, {"leaky-write/<int:pk>/": {"description": "pwned"}})
    hidden_b = f"/leaky-write/{world.company_b.pk}/"
    assert f"researcher POST {hidden_b}: changed a hidden Organization" in failures
    assert (
        f"company_a POST {hidden_b}: 200 for a hidden Organization, 500 for a missing one"
        in failures
    )


@pytest.mark.urls(LEAKY)
def test_an_empty_body_would_have_hidden_that_write(world) -> None:
    routes = [r for r in enumerate_routes(LEAKY) if r.route == "leaky-write/<int:pk>/"]
    assert check_walls(world, routes) == []  # why the harness insists on examples


def test_it_insists_on_an_example_for_every_api_write(world) -> None:
    routes = [
        r for r in enumerate_routes() if r.route == "api/accounts/tokens" and "POST" in r.methods
    ]
    assert check_walls(world, routes) == [
        "api/accounts/tokens takes a body: give the harness a valid example"
    ]


def test_it_notices_an_example_that_never_reaches_the_view(world) -> None:
    routes = [
        r for r in enumerate_routes() if r.route == "api/accounts/tokens" and "POST" in r.methods
    ]
    failures = check_walls(world, routes, {"api/accounts/tokens": {"nme": "typo"}})
    assert failures == ["api/accounts/tokens: no persona's write with the example reached the view"]


@pytest.mark.urls(LEAKY)
def test_the_running_app_refuses_a_route_without_a_policy(client, world) -> None:
    client.force_login(world.users["alliance_manager"])
    assert client.get("/unprotected/").status_code == 404
