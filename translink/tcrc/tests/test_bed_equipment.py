"""Coordinators add beds and fit or remove telemetry. Removing the telemetry that booked or
running cohorts need is refused by name and saves nothing; requested studies that no
longer fit are re-planned; the next plan uses a bed added."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from translink.audit.models import AuditEvent
from translink.tcrc import actions, bed_service, instances
from translink.tcrc.models import Bed, Cohort, PlanRun, Stay
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.tests.conftest import Clinic, add_study, client_of


def _stored() -> tuple[Any, ...]:
    return (
        list(Bed.objects.order_by("code").values_list("code", "room", "telemetry")),
        PlanRun.objects.count(),
        list(Cohort.objects.values_list("pk", "dose_day")),
        AuditEvent.objects.filter(action__startswith="tcrc.bed").count(),
    )


def _telemetry_study(clinic: Clinic, protocol: str, sponsor: Any, replan: Any) -> Cohort:
    study = add_study(clinic, protocol, sponsor, participants=1)
    Cohort.objects.filter(study=study).update(telemetry=True)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    return Cohort.objects.get(study=study)


def test_removing_the_telemetry_a_booked_cohort_needs_is_refused_by_name(
    clinic: Clinic, replan: Any
) -> None:
    """B0 is the clinic's one telemetry bed; a booked cohort needs it."""
    cohort = _telemetry_study(clinic, "ALPHA-1", clinic.company_a, replan)
    actions.book_study(clinic.coordinator, cohort.study)
    assert cohort.dose_day is not None
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B0"), False)
    errors = refused.value.message_dict
    assert errors["telemetry"] == ["Fixed stays need this bed's telemetry (see above)."]
    admitted = cohort.dose_day - timedelta(days=1)
    assert (
        f"ALPHA-1 SAD cohort 1: beds with telemetry on {admitted:%Y-%m-%d}"
        in (errors["__all__"][0])
    )
    assert _stored() == before


def test_another_bed_fitted_first_lets_the_telemetry_move(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = _telemetry_study(clinic, "ALPHA-1", clinic.company_a, replan)
    actions.book_study(clinic.coordinator, cohort.study)
    fitted = bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B3"), True)
    assert fitted.bed.telemetry and fitted.run is None
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B0"), False)
    assert done.displaced == 1 and done.run is not None  # its stay in B0 moves to B3
    done.run.refresh_from_db()
    assert done.run.state == PlanRun.State.DONE
    assert {s.bed.code for s in Stay.objects.filter(cohort=cohort)} == {"B3"}
    events = AuditEvent.objects.filter(action="tcrc.bed_equipment_changed").order_by("pk")
    assert [e.new for e in events] == [
        {"bed": "B3", "telemetry": True},
        {"bed": "B0", "telemetry": False},
    ]


def test_a_requested_study_that_loses_its_telemetry_bed_is_re_planned(
    clinic: Clinic, replan: Any, django_capture_on_commit_callbacks: Any
) -> None:
    cohort = _telemetry_study(clinic, "BETA-1", clinic.company_b, replan)
    assert cohort.dose_day is not None
    with django_capture_on_commit_callbacks(execute=True):
        done = bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B0"), False)
    assert [str(c) for c in done.moved] == ["BETA-1 SAD cohort 1"]
    assert done.run is not None
    done.run.refresh_from_db()
    assert done.run.state == PlanRun.State.DONE
    cohort.refresh_from_db()
    assert cohort.dose_day is None  # no telemetry bed is left: it waits, out of the plan
    assert not Stay.objects.filter(cohort=cohort).exists()


def test_a_bed_added_is_used_by_the_next_plan(clinic: Clinic, replan: Any) -> None:
    """Five participants cannot share four beds; with a fifth they come in at once."""
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=5)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    assert Cohort.objects.get(study=study).dose_day is None
    bed = bed_service.add_bed(clinic.coordinator, clinic.unit, " B4 ", "Room 2")
    assert (bed.code, bed.room, bed.telemetry) == ("B4", "Room 2", False)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study=study)
    assert cohort.dose_day is not None
    assert Stay.objects.filter(cohort=cohort).values("bed").distinct().count() == 5
    assert AuditEvent.objects.get(action="tcrc.bed_added").new == {
        "bed": "B4",
        "room": "Room 2",
        "telemetry": False,
    }


