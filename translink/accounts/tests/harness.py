"""The wall harness: every route, every persona, objects that belong to others.

``enumerate_routes`` walks the URL resolver, pages and API operations alike, and
``check_walls`` runs each route as each persona of a ``World``:

* a route without a declared policy is a failure, whatever it returns;
* anonymous visitors are sent to sign in (pages) or get 401 (API) on non-public routes;
* a role-restricted route answers 404 to the other roles;
* an object route answers a persona's request for a hidden object exactly as it answers
  for an object that does not exist (404 for reads; never success for writes), and the
  hidden row is unchanged afterwards;
* nothing a persona is served, on any route, contains a canary they must not see.

It returns a list of failures, so a test can also prove that it catches a leak.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from translink.accounts.policy import RoutePolicy, policy_of
from translink.accounts.tests.world import PERSONAS, World
from translink.api import path_view_of

MISSING_PK = 987654321
_ARG = re.compile(r"<(?:(\w+):)?(\w+)>")


@dataclass(frozen=True, eq=False)
class Route:
    route: str
    name: str
    methods: tuple[str, ...]
    policy: RoutePolicy | None
    is_api: bool

    def url(self, kwargs: dict[str, Any]) -> str:
        return "/" + _ARG.sub(lambda m: str(kwargs.get(m.group(2), "x")), self.route)

    @property
    def arguments(self) -> list[str]:
        return [m.group(2) for m in _ARG.finditer(self.route)]


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django's admin: staff only, checked by test_admin_is_staff_only
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def enumerate_routes(urlconf: str | None = None) -> list[Route]:
    routes: list[Route] = []
    for route, pattern in _walk(get_resolver(urlconf).url_patterns):
        path_view = path_view_of(pattern.callback)
        if path_view is not None:
            for operation in path_view.operations:
                routes.append(
                    Route(
                        route,
                        pattern.name or "",
                        tuple(operation.methods),
                        policy_of(operation.view_func),
                        True,
                    )
                )
        else:
            routes.append(
                Route(
                    route, pattern.name or "", ("GET", "POST"), policy_of(pattern.callback), False
                )
            )
    unique = {(r.route, r.methods): r for r in routes}  # ninja lists a path once per operation
    return list(unique.values())


def _request(client: Client, method: str, url: str, is_api: bool) -> Any:
    user = getattr(client, "persona_user", None)
    if user is not None and "_auth_user_id" not in client.session:
        client.force_login(user)  # a route such as sign-out ended the session
    if method == "GET":
        return client.get(url)
    if is_api:
        return client.generic(method, url, data="{}", content_type="application/json")
    return client.post(url, {})


def _clients(world: World) -> dict[str, Client]:
    clients = {}
    for persona in PERSONAS:
        client = Client(raise_request_exception=False)
        user = world.user(persona)
        if user is not None:
            client.force_login(user)
        client.persona_user = user  # type: ignore[attr-defined]
        clients[persona] = client
    return clients


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def check_walls(
    world: World, routes: list[Route], *, reset: Callable[[], None] | None = None
) -> list[str]:
    failures: list[str] = []
    clients = _clients(world)
    for route in routes:
        if route.policy is None:
            failures.append(
                f"{route.route} ({'API' if route.is_api else 'page'}) declares no wall policy"
            )
            continue
        for persona in PERSONAS:
            failures += _check_route(world, route, persona, clients[persona])
    return failures


def _check_route(world: World, route: Route, persona: str, client: Client) -> list[str]:
    policy = route.policy
    assert policy is not None
    failures: list[str] = []
    user = world.user(persona)
    forbidden = world.forbidden_canaries.get(persona, set())

    def sweep(response: Any, url: str, method: str) -> None:
        if response.status_code >= 500:
            failures.append(f"{persona} {method} {url}: server error {response.status_code}")
        body = _text(response)
        for canary in forbidden:
            if canary in body:
                failures.append(f"{persona} {method} {url}: response shows {canary}")

    # Arguments filled with the persona's own objects (or a placeholder) for the sweep.
    own_kwargs: dict[str, Any] = {}
    for argument in route.arguments:
        model = policy.objects.get(argument)
        sample = world.sample(persona, model) if model is not None and user is not None else None
        own_kwargs[argument] = sample.pk if sample is not None else MISSING_PK if model else "x"

    for method in route.methods:
        url = route.url(own_kwargs)
        response = _request(client, method, url, route.is_api)
        sweep(response, url, method)
        if policy.kind != "public" and user is None:
            expected = 401 if route.is_api else 302
            if response.status_code != expected:
                failures.append(
                    f"anonymous {method} {url}: {response.status_code}, expected {expected}"
                )
        refused_role = user is not None and not policy.admits_role(user.role)
        if refused_role and response.status_code != 404:
            failures.append(
                f"{persona} {method} {url}: {response.status_code} for a route closed to "
                "their role, expected 404"
            )

        if user is None:
            continue
        for argument, model in policy.objects.items():
            for hidden in world.hidden.get(persona, {}).get(model, []):
                before = model_to_dict(type(hidden)._default_manager.get(pk=hidden.pk))
                probe = route.url({**own_kwargs, argument: hidden.pk})
                missing = route.url({**own_kwargs, argument: MISSING_PK})
                got = _request(client, method, probe, route.is_api)
                baseline = _request(client, method, missing, route.is_api)
                sweep(got, probe, method)
                if method == "GET" and got.status_code not in (404, 405):
                    failures.append(
                        f"{persona} GET {probe}: {got.status_code} for a hidden "
                        f"{model.__name__}, expected 404"
                    )
                elif got.status_code != baseline.status_code or got.status_code < 400:
                    failures.append(
                        f"{persona} {method} {probe}: {got.status_code} for a hidden "
                        f"{model.__name__}, {baseline.status_code} for a missing one"
                    )
                after = model_to_dict(type(hidden)._default_manager.get(pk=hidden.pk))
                if before != after:
                    failures.append(
                        f"{persona} {method} {probe}: changed a hidden {model.__name__}"
                    )
    return failures


def models_without_hidden_cases(world: World, scoped: set[str]) -> set[str]:
    covered = {model._meta.label_lower for table in world.hidden.values() for model in table}
    return scoped - covered


def all_project_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if m.__module__.startswith("translink.")]
