"""The unit, its beds and closures; studies and their cohorts; the plan's stays and runs.

The pure planner (``translink.tcrc.solver``) works on days counted from the plan's first
day; these models hold dates. ``translink.tcrc.instances`` translates between the two.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

# What a skill level means on the unit's rosters and in a cohort's needs.
SKILL_LEVELS = {
    0: "no particular skill",
    1: "registered nurse",
    2: "research nurse with emergency (ACLS) training",
    3: "critical-care nurse",
}
MOST_SKILL = max(SKILL_LEVELS)
SKILL_RANGE = [MaxValueValidator(MOST_SKILL, message=f"Give a skill level from 0 to {MOST_SKILL}.")]


def weekdays_default() -> list[int]:
    """Monday to Friday (Monday is 0)."""
    return [0, 1, 2, 3, 4]


class Unit(models.Model):
    """The inpatient unit and its standing capacities (weekday and weekend)."""

    name = models.CharField(max_length=120)
    horizon_days = models.PositiveIntegerField(default=182, validators=[MinValueValidator(28)])
    admissions_weekday = models.PositiveIntegerField(default=10)
    admissions_weekend = models.PositiveIntegerField(default=4)
    scanner_slots_weekday = models.PositiveIntegerField(default=4)
    # Nurse load each shift's rostered staff can carry, in participant load units.
    nurses_weekday_day = models.PositiveIntegerField(default=36)
    nurses_weekday_evening = models.PositiveIntegerField(default=24)
    nurses_weekday_night = models.PositiveIntegerField(default=20)
    nurses_weekend_day = models.PositiveIntegerField(default=24)
    nurses_weekend_evening = models.PositiveIntegerField(default=18)
    nurses_weekend_night = models.PositiveIntegerField(default=16)
    nurse_overtime = models.PositiveIntegerField(default=6)
    # The highest skill level rostered on each shift (see ``SKILL_LEVELS``). Doses are
    # given on the day shift; a cohort may need a level on other shifts of its stay too.
    skill_weekday_day = models.PositiveSmallIntegerField(default=2, validators=SKILL_RANGE)
    skill_weekday_evening = models.PositiveSmallIntegerField(default=2, validators=SKILL_RANGE)
    skill_weekday_night = models.PositiveSmallIntegerField(default=2, validators=SKILL_RANGE)
    skill_weekend_day = models.PositiveSmallIntegerField(default=2, validators=SKILL_RANGE)
    skill_weekend_evening = models.PositiveSmallIntegerField(default=2, validators=SKILL_RANGE)
    skill_weekend_night = models.PositiveSmallIntegerField(default=1, validators=SKILL_RANGE)
    plan_seconds = models.PositiveIntegerField(default=20, validators=[MaxValueValidator(600)])
    # The days of the week with dosing cover (an investigator and emergency-trained staff
    # on site), Monday as 0; holidays excepted.
    dosing_weekdays = models.JSONField(default=weekdays_default)

    def __str__(self) -> str:
        return self.name


class Bed(models.Model):
    """One bed, in a room, with its equipment."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="beds")
    code = models.CharField(max_length=20)
    room = models.CharField(max_length=40)
    telemetry = models.BooleanField(default=False)
    # The first night the bed is no longer in the unit (taken away for good); its stays
    # before stay as they were.
    retired_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="tcrc_bed_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class BedOutage(models.Model):
    """Nights a bed cannot be slept in (a repair, its monitor being serviced), from the
    night of ``first_night`` to the night of ``last_night``; the other beds carry on."""

    bed = models.ForeignKey(Bed, on_delete=models.CASCADE, related_name="outages")
    first_night = models.DateField()
    last_night = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["first_night", "bed__code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_night__gte=models.F("first_night")),
                name="tcrc_bed_outage_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.bed.code} out of service from {self.first_night:%Y-%m-%d}"

    @property
    def nights(self) -> int:
        return (self.last_night - self.first_night).days + 1


class Closure(models.Model):
    """A day without dosing cover (a holiday), or with the unit closed altogether."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", "Holiday: no dosing, no admissions"
        CLOSED = "closed", "Unit closed: nobody in the unit"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="closures")
    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HOLIDAY)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} ({self.get_kind_display()})"


class Study(models.Model):
    """An industry-sponsored study run in the unit."""

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        BOOKED = "booked", "Booked"
        STOPPED = "stopped", "Stopped"
        COMPLETED = "completed", "Completed"

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="studies")
    sponsor = models.ForeignKey(
        "accounts.Organization", on_delete=models.PROTECT, related_name="tcrc_studies"
    )
    principal_investigator = models.ForeignKey(
        "people.Researcher",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tcrc_studies",
    )
    protocol_number = models.CharField(max_length=60)
    title = models.CharField(max_length=300)
    phase = models.CharField(max_length=10, default="1")
    ind = models.ForeignKey(
        "regulatory.Ind",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tcrc_studies",
    )
    alliance = models.ForeignKey(
        "alliances.Alliance",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tcrc_studies",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    submitted_at = models.DateTimeField()
    # ClinicalTrials.gov: the events that start its clocks, and the duties beyond 42 CFR 11
    # switched on for this study (phase 1 is outside the federal duty).
    first_enrolled = models.DateField(null=True, blank=True)
    primary_completed = models.DateField(null=True, blank=True)
    nih_funded = models.BooleanField(default=False, help_text="NIH policy NOT-OD-16-149")
    icmje_registration = models.BooleanField(default=False, help_text="ICMJE journal policy")
    contract_registration = models.BooleanField(default=False, help_text="The sponsor's contract")
    refusal = models.CharField(max_length=300, blank=True)  # why the planner left it out
    condition = models.CharField(max_length=300, blank=True)  # what its plan depends on

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name_plural = "studies"

    def __str__(self) -> str:
        return f"{self.protocol_number}: {self.title}"


class Cohort(models.Model):
    """A cohort of a study part (see ``translink.tcrc.solver.instance`` for each field)."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        UNPLACED = "unplaced", "Does not fit"
        CANCELLED = "cancelled", "Cancelled"

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="cohorts")
    part = models.CharField(max_length=40, default="SAD")
    sequence = models.PositiveIntegerField()
    participants = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(18)]
    )
    sentinels = models.PositiveIntegerField(default=2)
    sentinel_gap_days = models.PositiveIntegerField(default=1)
    standby = models.PositiveIntegerField(default=1)
    admission_offset = models.IntegerField(default=-1, validators=[MaxValueValidator(0)])
    nights = models.PositiveIntegerField(validators=[MinValueValidator(1), MaxValueValidator(60)])
    # One participant's load per stay day: [[day, evening, night], ...], nights + 1 entries.
    load = models.JSONField()
    scan_days = models.JSONField(default=list, blank=True)
    periods = models.JSONField(default=list, blank=True)  # dosing-period offsets after 0
    telemetry = models.BooleanField(default=False)
    skill = models.PositiveIntegerField(default=1)  # on the day shift of each dosing day
    # The level each dosed participant needs on each shift of each stay day:
    # [[day, evening, night], ...], nights + 1 entries like ``load``, or [] for none.
    shift_skill = models.JSONField(default=list, blank=True)
    high_risk = models.BooleanField(default=False)
    review_gap_days = models.PositiveIntegerField(default=7)
    earliest = models.DateField()
    # The last day it may be first dosed (a sponsor's contract, a drug supply's expiry):
    # a cohort that cannot be dosed by then is left out of the plan rather than late.
    latest = models.DateField(null=True, blank=True)
    target = models.DateField(null=True, blank=True)
    priority = models.PositiveIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    dose_day = models.DateField(null=True, blank=True)  # the first dosing day in the plan

    class Meta:
        ordering = ["study_id", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "sequence"], name="tcrc_cohort_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.study.protocol_number} {self.part} cohort {self.sequence}"

    @property
    def label(self) -> str:
        return f"{self.part} {self.sequence}"

    def clean(self) -> None:
        if self.sentinels > self.participants:
            raise ValidationError(
                {"sentinels": "Sentinels are among the participants: at most the cohort's size."}
            )
        if not isinstance(self.load, list) or len(self.load) != self.nights + 1:
            raise ValidationError(
                {"load": f"Give one [day, evening, night] load per stay day ({self.nights + 1})."}
            )
        if self.shift_skill and (
            not isinstance(self.shift_skill, list) or len(self.shift_skill) != self.nights + 1
        ):
            raise ValidationError(
                {
                    "shift_skill": "Give one [day, evening, night] skill level per stay day "
                    f"({self.nights + 1}), or none."
                }
            )

    def state_on(self, today: date) -> str:
        """What a coordinator calls it today: planned, in the unit, discharged, or its status."""
        if self.status != Cohort.Status.PLANNED or self.dose_day is None:
            return self.get_status_display()
        admitted = self.dose_day + timedelta(days=self.admission_offset)
        if today < admitted:
            return "Planned"
        return "In the unit" if today <= (self.discharge_day() or today) else "Discharged"

    def discharge_day(self) -> date | None:
        if self.dose_day is None:
            return None
        last_period = max([0, *self.periods])
        gap = self.sentinel_gap_days if self.sentinels else 0
        return self.dose_day + timedelta(
            days=last_period + gap + self.admission_offset + self.nights
        )


