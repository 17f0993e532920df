"""Every write to the unit's schedule: plan, book, quote, and re-plan after a safety review.

Planning and booking lock the unit's row, so two coordinators never interleave: the second
sees what the first saved. Every plan saved passes the independent validator first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from translink.accounts.models import Role, User
from translink.audit.actions import record, snapshot
from translink.tcrc import instances
from translink.tcrc.models import Bed, Cohort, PlanRun, Stay, Study, Unit
from translink.tcrc.solver import instance as solver
from translink.tcrc.solver.cpsat import plan_cpsat
from translink.tcrc.solver.greedy import plan_greedy
from translink.tcrc.solver.plan import Plan, Status
from translink.tcrc.solver.quote import DOSING_DAYS, SPAN, Limit, Quote, quote
from translink.tcrc.solver.usage import NO_COVER_AFTER, NO_DOSING, SKILL, placement_blockers
from translink.tcrc.solver.validator import validate

COORDINATORS = frozenset({Role.TCRC_COORDINATOR, Role.ADMINISTRATOR})


def require_coordinator(actor: Any) -> None:
    if actor is not None and getattr(actor, "role", None) not in COORDINATORS:
        raise PermissionDenied("Only the unit's coordinators change its schedule.")


def request_plan(
    actor: Any, unit: Unit, *, reason: str = "Re-plan", today: date | None = None
) -> PlanRun:
    """Queue a planner run; the background worker solves it (immediately in tests)."""
    require_coordinator(actor)
    run = PlanRun.objects.create(
        unit=unit,
        requested_by=actor,
        reason=reason[:200],
        starts_on=today or timezone.localdate(),
        time_limit=unit.plan_seconds,
    )
    record("tcrc.plan_requested", actor=actor, obj=unit, new={"run": run.pk, "reason": run.reason})
    from translink.tcrc.tasks import solve_plan

    transaction.on_commit(lambda: solve_plan.enqueue(run.pk))
    return run


def solve_run(run: PlanRun) -> PlanRun:
    """Solve a queued run and save the plan: CP-SAT, checked, beside the greedy baseline."""
    PlanRun.objects.filter(pk=run.pk).update(state=PlanRun.State.RUNNING, started_at=timezone.now())
    # A run picked up after midnight plans from the day it runs.
    built = instances.build(run.unit, max(run.starts_on, timezone.localdate()))
    greedy = plan_greedy(built.instance)
    plan = plan_cpsat(built.instance, time_limit=run.time_limit)
    fields: dict[str, Any] = {
        "state": PlanRun.State.DONE,
        "finished_at": timezone.now(),
        "cohorts": len(built.instance.cohorts),
        "greedy_objective": greedy.objective,
        "greedy_placed": greedy.placed(),
    }
    plan = no_worse_than(plan, greedy, built, fields)
    fields["status"] = str(plan.status)
    if plan.status in (Status.OPTIMAL, Status.FEASIBLE):
        verdict = validate(built.instance, plan)
        if not verdict.valid:
            fields.update(state=PlanRun.State.FAILED, message="; ".join(verdict.violations[:5]))
        else:
            try:
                save_plan(run.unit, built, plan)
            except StalePlan as stale:
                fields.update(state=PlanRun.State.FAILED, message=str(stale))
            else:
                fields.update(
                    objective=plan.objective, bound=plan.bound, gap=plan.gap, placed=plan.placed()
                )
    else:
        fields.update(message="; ".join(plan.conflicts) or "No plan within the time limit.")
    PlanRun.objects.filter(pk=run.pk).update(**fields)
    run.refresh_from_db()
    record(
        "tcrc.plan_solved",
        obj=run.unit,
        new={k: v for k, v in fields.items() if k != "finished_at"},
    )
    return run


def no_worse_than(
    plan: Plan, greedy: Plan, built: instances.UnitInstance, fields: dict[str, Any]
) -> Plan:
    """The CP-SAT plan, or the first-come plan when the time ran out before CP-SAT found
    one as good (its search starts from it, but a short limit on a busy machine can end
    first): the unit never gets a plan worse than a coordinator's by hand. The bound
    stays CP-SAT's, a bound on every plan."""
    searched = plan.status in (Status.OPTIMAL, Status.FEASIBLE)
    if searched and plan.objective <= greedy.objective:
        return plan
    if not validate(built.instance, greedy).valid:
        return plan
    if searched:
        fields["message"] = (
            f"CP-SAT found no plan better than first come, first served within "
            f"{plan.seconds:.0f} s (cost {plan.objective}); the first-come plan was saved."
        )
    elif plan.conflicts:  # infeasible: the conflicting cohorts are the answer
        return plan
    else:
        fields["message"] = (
            "CP-SAT found no plan within the time limit; the first-come plan was saved."
        )
    bound = plan.bound if searched else 0
    return replace(greedy, status=Status.FEASIBLE, bound=bound, planner="greedy")


