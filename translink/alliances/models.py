"""Alliances along the translational pipeline, the stage gates the Advisory Council guards,
and the alliances' agreements and funding.

Every write goes through ``actions.py``; stage changes happen there alone, and only through
a decided, validly signed review.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from translink.people.models import FocusArea


class Stage(models.TextChoices):
    """The pipeline, in order."""

    BASIC_RESEARCH = "basic_research", "Basic research"
    PROOF_OF_CONCEPT = "proof_of_concept", "Proof of concept"
    DEVELOPMENT = "development", "Development"
    TRANSFER = "transfer", "Transfer"


STAGE_ORDER: list[str] = list(Stage.values)


def next_stage(stage: str) -> str | None:
    """The stage after ``stage``, or None after transfer."""
    position = STAGE_ORDER.index(stage)
    return STAGE_ORDER[position + 1] if position + 1 < len(STAGE_ORDER) else None


class Criterion(models.TextChoices):
    """The council's rubric."""

    SCIENTIFIC_MERIT = "scientific_merit", "Scientific merit"
    CLINICAL_NEED = "clinical_need", "Clinical need"
    MARKET_PULL = "market_pull", "Market pull"
    FEASIBILITY = "feasibility", "Feasibility"
    TEAM = "team", "Team"


DEFAULT_WEIGHTS = {
    "scientific_merit": 25,
    "clinical_need": 20,
    "market_pull": 20,
    "feasibility": 20,
    "team": 15,
}


class Alliance(models.Model):
    """A cross-departmental team and its industry partners working on one problem."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ON_HOLD = "on_hold", "On hold"
        STOPPED = "stopped", "Stopped"
        TRANSFERRED = "transferred", "Transferred"

    title = models.CharField(max_length=200)
    problem_statement = models.TextField()
    focus_area = models.CharField(max_length=30, choices=FocusArea.choices)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.BASIC_RESEARCH)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    partners = models.ManyToManyField("accounts.Organization", blank=True, related_name="alliances")
    origin_introduction = models.ForeignKey(
        "market.Introduction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    origin_need = models.ForeignKey(
        "market.Need", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_on = models.DateField(default=timezone.localdate)
    stage_entered_on = models.DateField(default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class Member(models.Model):
    """A researcher on an alliance's team."""

    class Role(models.TextChoices):
        LEAD = "lead", "Lead"
        CO_INVESTIGATOR = "co_investigator", "Co-investigator"

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="members")
    researcher = models.ForeignKey(
        "people.Researcher", on_delete=models.PROTECT, related_name="alliance_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["-role", "researcher__full_name"]  # "lead" sorts after "co_investigator"
        constraints = [
            models.UniqueConstraint(fields=["alliance", "researcher"], name="member_once")
        ]

    def __str__(self) -> str:
        return f"{self.researcher} ({self.get_role_display()})"


class StagePeriod(models.Model):
    """How long an alliance spent in a stage: the funnel's time in stage and conversions."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="periods")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    entered_on = models.DateField()
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["entered_on", "pk"]

    def __str__(self) -> str:
        return f"{self.alliance}: {self.get_stage_display()} from {self.entered_on:%Y-%m-%d}"


class GateCriteria(models.Model):
    """What the council asks of an alliance entering ``stage``, and the rubric's weights."""

    stage = models.CharField(max_length=20, choices=Stage.choices, unique=True)
    criteria = models.TextField()
    weights = models.JSONField(default=dict, help_text="Percent by criterion; they sum to 100.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["stage"]
        verbose_name_plural = "gate criteria"

    def __str__(self) -> str:
        return f"Gate into {self.get_stage_display()}"

    def clean(self) -> None:
        super().clean()
        weights = self.weights if isinstance(self.weights, dict) else {}
        if set(weights) != set(Criterion.values):
            raise ValidationError({"weights": "Give a weight for each of the five criteria."})
        if any(not isinstance(w, int) or w < 0 for w in weights.values()):
            raise ValidationError({"weights": "Weights are whole percentages, 0 or more."})
        if sum(weights.values()) != 100:
            raise ValidationError(
                {"weights": f"The weights add up to {sum(weights.values())}, not 100."}
            )


class Review(models.Model):
    """A gate review: staff ask the council whether an alliance should enter ``to_stage``."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DECIDED = "decided", "Decided"

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="reviews")
    from_stage = models.CharField(max_length=20, choices=Stage.choices)
    to_stage = models.CharField(max_length=20, choices=Stage.choices)
    criteria = models.TextField(blank=True, help_text="The gate's criteria as of opening.")
    weights = models.JSONField(default=dict, help_text="The rubric's weights as of opening.")
    council = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="assigned_reviews")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance"],
                condition=models.Q(status="open"),
                name="one_open_review_an_alliance",
                violation_error_message="A review of this alliance is already open.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.alliance}: gate into {self.get_to_stage_display()}"


class Recusal(models.Model):
    """A council member kept out of a review, and why (found automatically on assignment)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    disclosure = models.ForeignKey(
        "people.Disclosure", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "member"], name="recused_once")]

    def __str__(self) -> str:
        return f"{self.member} recused: {self.reason}"


SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Score(models.Model):
    """One council member's scores (1 to 5) on the rubric, with their comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    scientific_merit = models.PositiveSmallIntegerField(validators=SCORE)
    clinical_need = models.PositiveSmallIntegerField(validators=SCORE)
    market_pull = models.PositiveSmallIntegerField(validators=SCORE)
    feasibility = models.PositiveSmallIntegerField(validators=SCORE)
    team = models.PositiveSmallIntegerField(validators=SCORE)
    comment = models.TextField(blank=True)
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["scored_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["review", "member"], name="score_once")]

    def __str__(self) -> str:
        return f"{self.member} on {self.review}"

    def weighted(self, weights: dict[str, int]) -> Decimal:
        """The score on the 1 to 5 scale, each criterion counted by its weight in percent."""
        total = sum(getattr(self, name) * weights.get(name, 0) for name in Criterion.values)
        return (Decimal(total) / 100).quantize(Decimal("0.01"))


class Decision(models.Model):
    """The gate's outcome. One per review: the database refuses a second."""

    class Outcome(models.TextChoices):
        ADVANCE = "advance", "Advance"
        HOLD = "hold", "Hold"
        STOP = "stop", "Stop"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.get_outcome_display()}: {self.review}"

    def signed_content(self) -> str:
        """What the signature covers, as canonical text: change any of it and it no longer
        matches the hash stored when it was signed."""
        review = self.review
        return json.dumps(
            {
                "review": review.pk,
                "alliance": review.alliance_id,
                "from_stage": review.from_stage,
                "to_stage": review.to_stage,
                "outcome": self.outcome,
                "rationale": self.rationale,
                "decided_by": self.decided_by_id,
            },
            sort_keys=True,
        )


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class ElectronicSignature(models.Model):
    """A decision signed by a person who re-entered their password (21 CFR 11.50 style):
    who, when and what it means, and a hash of the content they signed."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="signature")
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(max_length=200)
    signed_at = models.DateTimeField(default=timezone.now)
    meaning = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.signer_name}, {self.signed_at:%Y-%m-%d %H:%M} UTC: {self.meaning}"

    def signed_text(self) -> str:
        """The decision as signed, bound to this signature's manifestation (who, when, what
        it means), so that neither can be changed without the other."""
        manifest = {
            "signer": self.signer_id,
            "signer_name": self.signer_name,
            "signed_at": self.signed_at.isoformat(),
            "meaning": self.meaning,
        }
        return self.decision.signed_content() + json.dumps(manifest, sort_keys=True)

    def is_valid(self) -> bool:
        """True while the decision and the signature still read exactly as when signed."""
        return self.content_hash == content_hash(self.signed_text())


class Agreement(models.Model):
    """A collaborative agreement with a company: from first draft to signature and beyond."""

    class Kind(models.TextChoices):
        CDA = "cda", "Confidential disclosure agreement (CDA)"
        MTA = "mta", "Material transfer agreement (MTA)"
        SPONSORED_RESEARCH = "sponsored_research", "Sponsored research agreement"
        CLINICAL_TRIAL = "clinical_trial", "Clinical trial agreement"
        OPTION = "option", "Option agreement"
        LICENCE = "licence", "Licence"
        COLLABORATION = "collaboration", "Collaboration agreement"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_NEGOTIATION = "in_negotiation", "In negotiation"
        EXECUTED = "executed", "Executed"
        EXPIRED = "expired", "Expired"
        TERMINATED = "terminated", "Terminated"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    title = models.CharField(max_length=200)
    company = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="agreements"
    )
    researcher = models.ForeignKey(
        "people.Researcher",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        help_text="The institute's researcher party, where the agreement names one.",
    )
    alliance = models.ForeignKey(
        Alliance, on_delete=models.SET_NULL, null=True, blank=True, related_name="agreements"
    )
    need = models.ForeignKey(
        "market.Need",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The industry need a CDA covers: once executed, its researcher may read the "
        "need's confidential detail.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    first_draft_on = models.DateField()
    executed_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-first_draft_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    def clean(self) -> None:
        super().clean()
        if self.company_id is not None and self.company.kind != "company":
            raise ValidationError({"company": "The other party must be a company."})
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": "The value cannot be negative."})
        if self.need is not None and self.need.company_id != self.company_id:
            raise ValidationError({"need": "The need must be the company's own."})
        if self.expires_on and self.expires_on < self.first_draft_on:
            raise ValidationError({"expires_on": "It cannot expire before its first draft."})

    @property
    def cycle_days(self) -> int | None:
        """Days from first draft to signature, once executed."""
        if self.executed_on is None:
            return None
        return (self.executed_on - self.first_draft_on).days


class NegotiationEntry(models.Model):
    """One line of an agreement's negotiation log."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="log")
    on = models.DateField()
    note = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["on", "pk"]
        verbose_name_plural = "negotiation entries"

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}: {self.note[:60]}"


class FundingCommitment(models.Model):
    """Money a sponsor committed to an alliance over a period, paid against milestones."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="funding")
    sponsor = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="funding_commitments"
    )
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    starts_on = models.DateField()
    ends_on = models.DateField()
    agreement = models.ForeignKey(
        Agreement, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self) -> str:
        return f"{self.sponsor}: {self.amount} to {self.alliance}"

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "A commitment is more than zero."})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The period cannot end before it starts."})
        if self.sponsor_id is not None and self.sponsor.kind == "institute":
            raise ValidationError({"sponsor": "The sponsor is a company or an investor firm."})


class Milestone(models.Model):
    """A payment a commitment promises when something is done; ``received_on`` once paid."""

    commitment = models.ForeignKey(
        FundingCommitment, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.amount is not None and self.amount <= 0:
            raise ValidationError({"amount": "A milestone pays more than zero."})
