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
    intact = client.get("/audit/?verify=1").content.decode()
    assert "Chain intact" in intact
    newest = AuditEvent.objects.latest("number")
    assert f"Anchor <code>{newest.number}:{newest.hash}</code>" in intact
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


def _anchor(capsys) -> str:
    call_command("verify_audit")
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("Anchor: "))
    return line.removeprefix("Anchor: ").split(" ")[0]


def _rewrite_from(number: int, reason: str) -> None:
    """A full forgery: change one event, then recompute every later hash and the head, as
    someone with the database owner's rights and this code could."""
    from translink.audit.actions import STORED_FIELDS
    from translink.audit.chain import event_hash

    _drop_guards()
    rows = list(AuditEvent.objects.order_by("number").values(*STORED_FIELDS))
    previous = rows[number - 2]["hash"] if number > 1 else "0" * 64
    with connection.cursor() as cursor:
        for row in rows[number - 1 :]:
            if row["number"] == number:
                row["reason"] = reason
            row["prev_hash"] = previous
            row["hash"] = event_hash(row)
            cursor.execute(
                "UPDATE audit_auditevent SET reason = %s, prev_hash = %s, hash = %s "
                "WHERE number = %s",
                [row["reason"], row["prev_hash"], row["hash"], row["number"]],
            )
            previous = row["hash"]
        cursor.execute("UPDATE audit_chainhead SET last_hash = %s WHERE id = 1", [previous])


@pytest.mark.django_db
def test_an_anchor_kept_outside_catches_a_chain_rewritten_with_its_hashes(capsys) -> None:
    _events(6)
    anchor = _anchor(capsys)
    assert anchor.startswith("6:")
    _events(2)
    call_command("verify_audit", anchor=[anchor])
    assert "8 events verified, 1 anchors hold." in capsys.readouterr().out
    _rewrite_from(3, "backdated approval")
    call_command("verify_audit")  # the chain alone still verifies: every hash was redone
    assert "Audit chain intact: 8 events verified." in capsys.readouterr().out
    with pytest.raises(CommandError, match=r"Anchor #6 does not hold: .* rewritten at or before"):
        call_command("verify_audit", anchor=[anchor])


@pytest.mark.django_db
def test_an_anchor_past_the_verified_chain_says_events_were_removed(capsys) -> None:
    events = _events(6)
    anchor = _anchor(capsys)
    _drop_guards()
    with connection.cursor() as cursor:  # the head set back to hide event 6, left in place
        cursor.execute(
            "UPDATE audit_chainhead SET count = 5, last_hash = %s WHERE id = 1", [events[4].hash]
        )
    call_command("verify_audit")
    assert "Audit chain intact: 5 events verified." in capsys.readouterr().out
    with pytest.raises(
        CommandError, match=r"Anchor #6 does not hold: the chain verifies only up to event #5"
    ):
        call_command("verify_audit", anchor=[anchor])


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["6", "6:abc", "0:" + "a" * 64, "x:" + "a" * 64, "6:" + "g" * 64])
def test_a_malformed_anchor_is_refused_with_what_it_should_look_like(text: str) -> None:
    _events(2)
    with pytest.raises(CommandError, match=r"expected NUMBER:HASH"):
        call_command("verify_audit", anchor=[text])


@pytest.mark.django_db
def test_the_audit_page_gives_times_in_utc_as_its_heading_says(client, world) -> None:
    from datetime import UTC

    client.force_login(world.users["administrator"])
    event = record("test.event", object_type="thing", object_id="utc")
    page = client.get("/audit/?action=test.event").content.decode()
    assert "When (UTC)" in page
    assert event.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") in page
