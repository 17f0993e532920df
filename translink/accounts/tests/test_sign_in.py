from __future__ import annotations

import time

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings

from translink.accounts.tests.world import PASSWORD
from translink.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _sign_in(client, email: str, password: str):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_it_signs_in_and_out_and_audits_both(client, world) -> None:
    user = world.users["company_a"]
    response = _sign_in(client, user.email, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert AuditEvent.objects.filter(action="auth.login", actor=user).count() == 1
    client.post("/accounts/logout/")
    assert AuditEvent.objects.filter(action="auth.logout", actor=user).count() == 1
    assert client.get("/").status_code == 302


def test_a_wrong_password_is_refused_logged_and_audited(client, world, caplog) -> None:
    response = _sign_in(client, "A@a.example", "not the password at all")
    assert response.status_code == 200
    assert "do not match an active account" in response.content.decode()
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.object_id == "a@a.example"
    assert any(r.message == "failed sign-in" and r.account == "a@a.example" for r in caplog.records)


@override_settings(LOGIN_FAILURE_LIMIT=100)
def test_the_101st_attempt_in_an_hour_is_blocked_even_with_the_right_password(
    client, world, caplog
) -> None:
    email = world.users["company_b"].email
    for _ in range(100):
        assert authenticate(username=email, password="wrong password 123") is None
    response = _sign_in(client, email, PASSWORD)
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed", object_id=email).count() == 100
    assert AuditEvent.objects.filter(action="auth.login_blocked", object_id=email).count() == 1
    assert any(r.message == "sign-in blocked after too many failures" for r in caplog.records)
    # Other accounts are unaffected.
    assert _sign_in(client, world.users["company_a"].email, PASSWORD).status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=100)
def test_ninety_nine_failures_still_allow_the_right_password(client, world) -> None:
    email = world.users["company_b"].email
    for _ in range(99):
        authenticate(username=email, password="wrong password 123")
    assert _sign_in(client, email, PASSWORD).status_code == 302


@override_settings(SESSION_IDLE_TIMEOUT_MINUTES=30)
def test_an_idle_session_must_sign_in_again(client, world, monkeypatch) -> None:
    user = world.users["researcher"]
    _sign_in(client, user.email, PASSWORD)
    assert client.get("/").status_code == 200
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.filter(action="auth.session_expired", actor=user).count() == 1
    assert client.get("/").status_code == 302


@override_settings(SESSION_IDLE_TIMEOUT_MINUTES=30)
def test_a_session_in_use_stays_signed_in(client, world, monkeypatch) -> None:
    _sign_in(client, world.users["researcher"].email, PASSWORD)
    start = time.time()
    for minutes in (20, 40, 60):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get("/").status_code == 200


@override_settings(SESSION_IDLE_TIMEOUT_MINUTES=30, SESSION_COOKIE_AGE=12 * 3600)
def test_a_session_ends_twelve_hours_after_sign_in_however_busy(client, world, monkeypatch) -> None:
    _sign_in(client, world.users["researcher"].email, PASSWORD)
    start = time.time()
    for minutes in range(20, 12 * 60, 20):
        monkeypatch.setattr(time, "time", lambda m=minutes: start + m * 60)
        assert client.get("/").status_code == 200, minutes
    monkeypatch.setattr(time, "time", lambda: start + 12 * 3600 + 60)
    assert client.get("/").status_code == 302


def test_the_session_key_changes_at_sign_in(client, world) -> None:
    client.get("/accounts/login/")
    client.session.save()
    before = client.session.session_key
    _sign_in(client, world.users["researcher"].email, PASSWORD)
    assert client.session.session_key != before


@override_settings(LOGIN_FAILURE_LIMIT=100, LOGIN_ADDRESS_FAILURE_LIMIT=5)
def test_an_address_spraying_passwords_over_many_accounts_is_blocked_on_every_account(
    client, world
) -> None:
    attacker, colleague = "203.0.113.9", "198.51.100.7"
    for n in range(5):
        response = client.post(
            "/accounts/login/",
            {"username": f"guess{n}@a.example", "password": "Winter2026!"},
            REMOTE_ADDR=attacker,
        )
        assert "do not match an active account" in response.content.decode()
    user = world.users["company_a"]
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD}, REMOTE_ADDR=attacker
    )
    assert "Too many failed sign-ins from your network address" in response.content.decode()
    assert "_auth_user_id" not in client.session
    blocked = AuditEvent.objects.get(action="auth.login_blocked")
    assert (blocked.object_type, blocked.object_id) == ("address", attacker)
    # The account itself is not locked: the same person signs in from elsewhere.
    response = client.post(
        "/accounts/login/", {"username": user.email, "password": PASSWORD}, REMOTE_ADDR=colleague
    )
    assert response.status_code == 302


