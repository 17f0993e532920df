"""A bed taken away for good: removed outright when nothing was ever planned in it, else
kept for its past and out of service from a night on, for ever. Checked like an outage:
refused by name where booked studies or cohorts in the unit need it; anyone planned in it
from then is re-planned."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, bed_service, instances
from translink.tcrc.models import Bed, BedOutage, Cohort, PlanRun, Stay
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    return (
        list(Bed.objects.values_list("code", "retired_from")),
        list(BedOutage.objects.values_list("bed__code", "first_night", "last_night")),
        PlanRun.objects.count(),
        list(Stay.objects.values_list("bed__code", "first_night")),
        AuditEvent.objects.filter(action__startswith="tcrc.bed").count(),
    )


def test_a_bed_nothing_was_ever_planned_in_is_removed_outright(clinic: Clinic) -> None:
    bed = Bed.objects.get(code="B3")
    BedOutage.objects.create(bed=bed, first_night=clinic.today + timedelta(days=5),
                             last_night=clinic.today + timedelta(days=6))  # fmt: skip
    done = bed_service.retire(clinic.coordinator, bed, today=clinic.today)
    assert done.removed and done.retired_from is None and done.run is None
    assert not Bed.objects.filter(code="B3").exists() and not BedOutage.objects.exists()
    event = AuditEvent.objects.get(action="tcrc.bed_removed")
    assert event.old == {"bed": "B3", "room": "Room 1", "telemetry": False}


def test_a_bed_with_planned_stays_is_kept_and_the_plan_moves_those_planned_in_it(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study=study)
    used = Stay.objects.filter(cohort=cohort).first()
    assert used is not None
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.retire(clinic.coordinator, used.bed, today=clinic.today)
    assert not done.removed and done.retired_from == clinic.today
    assert done.displaced == 1 and done.run is not None
    bed = Bed.objects.get(pk=used.bed_id)
    assert bed.retired_from == clinic.today
    assert not Stay.objects.filter(bed=bed).exists()  # the re-plan gave it another bed
    assert Cohort.objects.get(pk=cohort.pk).dose_day is not None
    built = instances.build(clinic.unit, clinic.today)
    assert built.instance.unit.beds_on(frozenset(), built.day(clinic.today) + 30) == 3
    assert AuditEvent.objects.get(action="tcrc.bed_retired").new == {
        "bed": bed.code, "removed": False, "retired_from": str(clinic.today),
    }  # fmt: skip


def test_a_bed_a_booked_cohort_needs_cannot_be_taken_away(clinic: Clinic, replan: Any) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=4)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.retire(clinic.coordinator, Bed.objects.get(code="B2"), today=clinic.today)
    errors = refused.value.message_dict
    assert errors["retired_from"] == ["Fixed stays need this bed (see above)."]
    assert "ALPHA-1 SAD cohort 1: beds on" in errors["__all__"][0]
    assert _stored() == before
    # From the night after the booked cohort leaves, it may go.
    last = max(s.first_night + timedelta(days=s.nights) for s in Stay.objects.all())
    done = bed_service.retire(
        clinic.coordinator, Bed.objects.get(code="B2"), last, today=clinic.today
    )
    assert done.retired_from == last and not done.removed


def test_a_retired_bed_is_neither_taken_out_nor_retired_again_and_its_code_stays_taken(
    clinic: Clinic,
) -> None:
    bed = Bed.objects.get(code="B1")
    later = clinic.today + timedelta(days=10)
    BedOutage.objects.create(bed=bed, first_night=later - timedelta(days=2),
                             last_night=later + timedelta(days=3))  # fmt: skip
    Stay.objects.create(cohort=Cohort.objects.create(
        study=add_study(clinic, "OLD-1", clinic.company_a, cohorts=0), part="SAD", sequence=1,
        participants=1, sentinels=0, standby=0, nights=1, load=[[1, 1, 1]] * 2,
        earliest=clinic.today - timedelta(days=20)), participant="OLD-1-SAD1-01", group="main",
        bed=bed, first_night=clinic.today - timedelta(days=20), nights=1)  # fmt: skip
    bed_service.retire(clinic.coordinator, bed, later, today=clinic.today)
    outage = BedOutage.objects.get(bed=bed)  # cut short the night before it goes
    assert outage.last_night == later - timedelta(days=1)
    with pytest.raises(ValidationError, match="B1 was taken away for good from"):
        bed_service.take_out(clinic.coordinator, clinic.unit, "B1", later + timedelta(days=1))
    with pytest.raises(ValidationError, match="B1 is taken away already"):
        bed_service.retire(clinic.coordinator, bed, today=clinic.today)
    with pytest.raises(ValidationError, match="It was taken away from"):
        bed_service.add_bed(clinic.coordinator, clinic.unit, "b1", "Room 0")
    with pytest.raises(ValidationError, match="from tonight"):
        bed_service.retire(clinic.coordinator, Bed.objects.get(code="B2"),
                           clinic.today - timedelta(days=1), today=clinic.today)  # fmt: skip


def test_the_page_and_the_api_take_a_bed_away_and_refuse_what_makes_no_sense(
    clinic: Clinic, replan: Any
) -> None:
    client = client_of(clinic.coordinator)
    page = client.get("/tcrc/beds/").content.decode()
    assert "Take B3 away" in page
    done = client.post(f"/tcrc/beds/{Bed.objects.get(code='B3').pk}/retire/", follow=True)
    assert "B3 is removed: nothing was ever planned in it." in done.content.decode()
    assert not Bed.objects.filter(code="B3").exists()
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    before = _stored()
    b2 = Bed.objects.get(code="B2")
    refused = client.post(f"/tcrc/beds/{b2.pk}/retire/", follow=True).content.decode()
    assert "B2: Booked studies or cohorts in the unit depend on this" in refused
    answer = client.delete(f"/api/tcrc/beds/{b2.pk}")
    assert answer.status_code == 422 and "retired_from" in answer.json()["error"]["fields"]
    answer = client.delete(f"/api/tcrc/beds/{b2.pk}?retired_from=soon")
    assert answer.status_code == 422 and "retired_from" in answer.json()["error"]["fields"]
    assert client_of(clinic.member_a).delete(f"/api/tcrc/beds/{b2.pk}").status_code == 404
    assert _stored() == before
    leaves = max(s.first_night + timedelta(days=s.nights) for s in Stay.objects.all())
    answer = client.delete(f"/api/tcrc/beds/{b2.pk}?retired_from={leaves:%Y-%m-%d}")
    assert answer.status_code == 200, answer.content
    assert answer.json()["removed"] is False and answer.json()["retired_from"] == str(leaves)
    listed = {b["code"]: b["retired_from"] for b in client.get("/api/tcrc/beds").json()}
    assert listed["B2"] == str(leaves)
    page = client.get("/tcrc/beds/").content.decode()
    assert f"Taken away from {leaves:%a %Y-%m-%d}" in page
    assert '<option value="B2">' in page  # in service, and offered, until then


def test_a_plan_built_before_a_bed_was_taken_away_is_not_saved_over_it(
    clinic: Clinic,
) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    bed_service.retire(clinic.coordinator, Bed.objects.get(code="B0"),
                       clinic.today + timedelta(days=30), today=clinic.today)  # fmt: skip
    with pytest.raises(actions.StalePlan):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()
