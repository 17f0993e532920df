"""The home page's "Coming up" list: each person's dated duties, through the wall."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from translink.alliances.models import FundingCommitment, Milestone
from translink.dashboard.agenda import Item, agenda
from translink.market import actions as market_actions
from translink.market.models import Interest
from translink.regulatory.models import Obligation
from translink.tcrc.models import Cohort

pytestmark = pytest.mark.django_db


def _agenda(client, user) -> str:
    """The "Coming up" panel of ``user``'s home page, as text ('' when there is none)."""
    client.force_login(user)
    page = client.get("/").content.decode()
    found = re.search(r'data-testid="panel-agenda".*?</section>', page, re.S)
    if found is None:
        return ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def test_each_company_sees_its_own_admissions_and_payments_and_no_other_companys(
    client, world
) -> None:
    a = _agenda(client, world.users["company_a"])
    b = _agenda(client, world.users["company_b"])
    assert "Admission CANARY-TCRC-A SAD 1: 2 participants, 2 nights" in a
    assert "Milestone payment Microglia alliance CANARY-ALLIANCE-A" in a
    assert "CANARY-TCRC-B" not in a and "CANARY-ALLIANCE-B" not in a and "CANARY-B-" not in a
    assert "Admission CANARY-TCRC-B SAD 1" in b
    assert "CANARY-TCRC-A" not in b and "CANARY-ALLIANCE-A" not in b and "CANARY-A-" not in b
    assert _agenda(client, world.users["investor"]) == ""  # nothing of theirs falls due


def test_overdue_duties_lead_the_list_and_say_how_late(client, world) -> None:
    today = timezone.localdate()
    page = _agenda(client, world.users["researcher"])
    own = Obligation.objects.filter(ind__product__contains="CANARY-IND-OWN", status="open")
    first = own.order_by("due").first()
    assert first is not None and first.due < today
    late = (today - first.due).days
    assert (
        f"{late} days overdue FDA deadline IND (pending): CANARY-IND-OWN tracer: {first.title}"
        in (page)
    )
    client.force_login(world.users["researcher"])
    html = client.get("/").content.decode()
    dates = re.findall(r'data-testid="agenda-item">\s*<td><time datetime="([\d-]+)"', html)
    assert dates == sorted(dates) and len(dates) >= 4
    past = [d for d in dates if date.fromisoformat(d) < today]  # her answers wait since today
    assert html.count('class="overdue" data-testid="agenda-item"') == len(past) >= 3


def test_an_alliance_manager_sees_fda_deadlines_only_when_assigned_to_them(client, world) -> None:
    manager = world.users["alliance_manager"]
    assert "FDA deadline" not in _agenda(client, manager)
    duty = Obligation.objects.filter(status="open").order_by("due").first()
    assert duty is not None
    Obligation.objects.filter(pk=duty.pk).update(owner=manager)
    assert "FDA deadline IND (pending): " in _agenda(client, manager)
    assert duty.title in _agenda(client, manager)


def test_answers_waiting_are_counted_per_need_for_whoever_decides_and_leave_once_decided(
    client, world
) -> None:
    company_a = world.users["company_a"]
    assert "Microglial PET tracer partner: 1 answer awaiting a decision" in _agenda(
        client, company_a
    )
    assert "Microglial PET tracer partner" not in _agenda(client, world.users["company_b"])
    waiting = Interest.objects.get(need__title="Microglial PET tracer partner", status="pending")
    market_actions.decide_interest(company_a, waiting, accept=True, reason="Let us talk.")
    assert "Microglial PET tracer partner" not in _agenda(client, company_a)


def test_the_list_shows_twelve_and_says_how_many_there_are(client, world) -> None:
    commitment = FundingCommitment.objects.filter(sponsor__name__contains="CANARY-B").first()
    assert commitment is not None
    soon = timezone.localdate() + timedelta(days=5)
    for n in range(14):
        Milestone.objects.create(
            commitment=commitment, title=f"Tranche {n}", amount=Decimal(1000), due_on=soon
        )
    page = _agenda(client, world.users["company_b"])
    shown, total = agenda(world.users["company_b"], timezone.localdate())
    assert len(shown) == 12 and total == 17
    assert "The first 12 of 17 items" in page
    assert page.count("Milestone payment") == 10  # the old one, then nine of the tranches
    assert page.index("Admission CANARY-TCRC-B") < page.index("Tranche")
    assert "overdue ones first: all 17 ." in page
    client.force_login(world.users["company_b"])
    assert '<a href="/agenda/">all 17</a>' in client.get("/").content.decode()
    full = client.get("/agenda/").content.decode()
    assert full.count('data-testid="agenda-item"') == 17 and "Tranche 13" in full
    client.force_login(world.users["company_a"])
    theirs = client.get("/agenda/").content.decode()
    assert "Tranche" not in theirs and "CANARY-TCRC-A" in theirs


