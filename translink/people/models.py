"""The institute's departments, researchers and their publications."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


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
    departments = models.ManyToManyField(Department, related_name="researchers")
    focus_areas = models.JSONField(default=list, blank=True)
    specialties = models.JSONField(default=list, blank=True)
    bio = models.TextField(blank=True)
    open_to_industry = models.BooleanField(
        default=True, help_text="Visible to companies and investors, and open to their proposals."
    )

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name

    def clean(self) -> None:
        super().clean()
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