@pytest.mark.parametrize(
    ("code", "room", "field", "words"),
    [
        ("b1", "Room 9", "code", "The unit has a bed B1 already."),
        ("", "Room 9", "code", "1 to 20 letters, digits"),
        ("-B9", "Room 9", "code", "starting with a letter or digit"),
        ("B9<script>", "Room 9", "code", "1 to 20 letters, digits"),
        ("B9", "  ", "room", "Name the room"),
        ("B9", "R" * 41, "room", "at most 40 characters"),
    ],
)
def test_a_bed_that_makes_no_sense_names_the_field_and_saves_nothing(
    clinic: Clinic, code: str, room: str, field: str, words: str
) -> None:
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.add_bed(clinic.coordinator, clinic.unit, code, room)
    assert words in refused.value.message_dict[field][0]
    assert _stored() == before


def test_a_unit_has_at_most_sixty_beds(clinic: Clinic) -> None:
    for n in range(4, bed_service.MOST_BEDS):
        Bed.objects.create(unit=clinic.unit, code=f"B{n}", room="Annex")
    with pytest.raises(ValidationError, match="60 beds, the most it can have"):
        bed_service.add_bed(clinic.coordinator, clinic.unit, "B99", "Annex")


def test_only_coordinators_add_beds_and_change_their_equipment(clinic: Clinic) -> None:
    bed = Bed.objects.get(code="B1")
    for someone in (clinic.member_a, clinic.lead.user):
        with pytest.raises(PermissionDenied):
            bed_service.add_bed(someone, clinic.unit, "B9", "Room 9")
        with pytest.raises(PermissionDenied):
            bed_service.set_telemetry(someone, bed, True)
    company = client_of(clinic.member_a)
    assert company.post("/tcrc/beds/new/", {"code": "B9", "room": "R"}).status_code == 404
    assert company.post(f"/tcrc/beds/{bed.pk}/equipment/", {"telemetry": "on"}).status_code == 404
    answer = company.patch(
        f"/api/tcrc/beds/{bed.pk}", {"telemetry": True}, content_type="application/json"
    )
    assert answer.status_code == 404
    assert not Bed.objects.get(pk=bed.pk).telemetry and Bed.objects.count() == 4


