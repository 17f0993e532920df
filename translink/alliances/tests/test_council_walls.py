"""Council members see the reviews assigned to them, unless recused, in pages and the API;
nothing else of the pipeline."""

from __future__ import annotations

from django.test import Client

from translink.accounts.policy import visible
from translink.alliances import actions
from translink.alliances.models import Agreement, Alliance, Review, Score
from translink.alliances.tests.conftest import SCORES, Pipeline, open_scored_review


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_it_shows_a_member_only_the_reviews_assigned_to_them(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council[:1])
    first, second = pipeline.council
    assert list(visible(first, Review)) == [review]
    assert list(visible(first, Alliance)) == [pipeline.alliance]
    assert not visible(second, Review).exists()
    assert not visible(second, Alliance).exists()
    assert _client(second).get(f"/reviews/{review.pk}/").status_code == 404
    assert _client(second).get(f"/api/alliances/reviews/{review.pk}").status_code == 404
    assert _client(first).get(f"/reviews/{review.pk}/").status_code == 200


def test_a_recused_member_sees_neither_the_review_nor_its_scores(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    conflicted = pipeline.conflicted
    assert not visible(conflicted, Review).exists()
    assert not visible(conflicted, Score).exists()
    client = _client(conflicted)
    assert client.get(f"/reviews/{review.pk}/").status_code == 404
    assert client.get(f"/api/alliances/reviews/{review.pk}/scores").status_code == 404
    answer = client.post(
        f"/api/alliances/reviews/{review.pk}/scores", SCORES, content_type="application/json"
    )
    assert answer.status_code == 404
    assert "Solid." not in client.get("/reviews/").content.decode()


def test_council_members_see_no_agreements_or_funding(pipeline: Pipeline) -> None:
    from datetime import date

    from translink.alliances import agreement_actions

    agreement_actions.create_agreement(
        pipeline.manager, kind="cda", title="Secret CDA", company=pipeline.company,
        alliance=pipeline.alliance, first_draft_on=date(2026, 1, 1),
    )  # fmt: skip
    actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council[:1])
    member = pipeline.council[0]
    assert not visible(member, Agreement).exists()
    assert (
        "Secret CDA"
        not in _client(member).get(f"/alliances/{pipeline.alliance.pk}/").content.decode()
    )
    assert "Secret CDA" not in _client(member).get("/alliances/calendar.ics").content.decode()


def test_the_inbox_lists_what_awaits_the_members_score(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    first = pipeline.council[0]
    page = _client(first).get("/reviews/").content.decode()
    assert "Awaiting your scores (1)" in page and f"/reviews/{review.pk}/" in page
    actions.score_review(first, review, scores=SCORES)
    assert "Awaiting your scores (0)" in _client(first).get("/reviews/").content.decode()


def test_a_partner_company_sees_its_card_but_not_the_review(pipeline: Pipeline) -> None:
    from translink.accounts import actions as account_actions

    partner = account_actions.create_account(
        None, email="p@partner.example", full_name="Pat Partner", role="industry_member",
        organization=pipeline.company, password="x" * 12,
    )  # fmt: skip
    review = open_scored_review(pipeline)
    board = _client(partner).get("/alliances/").content.decode()
    assert "Microglial PET" in board
    assert f"/reviews/{review.pk}/" not in board and "Gate review open" not in board
    page = _client(partner).get(f"/alliances/{pipeline.alliance.pk}/").content.decode()
    assert "Lena Lead" in page and "Council Member" not in page