class Stay(models.Model):
    """One participant (by pseudonymous code) in one bed for consecutive nights."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="stays")
    participant = models.CharField(max_length=40)  # pseudonymous code, never a name
    number = models.PositiveIntegerField(default=0)  # the participant's index in the cohort
    group = models.CharField(max_length=10)  # sentinel, main, standby
    period = models.PositiveIntegerField(default=0)
    bed = models.ForeignKey(Bed, on_delete=models.PROTECT, related_name="stays")
    first_night = models.DateField()
    nights = models.PositiveIntegerField()

    class Meta:
        ordering = ["first_night", "bed__code"]

    def __str__(self) -> str:
        return f"{self.participant} in {self.bed_id} from {self.first_night:%Y-%m-%d}"


class PlanRun(models.Model):
    """One run of the planner over the unit, with what it proved."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Solving"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="runs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.CharField(max_length=200, default="Re-plan")
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    starts_on = models.DateField()
    time_limit = models.PositiveIntegerField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, blank=True)  # optimal, feasible, infeasible
    objective = models.BigIntegerField(null=True, blank=True)
    bound = models.BigIntegerField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    greedy_objective = models.BigIntegerField(null=True, blank=True)
    cohorts = models.PositiveIntegerField(default=0)
    placed = models.PositiveIntegerField(default=0)
    greedy_placed = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Plan run {self.pk} ({self.state})"

    @property
    def gap_percent(self) -> str:
        """The proven gap as a coordinator reads it: "8.2%", "0.04%" (empty when none)."""
        if not self.gap:
            return ""
        percent = 100 * self.gap
        return f"{percent:.1f}%" if percent >= 1 else f"{percent:.2g}%"
