"""The agreements registry (lifecycle, log, cycle time, expiry alerts) and funding
(milestones, received against committed), in actions, pages and exports."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from translink.alliances import agreement_actions as deals
from translink.alliances.models import Agreement, FundingCommitment, NegotiationEntry
from translink.alliances.tests.conftest import Pipeline


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _cda(p: Pipeline, **fields: object) -> Agreement:
    return deals.create_agreement(
        p.manager, kind="cda", title="Tracer CDA", company=p.company, alliance=p.alliance,
        first_draft_on=date(2026, 1, 5), **fields,  # type: ignore[arg-type]
    )  # fmt: skip


def test_cycle_time_runs_from_first_draft_to_signature(pipeline: Pipeline) -> None:
    cda = _cda(pipeline, note="Sent our template.")
    deals.move_agreement(pipeline.manager, cda, status="in_negotiation", on=date(2026, 1, 20))
    deals.move_agreement(pipeline.manager, cda, status="executed", on=date(2026, 2, 19))
    assert Agreement.objects.get().cycle_days == 45
    notes = list(NegotiationEntry.objects.values_list("note", flat=True))
    assert notes == ["Sent our template.", "Now in negotiation.", "Now executed."]


def test_it_refuses_a_step_the_state_does_not_allow(pipeline: Pipeline) -> None:
    cda = _cda(pipeline)
    deals.move_agreement(pipeline.manager, cda, status="terminated", on=date(2026, 1, 6))
    with pytest.raises(ValidationError) as refused:
        deals.move_agreement(pipeline.manager, cda, status="executed", on=date(2026, 1, 7))
    assert "can become nothing" in str(refused.value.message_dict["status"])
    with pytest.raises(ValidationError) as refused:
        deals.move_agreement(
            pipeline.manager, _cda(pipeline), status="executed", on=date(2025, 1, 1)
        )
    assert "before the first draft" in str(refused.value.message_dict["on"])


def test_the_list_warns_of_cdas_about_to_expire(pipeline: Pipeline) -> None:
    today = timezone.localdate()
    soon = _cda(pipeline, expires_on=today + timedelta(days=30))
    deals.move_agreement(pipeline.manager, soon, status="executed", on=date(2026, 1, 6))
    later = _cda(pipeline, expires_on=today + timedelta(days=300))
    deals.move_agreement(pipeline.manager, later, status="executed", on=date(2026, 1, 6))
    page = _client(pipeline.manager).get("/agreements/").content.decode()
    assert "expires in 30 days" in page
    assert "expires in 300 days" not in page
    only = _client(pipeline.manager).get("/agreements/?expiring=1").context["agreements"]
    assert only == [soon]


def test_bad_agreement_input_is_refused_field_by_field(pipeline: Pipeline) -> None:
    client = _client(pipeline.manager)
    answer = client.post(
        "/agreements/new/",
        {"kind": "cda", "title": "Bad", "company": pipeline.company.pk,
         "first_draft_on": "2026-03-01", "expires_on": "2026-01-01"},
    )  # fmt: skip
    assert answer.status_code == 422
    assert "cannot expire before its first draft" in str(
        answer.context["form"].errors["expires_on"]
    )
    answer = client.post(
        "/api/alliances/agreements",
        {"kind": "cda", "title": "Bad", "company_id": pipeline.institute.pk,
         "first_draft_on": "2026-03-01"},
        content_type="application/json",
    )  # fmt: skip
    assert answer.status_code == 422
    assert "company" in answer.json()["error"]["fields"]
    assert not Agreement.objects.exists()


def test_received_counts_paid_milestones_against_the_commitment(pipeline: Pipeline) -> None:
    commitment = deals.commit_funding(
        pipeline.manager, alliance=pipeline.alliance, sponsor=pipeline.company,
        amount=Decimal("100000"), starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
        milestones=[("Protocol", Decimal("30000"), date(2026, 3, 1)),
                    ("First patient", Decimal("50000"), date(2026, 9, 1))],
    )  # fmt: skip
    first = commitment.milestones.first()
    assert first is not None
    deals.receive_milestone(pipeline.manager, first, on=date(2026, 3, 3))
    listed = _client(pipeline.manager).get("/api/alliances/funding").json()["items"]
    assert (listed[0]["amount"], listed[0]["received"]) == ("100000.00", "30000.00")
    page = _client(pipeline.manager).get(f"/alliances/{pipeline.alliance.pk}/").content.decode()
    assert "<td>100,000</td><td>30,000</td>" in page  # amounts read with thousands marked
    assert "Protocol: 30,000, due 2026-03-01" in page
    with pytest.raises(ValidationError):
        deals.receive_milestone(pipeline.manager, first, on=date(2026, 3, 4))


def test_milestones_cannot_promise_more_than_the_commitment(pipeline: Pipeline) -> None:
    with pytest.raises(ValidationError) as refused:
        deals.commit_funding(
            pipeline.manager, alliance=pipeline.alliance, sponsor=pipeline.company,
            amount=Decimal("1000"), starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31),
            milestones=[("All of it and more", Decimal("1500"), date(2026, 3, 1))],
        )  # fmt: skip
    assert "milestones" in refused.value.message_dict
    answer = _client(pipeline.manager).post(
        f"/alliances/{pipeline.alliance.pk}/funding/",
        {"sponsor": pipeline.company.pk, "amount": "1000", "starts_on": "2026-06-01",
         "ends_on": "2026-01-01"},
    )  # fmt: skip
    assert answer.status_code == 422
    assert "cannot end before it starts" in answer.content.decode()
    assert not FundingCommitment.objects.exists()


def test_exports_carry_the_visible_rows_and_defuse_formulas(pipeline: Pipeline) -> None:
    deals.create_agreement(
        pipeline.manager, kind="mta", title="=HYPERLINK(evil)", company=pipeline.company,
        first_draft_on=date(2026, 1, 5),
    )  # fmt: skip
    text = _client(pipeline.manager).get("/agreements/export.csv").content.decode()
    assert "'=HYPERLINK(evil)" in text
    alliances = _client(pipeline.manager).get("/alliances/export.csv").content.decode()
    assert "Microglial PET,Neuroinflammation and neurodegeneration,Proof of concept" in alliances


def test_the_calendar_feed_lists_agreement_and_review_dates(pipeline: Pipeline) -> None:
    from translink.alliances import actions

    _cda(pipeline, expires_on=date(2027, 1, 5))
    actions.open_review(
        pipeline.manager, pipeline.alliance, council=pipeline.council, due_on=date(2026, 4, 1)
    )
    feed = _client(pipeline.manager).get("/alliances/calendar.ics").content.decode()
    assert feed.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20260105" in feed and "DTSTART;VALUE=DATE:20270105" in feed
    assert "SUMMARY:Gate review scores due: Microglial PET" in feed


def test_an_executed_cda_naming_a_need_unlocks_it_for_its_researcher(pipeline: Pipeline) -> None:
    from translink.accounts import actions as account_actions
    from translink.alliances.queries import cda_unlocks
    from translink.market import actions as market_actions

    member = account_actions.create_account(
        None, email="m@partner.example", full_name="Mo Partner", role="industry_member",
        organization=pipeline.company, password="x" * 12,
    )  # fmt: skip
    need = market_actions.post_need(
        member, title="Tracer partner", summary="A tracer for microglia, please.",
        confidential_detail="Target list", confidentiality="public", therapeutic_area="neurology",
        modality="biologic", stage_sought="proof_of_concept", offers=["funding"],
    )  # fmt: skip
    today = date(2026, 6, 1)
    cda = deals.create_agreement(
        pipeline.manager, kind="cda", title="CDA on the tracer", company=pipeline.company,
        researcher=pipeline.lead, need=need, first_draft_on=date(2026, 1, 5),
        expires_on=date(2026, 12, 31),
    )  # fmt: skip
    assert not cda_unlocks(pipeline.lead, need, today)  # a draft unlocks nothing
    deals.move_agreement(pipeline.manager, cda, status="executed", on=date(2026, 2, 1))
    assert cda_unlocks(pipeline.lead, need, today)
    assert not cda_unlocks(pipeline.colleague, need, today)
    assert not cda_unlocks(pipeline.lead, need, date(2027, 1, 1))  # expired


def test_the_wall_opens_a_needs_detail_to_the_researcher_of_an_executed_cda(
    pipeline: Pipeline,
) -> None:
    from django.utils import timezone

    from translink.accounts import actions as account_actions
    from translink.accounts.policy import may_see_need_detail
    from translink.market import actions as market_actions

    member = account_actions.create_account(
        None, email="m@partner.example", full_name="Mo Partner", role="industry_member",
        organization=pipeline.company, password="x" * 12,
    )  # fmt: skip
    lena = account_actions.create_account(
        None, email="lena@test.example", full_name="Lena Lead", role="researcher",
        organization=pipeline.institute, password="x" * 12,
    )  # fmt: skip
    pipeline.lead.user = lena
    pipeline.lead.save(update_fields=["user"])
    need = market_actions.post_need(
        member, title="Tracer partner", summary="A tracer for microglia, please.",
        confidential_detail="Target list", confidentiality="public", therapeutic_area="neurology",
        modality="biologic", stage_sought="proof_of_concept", offers=["funding"],
    )  # fmt: skip
    assert not may_see_need_detail(lena, need)
    today = timezone.localdate()
    cda = deals.create_agreement(
        pipeline.manager, kind="cda", title="CDA on the tracer", company=pipeline.company,
        researcher=pipeline.lead, need=need, first_draft_on=today,
        expires_on=today.replace(year=today.year + 1),
    )  # fmt: skip
    assert not may_see_need_detail(lena, need)  # a draft opens nothing
    deals.move_agreement(pipeline.manager, cda, status="executed", on=today)
    assert may_see_need_detail(lena, need)