class StalePlan(Exception):
    """The unit changed while the planner ran: saving would undo a booking or a stop, or
    put stays on days closed meanwhile."""


def save_plan(unit: Unit, built: instances.UnitInstance, plan: Plan) -> None:
    """Write the plan's dosing days and named beds, replacing the unit's previous plan, if
    nothing it was built from has changed meanwhile (checked under the unit's lock)."""
    beds = {bed.code: bed for bed in unit.beds.all()}
    with transaction.atomic():
        Unit.objects.select_for_update().get(pk=unit.pk)
        if instances.fingerprint(unit) != built.fingerprint:
            raise StalePlan(
                "The unit changed while the planner ran (a booking, a stop, a safety-review "
                "outcome, closed days, its beds or its capacities); nothing was saved. "
                "Re-plan to include it."
            )
        Study.objects.filter(unit=unit).update(refusal="", condition="")
        for study_id, why in built.refused.items():
            Study.objects.filter(pk=study_id).update(refusal=why[:300])
        for study_id, condition in built.conditions.items():
            Study.objects.filter(pk=study_id).update(condition=condition[:300])
        # Cohorts the IND stops from being dosed; those in the unit now are planned (pinned).
        refused = [
            c.pk
            for c in Cohort.objects.filter(study__in=list(built.refused))
            .exclude(status=Cohort.Status.CANCELLED)
            .exclude(pk__in=[c.pk for c in built.cohorts.values()])
            if c.dose_day is None or c.dose_day >= built.starts_on
        ]
        Stay.objects.filter(cohort__in=refused).delete()
        Cohort.objects.filter(pk__in=refused).update(dose_day=None, status=Cohort.Status.UNPLACED)
        Stay.objects.filter(cohort__in=[c.pk for c in built.cohorts.values()]).delete()
        dropped: list[Cohort] = []  # of booked studies, left out by this plan
        for key, cohort in built.cohorts.items():
            placed = key in plan.days
            booked = cohort.study.status == Study.Status.BOOKED
            if not placed and booked and cohort.status != Cohort.Status.UNPLACED:
                dropped.append(cohort)
            cohort.dose_day = built.date(plan.days[key]) if placed else None
            cohort.status = Cohort.Status.PLANNED if placed else Cohort.Status.UNPLACED
            cohort.save(update_fields=["dose_day", "status"])
        Stay.objects.bulk_create(
            Stay(
                cohort=built.cohorts[s.cohort],
                participant=_code(built.cohorts[s.cohort], s.participant),
                number=s.participant,
                group=s.group,
                period=s.period,
                bed=beds[s.bed],
                first_night=built.date(s.first_night),
                nights=s.nights,
            )
            for s in plan.stays
        )
    _tell_of_dropped(dropped)


def _tell_of_dropped(dropped: list[Cohort]) -> None:
    """A booked study's cohorts the plan could not place (a repeat or an added cohort after
    a safety review frees the later ones, and the unit may be full or their window shut):
    the sponsor's people and the coordinators hear of it once, when they drop out."""
    from translink.market.notifications import notify  # notifications live with the market

    by_study: dict[int, list[Cohort]] = defaultdict(list)
    for cohort in dropped:
        by_study[cohort.study_id].append(cohort)
    coordinators = list(User.objects.filter(role=Role.TCRC_COORDINATOR, is_active=True))
    for cohorts in by_study.values():
        study = cohorts[0].study
        labels = ", ".join(cohort.label for cohort in sorted(cohorts, key=lambda c: c.sequence))
        which = "it is" if len(cohorts) == 1 else "they are"
        sponsor = User.objects.filter(
            organization_id=study.sponsor_id, role=Role.INDUSTRY, is_active=True
        )  # those who see the sponsor's studies
        notify(
            [*coordinators, *sponsor],
            f"{study.protocol_number} is booked, but the plan could not place {labels} "
            f"(the unit's room, or {'its' if len(cohorts) == 1 else 'their'} window): "
            f"{which} not planned until a re-plan places {'it' if len(cohorts) == 1 else 'them'}.",
            reverse("tcrc_study", args=[study.pk]),
        )


