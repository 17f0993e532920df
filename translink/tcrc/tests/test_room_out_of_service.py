"""A whole room out of service (its air handling, an isolation): every bed of the room goes
out for the same nights in one change, checked as one. Either all go or none does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, bed_service
from translink.tcrc.models import Bed, BedOutage, Cohort, PlanRun, Stay
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    return (
        list(BedOutage.objects.values_list("bed__code", "first_night", "last_night")),
        PlanRun.objects.count(),
        list(Stay.objects.values_list("bed__code", "first_night")),
        AuditEvent.objects.filter(action__startswith="tcrc.bed").count(),
    )


def _three_booked(clinic: Clinic, replan: Any) -> date:
    """A booked cohort of three in the four beds; the night it is admitted."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=3)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    cohort = Cohort.objects.get(study=study)
    assert cohort.dose_day is not None
    return cohort.dose_day - timedelta(days=1)


def test_a_room_goes_out_with_all_its_beds_and_is_audited_as_one_change(clinic: Clinic) -> None:
    night = clinic.today + timedelta(days=9)
    done = bed_service.take_out(
        clinic.coordinator, clinic.unit, first=night, last=night + timedelta(days=2),
        reason="Air handling", room="Room 0",
    )  # fmt: skip
    assert sorted(o.bed.code for o in done.outages) == ["B0", "B1"]
    assert done.what == "Room 0 (B0, B1)" and done.run is None
    assert BedOutage.objects.filter(reason="Air handling").count() == 2
    event = AuditEvent.objects.get(action="tcrc.bed_out_of_service")
    assert event.new is not None and event.new["room"] == "Room 0"
    assert event.new["beds"] == ["B0", "B1"]


def test_a_room_a_booked_cohort_needs_is_refused_whole_though_one_bed_could_go(
    clinic: Clinic, replan: Any
) -> None:
    """Three booked participants in four beds: one bed could go, a room of two cannot,
    and none of its beds is taken out."""
    admitted = _three_booked(clinic, replan)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.take_out(clinic.coordinator, clinic.unit, first=admitted, room="Room 1")
    errors = refused.value.message_dict
    assert errors["room"] == ["Fixed stays need every bed they have on these nights (see above)."]
    assert "ALPHA-1 SAD cohort 1: beds on" in errors["__all__"][0]
    assert "(up to 3 with the others fixed there, 2 available)" in errors["__all__"][0]
    assert _stored() == before


def test_a_room_with_a_bed_already_out_on_those_nights_is_refused_naming_the_bed(
    clinic: Clinic,
) -> None:
    night = clinic.today + timedelta(days=9)
    bed_service.take_out(clinic.coordinator, clinic.unit, "B1", night)
    before = _stored()
    with pytest.raises(ValidationError, match="B1 is out of service already"):
        bed_service.take_out(clinic.coordinator, clinic.unit, first=night, room="Room 0")
    assert _stored() == before


def test_the_page_and_the_api_take_a_room_out_and_name_bad_requests(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    page = client.get("/tcrc/beds/").content.decode()
    assert '<optgroup label="Whole rooms">' in page and "Room 1: B2, B3" in page
    night = clinic.today + timedelta(days=9)
    saved = client.post(
        "/tcrc/beds/", {"bed": "room:Room 1", "first": str(night), "reason": "Isolation"},
        follow=True,
    )  # fmt: skip
    assert "Room 1 (B2, B3) are out of service." in saved.content.decode()
    assert sorted(BedOutage.objects.values_list("bed__code", flat=True)) == ["B2", "B3"]
    later = str(night + timedelta(days=5))
    made = client.post(
        "/api/tcrc/bed-outages", {"room": "Room 0", "first": later},
        content_type="application/json",
    )  # fmt: skip
    assert made.status_code == 201, made.content
    assert sorted(o["bed"] for o in made.json()["outages"]) == ["B0", "B1"]
    before = _stored()
    for body, field in [
        ({"room": "Room 9", "first": later}, "room"),
        ({"room": "Room 0", "bed": "B2", "first": later}, "room"),
        ({"first": later}, "bed"),
        ({"room": "", "first": later}, "room"),
        ({"room": "Room 0", "first": later}, "first"),  # out already on that night
    ]:
        answer = client.post("/api/tcrc/bed-outages", body, content_type="application/json")
        assert answer.status_code == 422 and field in answer.json()["error"]["fields"], body
    assert _stored() == before


def test_a_bed_to_be_taken_away_later_still_goes_out_with_its_room_until_then(
    clinic: Clinic,
) -> None:
    b3 = Bed.objects.get(code="B3")
    bed_service.retire(clinic.coordinator, b3, clinic.today + timedelta(days=30))
    done = bed_service.take_out(
        clinic.coordinator, clinic.unit, first=clinic.today + timedelta(days=9), room="Room 1"
    )
    assert sorted(o.bed.code for o in done.outages) == ["B2", "B3"]
    page = client_of(clinic.coordinator).get("/tcrc/beds/").content.decode()
    assert "Room 1: B2, B3" in page and "4 beds." in page
    with pytest.raises(ValidationError, match="B3 was taken away for good from"):
        bed_service.take_out(
            clinic.coordinator, clinic.unit, "B3", clinic.today + timedelta(days=31)
        )
    after = bed_service.take_out(
        clinic.coordinator, clinic.unit, first=clinic.today + timedelta(days=31), room="Room 1"
    )
    assert [o.bed.code for o in after.outages] == ["B2"]  # B3 is gone by then


def test_the_page_shows_a_refusal_for_a_room_beside_the_bed_or_room_chooser(
    clinic: Clinic, replan: Any
) -> None:
    admitted = _three_booked(clinic, replan)
    before = _stored()
    refused = client_of(clinic.coordinator).post(
        "/tcrc/beds/", {"bed": "room:Room 1", "first": str(admitted)}
    )
    page = refused.content.decode()
    assert refused.status_code == 422
    assert 'id="id_bed_error"' in page and "Fixed stays need every bed" in page
    assert "ALPHA-1 SAD cohort 1: beds on" in page
    assert _stored() == before
