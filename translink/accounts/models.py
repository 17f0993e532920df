"""Organizations, the people who sign in, their roles, and their API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Organization(models.Model):
    """The institute, a company, or an investor firm: the unit behind every information wall."""

    class Kind(models.TextChoices):
        INSTITUTE = "institute", "Research institute"
        COMPANY = "company", "Company"
        INVESTOR = "investor", "Investor firm"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    competitors = models.ManyToManyField(
        "self",
        blank=True,
        help_text="Companies that compete with this one: a researcher's relationship with a "
        "competitor is a conflict of interest in matching. Known to the institute's staff only.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_institute(self) -> bool:
        return self.kind == self.Kind.INSTITUTE


class Role(models.TextChoices):
    ALLIANCE_MANAGER = "alliance_manager", "Alliance manager"
    REGULATORY = "regulatory_specialist", "Regulatory specialist"
    TCRC_COORDINATOR = "tcrc_coordinator", "TCRC coordinator"
    TRAINING_COORDINATOR = "training_coordinator", "Training coordinator"
    RESEARCHER = "researcher", "Researcher"
    INDUSTRY = "industry_member", "Industry member"
    INVESTOR = "investor", "Investor"
    COUNCIL = "council_member", "Council member"
    ADMINISTRATOR = "administrator", "Administrator"


# Which kind of organization each role belongs to; council members may come from anywhere.
ROLE_ORGANIZATION_KINDS: dict[str, set[str]] = {
    Role.ALLIANCE_MANAGER: {Organization.Kind.INSTITUTE},
    Role.REGULATORY: {Organization.Kind.INSTITUTE},
    Role.TCRC_COORDINATOR: {Organization.Kind.INSTITUTE},
    Role.TRAINING_COORDINATOR: {Organization.Kind.INSTITUTE},
    Role.RESEARCHER: {Organization.Kind.INSTITUTE},
    Role.ADMINISTRATOR: {Organization.Kind.INSTITUTE},
    Role.INDUSTRY: {Organization.Kind.COMPANY},
    Role.INVESTOR: {Organization.Kind.INVESTOR},
    Role.COUNCIL: set(Organization.Kind.values),
}


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("role", Role.ADMINISTRATOR)
        fields.setdefault("full_name", "Administrator")
        if "organization" not in fields:
            fields["organization"], _ = Organization.objects.get_or_create(
                kind=Organization.Kind.INSTITUTE, defaults={"name": "Research Institute"}
            )
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Their role and organization decide what they may see."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    role = models.CharField(max_length=40, choices=Role.choices)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="members")
    is_org_admin = models.BooleanField(
        default=False, help_text="Manages the members of their own company or firm."
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May use the back-office admin.")
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()
        allowed = ROLE_ORGANIZATION_KINDS.get(self.role, set())
        if self.organization_id is not None and self.organization.kind not in allowed:
            raise ValidationError(
                {
                    "role": f"A {Role(self.role).label.lower()} cannot belong to "
                    f"{Organization.Kind(self.organization.kind).label.lower()} "
                    f"{self.organization.name}."
                }
            )
        if self.is_org_admin and self.organization_id and self.organization.is_institute:
            raise ValidationError(
                {"is_org_admin": "Only members of a company or investor firm can be its admin."}
            )

    @property
    def is_institute_user(self) -> bool:
        return self.organization.is_institute

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class ApiToken(models.Model):
    """A per-user API credential. Only a SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Invitation(models.Model):
    """An invitation to join a company or investor firm on Translink.

    The e-mailed link carries a secret of which only a SHA-256 digest is kept. Accepting it
    creates the account; an address that already has an account elsewhere is refused at
    acceptance, never at invitation, so the inviter cannot learn who has an account.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    is_org_admin = models.BooleanField(default=False)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    account = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    VALID_DAYS = 14

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}> to {self.organization}"

    @property
    def is_open(self) -> bool:
        age = timezone.now() - self.created_at
        return self.accepted_at is None and age.days < self.VALID_DAYS