def _code(cohort: Cohort, participant: int) -> str:
    """A pseudonymous participant code: protocol, cohort and number, never a name."""
    tag = (
        f"R{participant - cohort.participants + 1}"
        if participant >= cohort.participants
        else f"{participant + 1:02d}"
    )
    return f"{cohort.study.protocol_number}-{cohort.part}{cohort.sequence}-{tag}"


def request_study(
    actor: Any,
    unit: Unit,
    *,
    protocol_number: str,
    title: str,
    cohorts: list[Cohort],
    sponsor: Any = None,
    phase: str = "1",
) -> Study:
    """A study asked of the unit, as its capacity quote described it: requested, for the
    coordinators to plan and book. A company asks for itself; a coordinator names the
    sponsor. The coordinators hear of it."""
    from translink.market.notifications import notify  # notifications live with the market

    if actor.role == Role.INDUSTRY:
        sponsor = actor.organization
    elif actor.role not in COORDINATORS:
        raise PermissionDenied("Only a sponsor's members and the unit's coordinators ask.")
    errors: dict[str, str] = {}
    if not protocol_number.strip():
        errors["protocol_number"] = "Give the sponsor's protocol number."
    elif Study.objects.filter(unit=unit, protocol_number=protocol_number.strip()).exists():
        errors["protocol_number"] = "The unit already has a study with this protocol number."
    if not title.strip():
        errors["title"] = "Give the study's title."
    if sponsor is None:
        errors["sponsor"] = "Choose the sponsor."
    if not cohorts:
        errors["cohorts"] = "Describe at least one cohort."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        study = Study.objects.create(
            unit=unit, sponsor=sponsor, protocol_number=protocol_number.strip(),
            title=title.strip(), phase=phase, submitted_at=timezone.now(),
        )  # fmt: skip
        for cohort in cohorts:
            cohort.study = study
            cohort.part = "SAD" if cohort.part == "Q" else cohort.part
            cohort.full_clean()
            cohort.save()
        record(
            "tcrc.study_requested", actor=actor, obj=study,
            new={**snapshot(study, ["protocol_number", "title", "status"]),
                 "cohorts": len(cohorts)},
        )  # fmt: skip
    coordinators = User.objects.filter(role=Role.TCRC_COORDINATOR, is_active=True)
    notify(
        coordinators,
        f"{sponsor.name} asks the unit for {study.protocol_number} ({len(cohorts)} cohorts): "
        "re-plan to place it.",
        reverse("tcrc_study", args=[study.pk]),
    )
    return study


def book_study(actor: Any, study: Study) -> Study:
    """Fix the study's planned days, if the unit still has room for them beside every other
    booked study. Of two coordinators booking the last beds at once, exactly one succeeds."""
    require_coordinator(actor)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=study.unit_id)
        study = Study.objects.select_for_update().get(pk=study.pk)
        if study.status != Study.Status.REQUESTED:
            raise ValidationError(
                {"status": f"The study is {study.get_status_display().lower()}, not requested."}
            )
        cohorts = list(study.cohorts.exclude(status=Cohort.Status.CANCELLED))
        if not cohorts or any(c.dose_day is None for c in cohorts):
            raise ValidationError(
                {"status": "Every cohort needs a planned day first: re-plan the unit."}
            )
        blockers = _booking_blockers(unit, study, cohorts)
        if blockers:
            raise ValidationError(
                {"status": "No longer room for this study: " + "; ".join(blockers[:4])}
            )
        study.status = Study.Status.BOOKED
        study.save(update_fields=["status"])
        record("tcrc.study_booked", actor=actor, obj=study, new=snapshot(study, ["status"]))
    return study


