"""API: departments, researchers and their publications."""

# No `from __future__ import annotations`: django-ninja reads these annotations at run time,
# through decorators whose module cannot resolve names of ours.

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import ConfigDict

from translink.accounts.models import Role
from translink.accounts.policy import get_visible_or_404, object_route, signed_in, user_of, visible
from translink.lib.pagination import PageNumbers
from translink.people import actions, queries
from translink.people.imports import (
    MAX_UPLOAD_BYTES,
    ImportKind,
    ImportRefused,
    ImportReport,
    import_file,
)
from translink.people.models import Department, Disclosure, FocusArea, Publication, Researcher

router = Router(tags=["people"])


class DepartmentOut(Schema):
    id: int
    code: str
    name: str


class ResearcherOut(Schema):
    id: int
    full_name: str
    title: str
    orcid: str | None
    max_active_alliances: int
    focus_areas: list[str]
    specialties: list[str]
    open_to_industry: bool
    departments: list[DepartmentOut]

    @staticmethod
    def resolve_departments(obj: Researcher) -> list[Department]:
        return list(obj.departments.all())


class PublicationOut(Schema):
    id: int
    title: str
    abstract: str
    journal: str
    year: int | None
    pmid: str | None
    doi: str | None
    authors: list[str]


@router.get("/departments", response=list[DepartmentOut])
@paginate(PageNumbers)
@signed_in()
def list_departments(request: HttpRequest) -> QuerySet[Department]:
    return queries.departments(request.user)


@router.get("/researchers", response=list[ResearcherOut])
@paginate(PageNumbers)
@signed_in()
def list_researchers(
    request: HttpRequest, q: str = "", focus_area: FocusArea | None = None, department: str = ""
) -> QuerySet[Researcher]:
    return queries.researchers(
        request.user, text=q, focus_area=focus_area or "", department=department
    )


@router.get("/researchers/{researcher_id}", response=ResearcherOut)
@object_route(researcher_id=Researcher)
def get_researcher(request: HttpRequest, researcher_id: int) -> Researcher:
    return get_visible_or_404(request.user, Researcher, pk=researcher_id)


@router.get("/researchers/{researcher_id}/publications", response=list[PublicationOut])
@paginate(PageNumbers)
@object_route(researcher_id=Researcher)
def list_publications(request: HttpRequest, researcher_id: int) -> QuerySet[Publication]:
    researcher = get_visible_or_404(request.user, Researcher, pk=researcher_id)
    return queries.publications_of(request.user, researcher)


class ImportReportOut(Schema):
    kind: str
    created: int
    updated: int
    unchanged: int
    linked: list[str]


@router.post("/imports/{kind}", response={201: ImportReportOut})
@signed_in(Role.ALLIANCE_MANAGER, Role.ADMINISTRATOR)
def import_people_file(
    request: HttpRequest, kind: ImportKind, file: File[UploadedFile]
) -> Status[ImportReport]:
    """Import a PubMed XML file, an ORCID record or works summary, or a researchers CSV,
    whole or not at all. A refused file answers 422 with every bad row in ``fields``,
    keyed ``"line N: field"``."""
    if (file.size or 0) > MAX_UPLOAD_BYTES:
        limit = MAX_UPLOAD_BYTES // (1024 * 1024)
        raise ValidationError({"file": [f"The file is larger than {limit} MB."]})
    try:
        report = import_file(request.user, kind, file.read())  # type: ignore[arg-type]
    except ImportRefused as refused:
        raise ValidationError(refused.by_field()) from None
    return Status(201, report)


def _null_for_orcid_alone(schema: dict[str, Any]) -> None:
    """Null clears the ORCID iD; every other field refuses it (``update_researcher``), so
    the published schema offers null for that one alone."""
    for name, field in schema["properties"].items():
        choices = field.get("anyOf")
        if name != "orcid" and choices:
            kept = [choice for choice in choices if choice.get("type") != "null"]
            field.pop("anyOf")
            field.update(kept[0] if len(kept) == 1 else {"anyOf": kept})


class ProfileIn(Schema):
    """Only the fields sent are changed."""

    model_config = ConfigDict(json_schema_extra=_null_for_orcid_alone)

    title: str | None = Field(None, max_length=120)
    orcid: str | None = Field(None, max_length=40)
    department_codes: list[str] | None = None
    focus_areas: list[FocusArea] | None = None
    specialties: list[str] | None = None
    bio: str | None = Field(None, max_length=4000)
    open_to_industry: bool | None = None
    max_active_alliances: int | None = Field(None, ge=0, le=20)


class DisclosureIn(Schema):
    company_name: str = Field(..., min_length=2, max_length=200)
    kind: Disclosure.Kind
    started_on: date
    ended_on: date | None = None


class DisclosureOut(Schema):
    id: int
    company_name: str
    kind: str
    started_on: date
    ended_on: date | None


@router.patch("/researchers/{researcher_id}", response=ResearcherOut)
@object_route(researcher_id=Researcher)
def update_researcher(request: HttpRequest, researcher_id: int, payload: ProfileIn) -> Researcher:
    user = user_of(request)
    researcher = get_visible_or_404(user, Researcher, pk=researcher_id)
    if not actions.may_edit_profile(user, researcher):
        raise PermissionDenied("Only the researcher or an alliance manager edits this profile.")
    fields = payload.dict(exclude_unset=True)
    nulls = sorted(name for name, value in fields.items() if value is None and name != "orcid")
    if nulls:  # only the ORCID iD can be cleared with null; other fields need a value
        raise ValidationError(dict.fromkeys(nulls, "Send a value, or leave the field out."))
    codes = fields.pop("department_codes", None)
    if codes is not None:
        departments = list(Department.objects.filter(code__in=codes))
        unknown = sorted(set(codes) - {d.code for d in departments})
        if unknown:
            raise ValidationError({"department_codes": f"Unknown department {unknown[0]!r}."})
        fields["departments"] = departments
    return actions.update_profile(user, researcher, **fields)


@router.get("/researchers/{researcher_id}/disclosures", response=list[DisclosureOut])
@object_route(researcher_id=Researcher)
def list_disclosures(request: HttpRequest, researcher_id: int) -> QuerySet[Disclosure]:
    researcher = get_visible_or_404(request.user, Researcher, pk=researcher_id)
    return visible(request.user, Disclosure).filter(researcher=researcher)


@router.post("/researchers/{researcher_id}/disclosures", response={201: DisclosureOut})
@object_route(researcher_id=Researcher)
def add_disclosure(
    request: HttpRequest, researcher_id: int, payload: DisclosureIn
) -> Status[Disclosure]:
    user = user_of(request)
    researcher = get_visible_or_404(user, Researcher, pk=researcher_id)
    if not actions.may_edit_profile(user, researcher):
        raise PermissionDenied("Only the researcher or an alliance manager records disclosures.")
    return Status(201, actions.add_disclosure(user, researcher, **payload.dict()))
