"""Helpers for the importers' tests: the sample files and what the database holds."""

from __future__ import annotations

from pathlib import Path

from translink.audit.models import AuditEvent
from translink.people import actions
from translink.people.models import Authorship, Department, Publication, Researcher

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def sample_path(name: str) -> str:
    return str(SAMPLES / name)


def stored() -> dict[str, int]:
    """Row counts of everything an import may write, the audit trail included."""
    return {
        "researchers": Researcher.objects.count(),
        "researcher departments": Researcher.departments.through.objects.count(),
        "publications": Publication.objects.count(),
        "authorships": Authorship.objects.count(),
        "audit events": AuditEvent.objects.count(),
    }


def make_departments() -> None:
    """The departments the sample CSV names (the world already has neurology)."""
    for code, name in (("neuro", "Neurology"), ("oncology", "Oncology")):
        if not Department.objects.filter(code=code).exists():
            actions.create_department(None, code=code, name=name)
