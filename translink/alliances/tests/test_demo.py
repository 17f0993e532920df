from __future__ import annotations

from importlib import import_module
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings

from translink.alliances.models import (
    Agreement,
    Alliance,
    Decision,
    FundingCommitment,
    Milestone,
    Recusal,
    Review,
)

pytestmark = pytest.mark.django_db


def test_load_demo_loads_the_alliances_after_what_they_build_on() -> None:
    loaders = settings.DEMO_LOADERS
    assert loaders.index("translink.alliances.demo") > loaders.index("translink.market.demo")


def test_the_demo_has_alliances_in_every_stage_with_reviews_agreements_and_funding() -> None:
    # Only the loaders it builds on, so that this test is about the alliances' demo alone.
    context: dict[str, Any] = {}
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for loader in ("accounts", "people", "market", "alliances"):
            import_module(f"translink.{loader}.demo").load(context)
    stages = set(Alliance.objects.values_list("stage", flat=True))
    assert stages == {"basic_research", "proof_of_concept", "development", "transfer"}
    statuses = set(Alliance.objects.values_list("status", flat=True))
    assert statuses == {"active", "on_hold", "stopped", "transferred"}
    assert Review.objects.filter(status="open").count() == 2
    waiting = Review.objects.filter(status="open").exclude(
        scores__member__email="council@riverside.example"
    )
    assert waiting.count() == 2  # the demo council member's inbox has work
    assert all(d.signature.is_valid() for d in Decision.objects.all())
    assert Recusal.objects.filter(review__alliance__title__startswith="Gut-brain").exists()
    assert Agreement.objects.filter(kind="cda", status="executed").exists()
    assert Agreement.objects.filter(status="in_negotiation").exists()
    assert FundingCommitment.objects.exists() and Milestone.objects.exclude(received_on=None)
    for alliance in Alliance.objects.all():  # time in stage reads like years of work
        periods = list(alliance.periods.order_by("entered_on", "pk"))
        assert periods[0].entered_on == alliance.started_on
        assert periods[-1].entered_on == alliance.stage_entered_on