def _booking_blockers(unit: Unit, study: Study, cohorts: list[Cohort]) -> list[str]:
    if study.refusal:
        return [study.refusal]
    today = timezone.localdate()
    built = instances.build(unit, today)
    ahead = [c for c in cohorts if (c.discharge_day() or today) >= today]
    if any(str(c.pk) not in built.cohorts for c in ahead):
        return ["some planned days have passed: re-plan the unit"]
    # Everyone pinned already (booked studies, cohorts in the unit now) takes the unit
    # first, then this study's planned days; paid nurse overtime counts, as it does for
    # the planner.
    days = {
        spec.key: spec.fixed_day
        for spec in built.instance.cohorts
        if spec.fixed_day is not None and built.cohorts[spec.key].study_id != study.pk
    }
    mine = {str(c.pk): built.day(c.dose_day) for c in ahead if c.dose_day is not None}
    found: list[str] = []
    for key, blocker in placement_blockers(built.instance, {**days, **mine}):
        if key not in mine:
            continue
        on = f"{built.date(blocker.day):%Y-%m-%d}"
        if blocker.resource == NO_DOSING:
            found.append(f"no dosing cover on {on}")
        elif blocker.resource == NO_COVER_AFTER:
            found.append(f"no cover on {on}, the day after a high-risk dose")
        elif blocker.resource.startswith(SKILL):
            found.append(f"{blocker.resource} level {blocker.needed} on {on}")
        else:
            found.append(f"{blocker.resource} on {on}")
    found.extend(_too_soon(built, ahead))
    found.extend(
        f"{c.label} is planned for {c.dose_day:%Y-%m-%d}, after its latest day {c.latest:%Y-%m-%d}"
        for c in ahead
        if c.latest is not None and c.dose_day is not None and c.dose_day > c.latest
    )
    return list(dict.fromkeys(found))


def _too_soon(built: instances.UnitInstance, cohorts: list[Cohort]) -> list[str]:
    """Cohorts planned before the one before them is through its stay and safety review."""
    days = {key: built.day(c.dose_day) for key, c in built.cohorts.items() if c.dose_day}
    mine = {str(c.pk) for c in cohorts}
    found = []
    for rule in built.instance.precedences:
        if rule.after not in mine or rule.before not in days or rule.after not in days:
            continue
        apart = days[rule.after] - days[rule.before]
        if apart < rule.lag:
            after, before = built.cohorts[rule.after], built.cohorts[rule.before]
            found.append(
                f"{after.label} is dosed {apart} day{'s' if apart != 1 else ''} after "
                f"{before.label}; its stay and safety review need {rule.lag}"
            )
    return found


def quote_study(
    unit: Unit, cohorts: list[Cohort], *, today: date | None = None
) -> tuple[Quote, instances.UnitInstance]:
    """The earliest start and finish for unsaved ``cohorts`` beside the booked studies."""
    built = instances.build(unit, today or timezone.localdate())
    booked = tuple(spec for spec in built.instance.cohorts if spec.fixed_day is not None)
    specs: list[solver.Cohort] = []
    lags: list[solver.Precedence] = []
    for n, cohort in enumerate(cohorts):
        spec = instances.to_solver(built, cohort, max(0, built.day(cohort.earliest)), False)
        specs.append(replace(spec, key=f"new-{n}", study="new", previous_day=None))
        if n:
            lag = instances.review_lag(cohorts[n - 1])
            lags.append(solver.Precedence(f"new-{n - 1}", f"new-{n}", lag))
    return quote(solver.Instance(built.instance.unit, booked), specs, lags), built


