"""Every change to organizations, accounts and API tokens. Each one is audited."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from translink.accounts.models import ApiToken, Invitation, Organization, Role, User
from translink.accounts.policy import may_manage_members
from translink.accounts.tokens import digest, new_token_text
from translink.audit.actions import record, save_new, snapshot

MANAGED_ROLES = {Role.INDUSTRY, Role.INVESTOR}
ACCOUNT_FIELDS = (
    "email",
    "full_name",
    "role",
    "organization",
    "is_org_admin",
    "is_active",
    "is_staff",
)


def create_organization(
    actor: User | None, *, name: str, kind: str, description: str = "", website: str = ""
) -> Organization:
    organization = Organization(
        name=name.strip(), kind=kind, description=description, website=website
    )
    return save_new(
        organization,
        action="accounts.organization_created",
        actor=actor,
        fields=("name", "kind", "description", "website"),
    )


def create_account(
    actor: User | None,
    *,
    email: str,
    full_name: str,
    role: str,
    organization: Organization,
    password: str | None = None,
    is_org_admin: bool = False,
    is_staff: bool = False,
) -> User:
    """Create an account. Without a password it cannot sign in until its owner sets one."""
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        role=role,
        organization=organization,
        is_org_admin=is_org_admin,
        is_staff=is_staff,
        # The back office's permissions: administrators have them all, nobody else any.
        is_superuser=is_staff and role == Role.ADMINISTRATOR,
    )
    user.set_password(password) if password else user.set_unusable_password()
    return save_new(user, action="accounts.account_created", actor=actor, fields=ACCOUNT_FIELDS)


def invite_member(
    actor: User, organization: Organization, *, email: str, full_name: str, is_org_admin: bool
) -> tuple[Invitation, str]:
    """A company or firm admin invites a colleague by e-mail. Returns the invitation and the
    secret of its link (already e-mailed; returned for the tests and the API's clients).

    Whether the address already has an account elsewhere is not checked here: that is
    decided when the link is used, so the inviter learns nothing about other organizations.
    """
    if not may_manage_members(actor, organization):
        raise PermissionDenied("Only this organization's admin can add members.")
    if organization.is_institute:
        raise ValidationError({"email": "Institute accounts are created by an administrator."})
    email = email.strip().lower()
    if User.objects.filter(email=email, organization=organization).exists():
        raise ValidationError({"email": "This address already belongs to a member here."})
    if any(i.is_open for i in Invitation.objects.filter(email=email, organization=organization)):
        raise ValidationError({"email": "This address already has an open invitation here."})
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        organization=organization,
        email=email,
        full_name=full_name.strip(),
        is_org_admin=is_org_admin,
        invited_by=actor,
        digest=digest(secret),
    )
    invitation.full_clean()
    with transaction.atomic():
        invitation.save()
        record(
            "accounts.member_invited",
            actor=actor,
            obj=invitation,
            new={"email": email, "organization": organization.pk, "is_org_admin": is_org_admin},
        )
    link = settings.SITE_URL + reverse("accept_invitation", kwargs={"secret": secret})
    send_mail(
        subject=f"Join {organization.name} on Translink",
        message=(
            f"{actor.full_name} invites you to join {organization.name} on Translink, the "
            f"platform for collaborations with the institute.\n\nAccept within "
            f"{Invitation.VALID_DAYS} days and choose your password here: {link}\n"
        ),
        from_email=None,
        recipient_list=[email],
    )
    return invitation, secret


def open_invitation(secret: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("organization").filter(digest=digest(secret)).first()
    )
    return invitation if invitation is not None and invitation.is_open else None


def accept_invitation(invitation: Invitation, *, full_name: str, password: str) -> User:
    """Create the invited account with the chosen password, once."""
    if not invitation.is_open:
        raise ValidationError("This invitation has expired or was already used.")
    if User.objects.filter(email=invitation.email).exists():
        raise ValidationError(
            "This address already has a Translink account. Sign in with it, or ask the "
            "institute's administrator to move it."
        )
    role = (
        Role.INDUSTRY
        if invitation.organization.kind == Organization.Kind.COMPANY
        else Role.INVESTOR
    )
    try:
        validate_password(password, User(email=invitation.email, full_name=full_name))
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from None
    with transaction.atomic():
        user = create_account(
            invitation.invited_by,
            email=invitation.email,
            full_name=full_name,
            role=role,
            organization=invitation.organization,
            password=password,
            is_org_admin=invitation.is_org_admin,
        )
        invitation.accepted_at, invitation.account = timezone.now(), user
        invitation.save(update_fields=["accepted_at", "account"])
        record("accounts.invitation_accepted", actor=user, obj=invitation, new={"account": user.pk})
    return user


def update_member(
    actor: User, member: User, *, is_org_admin: bool, is_active: bool, reason: str = ""
) -> User:
    """Change a member's admin flag or deactivate them. Nobody can lock themselves out.

    A company or firm admin manages their colleagues only, not Advisory Council members
    who happen to belong to the same organization.
    """
    if not may_manage_members(actor, member.organization) or (
        actor.role != Role.ADMINISTRATOR and member.role not in MANAGED_ROLES
    ):
        raise PermissionDenied("Only this organization's admin can change its members.")
    if (
        member.pk == actor.pk
        and (not is_active or not is_org_admin)
        and actor.role != Role.ADMINISTRATOR
    ):
        raise ValidationError(
            {"is_org_admin": "You cannot remove your own admin rights or account."}
        )
    old = snapshot(member, ("is_org_admin", "is_active"))
    member.is_org_admin, member.is_active = is_org_admin, is_active
    member.full_clean()
    new = snapshot(member, ("is_org_admin", "is_active"))
    if old == new:
        return member
    with transaction.atomic():
        member.save(update_fields=["is_org_admin", "is_active"])
        action = (
            "accounts.role_changed"
            if old["is_org_admin"] != new["is_org_admin"]
            else "accounts.account_changed"
        )
        if not is_active and old["is_active"]:
            action = "accounts.account_deactivated"
        record(action, actor=actor, obj=member, old=old, new=new, reason=reason)
    return member


def change_role(
    actor: User | None, member: User, *, role: str, is_staff: bool, reason: str
) -> User:
    """An administrator changes what a person may do. The reason is kept with the event.

    Only institute accounts may use the back office.
    """
    if is_staff and not member.organization.is_institute:
        raise ValidationError({"is_staff": "Only institute accounts may use the back office."})
    old = snapshot(member, ("role", "is_staff", "is_superuser"))
    member.role, member.is_staff = role, is_staff
    member.is_superuser = is_staff and role == Role.ADMINISTRATOR
    member.full_clean()
    new = snapshot(member, ("role", "is_staff", "is_superuser"))
    if old != new:
        with transaction.atomic():
            member.save(update_fields=["role", "is_staff", "is_superuser"])
            record(
                "accounts.role_changed", actor=actor, obj=member, old=old, new=new, reason=reason
            )
    return member


def create_api_token(actor: User, *, name: str) -> tuple[ApiToken, str]:
    """A new token for the actor; the clear text is returned once and never stored."""
    text, prefix = new_token_text()
    token = ApiToken(user=actor, name=name.strip(), prefix=prefix, digest=digest(text))
    token.full_clean()
    with transaction.atomic():
        token.save()
        record(
            "accounts.api_token_created",
            actor=actor,
            obj=token,
            new={"name": token.name, "prefix": prefix},
        )
    return token, text


def revoke_api_token(actor: User, token: ApiToken) -> ApiToken:
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record(
            "accounts.api_token_revoked",
            actor=actor,
            obj=token,
            old={"revoked_at": None},
            new={"revoked_at": token.revoked_at},
        )
    return token


def password_changed(user: User, *, via: str, request: HttpRequest | None = None) -> None:
    """Django's password views save the password; this records that it happened (never the
    password or its hash)."""
    record("auth.password_changed", actor=user, obj=user, reason=f"by {via}", request=request)


def set_competitors(
    actor: User | None, organization: Organization, competitors: list[Organization]
) -> None:
    """Record which companies compete with ``organization`` (both ways), for conflict checks."""
    if any(c.kind != Organization.Kind.COMPANY or c.pk == organization.pk for c in competitors):
        raise ValidationError({"competitors": "Competitors are other companies."})
    with transaction.atomic():
        old = snapshot(organization, ("competitors",))
        organization.competitors.set(competitors)
        record(
            "accounts.competitors_set",
            actor=actor,
            obj=organization,
            old=old,
            new=snapshot(organization, ("competitors",)),
        )
