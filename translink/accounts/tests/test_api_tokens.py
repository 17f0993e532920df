from __future__ import annotations

import hashlib

import pytest
from django.test import Client

from translink.accounts.models import ApiToken
from translink.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_a_token_is_shown_once_stored_hashed_and_works(client, world) -> None:
    client.force_login(world.users["company_a"])
    page = client.post("/account/tokens/", {"name": "nightly export"})
    text = page.context["new_token"]
    token = ApiToken.objects.get(name="nightly export")
    assert token.digest == hashlib.sha256(text.encode()).hexdigest() and text not in token.digest
    assert text not in client.get("/account/tokens/").content.decode()
    me = _bearer(text).get("/api/accounts/me")
    assert me.status_code == 200 and me.json()["email"] == "a@a.example"
    assert AuditEvent.objects.filter(
        action="accounts.api_token_created", actor=world.users["company_a"]
    ).exists()


def test_a_token_client_can_write_without_a_csrf_token(world) -> None:
    from translink.accounts.actions import create_api_token

    _, text = create_api_token(world.users["company_a"], name="ci")
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {text}")
    response = client.post(
        "/api/accounts/tokens", {"name": "second"}, content_type="application/json"
    )
    assert response.status_code == 201


def test_a_browser_session_must_send_its_csrf_token_to_write(world) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["company_a"])
    response = client.post("/api/accounts/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code in (401, 403)
    assert not ApiToken.objects.filter(name="x").exists()


def test_a_revoked_token_is_refused_from_then_on(client, world) -> None:
    from translink.accounts.actions import create_api_token

    token, text = create_api_token(world.users["investor"], name="laptop")
    assert _bearer(text).get("/api/accounts/me").status_code == 200
    client.force_login(world.users["investor"])
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    refused = _bearer(text).get("/api/accounts/me")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_token"
    assert AuditEvent.objects.filter(
        action="accounts.api_token_revoked", object_id=str(token.pk)
    ).exists()


def test_an_unknown_or_malformed_token_is_refused(world) -> None:
    for text in ("tl_deadbeefnotarealtokenatallxxxxxxxxxx", "garbage", ""):
        response = _bearer(text).get("/api/accounts/me")
        assert response.status_code == 401, text


def test_a_token_sees_only_what_its_owner_sees(world) -> None:
    from translink.accounts.actions import create_api_token

    _, text = create_api_token(world.users["company_a"], name="scoped")
    listing = _bearer(text).get("/api/accounts/organizations").json()
    names = {item["name"] for item in listing["items"]}
    assert names == {"Test Institute", "Company A CANARY-A-NAME"}
    assert listing["count"] == 2