def limit_sentence(limit: Limit) -> str:
    """What no date can cure, in words a sponsor acts on."""
    needed, have = limit.needed, limit.available
    if limit.resource == DOSING_DAYS:
        return (
            f"Its cohorts, each dosed on a day the unit doses with the safety reviews between "
            f"them, do not all fit within the {have} days the unit plans ahead of its earliest "
            "start."
        )
    if have == 0 and not limit.resource.startswith(SKILL):
        what = limit.resource
        if what == "scanner":
            what = "the scanner"
        elif what.startswith("nurses ("):
            what = "nurses on the " + what.removeprefix("nurses (").removesuffix(")")
        return (
            f"A cohort needs {what} on a day the unit has none (a weekend, a holiday or a "
            "closure), whichever day it is dosed: move its stay or its scan days."
        )
    if limit.resource == SPAN:
        return (
            f"The study needs at least {needed} days from its first admission to its last "
            f"discharge, with the safety reviews between cohorts; the unit plans {have} days "
            "ahead of its earliest start."
        )
    if limit.resource == "admissions":
        return f"A cohort admits {needed} people on one day; the unit admits at most {have} a day."
    if limit.resource == "scanner":
        return f"A cohort needs {needed} scans on one day; the scanner takes at most {have} a day."
    if limit.resource.startswith(SKILL):
        shift = limit.resource.removeprefix(f"{SKILL} (").removesuffix(")")
        return (
            f"A cohort needs nurses of skill level {needed} on the {shift} of its stay; the "
            f"unit rosters at most level {have} there on the days it could be dosed."
        )
    if limit.resource.startswith("nurses"):
        shift = limit.resource.removeprefix("nurses (").removesuffix(")")
        return (
            f"A cohort needs a nurse load of {needed} on the {shift}; the unit staffs at most "
            f"{have}, paid overtime included."
        )
    what = limit.resource  # "beds", "beds with telemetry"
    return f"A cohort needs {needed} {what} on one night; the unit has {have}."


REVIEW_OUTCOMES = {
    "repeat": "Repeat the dose level",
    "add": "Add a cohort",
    "stop": "Stop the study",
}


def record_review_outcome(
    actor: Any, cohort: Cohort, outcome: str, *, today: date | None = None
) -> PlanRun:
    """After a safety review of ``cohort``: repeat its dose level, add a cohort, or stop the
    study. Stays under way stay where they are; the unit is re-planned around the change."""
    require_coordinator(actor)
    if outcome not in REVIEW_OUTCOMES:
        raise ValidationError({"outcome": f"Choose one of: {', '.join(REVIEW_OUTCOMES)}."})
    with transaction.atomic():
        # Two outcomes on one study at once would renumber its cohorts over each other.
        study = Study.objects.select_for_update().get(pk=cohort.study_id)
        if study.status not in (Study.Status.REQUESTED, Study.Status.BOOKED):
            status = study.get_status_display().lower()
            raise ValidationError({"outcome": f"The study is {status}."})
        cohort = Cohort.objects.get(pk=cohort.pk)
        if outcome == "stop":
            _stop(study, today or timezone.localdate())
        else:
            _insert_after(cohort, today or timezone.localdate(), repeat=outcome == "repeat")
        record(
            "tcrc.review_outcome",
            actor=actor,
            obj=study,
            new={"cohort": cohort.pk, "outcome": outcome},
        )
        return request_plan(
            actor, study.unit, reason=f"{REVIEW_OUTCOMES[outcome]}: {cohort}", today=today
        )


def _stop(study: Study, today: date) -> None:
    for cohort in study.cohorts.all():
        if (
            cohort.dose_day is None
            or cohort.dose_day + timedelta(days=cohort.admission_offset) > today
        ):
            cohort.status = Cohort.Status.CANCELLED
            cohort.save(update_fields=["status"])
            cohort.stays.all().delete()
    study.status = Study.Status.STOPPED
    study.save(update_fields=["status"])


def _insert_after(cohort: Cohort, today: date, *, repeat: bool) -> Cohort:
    """Repeat: a copy of ``cohort`` right after it. Add: a copy of the last cohort, at the end.
    The later cohorts not yet admitted give up their days (a booked study's too): the copy
    comes first, and the re-plan places them after it."""
    siblings = cohort.study.cohorts.order_by("-sequence")
    model = cohort if repeat else siblings[0]
    for later in siblings.filter(sequence__gt=model.sequence):
        later.sequence += 1
        fields = ["sequence"]
        if later.dose_day is not None and (
            later.dose_day + timedelta(days=later.admission_offset) > today
        ):
            later.dose_day = None
            later.stays.all().delete()
            fields.append("dose_day")
        later.save(update_fields=fields)
    copy = Cohort.objects.get(pk=model.pk)
    copy.pk = None
    copy.sequence = model.sequence + 1
    copy.dose_day = None
    copy.status = Cohort.Status.PLANNED
    copy.latest = None  # the window was the first's: a copy comes a review later
    copy.save()
    return copy


