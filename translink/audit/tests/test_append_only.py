from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from translink.audit.actions import record, verify_chain
from translink.audit.models import AuditEvent, AuditTrailIsAppendOnly


@pytest.mark.django_db
def test_it_links_each_event_to_the_previous_one() -> None:
    first = record("test.first", object_type="thing", object_id="1", new={"a": 1})
    second = record(
        "test.second", object_type="thing", object_id="1", old={"a": 1}, new={"a": 2}, reason="fix"
    )
    assert second.prev_hash == first.hash
    assert (second.number, second.old, second.new, second.reason) == (
        first.number + 1,
        {"a": 1},
        {"a": 2},
        "fix",
    )
    assert verify_chain().intact


@pytest.mark.django_db
def test_it_refuses_changes_through_the_orm() -> None:
    event = record("test.event", object_type="thing", object_id="1")
    event.reason = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(reason="rewritten")
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


@pytest.mark.django_db
def test_the_database_refuses_raw_updates_and_deletes() -> None:
    event = record("test.event", object_type="thing", object_id="1")
    table = AuditEvent._meta.db_table
    for sql in (
        f"UPDATE {table} SET reason = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


@pytest.mark.django_db
def test_the_admin_offers_no_way_to_change_or_delete_an_event(admin_client) -> None:
    event = record("test.event", object_type="thing", object_id="1")
    page = admin_client.get(f"/admin/audit/auditevent/{event.pk}/change/")
    assert page.status_code == 200 and b"Save" not in page.content
    assert admin_client.post(f"/admin/audit/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
