from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from translink.accounts import actions
from translink.accounts.models import ApiToken, Organization, User
from translink.lib.admin import ViewOnlyAdmin


@admin.register(Organization)
class OrganizationAdmin(ViewOnlyAdmin):
    list_display = ("name", "kind", "created_at")
    list_filter = ("kind",)
    search_fields = ("name",)


class RoleChangeForm(forms.ModelForm):
    reason = forms.CharField(max_length=500, help_text="Kept with the audit event.")

    class Meta:
        model = User
        fields = ("role", "is_staff")


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Administrators change roles here; each change is audited with its reason."""

    form = RoleChangeForm
    list_display = ("email", "full_name", "role", "organization", "is_active", "last_login")
    list_filter = ("role", "organization__kind", "is_active")
    search_fields = ("email", "full_name")
    readonly_fields = ("email", "full_name", "organization", "is_active", "last_login")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        current = User.objects.get(pk=obj.pk)
        actions.change_role(
            request.user,  # type: ignore[arg-type]
            current,
            role=form.cleaned_data["role"],
            is_staff=form.cleaned_data["is_staff"],
            reason=form.cleaned_data["reason"],
        )


@admin.register(ApiToken)
class ApiTokenAdmin(ViewOnlyAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    exclude = ("digest",)
