from __future__ import annotations

import pytest

from translink.audit.models import AuditEvent
from translink.people.imports import import_researchers
from translink.people.models import Researcher
from translink.people.tests.import_support import sample

pytestmark = pytest.mark.django_db

HEADER = (
    "full_name,email,title,departments,focus_areas,specialties,orcid,"
    "open_to_industry,max_active_alliances\n"
)


def test_it_imports_every_row_of_the_sample(departments) -> None:
    report = import_researchers(None, sample("researchers.csv"))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    carberry = Researcher.objects.get(orcid="0000-0002-1825-0097")
    assert carberry.email == "j.carberry@riverside.example"  # stored in lower case
    assert carberry.title == "Professor of Psychoceramics"
    assert carberry.focus_areas == ["neuro", "rare_diseases"]
    assert carberry.specialties == ["psychoceramics", "microglia"]
    assert (carberry.open_to_industry, carberry.max_active_alliances) == (True, 4)
    ibarra = Researcher.objects.get(email="m.ibarra-kent@riverside.example")
    assert ibarra.orcid == "0000-0003-1415-9269"  # from its https://orcid.org/ form
    assert sorted(d.code for d in ibarra.departments.all()) == ["neuro", "oncology"]
    assert ibarra.specialties == ["tumour microenvironment", "T-cell exhaustion"]
    assert ibarra.open_to_industry is False
    lindqvist = Researcher.objects.get(full_name="Tomas Lindqvist")
    assert (lindqvist.orcid, lindqvist.open_to_industry, lindqvist.max_active_alliances) == (
        None,
        True,
        3,
    )  # empty cells take the defaults
    assert AuditEvent.objects.filter(action="people.researcher_imported").count() == 3


def test_it_records_one_summary_event_with_the_counts_and_the_actor(world, departments) -> None:
    manager = world.users["alliance_manager"]
    import_researchers(manager, sample("researchers.csv"))
    summary = AuditEvent.objects.get(action="people.import_completed")
    assert summary.actor == manager
    assert summary.new is not None
    assert (summary.new["kind"], summary.new["created"], summary.new["records"]) == (
        "researchers",
        3,
        3,
    )
    assert len(summary.new["sha256"]) == 64
