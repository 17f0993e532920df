"""Every change to organizations, accounts and API tokens. Each one is audited."""

from __future__ import annotations

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from translink.accounts.models import ApiToken, Organization, Role, User
from translink.accounts.policy import may_manage_members
from translink.accounts.tokens import digest, new_token_text
from translink.audit.actions import record, snapshot

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
    organization.full_clean()
    with transaction.atomic():
        organization.save()
        record(
            "accounts.organization_created",
            actor=actor,
            obj=organization,
            new=snapshot(organization, ("name", "kind", "description", "website")),
        )
    return organization


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
    )
    user.set_password(password) if password else user.set_unusable_password()
    user.full_clean()
    with transaction.atomic():
        user.save()
        record(
            "accounts.account_created", actor=actor, obj=user, new=snapshot(user, ACCOUNT_FIELDS)
        )
    return user


def invite_member(
    actor: User, organization: Organization, *, email: str, full_name: str, is_org_admin: bool
) -> User:
    """A company or firm admin adds a colleague, who gets an e-mail to choose a password."""
    if not may_manage_members(actor, organization):
        raise PermissionDenied("Only this organization's admin can add members.")
    role = {
        Organization.Kind.COMPANY: Role.INDUSTRY,
        Organization.Kind.INVESTOR: Role.INVESTOR,
    }.get(Organization.Kind(organization.kind))
    if role is None:
        raise ValidationError({"email": "Institute accounts are created by an administrator."})
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise ValidationError({"email": "An account with this e-mail address already exists."})
    user = create_account(
        actor,
        email=email,
        full_name=full_name,
        role=role,
        organization=organization,
        is_org_admin=is_org_admin,
    )
    send_welcome(user, invited_by=actor)
    return user


def send_welcome(user: User, *, invited_by: User) -> None:
    link = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    send_mail(
        subject="Your Translink account",
        message=(
            f"{invited_by.full_name} added you to {user.organization.name} on Translink.\n\n"
            f"Choose your password here: {link}\n"
        ),
        from_email=None,
        recipient_list=[user.email],
    )


def update_member(
    actor: User, member: User, *, is_org_admin: bool, is_active: bool, reason: str = ""
) -> User:
    """Change a member's admin flag or deactivate them. Nobody can lock themselves out."""
    if not may_manage_members(actor, member.organization):
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
    """An administrator changes what a person may do. The reason is kept with the event."""
    old = snapshot(member, ("role", "is_staff"))
    member.role, member.is_staff = role, is_staff
    member.full_clean()
    new = snapshot(member, ("role", "is_staff"))
    if old != new:
        with transaction.atomic():
            member.save(update_fields=["role", "is_staff"])
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
