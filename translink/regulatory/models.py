"""The IND registry: applications, their investigators, the submission log, safety reports
and the obligations the rule engine (``translink.regulatory.rules``) computes for them.

Every write goes through ``actions``; the lifecycle's transitions live in
``actions.lifecycle`` alone.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class Ind(models.Model):
    """An Investigational New Drug application the institute sponsors or supports.

    ``fda_received`` is the receipt date FDA acknowledged (the 30-day clock's day 0),
    ``effective_by`` the day it goes into effect unless FDA holds it first (IND-01), and
    ``time_zone`` the sponsor's site zone in which sponsor clocks (safety reports) are read.
    """

    class Status(models.TextChoices):
        PRE_IND = "pre_ind", "Pre-IND"
        SUBMITTED = "submitted", "Submitted"
        IN_EFFECT = "in_effect", "In effect"
        FULL_HOLD = "full_hold", "On full clinical hold"
        PARTIAL_HOLD = "partial_hold", "On partial clinical hold"
        INACTIVE = "inactive", "Inactive"
        WITHDRAWN = "withdrawn", "Withdrawn"
        TERMINATED = "terminated", "Terminated"

    number = models.CharField(max_length=20, blank=True, help_text="FDA's IND number, once known.")
    sponsor_investigator = models.ForeignKey(
        "people.Researcher", on_delete=models.PROTECT, related_name="inds"
    )
    sponsor_company = models.ForeignKey(
        "accounts.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sponsored_inds",
    )
    product = models.CharField(max_length=200)
    indication = models.CharField(max_length=300)
    division = models.CharField(max_length=200, blank=True, help_text="FDA review division.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRE_IND)
    sent_on = models.DateField(null=True, blank=True)
    fda_received = models.DateField(null=True, blank=True)
    effective_by = models.DateField(null=True, blank=True)
    effective = models.DateField(null=True, blank=True)
    hold_imposed = models.DateField(null=True, blank=True)
    inactivated = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    time_zone = models.CharField(max_length=64, default="America/New_York")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["product", "pk"]
        verbose_name = "IND"
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="ind_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"IND {self.number or '(pending)'}: {self.product}"

    def clean(self) -> None:
        super().clean()
        if self.time_zone not in available_timezones():
            raise ValidationError({"time_zone": f"Unknown time zone {self.time_zone!r}."})
        company = self.sponsor_company if self.sponsor_company_id is not None else None
        if company is not None and company.kind != "company":
            raise ValidationError({"sponsor_company": "The sponsor company must be a company."})

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Investigator(models.Model):
    """An investigator on the IND's protocols; "added" is the day they signed Form FDA 1572."""

    ind = models.ForeignKey(Ind, on_delete=models.CASCADE, related_name="investigators")
    researcher = models.ForeignKey(
        "people.Researcher", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(max_length=200)
    signed_1572 = models.DateField("Form FDA 1572 signed")

    class Meta:
        ordering = ["signed_1572", "pk"]

    def __str__(self) -> str:
        return self.name


class Submission(models.Model):
    """One entry of the submission log, numbered serially from 000 (IND-22)."""

    class Kind(models.TextChoices):
        ORIGINAL = "original", "Original IND"
        PROTOCOL_AMENDMENT = "protocol_amendment", "Protocol amendment"
        INFORMATION_AMENDMENT = "information_amendment", "Information amendment"
        SAFETY_REPORT = "safety_report", "IND safety report"
        ANNUAL_REPORT = "annual_report", "Annual report"
        HOLD_RESPONSE = "hold_response", "Complete response to clinical hold"
        WITHDRAWAL = "withdrawal", "Withdrawal"

    ind = models.ForeignKey(Ind, on_delete=models.CASCADE, related_name="submissions")
    serial = models.CharField(max_length=4)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    sent_on = models.DateField()
    fda_received = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["serial"]
        constraints = [
            models.UniqueConstraint(fields=["ind", "serial"], name="submission_serial_unique")
        ]

    def __str__(self) -> str:
        return f"{self.serial} {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.fda_received is not None and self.fda_received < self.sent_on:
            raise ValidationError({"fda_received": "FDA cannot receive it before it was sent."})


class SafetyReport(models.Model):
    """An adverse-event intake: ``received_at`` (any sponsor staff) starts the 7-day clock of
    a fatal or life-threatening SUSAR, ``qualified_at`` the 15-day clock.

    A follow-up (``follows`` set, always to the initial report) is new information on that
    event: ``received_at`` is when the sponsor received it, ``qualified_at`` when it showed
    an event first judged not reportable to be reportable (else the same as received).
    """

    ind = models.ForeignKey(Ind, on_delete=models.CASCADE, related_name="safety_reports")
    follows = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="followups"
    )
    description = models.TextField()
    received_at = models.DateTimeField()
    qualified_at = models.DateTimeField()
    serious = models.BooleanField(default=False)
    unexpected = models.BooleanField(default=False)
    fatal_or_life_threatening = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        what = "Follow-up information" if self.follows_id is not None else "Safety report"
        return f"{what} of {self.received_at:%Y-%m-%d}"

    def clean(self) -> None:
        super().clean()
        if self.received_at and self.qualified_at and self.qualified_at < self.received_at:
            raise ValidationError({"qualified_at": "It cannot qualify before it was received."})

    @property
    def is_susar(self) -> bool:
        """Serious and unexpected: the reports that start 21 CFR 312.32 clocks."""
        return self.serious and self.unexpected


class Obligation(models.Model):
    """One deadline the rule engine computed for an IND, with its provenance."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        CLOSED = "closed", "Closed"

    ind = models.ForeignKey(Ind, on_delete=models.CASCADE, related_name="obligations")
    rule = models.CharField(max_length=10)
    clock = models.CharField(max_length=40)
    kind = models.CharField(max_length=20)
    title = models.CharField(max_length=300)
    citation = models.CharField(max_length=200)
    version = models.CharField(max_length=20)
    day0 = models.DateField()
    due = models.DateField()
    submit_by = models.DateField(null=True, blank=True)
    warn_from = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    met_on = models.DateField(null=True, blank=True)
    closed_reason = models.CharField(max_length=300, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    safety_report = models.ForeignKey(
        SafetyReport, on_delete=models.CASCADE, null=True, blank=True, related_name="obligations"
    )
    investigator = models.ForeignKey(
        Investigator, on_delete=models.CASCADE, null=True, blank=True, related_name="obligations"
    )
    # A ClinicalTrials.gov duty (CTG-01..05) of a study run under the IND.
    study = models.ForeignKey(
        "tcrc.Study", on_delete=models.CASCADE, null=True, blank=True, related_name="obligations"
    )

    class Meta:
        ordering = ["due", "rule", "pk"]

    def __str__(self) -> str:
        return f"{self.rule} {self.title} (due {self.due:%Y-%m-%d})"

    @property
    def source(self) -> models.Model:
        """What started the clock: a safety report, an investigator, a study, or the IND."""
        return self.safety_report or self.investigator or self.study or self.ind
