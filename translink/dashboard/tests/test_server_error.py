from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("translink.dashboard.tests.failing_urls")]


def test_a_failure_shows_a_plain_page_with_the_request_id_and_no_detail(world) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(world.users["researcher"])
    response = client.get("/broken/")
    page = response.content.decode()
    assert response.status_code == 500
    assert f"quote request {response['X-Request-Id']}" in page
    assert "CANARY-TRACE" not in page and "Traceback" not in page
