"""Every change to departments, researchers and publications. Each one is audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from translink.accounts.models import Organization, Role, User
from translink.audit.actions import record, save_new, snapshot
from translink.people.models import Authorship, Department, Disclosure, Publication, Researcher

RESEARCHER_FIELDS = (
    "full_name",
    "title",
    "email",
    "departments",
    "focus_areas",
    "specialties",
    "bio",
    "open_to_industry",
    "user",
)
PUBLICATION_FIELDS = ("title", "journal", "year", "pmid", "doi")


def create_department(actor: User | None, *, code: str, name: str) -> Department:
    department = Department(code=code, name=name)
    return save_new(
        department, action="people.department_created", actor=actor, fields=("code", "name")
    )


def create_researcher(
    actor: User | None,
    *,
    full_name: str,
    email: str,
    departments: Sequence[Department],
    title: str = "",
    focus_areas: Sequence[str] = (),
    specialties: Sequence[str] = (),
    bio: str = "",
    open_to_industry: bool = True,
    user: User | None = None,
) -> Researcher:
    researcher = Researcher(
        full_name=full_name,
        email=email.lower(),
        title=title,
        focus_areas=list(focus_areas),
        specialties=list(specialties),
        bio=bio,
        open_to_industry=open_to_industry,
        user=user,
    )
    researcher.full_clean()
    with transaction.atomic():
        researcher.save()
        researcher.departments.set(departments)
        record(
            "people.researcher_created",
            actor=actor,
            obj=researcher,
            new=snapshot(researcher, RESEARCHER_FIELDS),
        )
    return researcher


def add_publication(
    actor: User | None, researcher: Researcher, *, position: int, **fields: Any
) -> Publication:
    """Record a paper and the researcher's place in its byline."""
    publication = Publication(**fields)
    publication.full_clean()
    with transaction.atomic():
        publication.save()
        Authorship.objects.create(researcher=researcher, publication=publication, position=position)
        record(
            "people.publication_added",
            actor=actor,
            obj=publication,
            new={
                **snapshot(publication, PUBLICATION_FIELDS),
                "researcher": researcher.pk,
                "position": position,
            },
        )
    return publication


def add_disclosure(
    actor: User | None,
    researcher: Researcher,
    *,
    kind: str,
    started_on: date,
    company: Organization | None = None,
    company_name: str = "",
    ended_on: date | None = None,
) -> Disclosure:
    """Record a researcher's relationship with a company (consulting, equity, ...)."""
    disclosure = Disclosure(
        researcher=researcher,
        company=company,
        company_name=company_name or (company.name if company else ""),
        kind=kind,
        started_on=started_on,
        ended_on=ended_on,
    )
    return save_new(
        disclosure,
        action="people.disclosure_added",
        actor=actor,
        fields=("researcher", "company", "company_name", "kind", "started_on", "ended_on"),
    )


PROFILE_FIELDS = (
    "title", "orcid", "departments", "focus_areas", "specialties", "bio",
    "open_to_industry", "max_active_alliances",
)  # fmt: skip


def may_edit_profile(actor: User, researcher: Researcher) -> bool:
    """Researchers edit their own profile; alliance managers and administrators curate any."""
    return researcher.user_id == actor.pk or actor.role in {
        Role.ALLIANCE_MANAGER,
        Role.ADMINISTRATOR,
    }


def update_profile(actor: User, researcher: Researcher, **fields: Any) -> Researcher:
    """Change a researcher's profile; the audit event keeps the old and new values."""
    if not may_edit_profile(actor, researcher):
        raise PermissionDenied("Only the researcher or an alliance manager edits this profile.")
    departments = fields.pop("departments", None)
    old = snapshot(researcher, PROFILE_FIELDS)
    for name, value in fields.items():
        setattr(researcher, name, value)
    researcher.full_clean(exclude=["departments"])
    if departments is not None and not departments:
        raise ValidationError({"departments": "Choose at least one department."})
    with transaction.atomic():
        researcher.save(update_fields=[name for name in fields if name != "departments"])
        if departments is not None:
            researcher.departments.set(departments)
        new = snapshot(researcher, PROFILE_FIELDS)
        if new != old:
            record("people.profile_updated", actor=actor, obj=researcher, old=old, new=new)
    return researcher