def occupancy(stays: list[Stay]) -> dict[date, int]:
    """Beds taken per night."""
    nights: dict[date, int] = defaultdict(int)
    for stay in stays:
        for n in range(stay.nights):
            nights[stay.first_night + timedelta(days=n)] += 1
    return dict(nights)


def beds_of(unit: Unit) -> list[Bed]:
    return list(unit.beds.all())


CTG_EVENTS = {
    "first_enrolled": "first subject enrolled",
    "primary_completed": "primary completion",
}


def record_trial_event(actor: Any, study: Study, event: str, on: date) -> list[Any]:
    """The study's first enrollment or primary completion: ClinicalTrials.gov's clocks start
    (CTG-01..05), stored on the study's IND with their source. Phase 1 studies are outside
    42 CFR 11; the NIH, ICMJE and contract duties apply where switched on."""
    from translink.regulatory import rules
    from translink.regulatory.actions.obligations import create_obligations

    if actor is not None and getattr(actor, "role", None) not in {*COORDINATORS, Role.REGULATORY}:
        raise PermissionDenied("Only the unit's coordinators and regulatory staff record this.")
    if event not in CTG_EVENTS:
        raise ValidationError({"event": f"Choose one of: {', '.join(CTG_EVENTS)}."})
    if study.ind is None:
        raise ValidationError(
            {
                "event": "Link the study to its IND first, in the study's record: its "
                "obligations live there."
            }
        )
    if getattr(study, event) is not None:
        raise ValidationError({"event": f"The {CTG_EVENTS[event]} is already recorded."})
    if event == "primary_completed" and (study.first_enrolled is None or on < study.first_enrolled):
        raise ValidationError({"on": "Primary completion comes after the first enrollment."})
    policies = frozenset(
        policy
        for policy, on_ in (
            (rules.Policy.NIH, study.nih_funded),
            (rules.Policy.ICMJE, study.icmje_registration),
            (rules.Policy.CONTRACT, study.contract_registration),
        )
        if on_
    )
    phase = int(study.phase[0]) if study.phase[:1].isdigit() else None
    trigger = (rules.FirstEnrollment if event == "first_enrolled" else rules.PrimaryCompletion)(
        on, phase, policies
    )
    with transaction.atomic():
        setattr(study, event, on)
        study.save(update_fields=[event])
        record(f"tcrc.{event}", actor=actor, obj=study, new={event: on})
        return create_obligations(actor, study.ind, trigger, study=study)


def warn_of_hold(ind: Any, on: date, partial: bool) -> int:
    """FDA put the IND on clinical hold: every unit coordinator hears which of its studies
    in the unit are affected, since a booked plan stays until the next re-plan refuses it.
    The number of studies named."""
    from translink.market.notifications import notify  # notifications live with the market

    studies = list(
        Study.objects.filter(
            ind=ind, status__in=[Study.Status.REQUESTED, Study.Status.BOOKED]
        ).order_by("protocol_number")
    )
    if not studies:
        return 0
    kind = "a partial clinical hold" if partial else "a full clinical hold"
    rule = "dose only the parts the hold does not name" if partial else "no one may be dosed"
    names = ", ".join(study.protocol_number for study in studies)
    coordinators = User.objects.filter(role=Role.TCRC_COORDINATOR, is_active=True)
    notify(
        coordinators,
        f"IND {ind.number or ind.product} is on {kind} from {on:%d %b %Y}: {rule} in "
        f"{names}. Re-plan the unit.",
        reverse("unit_calendar"),
    )
    return len(studies)


def close_studies_of(ind: Any, on: date, why: str) -> int:
    """The IND is withdrawn or terminated: its studies stop; cohorts not yet admitted are
    cancelled and give back their beds."""
    studies = Study.objects.filter(
        ind=ind, status__in=[Study.Status.REQUESTED, Study.Status.BOOKED]
    )
    count = 0
    for study in studies:
        _stop(study, on)
        Study.objects.filter(pk=study.pk).update(refusal=why[:300])
        record("tcrc.study_closed", obj=study, reason=why)
        count += 1
    return count
