"""The wall harness over every route and API operation of Translink."""

from __future__ import annotations

from translink.accounts.policy import scoped_models
from translink.accounts.tests.harness import (
    Example,
    all_project_models,
    check_walls,
    enumerate_routes,
    models_without_hidden_cases,
)
from translink.alliances.tests.world import ALLIANCE_WRITE_EXAMPLES
from translink.market.tests.world import ANSWER, ASSET, NEED
from translink.regulatory.tests.world import IND_WRITE_EXAMPLES
from translink.tcrc.tests.world import TCRC_WRITE_EXAMPLES

# Models no route serves directly, with the reason; every other model needs a scope.
INTERNAL_MODELS = {
    "audit.chainhead": "the audit chain's length and last hash; read only by verify_audit",
    "people.authorship": "served only as part of a visible publication or researcher",
    "search.searchdocument": "the index proposes ids; results are read through the wall",
    "matching.documentvector": "read only by the engine, for researchers the reader may see",
}
# Scoped models that hide nothing from anyone, with the reason.
OPEN_MODELS = {
    "people.department": "the institute's departments are public knowledge",
    # Served only on administrator routes, which the harness checks answer 404 to the others.
    "audit.auditevent": "administrators only",
}


def test_it_finds_pages_and_api_operations() -> None:
    routes = enumerate_routes()
    assert any(r.is_api for r in routes) and any(not r.is_api for r in routes)
    assert {"/api/people/researchers/<researcher_id>", "/researchers/<int:pk>/"} <= {
        "/" + r.route for r in routes
    }


# A valid body for every write, by route, so that each write reaches the wall.
WRITE_EXAMPLES: dict[str, Example] = {
    "api/accounts/organizations/<org_id>/members": {
        "email": "probe@probe.example",
        "full_name": "Pro Be",
    },
    "api/accounts/organizations/<org_id>/members/<user_id>": {
        "is_org_admin": True,
        "is_active": True,
    },
    "api/accounts/tokens": {"name": "probe"},
    "organizations/<int:pk>/": {"email": "probe@page.example", "full_name": "Pro Be"},
    "organizations/<int:pk>/members/<int:user_pk>/": {"is_org_admin": "on", "is_active": "on"},
    "account/tokens/": {"name": "probe"},
    "api/market/needs": {**NEED, "title": "Probe need", "summary": "A probe of the walls."},
    "needs/new/": {
        **NEED,
        "title": "Probe need",
        "summary": "A probe of the walls.",
        "confidentiality": "public",
    },
    "api/market/needs/<need_id>/answers": {**ANSWER, "approach": "A probe approach"},
    "needs/<int:pk>/": {**ANSWER, "approach": "A probe approach"},
    "api/market/assets": {**ASSET, "title": "Probe asset", "summary": "A probe of the walls."},
    "assets/new/": {
        **ASSET,
        "title": "Probe asset",
        "summary": "A probe of the walls.",
        "status": "open",
    },
    "api/market/assets/<asset_id>/answers": {**ANSWER, "approach": "A probe approach"},
    "assets/<int:pk>/": {**ANSWER, "approach": "A probe approach"},
    "api/market/answers/<interest_id>/decision": {"accept": False, "reason": "probe"},
    "answers/<int:pk>/": {"decision": "decline", "reason": "probe"},
    "researchers/<int:pk>/edit/": lambda w: {
        "departments": [w.department.pk],
        "max_active_alliances": "1",
        "title": "probe",
    },
    "researchers/<int:pk>/": {
        "company_name": "Probe Co",
        "kind": "equity",
        "started_on": "2025-01-01",
    },
    "api/people/researchers/<researcher_id>": {"title": "probe", "specialties": ["probing"]},
    "api/people/researchers/<researcher_id>/disclosures": {
        "company_name": "Probe Co",
        "kind": "equity",
        "started_on": "2025-01-01",
    },
    "api/matching/teams": {"problem": "microglia imaging", "size": 1, "min_departments": 1},
    "api/market/introductions": lambda w: {
        "researcher_id": w.open_researcher.pk,
        "company_id": w.company_a.pk,
        "reason": "probe",
    },
    "introductions/": lambda w: {
        "researcher": w.open_researcher.pk,
        "company": w.company_a.pk,
        "reason": "probe",
    },
}


WRITE_EXAMPLES.update(IND_WRITE_EXAMPLES)
WRITE_EXAMPLES.update(ALLIANCE_WRITE_EXAMPLES)
WRITE_EXAMPLES.update(TCRC_WRITE_EXAMPLES)


def test_it_finds_no_leak_on_any_route_for_any_persona(world) -> None:
    failures = check_walls(world, enumerate_routes(), WRITE_EXAMPLES)
    assert failures == []


def test_it_has_a_scope_for_every_model() -> None:
    labels = {m._meta.label_lower for m in all_project_models()}
    assert labels - set(INTERNAL_MODELS) - scoped_models() == set()


def test_it_tries_every_scoped_model_against_someone_who_must_not_see_it(world) -> None:
    assert models_without_hidden_cases(world, scoped_models()) - set(OPEN_MODELS) == set()
