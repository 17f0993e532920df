"""Figures (per quarter, conversion, time in stage, cycle time, funding), the funnel chart,
and the API's alliances, reviews and refusals."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client

from translink.alliances import agreement_actions as deals
from translink.alliances import figures
from translink.alliances.models import Alliance, Review, StagePeriod
from translink.alliances.tests.conftest import PASSWORD, SCORES, Pipeline, open_scored_review


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _fund_5000_with_2000_received(pipeline: Pipeline) -> None:
    commitment = deals.commit_funding(
        pipeline.manager, alliance=pipeline.alliance, sponsor=pipeline.company,
        amount=Decimal("5000"), starts_on=date(2026, 1, 1), ends_on=date(2026, 6, 30),
        milestones=[("Start", Decimal("2000"), date(2026, 2, 1))],
    )  # fmt: skip
    deals.receive_milestone(pipeline.manager, commitment.milestones.get(), on=date(2026, 2, 2))


def test_conversion_counts_alliances_that_entered_the_next_stage() -> None:
    periods = [
        StagePeriod(alliance_id=1, stage="basic_research", entered_on=date(2025, 1, 1)),
        StagePeriod(alliance_id=1, stage="proof_of_concept", entered_on=date(2025, 3, 1)),
        StagePeriod(alliance_id=2, stage="basic_research", entered_on=date(2025, 1, 1)),
    ]
    rows = figures.conversion(periods)
    assert rows[0] == {
        "from": "basic_research", "to": "proof_of_concept", "entered": 2, "advanced": 1,
        "rate": 0.5, "from_label": "Basic research", "to_label": "Proof of concept",
    }  # fmt: skip
    assert (rows[1]["rate"], rows[2]["rate"]) == (0.0, None)


def test_stage_days_count_an_open_stage_until_today() -> None:
    periods = [
        StagePeriod(alliance_id=1, stage="basic_research", entered_on=date(2025, 1, 1),
                    left_on=date(2025, 1, 31)),
        StagePeriod(alliance_id=1, stage="proof_of_concept", entered_on=date(2025, 1, 31)),
    ]  # fmt: skip
    days = figures.stage_days(periods, date(2025, 3, 2))
    assert days == {"basic_research": [30], "proof_of_concept": [30]}


def test_quarters() -> None:
    assert [figures.quarter(date(2025, m, 1)) for m in (1, 4, 7, 12)] == [
        "2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4",
    ]  # fmt: skip


def test_the_figures_api_sums_funding_and_cycle_times(pipeline: Pipeline) -> None:
    cda = deals.create_agreement(
        pipeline.manager, kind="cda", title="CDA", company=pipeline.company,
        first_draft_on=date(2026, 1, 1),
    )  # fmt: skip
    deals.move_agreement(pipeline.manager, cda, status="executed", on=date(2026, 1, 21))
    _fund_5000_with_2000_received(pipeline)
    found = _client(pipeline.manager).get("/api/alliances/figures").json()
    assert found["median_agreement_cycle_days"] == 20.0
    assert (found["funding"]["committed"], found["funding"]["received"]) == ("5000.00", "2000.00")
    assert found["funding"]["by_sponsor"] == [
        {"name": "Partner Co", "committed": "5000.00", "received": "2000.00"}
    ]
    assert sum(found["started_per_quarter"].values()) == 1


def test_the_funnel_draws_a_bar_per_stage(pipeline: Pipeline) -> None:
    page = _client(pipeline.manager).get("/alliances/funnel/").content.decode()
    assert "<svg" in page and 'data-testid="funnel-proof_of_concept"' in page
    assert "Proof of concept: 1" in page and "Basic research: 0" in page


def test_the_api_walks_a_gate(pipeline: Pipeline) -> None:
    manager = _client(pipeline.manager)
    council = [m.pk for m in [*pipeline.council, pipeline.conflicted]]
    opened = manager.post(
        f"/api/alliances/alliances/{pipeline.alliance.pk}/reviews",
        {"council_ids": council}, content_type="application/json",
    )  # fmt: skip
    assert opened.status_code == 201
    review_id = opened.json()["id"]
    for member in pipeline.council:
        scored = _client(member).post(
            f"/api/alliances/reviews/{review_id}/scores", SCORES, content_type="application/json"
        )
        assert scored.status_code == 200
        assert scored.json()["weighted"] == "4.15"  # (4·25+5·20+3·20+4·20+5·15)/100
    refused = manager.post(
        f"/api/alliances/reviews/{review_id}/decision",
        {"outcome": "advance", "rationale": "Go.", "password": "wrong"},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "password" in refused.json()["error"]["fields"]
    decided = manager.post(
        f"/api/alliances/reviews/{review_id}/decision",
        {"outcome": "advance", "rationale": "Go.", "password": PASSWORD},
        content_type="application/json",
    )
    assert decided.status_code == 201
    assert decided.json()["signature"]["valid"] is True
    assert decided.json()["signature"]["signer_name"] == "Alma Manager"
    alliance = manager.get(f"/api/alliances/alliances/{pipeline.alliance.pk}").json()
    assert alliance["stage"] == "development"


def test_the_api_refuses_bad_scores_field_by_field(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    answer = _client(pipeline.council[0]).post(
        f"/api/alliances/reviews/{review.pk}/scores", {**SCORES, "team": 7},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 422
    assert list(answer.json()["error"]["fields"]) == ["team"]


def test_the_api_refuses_a_one_department_team(pipeline: Pipeline) -> None:
    answer = _client(pipeline.manager).post(
        "/api/alliances/alliances",
        {"title": "Solo", "problem_statement": "One department only.", "focus_area": "neuro",
         "lead_id": pipeline.lead.pk, "co_investigator_ids": [pipeline.lead.pk]},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 422
    assert "members" in answer.json()["error"]["fields"]
    assert Alliance.objects.count() == 1 and not Review.objects.exists()


def test_amending_a_decision_through_the_api_voids_its_signature(pipeline: Pipeline) -> None:
    from translink.alliances import actions

    review = open_scored_review(pipeline)
    decision = actions.decide_review(
        pipeline.manager, review, outcome="hold", rationale="Wait.", password=PASSWORD
    )
    manager = _client(pipeline.manager)
    answer = manager.patch(
        f"/api/alliances/decisions/{decision.pk}", {"rationale": "Wait longer."},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 200 and answer.json()["signature"]["valid"] is False
    shown = manager.get(f"/api/alliances/reviews/{review.pk}/decision").json()
    assert shown["signature"]["valid"] is False


def test_staff_set_a_gate_through_the_api(pipeline: Pipeline) -> None:
    manager = _client(pipeline.manager)
    weights = dict.fromkeys(SCORES, 20)
    answer = manager.put(
        "/api/alliances/gates", {"stage": "transfer", "criteria": "IP filed.", "weights": weights},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 200
    refused = manager.put(
        "/api/alliances/gates",
        {"stage": "transfer", "criteria": "IP filed.", "weights": {**weights, "team": 50}},
        content_type="application/json",
    )
    assert refused.status_code == 422 and "weights" in refused.json()["error"]["fields"]
    gates = {g["stage"]: g for g in manager.get("/api/alliances/gates").json()}
    assert gates["transfer"]["weights"]["team"] == 20
    assert _client(pipeline.council[0]).get("/api/alliances/gates").status_code == 200


def test_the_negotiation_log_through_the_api(pipeline: Pipeline) -> None:
    cda = deals.create_agreement(
        pipeline.manager, kind="cda", title="CDA", company=pipeline.company,
        first_draft_on=date(2026, 1, 1),
    )  # fmt: skip
    manager = _client(pipeline.manager)
    url = f"/api/alliances/agreements/{cda.pk}/log"
    answer = manager.post(url, {"on": "2026-01-09", "note": "Redlines back."}, "application/json")
    assert answer.status_code == 201
    assert [e["note"] for e in manager.get(url).json()] == ["Redlines back."]
    refused = manager.post(url, {"on": "2026-01-09", "note": ""}, "application/json")
    assert refused.status_code == 422 and "note" in refused.json()["error"]["fields"]


def test_quarter_columns_show_every_quarter_up_to_today_empty_ones_at_zero() -> None:
    from translink.alliances.charts import quarter_columns

    chart = quarter_columns({"2025-Q1": 2, "2025-Q3": 1}, date(2026, 2, 10))
    assert chart is not None
    assert [(c.quarter, c.count) for c in chart.columns] == [
        ("2025-Q1", 2), ("2025-Q2", 0), ("2025-Q3", 1), ("2025-Q4", 0), ("2026-Q1", 0),
    ]  # fmt: skip
    heights = [c.height for c in chart.columns]
    assert heights[0] == 2 * heights[2] > 0 and heights[1] == 0
    assert [year for _, year in chart.years] == ["2025", "2026"]
    assert quarter_columns({}, date(2026, 2, 10)) is None


def test_funding_bars_put_the_largest_commitment_first_with_received_inside() -> None:
    from translink.alliances.charts import funding_bars

    bars = funding_bars([
        {"name": "Small", "committed": "100.00", "received": "100.00"},
        {"name": "Large", "committed": "400.00", "received": "100.00"},
        {"name": "Pledged", "committed": "0.00", "received": "0.00"},
    ])  # fmt: skip
    assert [b["name"] for b in bars] == ["Large", "Small", "Pledged"]
    assert [b["share"] for b in bars] == [1.0, 0.25, 0.0]
    assert [b["received_share"] for b in bars] == [0.25, 1.0, 0.0]


def test_the_funnel_page_draws_quarters_and_funding(pipeline: Pipeline) -> None:
    _fund_5000_with_2000_received(pipeline)
    Alliance.objects.filter(pk=pipeline.alliance.pk).update(started_on=date(2025, 1, 15))
    page = _client(pipeline.manager).get("/alliances/funnel/").content.decode()
    assert 'id="started-per-quarter"' in page and "2025-Q1: 1 started" in page
    assert "2025-Q2: 0 started" in page  # the empty quarters are drawn, not skipped
    assert "2,000 of 5,000" in page and "Partner Co" in page
