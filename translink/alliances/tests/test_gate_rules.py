"""The stage gate: no stage change without a decided review, recused members do not score,
no decision without a valid signature, and an edited decision loses its signature."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.alliances import actions
from translink.alliances.models import Alliance, Decision, Recusal, Review, Score, Stage
from translink.alliances.tests.conftest import PASSWORD, SCORES, Pipeline, open_scored_review
from translink.audit.models import AuditEvent


def _fresh(alliance: Alliance) -> Alliance:
    return Alliance.objects.get(pk=alliance.pk)


def test_it_refuses_a_stage_change_without_a_decided_review(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    with pytest.raises(ValidationError) as refused:
        actions.change_stage(pipeline.manager, pipeline.alliance, review)
    assert "decided gate review" in str(refused.value)
    assert _fresh(pipeline.alliance).stage == Stage.PROOF_OF_CONCEPT


def test_it_refuses_a_stage_change_after_a_hold(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    actions.decide_review(
        pipeline.manager, review, outcome="hold", rationale="More data.", password=PASSWORD
    )
    with pytest.raises(ValidationError):
        actions.change_stage(pipeline.manager, pipeline.alliance, review)
    alliance = _fresh(pipeline.alliance)
    assert (alliance.stage, alliance.status) == (Stage.PROOF_OF_CONCEPT, "on_hold")


def test_it_recuses_a_member_with_a_disclosed_tie_to_a_partner(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=[pipeline.conflicted])
    recusal = Recusal.objects.get(review=review)
    assert recusal.member == pipeline.conflicted
    assert "Partner Co" in recusal.reason and recusal.disclosure is not None
    assert AuditEvent.objects.filter(action="alliances.member_recused").count() == 1


def test_it_does_not_recuse_for_a_relationship_that_ended(pipeline: Pipeline) -> None:
    from datetime import date

    from translink.people.models import Disclosure

    Disclosure.objects.filter(researcher__user=pipeline.conflicted).update(
        ended_on=date(2024, 6, 1)
    )
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=[pipeline.conflicted])
    assert not Recusal.objects.filter(review=review).exists()


def test_a_recused_member_cannot_score(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    with pytest.raises(ValidationError) as refused:
        actions.score_review(pipeline.conflicted, review, scores=SCORES)
    assert "recused" in str(refused.value)
    with pytest.raises(ValidationError):  # nor can staff enter scores on their behalf
        actions.score_review(pipeline.manager, review, member=pipeline.conflicted, scores=SCORES)
    assert not Score.objects.filter(member=pipeline.conflicted).exists()


def test_only_assigned_council_members_score(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council[:1])
    with pytest.raises(PermissionDenied):
        actions.score_review(pipeline.council[1], review, scores=SCORES)


def test_it_refuses_out_of_range_scores_field_by_field(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    with pytest.raises(ValidationError) as refused:
        actions.score_review(pipeline.council[0], review, scores={**SCORES, "team": 9})
    assert set(refused.value.message_dict) == {"team"}
    assert not Score.objects.exists()


def test_a_decision_without_the_signers_password_is_refused(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    with pytest.raises(ValidationError) as refused:
        actions.decide_review(
            pipeline.manager, review, outcome="advance", rationale="Go.", password="wrong"
        )
    assert "password" in refused.value.message_dict
    with pytest.raises(ValidationError):
        actions.decide_review(
            pipeline.manager, review, outcome="advance", rationale="Go.", password=""
        )
    assert not Decision.objects.exists()
    assert Review.objects.get(pk=review.pk).status == Review.Status.OPEN
    assert _fresh(pipeline.alliance).stage == Stage.PROOF_OF_CONCEPT


def test_a_decision_waits_for_every_unrecused_score(pipeline: Pipeline) -> None:
    review = actions.open_review(
        pipeline.manager, pipeline.alliance, council=[*pipeline.council, pipeline.conflicted]
    )
    actions.score_review(pipeline.council[0], review, scores=SCORES)
    with pytest.raises(ValidationError) as refused:
        actions.decide_review(
            pipeline.manager, review, outcome="advance", rationale="Go.", password=PASSWORD
        )
    assert "1 council member" in str(refused.value)


def test_a_signed_advance_moves_the_alliance(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    decision = actions.decide_review(
        pipeline.manager, review, outcome="advance", rationale="Strong PoC data.", password=PASSWORD
    )
    signature = decision.signature
    assert signature.is_valid()
    assert (signature.signer_name, signature.meaning) == ("Alma Manager", actions.SIGNATURE_MEANING)
    alliance = _fresh(pipeline.alliance)
    assert alliance.stage == Stage.DEVELOPMENT
    assert [p.stage for p in alliance.periods.all()] == ["proof_of_concept", "development"]


def test_editing_signed_content_invalidates_the_signature(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    decision = actions.decide_review(
        pipeline.manager, review, outcome="advance", rationale="Strong data.", password=PASSWORD
    )
    actions.amend_decision(pipeline.manager, decision, rationale="Weak data, actually.")
    decision = Decision.objects.get(pk=decision.pk)
    assert not decision.signature.is_valid()
    # Changed behind the actions' back, too: the hash no longer matches.
    Decision.objects.filter(pk=decision.pk).update(rationale="Strong data.", outcome="stop")
    assert not Decision.objects.get(pk=decision.pk).signature.is_valid()


def test_changing_the_signatures_manifestation_invalidates_it(pipeline: Pipeline) -> None:
    from datetime import timedelta

    from translink.alliances.models import ElectronicSignature

    review = open_scored_review(pipeline)
    decision = actions.decide_review(
        pipeline.manager, review, outcome="advance", rationale="Go.", password=PASSWORD
    )
    assert ElectronicSignature.objects.get().is_valid()  # as read back from the database
    ElectronicSignature.objects.update(meaning="I only reviewed it.")
    assert not ElectronicSignature.objects.get().is_valid()
    signature = ElectronicSignature.objects.get()
    ElectronicSignature.objects.update(
        meaning=decision.signature.meaning, signed_at=signature.signed_at - timedelta(days=1)
    )
    assert not ElectronicSignature.objects.get().is_valid()


def test_an_invalid_signature_no_longer_lets_the_stage_change(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    decision = actions.decide_review(
        pipeline.manager, review, outcome="advance", rationale="Go.", password=PASSWORD
    )
    actions.amend_decision(pipeline.manager, decision, rationale="Changed.")
    alliance = _fresh(pipeline.alliance)
    alliance.stage = review.from_stage  # as if it had not moved yet
    with pytest.raises(ValidationError) as refused:
        actions.change_stage(pipeline.manager, alliance, review)
    assert "signature" in str(refused.value)


def test_a_review_is_decided_once(pipeline: Pipeline) -> None:
    review = open_scored_review(pipeline)
    actions.decide_review(
        pipeline.manager, review, outcome="hold", rationale="Wait.", password=PASSWORD
    )
    with pytest.raises(ValidationError) as refused:
        actions.decide_review(
            pipeline.manager_2, review, outcome="advance", rationale="Go.", password=PASSWORD
        )
    assert "already decided" in str(refused.value)
    assert Decision.objects.count() == 1


def test_only_staff_open_and_decide(pipeline: Pipeline) -> None:
    with pytest.raises(PermissionDenied):
        actions.open_review(pipeline.council[0], pipeline.alliance, council=pipeline.council)
    review = open_scored_review(pipeline)
    with pytest.raises(PermissionDenied):
        actions.decide_review(
            pipeline.council[0], review, outcome="advance", rationale="Go.", password=PASSWORD
        )


def test_one_review_at_a_time_and_none_after_transfer(pipeline: Pipeline) -> None:
    actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    with pytest.raises(ValidationError) as refused:
        actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    assert refused.value.message_dict == {"stage": ["A review of this alliance is already open."]}
    Alliance.objects.filter(pk=pipeline.alliance.pk).update(stage=Stage.TRANSFER)
    Review.objects.all().delete()
    with pytest.raises(ValidationError) as refused:
        actions.open_review(pipeline.manager, _fresh(pipeline.alliance), council=pipeline.council)
    assert "last stage" in str(refused.value)


def test_the_unrecused_council_is_told_and_the_team_hears_the_decision(pipeline: Pipeline) -> None:
    from django.core import mail

    from translink.accounts import actions as account_actions
    from translink.market.models import Notification

    lead_user = account_actions.create_account(
        None, email="lena.user@test.example", full_name="Lena Lead", role="researcher",
        organization=pipeline.institute, password=PASSWORD,
    )  # fmt: skip
    pipeline.lead.user = lead_user
    pipeline.lead.save(update_fields=["user"])
    review = open_scored_review(pipeline)
    told = set(Notification.objects.values_list("recipient__email", flat=True))
    assert told == {"c1@test.example", "c2@test.example"}  # not the recused member
    assert {m.to[0] for m in mail.outbox} == told
    actions.decide_review(
        pipeline.manager, review, outcome="advance", rationale="Go.", password=PASSWORD
    )
    assert Notification.objects.get(recipient=lead_user).text.endswith(": advance.")


def test_staff_enter_a_members_paper_scores_on_their_behalf(pipeline: Pipeline) -> None:
    review = actions.open_review(pipeline.manager, pipeline.alliance, council=pipeline.council)
    score = actions.score_review(
        pipeline.manager, review, member=pipeline.council[1], scores=SCORES, comment="By mail."
    )
    assert score.member == pipeline.council[1]
    event = AuditEvent.objects.filter(action="alliances.review_scored").get()
    assert (event.actor_id, (event.new or {}).get("member")) == (
        pipeline.manager.pk,
        pipeline.council[1].pk,
    )
    with pytest.raises(PermissionDenied):  # a member never scores for another
        actions.score_review(pipeline.council[0], review, member=pipeline.council[1], scores=SCORES)
