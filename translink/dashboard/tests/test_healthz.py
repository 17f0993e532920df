from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_it_answers_ok_when_the_database_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_it_answers_503_when_the_database_does_not(client) -> None:
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503 and response.json()["database"] == "unavailable"


def test_every_response_carries_a_request_id(client) -> None:
    first, second = client.get("/healthz"), client.get("/healthz")
    assert len(first["X-Request-Id"]) == 16 and first["X-Request-Id"] != second["X-Request-Id"]
