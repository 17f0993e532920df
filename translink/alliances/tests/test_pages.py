"""The pipeline's pages: the board, the gate from "move" to signed decision, the alliance's
page, the gate criteria, and refusals that name the field and save nothing."""

from __future__ import annotations

from django.test import Client

from translink.alliances import actions
from translink.alliances.models import Alliance, Decision, GateCriteria, Review, Score
from translink.alliances.tests.conftest import PASSWORD, SCORES, Pipeline, open_scored_review


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_the_board_shows_each_alliance_in_its_stage_column(pipeline: Pipeline) -> None:
    page = _client(pipeline.manager).get("/alliances/").content.decode()
    column = page.split('data-testid="column-proof_of_concept"')[1].split("</section>")[0]
    assert "Microglial PET" in column
    assert f"/alliances/{pipeline.alliance.pk}/move/" in column


def test_moving_a_card_opens_the_gate_with_automatic_recusal(pipeline: Pipeline) -> None:
    client = _client(pipeline.manager)
    url = f"/alliances/{pipeline.alliance.pk}/move/"
    assert "Open the gate into development" in client.get(url).content.decode()
    council = [m.pk for m in [*pipeline.council, pipeline.conflicted]]
    answer = client.post(url, {"council": council}, follow=True)
    review = Review.objects.get()
    assert answer.redirect_chain[-1][0] == f"/reviews/{review.pk}/"
    assert "1 member(s) recused" in answer.content.decode()
    assert "Conrad Conflicted: Disclosed consulting with the partner Partner Co" in (
        answer.content.decode()
    )
    assert Alliance.objects.get().stage == "proof_of_concept"  # not until a signed decision