def test_the_page_adds_a_bed_and_fits_and_removes_telemetry(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    page = client.post(
        "/tcrc/beds/new/", {"code": "C1", "room": "Room C", "telemetry": "on"}, follow=True
    ).content.decode()
    assert "Bed C1 added; re-plan the unit to use it." in page
    assert Bed.objects.get(code="C1").telemetry
    refused = client.post("/tcrc/beds/new/", {"code": "C1", "room": "Room D"})
    assert refused.status_code == 422 and "The unit has a bed C1 already." in (
        refused.content.decode()
    )
    assert 'value="Room D"' in refused.content.decode()  # what was typed stays
    bed = Bed.objects.get(code="B2")
    fitted = client.post(f"/tcrc/beds/{bed.pk}/equipment/", {"telemetry": "on"}, follow=True)
    assert "B2 has telemetry." in fitted.content.decode()
    removed = client.post(f"/tcrc/beds/{bed.pk}/equipment/", {}, follow=True)
    assert "B2 no longer has telemetry." in removed.content.decode()
    assert not Bed.objects.get(pk=bed.pk).telemetry


def test_the_page_shows_a_refusal_to_remove_telemetry(clinic: Clinic, replan: Any) -> None:
    cohort = _telemetry_study(clinic, "ALPHA-1", clinic.company_a, replan)
    actions.book_study(clinic.coordinator, cohort.study)
    bed = Bed.objects.get(code="B0")
    page = client_of(clinic.coordinator).post(f"/tcrc/beds/{bed.pk}/equipment/", follow=True)
    assert "ALPHA-1 SAD cohort 1: beds with telemetry on" in page.content.decode()
    assert Bed.objects.get(pk=bed.pk).telemetry


def test_the_api_lists_adds_and_refits_beds_and_names_bad_fields(clinic: Clinic) -> None:
    client = client_of(clinic.coordinator)
    listed = client.get("/api/tcrc/beds").json()
    assert [(b["code"], b["telemetry"]) for b in listed] == [
        ("B0", True), ("B1", False), ("B2", False), ("B3", False),
    ]  # fmt: skip
    made = client.post(
        "/api/tcrc/beds", {"code": "B4", "room": "Room 2"}, content_type="application/json"
    )
    assert made.status_code == 201 and made.json()["code"] == "B4"
    changed = client.patch(
        f"/api/tcrc/beds/{made.json()['id']}", {"telemetry": True}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["telemetry"] is True and changed.json()["run_id"] is None
    before = _stored()
    for method, url, body, field in [
        ("post", "/api/tcrc/beds", {"code": "B4", "room": "Room 2"}, "code"),
        ("post", "/api/tcrc/beds", {"code": "B5"}, "room"),
        ("post", "/api/tcrc/beds", {"code": "B5", "room": "R", "telemetry": "yes"}, "telemetry"),
        ("patch", f"/api/tcrc/beds/{made.json()['id']}", {"telemetry": 1}, "telemetry"),
        ("patch", f"/api/tcrc/beds/{made.json()['id']}", {}, "telemetry"),
    ]:
        answer = getattr(client, method)(url, body, content_type="application/json")
        assert answer.status_code == 422, body
        assert any(f.endswith(field) for f in answer.json()["error"]["fields"]), answer.json()
    assert _stored() == before


def test_a_plan_built_before_a_bed_changed_is_not_saved_over_it(clinic: Clinic) -> None:
    add_study(clinic, "ALPHA-1", clinic.company_a, participants=2)
    built = instances.build(clinic.unit, clinic.today)
    plan = plan_greedy(built.instance)
    bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B3"), True)
    with pytest.raises(actions.StalePlan, match="closed days, its beds or its capacities"):
        actions.save_plan(clinic.unit, built, plan)
    assert not Stay.objects.exists()


def test_telemetry_stays_on_a_bed_someone_in_the_unit_has_used_it_in(
    clinic: Clinic, replan: Any
) -> None:
    study = add_study(clinic, "ALPHA-1", clinic.company_a, participants=1, nights=6, start=0)
    Cohort.objects.filter(study=study).update(telemetry=True)
    replan(clinic.coordinator, clinic.unit, today=clinic.today)
    cohort = Cohort.objects.get(study=study)
    assert cohort.dose_day is not None
    later = cohort.dose_day + timedelta(days=2)  # two nights into the stay, in B0
    bed_service.set_telemetry(clinic.coordinator, Bed.objects.get(code="B3"), True, today=later)
    before = _stored()
    with pytest.raises(ValidationError) as refused:
        bed_service.set_telemetry(
            clinic.coordinator, Bed.objects.get(code="B0"), False, today=later
        )
    detail = refused.value.message_dict["__all__"][0]
    assert detail.startswith("ALPHA-1 SAD cohort 1 has been in B0 with its telemetry since")
    assert "Take the bed out of service from tonight" in detail
    assert _stored() == before


def test_a_bed_added_while_a_plan_is_queued_queues_a_fresh_one(clinic: Clinic) -> None:
    queued = actions.request_plan(clinic.coordinator, clinic.unit, today=clinic.today)
    bed_service.add_bed(clinic.coordinator, clinic.unit, "B4", "Room 2")
    assert PlanRun.objects.exclude(pk=queued.pk).get().reason == "Bed B4 added"
    bed_service.add_bed(clinic.coordinator, clinic.unit, "B5", "Room 2")
    assert PlanRun.objects.count() == 3  # each change while one waits


def test_bed_codes_and_rooms_are_kept_clean(clinic: Clinic) -> None:
    bed = bed_service.add_bed(clinic.coordinator, clinic.unit, "C  1", "Annex\x00 east")
    assert (bed.code, bed.room) == ("C 1", "Annex east")
    with pytest.raises(ValidationError, match="The unit has a bed C 1 already"):
        bed_service.add_bed(clinic.coordinator, clinic.unit, "c 1", "Annex")


def test_after_a_refused_bed_the_outage_form_still_posts_to_the_beds_page(
    clinic: Clinic,
) -> None:
    refused = client_of(clinic.coordinator).post("/tcrc/beds/new/", {"code": "B1", "room": "R"})
    assert refused.status_code == 422
    assert 'action="/tcrc/beds/"' in refused.content.decode()
