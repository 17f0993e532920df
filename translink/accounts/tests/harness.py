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

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from translink.accounts.models import User
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
    takes_body: bool = False

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
                        takes_body=any(
                            getattr(m, "__ninja_param_source__", "") == "body"
                            for m in operation.models
                        ),
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


def _request(client: Client, method: str, url: str, is_api: bool, body: dict[str, Any]) -> Any:
    user = getattr(client, "persona_user", None)
    if user is not None and "_auth_user_id" not in client.session:
        client.force_login(user)  # a route such as sign-out ended the session
    if method == "GET":
        return client.get(url)
    if is_api:
        return client.generic(method, url, data=json.dumps(body), content_type="application/json")
    return client.post(url, body)


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


Example = dict[str, Any] | Callable[[World], dict[str, Any]]


def check_walls(
    world: World, routes: list[Route], examples: dict[str, Example] | None = None
) -> list[str]:
    """Run every route as every persona. ``examples`` gives, by route, a valid body for its
    writes: a write with an empty body would be refused before it could reach the wall."""
    examples = examples or {}
    failures: list[str] = []
    clients = _clients(world)
    for route in routes:
        if route.policy is None:
            failures.append(
                f"{route.route} ({'API' if route.is_api else 'page'}) declares no wall policy"
            )
            continue
        if route.takes_body and route.route not in examples:
            failures.append(f"{route.route} takes a body: give the harness a valid example")
            continue
        writes = any(method != "GET" for method in route.methods)
        example = examples.get(route.route, {}) if writes else {}
        body = example(world) if callable(example) else example
        probes = [_isolated(world, route, persona, clients[persona], body) for persona in PERSONAS]
        failures += [failure for probe in probes for failure in probe.failures]
        if body and not any(probe.reached for probe in probes):
            failures.append(f"{route.route}: no persona's write with the example reached the view")
    return failures


@dataclass
class _Probe:
    """One persona trying one route: collects what went wrong."""

    world: World
    route: Route
    persona: str
    client: Client
    body: dict[str, Any]
    failures: list[str] = field(default_factory=list)
    reached: bool = False  # a write on the persona's own objects succeeded

    @property
    def user(self) -> User | None:
        return self.world.user(self.persona)

    def fetch(self, method: str, url: str) -> Any:
        response = _request(self.client, method, url, self.route.is_api, self.body)
        if response.status_code >= 500:
            self.fail(method, url, f"server error {response.status_code}")
        body = _text(response)
        for canary in self.world.forbidden_canaries.get(self.persona, set()):
            if canary in body:
                self.fail(method, url, f"response shows {canary}")
        return response

    def fail(self, method: str, url: str, problem: str) -> None:
        self.failures.append(f"{self.persona} {method} {url}: {problem}")

    def own_arguments(self, policy: RoutePolicy) -> dict[str, Any]:
        """URL arguments filled with the persona's own objects, or a placeholder."""
        filled: dict[str, Any] = {}
        for argument in self.route.arguments:
            model = policy.objects.get(argument)
            sample = self.world.sample(self.persona, model) if model and self.user else None
            filled[argument] = sample.pk if sample is not None else MISSING_PK if model else "x"
        return filled

    def check_access(self, policy: RoutePolicy, method: str, own: dict[str, Any]) -> None:
        url = self.route.url(own)
        status = self.fetch(method, url).status_code
        self.reached = self.reached or (method != "GET" and status < 400)
        if self.user is None and policy.kind != "public":
            expected = 401 if self.route.is_api else 302
            if status != expected:
                self.fail(method, url, f"{status}, expected {expected}")
        if self.user is not None and not policy.admits_role(self.user.role) and status != 404:
            self.fail(method, url, f"{status} for a route closed to their role, expected 404")

    def check_hidden(
        self, argument: str, hidden: models.Model, method: str, own: dict[str, Any]
    ) -> None:
        """A hidden object must be answered exactly like a missing one, and stay unchanged."""
        model = type(hidden)
        before = model_to_dict(model._default_manager.get(pk=hidden.pk))
        probe = self.route.url({**own, argument: hidden.pk})
        got = self.fetch(method, probe).status_code
        baseline = self.fetch(method, self.route.url({**own, argument: MISSING_PK})).status_code
        if method == "GET" and got not in (404, 405):
            self.fail(method, probe, f"{got} for a hidden {model.__name__}, expected 404")
        elif got != baseline or got < 400:
            self.fail(
                method, probe, f"{got} for a hidden {model.__name__}, {baseline} for a missing one"
            )
        if model_to_dict(model._default_manager.get(pk=hidden.pk)) != before:
            self.fail(method, probe, f"changed a hidden {model.__name__}")


def _isolated(
    world: World, route: Route, persona: str, client: Client, body: dict[str, Any]
) -> _Probe:
    """Each persona probes the world as built: what an earlier probe wrote is rolled back."""
    with transaction.atomic():
        probe = _check_route(world, route, persona, client, body)
        transaction.set_rollback(True)
    return probe


def _check_route(
    world: World, route: Route, persona: str, client: Client, body: dict[str, Any]
) -> _Probe:
    policy = route.policy
    assert policy is not None
    probe = _Probe(world, route, persona, client, body)
    own = probe.own_arguments(policy)
    hidden = world.hidden.get(persona, {})
    for method in route.methods:
        probe.check_access(policy, method, own)
        if probe.user is None:
            continue
        for argument, model in policy.objects.items():
            for obj in hidden.get(model, []):
                probe.check_hidden(argument, obj, method, own)
    return probe


def models_without_hidden_cases(world: World, scoped: set[str]) -> set[str]:
    covered = {model._meta.label_lower for table in world.hidden.values() for model in table}
    return scoped - covered


def all_project_models() -> list[type[models.Model]]:
    from django.apps import apps

    return [m for m in apps.get_models() if m.__module__.startswith("translink.")]
