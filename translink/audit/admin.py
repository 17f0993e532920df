from __future__ import annotations

from django.contrib import admin

from translink.audit.models import AuditEvent
from translink.lib.admin import ViewOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ViewOnlyAdmin):
    """Read-only: the application offers no way to change or delete an event."""

    list_display = ("number", "at", "actor_label", "action", "object_repr")
    list_filter = ("action",)
    search_fields = ("actor_label", "object_repr", "object_id")
