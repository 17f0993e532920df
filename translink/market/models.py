"""Market pull and research push: industry needs, research assets, the answers between
them, introductions made by alliance managers, and in-app notifications."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class TherapeuticArea(models.TextChoices):
    ONCOLOGY = "oncology", "Oncology"
    NEUROLOGY = "neurology", "Neurology and neurodegeneration"
    PSYCHIATRY = "psychiatry", "Psychiatry"
    IMMUNOLOGY = "immunology", "Immunology and inflammation"
    GASTROENTEROLOGY = "gastroenterology", "Gastroenterology and the microbiome"
    RARE_DISEASES = "rare_diseases", "Rare diseases"
    CARDIOMETABOLIC = "cardiometabolic", "Cardiometabolic"
    INFECTIOUS = "infectious", "Infectious disease"
    OTHER = "other", "Other"


class Modality(models.TextChoices):
    SMALL_MOLECULE = "small_molecule", "Small molecule"
    BIOLOGIC = "biologic", "Biologic"
    CELL_GENE = "cell_gene_therapy", "Cell or gene therapy"
    DEVICE = "device", "Device"
    DIAGNOSTIC = "diagnostic", "Diagnostic"
    DIGITAL = "digital", "Digital"


class Stage(models.TextChoices):
    """The translational pipeline of the seed page."""

    BASIC_RESEARCH = "basic_research", "Basic research"
    PROOF_OF_CONCEPT = "proof_of_concept", "Proof of concept"
    DEVELOPMENT = "development", "Development"
    TRANSFER = "transfer", "Transfer"


class Offer(models.TextChoices):
    FUNDING = "funding", "Funding"
    DATA = "data", "Data"
    COMPOUNDS = "compounds", "Compounds"
    PLATFORM = "platform_access", "Platform access"


class Confidentiality(models.TextChoices):
    PUBLIC = "public", "Public: researchers see it with the company's name"
    ANONYMOUS = "anonymous", "Anonymous: researchers see it without the company's name"
    INVITED = "invited", "Invited researchers only"
    STAFF_ONLY = "staff_only", "Alliance managers only"


def _check_choices(values: object, choices: type[models.TextChoices], field: str) -> None:
    if not isinstance(values, list) or not values:
        raise ValidationError({field: "Choose at least one."})
    unknown = [v for v in values if v not in choices.values]
    if unknown:
        raise ValidationError({field: f"Unknown choice {unknown[0]!r}."})


class Need(models.Model):
    """What a company is looking for (market pull). The confidential detail is shown only
    to the company, to alliance managers, and to researchers the level admits."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    company = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="needs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What researchers may read.")
    confidential_detail = models.TextField(blank=True)
    therapeutic_area = models.CharField(max_length=30, choices=TherapeuticArea.choices)
    modality = models.CharField(max_length=30, choices=Modality.choices)
    stage_sought = models.CharField(max_length=30, choices=Stage.choices)
    offers = models.JSONField(default=list)
    budget_min = models.PositiveIntegerField(null=True, blank=True, help_text="US dollars")
    budget_max = models.PositiveIntegerField(null=True, blank=True, help_text="US dollars")
    response_deadline = models.DateField(null=True, blank=True)
    confidentiality = models.CharField(
        max_length=20, choices=Confidentiality.choices, default=Confidentiality.PUBLIC
    )
    invited_researchers = models.ManyToManyField(
        "people.Researcher", blank=True, related_name="invited_needs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        _check_choices(self.offers, Offer, "offers")
        if (
            self.budget_min is not None
            and self.budget_max is not None
            and self.budget_max < self.budget_min
        ):
            raise ValidationError({"budget_max": "The budget's upper end is below its lower end."})
        if self.company_id is not None and self.company.kind != "company":
            raise ValidationError({"company": "Needs are posted by companies."})

    def offer_labels(self) -> list[str]:
        return [Offer(o).label for o in self.offers if o in Offer.values]


class Asset(models.Model):
    """What the institute offers (research push): a non-confidential summary by design."""

    class IpStatus(models.TextChoices):
        NONE = "none", "None"
        DISCLOSURE_FILED = "disclosure_filed", "Invention disclosure filed"
        PATENT_PENDING = "patent_pending", "Patent pending"
        GRANTED = "granted", "Patent granted"

    class Sought(models.TextChoices):
        PARTNER = "partner", "A development partner"
        FUNDING = "funding", "Funding"
        LICENSEE = "licensee", "A licensee"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft (owners and alliance managers only)"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="Non-confidential: companies and investors read this.")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    readiness_level = models.PositiveSmallIntegerField(
        help_text="Technology readiness level, 1 to 9."
    )
    ip_status = models.CharField(max_length=20, choices=IpStatus.choices)
    sought = models.JSONField(default=list)
    owners = models.ManyToManyField("people.Researcher", related_name="assets")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        _check_choices(self.sought, Asset.Sought, "sought")
        if not 1 <= (self.readiness_level or 0) <= 9:
            raise ValidationError(
                {"readiness_level": "Technology readiness levels run from 1 to 9."}
            )

    def sought_labels(self) -> list[str]:
        return [Asset.Sought(s).label for s in self.sought if s in Asset.Sought.values]


class Interest(models.Model):
    """An answer: a researcher to a need, or a company to an asset. The other side accepts
    or declines, with a reason the sender sees."""

    class NextStep(models.TextChoices):
        CALL = "call", "An introductory call"
        MEETING = "meeting", "A meeting"
        PROPOSAL = "proposal", "A written proposal"
        CDA = "cda", "A confidentiality agreement first"

    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"

    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.CASCADE, related_name="interests"
    )
    asset = models.ForeignKey(
        Asset, null=True, blank=True, on_delete=models.CASCADE, related_name="interests"
    )
    researcher = models.ForeignKey(
        "people.Researcher",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interests",
    )
    company = models.ForeignKey(
        "accounts.Organization",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="interests",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approach = models.TextField(help_text="How you would address it.")
    experience = models.TextField(help_text="Relevant experience, results or capabilities.")
    next_step = models.CharField(max_length=20, choices=NextStep.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "researcher"], name="one_answer_per_researcher"
            ),
            models.UniqueConstraint(fields=["asset", "company"], name="one_answer_per_company"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        need__isnull=False,
                        researcher__isnull=False,
                        asset__isnull=True,
                        company__isnull=True,
                    )
                    | models.Q(
                        asset__isnull=False,
                        company__isnull=False,
                        need__isnull=True,
                        researcher__isnull=True,
                    )
                ),
                name="researcher_to_need_or_company_to_asset",
            ),
        ]

    def __str__(self) -> str:
        if self.need_id:
            return f"{self.researcher} on {self.need}"
        return f"{self.company} on {self.asset}"


class Introduction(models.Model):
    """An alliance manager puts a researcher and a company in touch: who, when, why."""

    introduced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    researcher = models.ForeignKey(
        "people.Researcher", on_delete=models.PROTECT, related_name="introductions"
    )
    company = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="introductions"
    )
    need = models.ForeignKey(
        Need, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    asset = models.ForeignKey(
        Asset, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions"
    )
    reason = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.researcher} and {self.company}"


class Notification(models.Model):
    """Something a person should know, shown in the page and, by default, e-mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    text = models.CharField(max_length=300)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.text