def test_a_council_member_scores_on_the_review_page(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    client = _client(pipeline.council[0])
    refused = client.post(f"/reviews/{review.pk}/", {**SCORES, "team": ""})
    assert refused.status_code == 422
    assert refused.context["score_form"].errors["team"]
    assert not Score.objects.exists()
    client.post(f"/reviews/{review.pk}/", {**SCORES, "comment": "Convincing."})
    assert Score.objects.get().comment == "Convincing."


def test_a_wrong_password_signs_nothing(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    answer = _client(pipeline.manager).post(
        f"/reviews/{review.pk}/decide/",
        {"outcome": "advance", "rationale": "Go.", "meaning": "I approve.", "password": "nope"},
    )
    assert answer.status_code == 422
    assert "password is not right" in str(answer.context["decision_form"].errors["password"])
    assert 'value="nope"' not in answer.content.decode()
    assert not Decision.objects.exists()


def test_a_signed_decision_moves_the_card_and_shows_its_signature(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    client = _client(pipeline.manager)
    answer = client.post(
        f"/reviews/{review.pk}/decide/",
        {
            "outcome": "advance",
            "rationale": "Strong.",
            "meaning": "I approve.",
            "password": PASSWORD,
        },
        follow=True,
    )
    assert 'data-testid="alliance-stage">Development' in answer.content.decode()
    board = client.get("/alliances/").content.decode()
    column = board.split('data-testid="column-development"')[1].split("</section>")[0]
    assert "Microglial PET" in column
    page = client.get(f"/reviews/{review.pk}/").content.decode()
    assert "Signed by Alma Manager" in page and "I approve." in page
    actions.amend_decision(pipeline.manager, Decision.objects.get(), rationale="Changed.")
    assert "no longer valid" in client.get(f"/reviews/{review.pk}/").content.decode()


def test_the_team_sees_the_decision_but_not_the_scores(pipeline: Pipeline) -> None:
    from translink.accounts import actions as account_actions

    lead_user = account_actions.create_account(
        None, email="lena.user@test.example", full_name="Lena Lead", role="researcher",
        organization=pipeline.institute, password=PASSWORD,
    )  # fmt: skip
    pipeline.lead.user = lead_user
    pipeline.lead.save(update_fields=["user"])
    review = open_scored_review(pipeline)
    actions.decide_review(
        pipeline.manager, review, outcome="hold", rationale="More patients.", password=PASSWORD
    )
    page = _client(lead_user).get(f"/reviews/{review.pk}/").content.decode()
    assert "More patients." in page
    assert "Solid." not in page and "Council Member 1" not in page


def test_a_team_from_one_department_is_refused_with_its_reason(pipeline: Pipeline) -> None:
    answer = _client(pipeline.manager).post(
        "/alliances/new/",
        {"title": "One-department team", "problem_statement": "A problem.", "focus_area": "neuro",
         "stage": "basic_research", "lead": pipeline.lead.pk,
         "co_investigators": [pipeline.lead.pk]},
    )  # fmt: skip
    assert answer.status_code == 422
    assert "at least two researchers" in answer.content.decode()
    assert Alliance.objects.count() == 1


def test_staff_set_gate_criteria_whose_weights_sum_to_100(pipeline: Pipeline) -> None:
    client = _client(pipeline.manager)
    weights = {f"weight_{k}": v for k, v in SCORES.items()}  # sums to 21
    answer = client.post(
        "/alliances/gates/", {"stage": "development", "criteria": "PoC in patients.", **weights}
    )
    assert answer.status_code == 422
    assert "add up to 21, not 100" in answer.content.decode()
    assert not GateCriteria.objects.exists()
    weights = {f"weight_{k}": 20 for k in SCORES}
    client.post("/alliances/gates/", {"stage": "development", "criteria": "PoC.", **weights})
    assert GateCriteria.objects.get().weights["team"] == 20
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    assert (review.criteria, review.weights["scientific_merit"]) == ("PoC.", 20)


def test_the_council_and_other_roles_cannot_open_or_decide(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    member = _client(pipeline.council[0])
    assert member.get(f"/alliances/{pipeline.alliance.pk}/move/").status_code == 404
    answer = member.post(
        f"/reviews/{review.pk}/decide/",
        {"outcome": "advance", "rationale": "Go.", "meaning": "x", "password": PASSWORD},
    )
    assert answer.status_code == 404
    assert not Decision.objects.exists()


def test_an_alliance_names_the_need_it_answers_to_those_who_may_see_it(
    pipeline: Pipeline,
) -> None:
    from translink.accounts import actions as account_actions
    from translink.market import actions as market_actions

    member = account_actions.create_account(
        None, email="m@partner.example", full_name="Mo Partner", role="industry_member",
        organization=pipeline.company, password=PASSWORD,
    )  # fmt: skip
    need = market_actions.post_need(
        member, title="Staff-only strategy need", summary="Only staff and we may read this.",
        confidentiality="staff_only", therapeutic_area="neurology", modality="biologic",
        stage_sought="proof_of_concept", offers=["funding"],
    )  # fmt: skip
    answer = _client(pipeline.manager).post(
        "/api/alliances/alliances",
        {"title": "From a need", "problem_statement": "Answers a company's need.",
         "focus_area": "neuro", "lead_id": pipeline.lead.pk,
         "co_investigator_ids": [pipeline.colleague.pk], "origin_need_id": need.pk},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 201
    url = f"/alliances/{answer.json()['id']}/"
    assert "Staff-only strategy need" in _client(pipeline.manager).get(url).content.decode()
    actions.open_review(
        pipeline.manager, Alliance.objects.get(pk=answer.json()["id"]), council=pipeline.council
    )
    # A council member sees the alliance under review, not the company's staff-only need.
    assert "Staff-only strategy need" not in _client(pipeline.council[0]).get(url).content.decode()


def test_only_an_alliance_in_transfer_is_marked_transferred(pipeline: Pipeline) -> None:
    client = _client(pipeline.manager)
    url = f"/alliances/{pipeline.alliance.pk}/transferred/"
    assert (
        "Only an alliance in the transfer stage" in client.post(url, follow=True).content.decode()
    )
    Alliance.objects.filter(pk=pipeline.alliance.pk).update(stage="transfer")
    client.post(url)
    assert Alliance.objects.get().status == "transferred"
    assert _client(pipeline.council[0]).post(url).status_code == 404
