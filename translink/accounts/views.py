"""Pages: sign-in and passwords, organizations and their members, API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from translink.accounts import actions
from translink.accounts.forms import (
    AcceptInvitationForm,
    MemberChangeForm,
    MemberForm,
    SignInForm,
    TokenForm,
)
from translink.accounts.models import ApiToken, Invitation, Organization, User
from translink.accounts.policy import (
    get_visible_or_404,
    may_manage_members,
    object_route,
    public,
    signed_in,
    visible,
)
from translink.lib.forms import apply_errors


class AuditedPasswordChange(auth_views.PasswordChangeView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actions.password_changed(form.user, via="change", request=self.request)
        return response


class AuditedPasswordReset(auth_views.PasswordResetConfirmView):
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        actions.password_changed(form.user, via="reset link", request=self.request)
        return response


login = public(
    auth_views.LoginView.as_view(authentication_form=SignInForm, redirect_authenticated_user=True)
)
logout = signed_in()(auth_views.LogoutView.as_view())
password_change = signed_in()(AuditedPasswordChange.as_view())
password_change_done = signed_in()(auth_views.PasswordChangeDoneView.as_view())
password_reset = public(auth_views.PasswordResetView.as_view())
password_reset_done = public(auth_views.PasswordResetDoneView.as_view())
password_reset_confirm = public(AuditedPasswordReset.as_view())
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view())


@signed_in()
def organizations(request: HttpRequest) -> HttpResponse:
    listed = visible(request.user, Organization).order_by("kind", "name")
    return render(request, "accounts/organizations.html", {"organizations": listed})


@object_route(pk=Organization)
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_visible_or_404(request.user, Organization, pk=pk)
    manager = may_manage_members(request.user, org)
    form = MemberForm(request.POST or None)
    if request.method == "POST":
        if not manager:
            raise Http404
        if form.is_valid():
            try:
                actions.invite_member(request.user, org, **form.cleaned_data)  # type: ignore[arg-type]
            except ValidationError as error:
                apply_errors(form, error)
            else:
                # The same words whether or not an account was created (see invite_member).
                email = form.cleaned_data["email"].lower()
                messages.success(
                    request,
                    f"An invitation was sent to {email}; once they choose a password they "
                    "appear below.",
                )
                return redirect("organization", pk=org.pk)
    members = visible(request.user, User).filter(organization=org).order_by("full_name")
    invitations = visible(request.user, Invitation).filter(
        organization=org, accepted_at__isnull=True
    )
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "accounts/organization.html",
        {
            "organization": org,
            "members": members,
            "invitations": invitations,
            "can_manage": manager,
            "form": form,
        },
        status=status,
    )


@public
def accept_invitation(request: HttpRequest, secret: str) -> HttpResponse:
    """The page an invitation's link opens: choose a name and password, then sign in."""
    invitation = actions.open_invitation(secret)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None, initial={"full_name": invitation.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            actions.accept_invitation(
                invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Welcome to {invitation.organization.name}. Please sign in.")
            return redirect("login")
    status = 422 if request.method == "POST" else 200
    return render(
        request, "accounts/invitation.html", {"invitation": invitation, "form": form}, status=status
    )


@object_route(pk=Organization, user_pk=User)
def member(request: HttpRequest, pk: int, user_pk: int) -> HttpResponse:
    org = get_visible_or_404(request.user, Organization, pk=pk)
    person = get_visible_or_404(request.user, User, pk=user_pk, organization=org)
    if not may_manage_members(request.user, org):
        raise Http404
    form = MemberChangeForm(
        request.POST or None,
        initial={"is_org_admin": person.is_org_admin, "is_active": person.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_member(request.user, person, **form.cleaned_data)  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{person.full_name} was updated.")
            return redirect("organization", pk=org.pk)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "accounts/member.html",
        {"organization": org, "person": person, "form": form},
        status=status,
    )


@signed_in()
def tokens(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _, new_token = actions.create_api_token(request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
        form = TokenForm()
    listed = visible(request.user, ApiToken)
    status = 422 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "accounts/tokens.html",
        {"tokens": listed, "form": form, "new_token": new_token},
        status=status,
    )


@require_POST
@object_route(pk=ApiToken)
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_visible_or_404(request.user, ApiToken, pk=pk)
    actions.revoke_api_token(request.user, token)  # type: ignore[arg-type]
    messages.success(
        request, f"Token {token.name} was revoked; clients using it are refused from now on."
    )
    return redirect("tokens")
