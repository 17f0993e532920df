"""The institute's departments, researchers and their publications."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from translink.lib.identifiers import normalize_orcid


class FocusArea(models.TextChoices):
    """The seed's areas for alliances, plus the think tanks' rare diseases."""

    EPIGENETICS = "epigenetics", "Epigenetics"
    NEURO = "neuro", "Neuroinflammation and neurodegeneration"
    CANCER_IMMUNOLOGY = "cancer_immunology", "Cancer immunology"
    MICROBIOME = "microbiome", "The microbiome"
    RARE_DISEASES = "rare_diseases", "Rare diseases"


class Department(models.Model):
    """A department of the institute; a researcher may belong to more than one."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Researcher(models.Model):
    """A member of the institute's faculty or staff: who they are and what they know."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="researcher",
    )
    full_name = models.CharField(max_length=200)
    title = models.CharField(max_length=120, blank=True)
    email = models.EmailField(unique=True)
    orcid = models.CharField(
        "ORCID iD",
        max_length=19,
        unique=True,
        null=True,
        blank=True,
        help_text="e.g. 0000-0002-1825-0097",
    )
    departments = models.ManyToManyField(Department, related_name="researchers")
    focus_areas = models.JSONField(default=list, blank=True)
    specialties = models.JSONField(default=list, blank=True)
    bio = models.TextField(blank=True)
    open_to_industry = models.BooleanField(
        default=True, help_text="Visible to companies and investors, and open to their proposals."
    )
    max_active_alliances = models.PositiveSmallIntegerField(
        default=3, help_text="How many alliances at once this researcher is willing to join."
    )

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
        if self.orcid:
            normal = normalize_orcid(self.orcid)
            if normal is None:
                raise ValidationError(
                    {"orcid": f"{self.orcid!r} is not a valid ORCID iD (check the last character)."}
                )
            self.orcid = normal
        else:
            self.orcid = None
        if not isinstance(self.focus_areas, list):
            raise ValidationError({"focus_areas": "Give a list of focus areas."})
        unknown = [area for area in self.focus_areas if area not in FocusArea.values]
        if unknown:
            raise ValidationError(
                {
                    "focus_areas": f"Unknown focus area {unknown[0]!r}: use one of "
                    f"{', '.join(FocusArea.values)}."
                }
            )
        if not isinstance(self.specialties, list) or not all(
            isinstance(s, str) for s in self.specialties
        ):
            raise ValidationError(
                {"specialties": "Give specialties as a list of words or phrases."}
            )

    def focus_area_labels(self) -> list[str]:
        return [FocusArea(area).label for area in self.focus_areas if area in FocusArea.values]


class Publication(models.Model):
    """A paper: title and abstract carry the expertise that matching reads."""

    title = models.TextField()
    abstract = models.TextField(blank=True)
    journal = models.CharField(max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    pmid = models.CharField(max_length=12, unique=True, null=True, blank=True)
    doi = models.CharField(max_length=200, unique=True, null=True, blank=True)
    mesh_terms = models.JSONField(default=list, blank=True)
    authors = models.JSONField(default=list, blank=True, help_text="Author names in byline order.")

    class Meta:
        ordering = ["-year", "title"]

    def __str__(self) -> str:
        return self.title[:120]


class Authorship(models.Model):
    """A researcher's place in a publication's byline (1 is first author)."""

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="authorships")
    publication = models.ForeignKey(
        Publication, on_delete=models.CASCADE, related_name="authorships"
    )
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["researcher", "publication"], name="one_authorship_per_paper"
            )
        ]
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.researcher} #{self.position} on {self.publication}"


class Disclosure(models.Model):
    """A researcher's disclosed relationship with a company: the source of conflict checks.

    Visible to institute staff and to the researcher, never to companies or investors.
    """

    class Kind(models.TextChoices):
        CONSULTING = "consulting", "Consulting"
        EQUITY = "equity", "Equity"
        LICENCE = "licence", "Licence"
        RESEARCH_FUNDING = "research_funding", "Research funding"
        ADVISORY_BOARD = "advisory_board", "Advisory board"

    researcher = models.ForeignKey(Researcher, on_delete=models.CASCADE, related_name="disclosures")
    company = models.ForeignKey(
        "accounts.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    company_name = models.CharField(
        max_length=200, help_text="As disclosed, even if not on Translink."
    )
    kind = models.CharField(max_length=30, choices=Kind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.researcher}: {self.get_kind_display()} with {self.company_name}"

    def clean(self) -> None:
        super().clean()
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The relationship cannot end before it started."})
        if self.company is not None and not self.company_name:
            self.company_name = self.company.name

    def is_current(self, on: date) -> bool:
        return self.started_on <= on and (self.ended_on is None or self.ended_on >= on)
