from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.db.models import Count

from translink.accounts.demo import DEMO_PASSWORD, RESEARCHER_LOGIN, demo_logins
from translink.accounts.models import Organization, Role, User
from translink.audit.actions import verify_chain
from translink.people.models import Department, FocusArea, Publication, Researcher

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


def test_it_builds_an_institute_of_the_promised_size(demo: str) -> None:
    assert Department.objects.count() >= 12
    assert Researcher.objects.count() == 300
    per_researcher = Researcher.objects.annotate(n=Count("authorships"))
    assert min(r.n for r in per_researcher) >= 5
    assert not Publication.objects.filter(title="").exists()
    assert not Publication.objects.filter(abstract="").exists()
    kinds = Counter(Organization.objects.values_list("kind", flat=True))
    assert kinds == {"institute": 1, "company": 20, "investor": 3}


def test_it_spreads_researchers_over_the_focus_areas(demo: str) -> None:
    areas = Counter(area for r in Researcher.objects.all() for area in r.focus_areas)
    assert set(areas) == set(FocusArea.values)
    assert min(areas.values()) >= 45  # each area holds at least 15% of 300


def test_it_prints_one_working_sign_in_per_role(demo: str, client) -> None:
    printed = demo.split("Demo sign-ins")[1]
    assert {User.objects.get(email=email).role for _, email in demo_logins()} == set(Role.values)
    for role, email in demo_logins():
        assert email in printed
        assert client.login(username=email, password=DEMO_PASSWORD), role
    researcher = User.objects.get(email=RESEARCHER_LOGIN)
    assert Researcher.objects.get(user=researcher).authorships.count() >= 5


def test_a_second_run_reuses_the_data(demo: str, capsys) -> None:
    call_command("load_demo")
    assert "already holds data" in capsys.readouterr().out
    assert Researcher.objects.count() == 300
    assert Organization.objects.count() == 24


def test_every_demo_record_is_in_the_audit_trail(demo: str) -> None:
    report = verify_chain()
    assert report.intact
    assert report.checked >= Researcher.objects.count() + Publication.objects.count()


def test_it_is_the_same_institute_every_time(demo: str) -> None:
    first = list(Publication.objects.order_by("pmid").values_list("pmid", "title")[:50])
    from translink.people.demo_corpus import researchers

    again = sorted((p.pmid, p.title) for r in researchers() for p in r.publications)[:50]
    assert first == again


def test_the_demo_administrator_can_use_the_back_office(demo: str, client) -> None:
    client.login(username="admin@riverside.example", password=DEMO_PASSWORD)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get("/admin/audit/auditevent/").status_code == 200


def test_it_fills_the_market_with_every_level_and_state(demo: str) -> None:
    from translink.market.models import Asset, Interest, Introduction, Need
    from translink.people.models import Disclosure

    assert set(Need.objects.values_list("confidentiality", flat=True)) == {
        "public", "anonymous", "invited", "staff_only",
    }  # fmt: skip
    states = set(Interest.objects.values_list("status", flat=True))
    assert states == {"pending", "accepted", "declined"}
    assert Asset.objects.count() >= 30 and Introduction.objects.count() >= 10
    assert Disclosure.objects.count() >= 50
    researcher = User.objects.get(email=RESEARCHER_LOGIN)
    assert Interest.objects.filter(sent_by=researcher).exists()
    assert Interest.objects.filter(asset__owners__user=researcher).exists()


def test_the_demo_introductions_read_as_written_keeping_acronyms(demo: str) -> None:
    from translink.market.models import Introduction

    introductions = list(Introduction.objects.select_related("need", "researcher"))
    assert len(introductions) == 10
    for intro in introductions:
        assert intro.reason.startswith(f"{intro.researcher.full_name} works on ")
        assert intro.need is not None
        subject = intro.need.title.split(" on ")[-1]
        assert intro.reason.endswith(f"{subject[1:]}."), intro.reason  # case kept past the 1st
        for word in subject.split():
            if sum(ch.isupper() for ch in word) > 1:  # T-cell, CAR-T, DNA, HDAC
                assert word in intro.reason, intro.reason


def test_the_demo_market_has_a_history_answers_after_posts_decisions_after_answers(
    demo: str,
) -> None:
    from django.utils import timezone

    from translink.dashboard.agenda import agenda
    from translink.market.models import Interest

    now = timezone.now()
    answers = list(Interest.objects.select_related("need", "asset"))
    for answer in answers:
        answered = answer.need or answer.asset
        assert answered is not None
        posted = answered.created_at
        assert posted < answer.created_at < now
        assert answer.decided_at is None or answer.created_at < answer.decided_at < now
    assert (now - min(a.created_at for a in answers)).days >= 7
    from translink.market.models import Introduction

    for intro in Introduction.objects.select_related("need"):
        assert intro.need is not None and intro.need.created_at < intro.created_at < now
    # The alliance manager's list of answers to decide runs oldest first, over several days.
    manager = User.objects.get(role=Role.ALLIANCE_MANAGER)
    items, _ = agenda(manager, timezone.localdate(), None)
    waiting = [item.on for item in items
               if item.kind == "Answers to decide"]  # fmt: skip
    assert waiting == sorted(waiting) and len(set(waiting)) > 5


def test_no_two_demo_needs_or_assets_share_a_title(demo: str) -> None:
    from translink.market.models import Asset, Need

    for model in (Need, Asset):
        titles = list(model.objects.values_list("title", flat=True))
        assert len(titles) == len(set(titles)), model.__name__
