"""Stored sentence vectors of the documents the matching engine reads."""

from __future__ import annotations

from django.db import models


class DocumentVector(models.Model):
    """One document's vector: a publication (title and abstract) or a researcher's profile.

    ``text_hash`` is the SHA-256 of the text the vector was computed from: a vector whose
    text changed since is stale and is computed again by the index upkeep.
    """

    class Kind(models.TextChoices):
        PUBLICATION = "publication", "Publication"
        PROFILE = "profile", "Researcher profile"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    model_name = models.CharField(max_length=80)
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField(help_text="float32, little-endian, unit length")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="one_vector_per_document")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
