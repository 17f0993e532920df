"""Coordinators take a bed out of service for some nights and put it back. Booked studies
and cohorts in the unit keep the beds they need (a refusal names them and saves nothing);
requested studies that no longer fit, and participants the plan put in that bed, are
re-planned at once; the calendar hatches the nights."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.accounts import actions as account_actions
from translink.accounts.models import Organization, Role
from translink.audit.models import AuditEvent
from translink.tcrc import actions, bed_service, charts, instances
from translink.tcrc.models import BedOutage, Cohort, PlanRun, Stay
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import PASSWORD, Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    return (
        list(BedOutage.objects.values_list("bed__code", "first_night", "last_night", "reason")),
        PlanRun.objects.count(),
        list(Cohort.objects.values_list("pk", "dose_day")),
        list(Stay.objects.values_list("bed__code", "first_night")),
        AuditEvent.objects.filter(action__startswith="tcrc.bed").count(),
    )


def _booked(clinic: Clinic, replan: Any, participants: int, protocol: str = "ALPHA-1") -> Cohort:
    study = add_study(clinic, protocol, clinic.company_a, participants=participants)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    actions.book_study(clinic.coordinator, study)
    return Cohort.objects.get(study=study)


def _nights(stay: Stay) -> set[date]:
    return {stay.first_night + timedelta(days=n) for n in range(stay.nights)}


def _in_bed(code: str, nights: set[date]) -> list[Stay]:
    return [s for s in Stay.objects.filter(bed__code=code) if _nights(s) & nights]


def test_taking_out_a_bed_a_booked_cohort_needs_is_refused_by_name_and_saves_nothing(
    clinic: Clinic, replan: Any
) -> None:
    """All four beds hold a booked cohort on its first night: a fourth bed cannot go."""
    cohort = _booked(clinic, replan, participants=4)
    assert cohort.dose_day is not None
    admitted = cohort.dose_day - timedelta(days=1)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.take_out(clinic.coordinator, clinic.unit, "B2", admitted, None, "Bed rail")
    errors = refused.value.message_dict
    assert errors["bed"] == ["Fixed stays need every bed they have on these nights (see above)."]
    assert (
        f"ALPHA-1 SAD cohort 1: beds on {admitted:%Y-%m-%d} (up to 4 with the others fixed "
        "there, 3 available)." in errors["__all__"][0]
    )
    assert _stored() == before


def test_a_booked_participant_in_the_bed_is_given_another_by_the_replan(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = _booked(clinic, replan, participants=2)
    assert cohort.dose_day is not None
    stays = list(Stay.objects.filter(cohort=cohort).select_related("bed"))
    bed, nights = stays[0].bed.code, _nights(stays[0])
    first, last = min(nights), max(nights)
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.take_out(clinic.coordinator, clinic.unit, bed, first, last, "Leak")
    assert done.moved == [] and done.displaced == 1
    assert done.run is not None and done.run.reason == f"Bed {bed} out of service: " + (
        f"{first:%Y-%m-%d} to {last:%Y-%m-%d}"
    )
    done.run.refresh_from_db()
    assert done.run.state == PlanRun.State.DONE
    cohort.refresh_from_db()
    assert cohort.dose_day is not None and cohort.dose_day == stays[0].first_night + timedelta(1)
    assert _in_bed(bed, nights) == []
    assert Stay.objects.filter(cohort=cohort).count() == 2  # both still in the unit
    assert AuditEvent.objects.filter(action="tcrc.bed_out_of_service").count() == 1


def test_a_requested_study_that_no_longer_fits_is_re_planned_after_the_bed_is_back(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    study = add_study(clinic, "BETA-1", clinic.company_b, participants=4)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    planned = Cohort.objects.get(study=study).dose_day
    assert planned is not None
    first, last = planned - timedelta(days=1), planned + timedelta(days=3)
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.take_out(clinic.coordinator, clinic.unit, "B1", first, last, "Repair")
    assert [str(c) for c in done.moved] == ["BETA-1 SAD cohort 1"]
    assert done.run is not None
    done.run.refresh_from_db()
    assert done.run.state == PlanRun.State.DONE, done.run.message
    moved = Cohort.objects.get(study=study)
    assert moved.dose_day is not None and moved.dose_day - timedelta(days=1) > last
    assert len(Stay.objects.filter(cohort=moved)) == 4


def test_the_nights_of_a_bed_out_of_service_are_counted_out_of_the_plan(
    clinic: Clinic, replan: Any
) -> None:
    """Two beds out over the first week: a cohort of three waits for one to come back."""
    add_study(clinic, "GAMMA-1", clinic.company_a, participants=3, start=1)
    week = (clinic.today, clinic.today + timedelta(days=7))
    for code in ("B2", "B3"):
        bed_service.take_out(clinic.coordinator, clinic.unit, code, *week, "Refit")
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study__protocol_number="GAMMA-1")
    assert cohort.dose_day is not None and cohort.dose_day - timedelta(days=1) > week[1]
    assert PlanRun.objects.get().state == PlanRun.State.DONE  # saved plans are validated
    week_nights = {week[0] + timedelta(days=n) for n in range(8)}
    assert _in_bed("B2", week_nights) == _in_bed("B3", week_nights) == []


@pytest.mark.parametrize(
    ("bed", "first", "last", "reason", "field", "words"),
    [
        ("B1", -1, None, "", "first", "the past stays as it was"),
        ("B1", 5, 4, "", "last", "comes before the first"),
        ("B1", 5, 5 + 366, "", "last", "at most 366 nights"),
        ("B1", 3 * 365 - 2, 3 * 365 + 1, "", "last", "up to three years ahead"),
        ("B1", 3 * 365 + 1, None, "", "first", "up to three years ahead"),
        ("B9", 5, None, "", "bed", "no bed 'B9'; its beds are B0, B1, B2, B3"),
        ("B1", 5, None, "x" * 201, "reason", "At most 200 characters"),
        ("B3", 9, 12, "", "first", "B3 is out of service already from the night of"),
    ],
)
def test_a_request_that_makes_no_sense_names_the_field_and_saves_nothing(
    clinic: Clinic, bed: str, first: int, last: int | None, reason: str, field: str, words: str
) -> None:
    bed_service.take_out(
        clinic.coordinator,
        clinic.unit,
        "B3",
        clinic.today + timedelta(days=10),
        clinic.today + timedelta(days=14),
    )
    before = _stored()
    start = clinic.today + timedelta(days=first)
    end = None if last is None else clinic.today + timedelta(days=last)
    with pytest.raises(ValidationError) as refused:
        bed_service.take_out(clinic.coordinator, clinic.unit, bed, start, end, reason)
    assert words in refused.value.message_dict[field][0]
    assert _stored() == before


def test_putting_a_bed_back_ends_its_outage_tonight_and_keeps_the_past(clinic: Clinic) -> None:
    bed = clinic.unit.beds.get(code="B1")
    ahead = BedOutage.objects.create(
        bed=bed,
        first_night=clinic.today + timedelta(days=3),
        last_night=clinic.today + timedelta(days=4),
    )
    under_way = BedOutage.objects.create(
        bed=bed,
        first_night=clinic.today - timedelta(days=2),
        last_night=clinic.today + timedelta(days=1),
    )
    over = BedOutage.objects.create(
        bed=bed,
        first_night=clinic.today - timedelta(days=9),
        last_night=clinic.today - timedelta(days=5),
    )
    assert bed_service.put_back(clinic.coordinator, ahead) is None
    assert not BedOutage.objects.filter(pk=ahead.pk).exists()
    kept = bed_service.put_back(clinic.coordinator, under_way)
    assert kept is not None and kept.last_night == clinic.today - timedelta(days=1)
    with pytest.raises(ValidationError, match="was back in service after"):
        bed_service.put_back(clinic.coordinator, over)
    assert BedOutage.objects.count() == 2
    events = AuditEvent.objects.filter(action="tcrc.bed_back_in_service").order_by("pk")
    assert [e.new.get("last") if e.new else None for e in events] == [
        None,
        str(clinic.today - timedelta(days=1)),
    ]
    assert bed_service.upcoming(clinic.unit, clinic.today) == []


def test_only_coordinators_take_beds_out_and_put_them_back(clinic: Clinic) -> None:
    institute = Organization.objects.get(name="Institute")
    manager = account_actions.create_account(
        None,
        email="am@test.example",
        full_name="Alma Manager",
        role=Role.ALLIANCE_MANAGER,
        organization=institute,
        password=PASSWORD,
    )
    night = clinic.today + timedelta(days=6)
    for someone in (manager, clinic.member_a, clinic.lead.user):
        with pytest.raises(PermissionDenied):
            bed_service.take_out(someone, clinic.unit, "B1", night)
    outage = bed_service.take_out(clinic.coordinator, clinic.unit, "B1", night).outage
    with pytest.raises(PermissionDenied):
        bed_service.put_back(manager, outage)
    # The alliance manager sees the beds page, without the form.
    page = client_of(manager).get("/tcrc/beds/")
    assert page.status_code == 200 and "B1" in page.content.decode()
    assert "Take it out of service" not in page.content.decode()
    refused = client_of(manager).post("/tcrc/beds/", {"bed": "B2", "first": str(night)})
    assert refused.status_code == 403
    assert BedOutage.objects.count() == 1
    company = client_of(clinic.member_a)  # for a company, the page is not there at all
    assert company.get("/tcrc/beds/").status_code == 404
    assert company.get("/api/tcrc/bed-outages").status_code == 404
    assert company.delete(f"/api/tcrc/bed-outages/{outage.pk}").status_code == 404
    assert BedOutage.objects.filter(pk=outage.pk).exists()


def test_the_page_takes_a_bed_out_lists_it_and_puts_it_back(clinic: Clinic) -> None:
    first = clinic.today + timedelta(days=7)
    client = client_of(clinic.coordinator)
    page = client.post(
        "/tcrc/beds/",
        {"bed": "B2", "first": str(first), "last": str(first + timedelta(days=2)),
         "reason": "New monitor"},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "B2 is out of service. No planned stay used it on those nights." in page
    assert "New monitor" in page and f"{first:%Y-%m-%d}" in page
    outage = BedOutage.objects.get()
    assert outage.nights == 3
    page = client.post(f"/tcrc/beds/outages/{outage.pk}/back/", follow=True).content.decode()
    assert "B2 is back in service" in page and "Every bed is in service." in page
    assert not BedOutage.objects.exists()


def test_the_page_shows_a_refusal_beside_the_form_and_keeps_what_was_typed(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan, participants=4)
    assert cohort.dose_day is not None
    before = _stored()
    response = client_of(clinic.coordinator).post(
        "/tcrc/beds/", {"bed": "B0", "first": str(cohort.dose_day), "reason": "Wobbly rail"}
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f"ALPHA-1 SAD cohort 1: beds on {cohort.dose_day:%Y-%m-%d}" in page
    assert 'value="Wobbly rail"' in page
    assert _stored() == before


def test_the_api_takes_out_lists_and_puts_back_a_bed(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    night = clinic.today + timedelta(days=8)
    made = client.post(
        "/api/tcrc/bed-outages",
        {"bed": "B3", "first": str(night), "reason": "Pump"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["outage"]["bed"] == "B3" and body["outage"]["last_night"] == str(night)
    assert body["run_id"] is None and body["moved_cohorts"] == [] and body["displaced_stays"] == 0
    listed = client.get("/api/tcrc/bed-outages").json()
    assert [(o["bed"], o["first_night"], o["reason"]) for o in listed] == [
        ("B3", str(night), "Pump")
    ]
    assert client.delete(f"/api/tcrc/bed-outages/{body['outage']['id']}").status_code == 204
    assert not BedOutage.objects.exists()


def test_the_api_refuses_bad_bodies_by_field_and_stores_nothing(
    clinic: Clinic, replan: Any
) -> None:
    cohort = _booked(clinic, replan, participants=4)
    client = client_of(clinic.coordinator)
    before = _stored()
    for body, field in [
        ({"bed": "B1", "first": "next week"}, "first"),
        ({"first": str(clinic.today)}, "bed"),
        ({"bed": "", "first": str(clinic.today)}, "bed"),
        ({"bed": "Z7", "first": str(clinic.today)}, "bed"),
        ({"bed": "B1", "first": str(clinic.today + timedelta(days=4)), "last": str(clinic.today)},
         "last"),
        ({"bed": "B1", "first": str(cohort.dose_day)}, "bed"),
    ]:  # fmt: skip
        answer = client.post("/api/tcrc/bed-outages", body, content_type="application/json")
        assert answer.status_code == 422, body
        assert field in answer.json()["error"]["fields"], answer.json()
    assert _stored() == before
    over = BedOutage.objects.create(
        bed=clinic.unit.beds.get(code="B1"),
        first_night=clinic.today - timedelta(days=3),
        last_night=clinic.today - timedelta(days=2),
    )
    answer = client.delete(f"/api/tcrc/bed-outages/{over.pk}")
    assert answer.status_code == 422 and "back in service after" in answer.content.decode()
    assert BedOutage.objects.filter(pk=over.pk).exists()


def test_the_calendar_hatches_the_nights_with_the_reason_for_staff_only(clinic: Clinic) -> None:
    first = clinic.today + timedelta(days=2)
    bed_service.take_out(
        clinic.coordinator, clinic.unit, "B1", first, first + timedelta(days=1), "Ceiling leak"
    )
    staff = client_of(clinic.coordinator).get("/tcrc/").content.decode()
    assert staff.count('class="out-of-service"') == 1
    assert f"B1 out of service, {first:%d %b} to {first + timedelta(days=1):%d %b}: " in staff
    assert "Ceiling leak" in staff and "beds out of service hatched" in staff
    sponsor = client_of(clinic.member_a).get("/tcrc/").content.decode()
    assert sponsor.count('class="out-of-service"') == 1
    assert "Ceiling leak" not in sponsor


def test_a_plan_built_before_a_bed_was_taken_out_is_not_saved_over_it(clinic: Clinic) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    bed_service.take_out(clinic.coordinator, clinic.unit, "B3", clinic.today + timedelta(days=9))
    with pytest.raises(actions.StalePlan, match="closed days, its beds or its capacities"):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()


def test_the_bed_charts_count_a_bed_out_of_service_out(clinic: Clinic) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)  # a telemetry chart too
    Cohort.objects.update(telemetry=True)

    def capacity_lines() -> dict[str, str]:
        _, _, series = charts.unit_series(clinic.unit, clinic.today)
        return {s.name: s.capacity for s in series if s.name.startswith("Beds")}

    whole = capacity_lines()
    first = clinic.today + timedelta(days=3)
    outage = bed_service.take_out(
        clinic.coordinator, clinic.unit, "B0", first, first + timedelta(1)
    ).outage
    built = instances.build(clinic.unit, clinic.today)
    unit, night = built.instance.unit, built.day(first)
    assert unit.beds_on(frozenset(), night) == 3
    assert unit.beds_on(frozenset({"telemetry"}), night) == 0  # B0 is the telemetry bed
    assert unit.beds_on(frozenset(), night + 2) == 4
    less = capacity_lines()
    assert set(less) == {"Beds occupied", "Beds with telemetry occupied"}
    assert all(less[name] != whole[name] for name in whole)  # the line dips on those nights
    bed_service.put_back(clinic.coordinator, outage)
    assert capacity_lines() == whole


def test_someone_in_the_unit_moves_beds_tonight_and_the_nights_before_stay_as_they_were(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    running = add_study(clinic, "ALPHA-1", clinic.company_a, participants=2, nights=8, start=0)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = running.cohorts.get()
    assert cohort.dose_day is not None
    tonight = cohort.dose_day + timedelta(days=2)  # two nights into the stay
    first = Stay.objects.filter(cohort=cohort).select_related("bed").order_by("number")[0]
    bed, who = first.bed.code, first.participant
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.take_out(
            clinic.coordinator, clinic.unit, bed, tonight, tonight + timedelta(days=1),
            "Call bell broken", today=tonight,
        )  # fmt: skip
    assert done.displaced == 1 and done.run is not None

    def stays_of_who() -> list[tuple[str, date, int]]:
        rows = Stay.objects.filter(cohort=cohort, participant=who).order_by("first_night")
        return [(s.bed.code, s.first_night, s.nights) for s in rows.select_related("bed")]

    moved = stays_of_who()
    assert moved[0] == (bed, first.first_night, (tonight - first.first_night).days)
    assert len(moved) == 2 and moved[1][0] != bed and moved[1][1] == tonight
    assert moved[1][2] == first.nights - moved[0][2]
    # The next day's re-plan keeps the night in the old bed and the move as they were.
    replan(clinic.coordinator, clinic.unit, today=tonight + timedelta(days=1))
    assert stays_of_who() == moved


def test_a_plan_being_solved_when_a_bed_goes_is_followed_by_a_fresh_one(clinic: Clinic) -> None:
    """A run already queued would find the unit changed and save nothing: taking a bed out
    queues the run that takes its place, though no planned stay used the bed."""
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    solving = actions.request_plan(clinic.coordinator, clinic.unit, today=clinic.today)
    done = bed_service.take_out(
        clinic.coordinator, clinic.unit, "B3", clinic.today + timedelta(days=30)
    )
    assert done.displaced == 0 and done.moved == []
    assert done.run is not None and done.run.pk != solving.pk


def test_the_page_says_when_a_plan_queued_is_run_again(clinic: Clinic) -> None:
    actions.request_plan(clinic.coordinator, clinic.unit, today=clinic.today)  # still queued
    night = clinic.today + timedelta(days=30)
    page = client_of(clinic.coordinator).post(
        "/tcrc/beds/", {"bed": "B3", "first": str(night)}, follow=True
    )
    text = page.content.decode()
    assert "B3 is out of service. A plan queued or being solved is run again" in text
    assert PlanRun.objects.count() == 2
