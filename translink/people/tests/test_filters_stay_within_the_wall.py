"""T-ISO-04: whatever filters a visitor sends, the answer is a subset of what they may see."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from translink.accounts.policy import visible
from translink.people.models import FocusArea, Researcher

pytestmark = pytest.mark.django_db

params = st.fixed_dictionaries(
    {},
    optional={
        "q": st.text(max_size=30),
        "focus_area": st.sampled_from([*FocusArea.values, "", "astrology"]),
        "department": st.sampled_from(["neuro", "", "nope", "1 OR 1=1"]),
        "page": st.integers(min_value=-2, max_value=5).map(str),
    },
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=params)
def test_the_api_never_answers_beyond_the_wall(client, world, query: dict[str, str]) -> None:
    user = world.users["company_a"]
    client.force_login(user)
    allowed = set(visible(user, Researcher).values_list("pk", flat=True))
    response = client.get("/api/people/researchers", query)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        body = response.json()
        assert {item["id"] for item in body["items"]} <= allowed
        assert body["count"] <= len(allowed)
    else:
        assert response.json()["error"]["code"] == "validation_error"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=params)
def test_the_directory_page_never_shows_beyond_the_wall(
    client, world, query: dict[str, str]
) -> None:
    client.force_login(world.users["investor"])
    query = {("area" if k == "focus_area" else k): v for k, v in query.items()}
    response = client.get("/researchers/", query)
    assert response.status_code == 200
    assert "CANARY-CLOSED" not in response.content.decode()