def test_admissions_more_than_two_weeks_out_or_cancelled_are_not_listed(client, world) -> None:
    cohort = Cohort.objects.get(study__protocol_number="CANARY-TCRC-B")
    assert cohort.dose_day is not None
    lead = world.users["researcher"]  # she leads study B
    assert "CANARY-TCRC-B SAD 1" in _agenda(client, lead)
    Cohort.objects.filter(pk=cohort.pk).update(dose_day=timezone.localdate() + timedelta(days=16))
    assert "CANARY-TCRC-B" not in _agenda(client, lead)
    Cohort.objects.filter(pk=cohort.pk).update(
        dose_day=cohort.dose_day, status=Cohort.Status.CANCELLED
    )
    assert "CANARY-TCRC-B" not in _agenda(client, lead)


def test_dates_read_relative_to_today() -> None:
    today = date(2026, 11, 28)

    def when(day: date, waiting: bool = False) -> str:
        return Item(day, "k", "t", "/", today, waiting=waiting).when

    assert when(today) == "today"
    assert when(today + timedelta(days=1)) == "tomorrow"
    assert when(today + timedelta(days=9)) == "in 9 days"
    assert when(today - timedelta(days=1)) == "1 day overdue"
    assert when(today - timedelta(days=40)) == "40 days overdue"
    assert when(today - timedelta(days=3), waiting=True) == "waiting 3 days"
    assert not Item(today - timedelta(days=3), "k", "t", "/", today, waiting=True).overdue
    assert Item(date(2027, 1, 2), "k", "t", "/", today).this_year is False


def test_a_researcher_is_told_of_answers_to_the_assets_she_owns(client, world) -> None:
    page = _agenda(client, world.users["researcher"])
    assert "Open microglia assay: 1 answer awaiting a decision" in page
    assert "Answers to decide" not in _agenda(client, world.users["investor"])


def test_the_api_gives_the_same_list_to_a_token_through_the_wall(client, world) -> None:
    from translink.accounts.actions import create_api_token

    _, secret = create_api_token(world.users["company_a"], name="agenda sync")
    bearer = f"Bearer {secret}"
    body = client.get("/api/agenda", {"limit": 3}, HTTP_AUTHORIZATION=bearer)
    assert body.status_code == 200, body.content
    data = body.json()
    shown, total = agenda(world.users["company_a"], timezone.localdate(), limit=3)
    assert data["total"] == total and len(data["items"]) == 3
    assert [i["title"] for i in data["items"]] == [i.title for i in shown]
    assert data["items"][0]["overdue"] is True and data["items"][0]["on"] < str(
        timezone.localdate()
    )
    every = client.get("/api/agenda", HTTP_AUTHORIZATION=bearer).json()
    assert every["total"] == len(every["items"]) and "CANARY-TCRC-A" in str(every)
    assert "CANARY-B-" not in str(every) and "CANARY-TCRC-B" not in str(every)


def test_the_api_refuses_a_limit_out_of_range_and_says_which(client, world) -> None:
    client.force_login(world.users["company_b"])
    for bad in ("0", "201", "many"):
        response = client.get("/api/agenda", {"limit": bad})
        assert response.status_code == 422, bad
        assert "limit" in response.json()["error"]["fields"], bad


def test_a_council_member_is_asked_for_her_scores_until_she_gives_them(client, world) -> None:
    from translink.alliances import actions as alliance_actions
    from translink.alliances.models import Score
    from translink.alliances.tests.world import SCORES

    cora, cyrus = world.alliances["council"]  # Cyrus is recused from review A
    review = world.alliances["review_a"]
    Score.objects.filter(review=review, member=cora).delete()
    asked = "Microglia alliance CANARY-ALLIANCE-A: your scores for the gate into development"
    page = _agenda(client, cora)
    assert asked in page and "since today" in page  # an undated review waits from its opening
    assert "your scores" not in _agenda(client, cyrus)
    staff = _agenda(client, world.users["alliance_manager"])
    assert "scores and decision for the gate into development" in staff
    alliance_actions.score_review(cora, review, scores=SCORES, comment="Done.")
    assert asked not in _agenda(client, cora)
