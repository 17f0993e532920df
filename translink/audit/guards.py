"""Database triggers that refuse UPDATE, DELETE (and on PostgreSQL TRUNCATE) of audit events.

Installed by migration audit.0002. They hold even against code that bypasses the ORM; only
someone with the rights to drop a trigger can tamper, and ``verify_audit`` then names the
broken event.
"""

from __future__ import annotations

from typing import Any

INSTALL = {
    "sqlite": [
        "CREATE TRIGGER IF NOT EXISTS audit_event_no_update BEFORE UPDATE ON audit_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
        "CREATE TRIGGER IF NOT EXISTS audit_event_no_delete BEFORE DELETE ON audit_auditevent "
        "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;",
    ],
    "postgresql": [
        "CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$ "
        "BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql;",
        "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
        "CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent "
        "FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();",
        "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
        "CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();",
    ],
}
REMOVE = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS audit_event_no_update;",
        "DROP TRIGGER IF EXISTS audit_event_no_delete;",
    ],
    "postgresql": [
        "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent;",
        "DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_auditevent;",
        "DROP FUNCTION IF EXISTS audit_event_append_only();",
    ],
}


def install(connection: Any) -> None:
    _execute(connection, INSTALL)


def remove(connection: Any) -> None:
    """Only for the test suite's database flushes and for a deliberate tamper test."""
    _execute(connection, REMOVE)


def _execute(connection: Any, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for sql in statements.get(connection.vendor, []):
            cursor.execute(sql)
