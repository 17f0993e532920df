"""Fixtures shared by the whole suite."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing_and_mail(settings: pytest.FixtureRequest) -> None:
    # PBKDF2 at full strength costs ~0.5 s a password; tests sign in hundreds of times.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]


@pytest.fixture
def world(db: None):  # type: ignore[no-untyped-def]
    from django.core import mail

    from translink.accounts.tests.world import build_world

    built = build_world()
    mail.outbox = []  # the world's own invitations are not what a test is about
    return built


@pytest.fixture
def transactional_audit(transactional_db: None):  # type: ignore[no-untyped-def]
    """For tests that commit (the live server): the database flush after each test empties
    every table, which the audit trail's append-only triggers rightly refuse."""
    from django.db import connection

    from translink.audit import guards
    from translink.audit.models import ChainHead

    guards.install(connection)
    ChainHead.objects.get_or_create(pk=1, defaults={"count": 0, "last_hash": "0" * 64})
    yield
    guards.remove(connection)


@pytest.fixture(autouse=True)
def _fresh_matching_cache() -> None:
    # Test databases reuse ids after a rollback; a corpus cached by one test must not
    # answer for the next.
    from translink.matching.experts import forget_corpora

    forget_corpora()
