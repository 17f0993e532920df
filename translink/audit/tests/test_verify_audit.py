from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from translink.audit import guards
from translink.audit.actions import record
from translink.audit.models import AuditEvent


def _drop_guards() -> None:
    """What an attacker with the database owner's rights would do first (rolled back after)."""
    guards.remove(connection)


def _events(n: int) -> list[AuditEvent]:
    return [
        record("test.event", object_type="thing", object_id=str(i), new={"value": i})
        for i in range(n)
    ]


@pytest.mark.django_db
def test_it_reports_an_intact_chain(capsys) -> None:
    _events(5)
    call_command("verify_audit")
    assert "Audit chain intact: 5 events verified." in capsys.readouterr().out


@pytest.mark.django_db
def test_it_names_the_event_whose_content_was_changed() -> None:
    events = _events(6)
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET reason = 'backdated' WHERE id = %s", [events[3].pk]
        )
    with pytest.raises(
        CommandError, match=rf"broken at event #{events[3].number}: its content no longer matches"
    ):
        call_command("verify_audit")


@pytest.mark.django_db
def test_it_names_the_gap_when_an_event_was_deleted() -> None:
    events = _events(4)
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(
        CommandError,
        match=rf"broken at event #{events[1].number}: event #{events[1].number} is missing",
    ):
        call_command("verify_audit")


@pytest.mark.django_db
def test_it_notices_the_newest_events_removed() -> None:
    events = _events(3)
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    with pytest.raises(CommandError, match=rf"broken at event #{events[-1].number}"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_the_audit_page_shows_the_broken_event_to_an_administrator(client, world) -> None:
    client.force_login(world.users["administrator"])
    assert "Chain intact" in client.get("/audit/?verify=1").content.decode()
    _drop_guards()
    target = AuditEvent.objects.order_by("number")[2]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET object_repr = 'forged' WHERE id = %s", [target.pk]
        )
    page = client.get("/audit/?verify=1").content.decode()
    assert f"Chain broken at event #{target.number}" in page


@pytest.mark.django_db
def test_events_appended_during_a_check_are_left_to_the_next_one(monkeypatch) -> None:
    from translink.audit import actions
    from translink.audit.models import ChainHead

    _events(3)
    stale = ChainHead.objects.get(pk=1)  # the head as the check reads it ...
    record("test.concurrent", object_type="thing", object_id="x")  # ... then a write lands
    monkeypatch.setattr(actions.ChainHead.objects, "get", lambda **_: stale)
    report = actions.verify_chain()
    assert report.intact and report.checked == 3
