"""What each kind of record contributes to the index, and how to keep it in step."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import models

from translink.market.models import Asset, Need
from translink.people.models import Publication, Researcher
from translink.search.models import SearchDocument


@dataclass(frozen=True)
class Kind:
    """A searchable kind of record: its model and the words it is found by."""

    name: str
    label: str
    model: type[models.Model]
    text: Callable[[Any], tuple[str, str]]  # record -> (title, body)


def _researcher(r: Researcher) -> tuple[str, str]:
    """Found by who they are and by what they published: a search for "microglia" finds
    the people whose papers are on microglia. The titles are those of papers the wall
    shows with the researcher (a paper is visible wherever one of its authors is)."""
    titles = Publication.objects.filter(authorships__researcher=r).values_list("title", flat=True)
    return r.full_name, " ".join([r.title, *r.specialties, *r.focus_area_labels(), r.bio, *titles])


def _publication(p: Publication) -> tuple[str, str]:
    return p.title, " ".join([p.abstract, p.journal, *p.mesh_terms])


def _need(n: Need) -> tuple[str, str]:
    # The summary only: the confidential detail is never indexed, so never found.
    return n.title, " ".join(
        [n.summary, n.get_therapeutic_area_display(), n.get_modality_display()]
    )


def _asset(a: Asset) -> tuple[str, str]:
    return a.title, " ".join([a.summary, a.get_stage_display()])


KINDS = [
    Kind("researcher", "Researchers", Researcher, _researcher),
    Kind("publication", "Publications", Publication, _publication),
    Kind("need", "Industry needs", Need, _need),
    Kind("asset", "Research assets", Asset, _asset),
]
BY_MODEL = {kind.model: kind for kind in KINDS}


def index(record: models.Model) -> None:
    kind = BY_MODEL[type(record)]
    title, body = kind.text(record)
    SearchDocument.objects.update_or_create(
        kind=kind.name, object_id=record.pk, defaults={"title": title, "body": body}
    )


def index_authors(publication_id: int | None = None, researcher_id: int | None = None) -> None:
    """Index again the researchers whose documents carry this paper's title (or this one
    researcher): their papers changed."""
    found = Researcher.objects.all()
    if publication_id is not None:
        found = found.filter(authorships__publication_id=publication_id)
    if researcher_id is not None:
        found = found.filter(pk=researcher_id)
    for researcher in found.distinct():
        index(researcher)


def unindex(record: models.Model) -> None:
    SearchDocument.objects.filter(kind=BY_MODEL[type(record)].name, object_id=record.pk).delete()


def all_records() -> Iterator[models.Model]:
    for kind in KINDS:
        yield from kind.model._default_manager.order_by("pk").iterator(chunk_size=500)


def count_records() -> int:
    return sum(kind.model._default_manager.count() for kind in KINDS)
