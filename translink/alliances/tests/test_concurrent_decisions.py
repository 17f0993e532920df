"""Two alliance managers decide the same review at the same moment: exactly one decision
stands, the other is told the review is already decided.

This needs real row locks, so it runs on PostgreSQL (DATABASE_URL=postgres://...); SQLite
serializes every write anyway and has no SELECT ... FOR UPDATE.
"""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from translink.alliances import actions
from translink.alliances.models import Alliance, Decision, Review, Stage
from translink.alliances.tests.conftest import PASSWORD, Pipeline, open_scored_review

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL (set DATABASE_URL)"
)


@pytest.mark.django_db(transaction=True)
def test_two_staff_deciding_at_once_end_with_one_decision(
    transactional_audit: None, pipeline: Pipeline
) -> None:
    review = open_scored_review(pipeline)
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(name: str, manager: object, outcome: str) -> None:
        try:
            start.wait()
            actions.decide_review(
                manager,  # type: ignore[arg-type]
                Review.objects.get(pk=review.pk),
                outcome=outcome,
                rationale=f"{name} decides {outcome}.",
                password=PASSWORD,
            )
            outcomes[name] = "decided"
        except ValidationError as refused:
            outcomes[name] = " ".join(refused.messages)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=("first", pipeline.manager, "advance")),
        threading.Thread(target=decide, args=("second", pipeline.manager_2, "stop")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == ["This review is already decided.", "decided"]
    decision = Decision.objects.get(review=review)
    assert decision.signature.is_valid()
    alliance = Alliance.objects.get(pk=pipeline.alliance.pk)
    if decision.outcome == "advance":
        assert (alliance.stage, alliance.status) == (Stage.DEVELOPMENT, "active")
    else:
        assert (alliance.stage, alliance.status) == (Stage.PROOF_OF_CONCEPT, "stopped")