@override_settings(LOGIN_FAILURE_LIMIT=100, LOGIN_ADDRESS_FAILURE_LIMIT=5)
def test_an_attacker_rotating_through_an_ipv6_64_is_blocked_as_one_address(client, world) -> None:
    for n in range(5):  # five addresses of one /64, as a single subscriber holds
        response = client.post(
            "/accounts/login/",
            {"username": f"guess{n}@a.example", "password": "Winter2026!"},
            REMOTE_ADDR=f"2001:db8:7:42::{n + 1:x}",
        )
        assert "do not match an active account" in response.content.decode()
    user = world.users["company_a"]
    response = client.post(
        "/accounts/login/",
        {"username": user.email, "password": PASSWORD},
        REMOTE_ADDR="2001:db8:7:42:ffff::9",  # a sixth, never used before
    )
    assert "Too many failed sign-ins from your network address" in response.content.decode()
    blocked = AuditEvent.objects.get(action="auth.login_blocked")
    assert (blocked.object_type, blocked.object_id) == ("address", "2001:db8:7:42::/64")
    # The next /64 is someone else; so is an IPv4 address.
    for elsewhere in ("2001:db8:7:43::1", "203.0.113.9"):
        response = client.post(
            "/accounts/login/",
            {"username": user.email, "password": PASSWORD},
            REMOTE_ADDR=elsewhere,
        )
        assert response.status_code == 302
        client.logout()


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:7:42::1", "2001:db8:7:42::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),  # IPv4-mapped
        ("64:ff9b::cb00:7109", "203.0.113.9"),  # NAT64: one gateway, many IPv4 clients
        ("2002:cb00:7109::1", "203.0.113.9"),  # 6to4
        ("2001:0:4136:e378:8000:63bf:34ff:8ef6", "203.0.113.9"),  # Teredo: its client
        ("not an address", "not an address"),
    ],
)
def test_each_address_is_counted_under_the_network_its_holder_controls(
    address: str, network: str
) -> None:
    from translink.accounts.backends import network_of

    assert network_of(address) == network


@override_settings(LOGIN_FAILURE_LIMIT=100, LOGIN_ADDRESS_FAILURE_LIMIT=4)
def test_an_ipv4_address_counts_the_same_written_as_ipv6(client, world) -> None:
    for n, address in enumerate(["203.0.113.9", "::ffff:203.0.113.9"] * 2):
        client.post(
            "/accounts/login/",
            {"username": f"guess{n}@a.example", "password": "Winter2026!"},
            REMOTE_ADDR=address,
        )
    response = client.post(
        "/accounts/login/",
        {"username": world.users["company_a"].email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
    )
    assert "Too many failed sign-ins from your network address" in response.content.decode()


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_a_flood_of_blocked_attempts_is_logged_each_time_and_audited_once_an_hour(
    client, world, caplog
) -> None:
    email = world.users["company_b"].email
    for _ in range(3):
        authenticate(username=email, password="wrong password 123")
    before = AuditEvent.objects.count()
    for _ in range(20):
        response = _sign_in(client, email, PASSWORD)
        assert "Too many failed sign-ins for this account" in response.content.decode()
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.get(action="auth.login_blocked").object_id == email
    blocked = [r for r in caplog.records if r.message == "sign-in blocked after too many failures"]
    assert len(blocked) == 20


@pytest.mark.parametrize(
    ("hops", "forwarded", "audited"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # what the client wrote is not trusted
        (2, "6.6.6.6, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
        (1, "203.0.113.9:5678", "203.0.113.9"),  # a proxy that adds the client's port
        (1, "[2001:db8::1]:443", "2001:db8::1"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "fe80::1%eth0", "127.0.0.1"),  # a scoped address is no client's
        (1, "not an address", "127.0.0.1"),
        (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: the header is forged
        (0, "203.0.113.9", "127.0.0.1"),
    ],
)
def test_behind_a_proxy_the_audit_names_the_address_the_proxy_saw(
    client, world, hops, forwarded, audited
) -> None:
    user = world.users["researcher"]
    with override_settings(PROXY_HOPS=hops):
        client.post(
            "/accounts/login/",
            {"username": user.email, "password": PASSWORD},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )
    assert AuditEvent.objects.get(action="auth.login", actor=user).ip == audited
