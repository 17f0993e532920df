"""Forms for signing in, adding members and naming API tokens."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Django's sign-in form, with a clear message when the account is blocked."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That e-mail address and password do not match an active account.",
        "blocked": (
            "Too many failed sign-ins for this account in the last hour. Try again in an "
            "hour; if you did not make these attempts, tell the institute's administrator."
        ),
        "blocked_address": (
            "Too many failed sign-ins from your network address in the last hour. Try again "
            "in an hour, or tell the institute's administrator."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mail address"
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autofocus": True})

    def clean(self) -> dict[str, Any]:
        try:
            return super().clean()
        except forms.ValidationError:
            blocked = getattr(self.request, "login_blocked", "")
            if blocked:
                code = "blocked_address" if blocked == "address" else "blocked"
                raise forms.ValidationError(self.error_messages[code], code=code) from None
            raise


class MemberForm(forms.Form):
    email = forms.EmailField(label="E-mail address")
    full_name = forms.CharField(label="Full name", min_length=2, max_length=200)
    is_org_admin = forms.BooleanField(
        label="Can manage members", required=False, help_text="Adds and removes colleagues."
    )


class MemberChangeForm(forms.Form):
    is_org_admin = forms.BooleanField(label="Can manage members", required=False)
    is_active = forms.BooleanField(label="Account active", required=False)
    reason = forms.CharField(label="Reason for the change", max_length=500, required=False)


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Where it will be used, e.g. 'nightly export'.",
    )


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label="Your name", min_length=2, max_length=200)
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters; common passwords are refused.",
    )
    password2 = forms.CharField(
        label="The same password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        return data
