"""Forms of the unit's pages: a capacity quote, a safety review's outcome, closed days, beds
out of service."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from translink.accounts.models import Organization
from translink.lib.forms import remember_shown
from translink.tcrc.actions import CTG_EVENTS, REVIEW_OUTCOMES
from translink.tcrc.cohort_changes import EDITABLE
from translink.tcrc.models import Closure, Cohort, Study, Unit
from translink.tcrc.records import DUTIES
from translink.tcrc.staffing import CAPACITIES, WEEKDAYS, skill_scale

DATE = forms.DateInput(attrs={"type": "date"})  # the browser's date picker


def scan_days_of(text: str) -> list[int]:
    """Study days with a scan, typed as "1, 3": whole days from 0 to 60 after dosing."""
    text = text.strip()
    if not text:
        return []
    try:
        days = sorted({int(part) for part in text.replace(";", ",").split(",") if part.strip()})
    except ValueError:
        raise forms.ValidationError(
            "Give whole study days separated by commas, such as 1, 3."
        ) from None
    if any(d < 0 or d > 60 for d in days):
        raise forms.ValidationError("Scan days must be between 0 and 60 days after dosing.")
    return days


def loads_text(load: list[list[int]]) -> str:
    """A cohort's load per stay day as typed: "2/1/1, 4/2/1, 1/0/0"."""
    return ", ".join("/".join(str(v) for v in shifts) for shifts in load)


def loads_of(text: str, example: str = "4/2/1") -> list[list[int]]:
    """Loads (or skill levels) typed as "2/1/1, 4/2/1, 1/0/0": day/evening/night for each
    stay day."""
    loads = []
    for n, part in enumerate((p for p in text.replace(";", ",").split(",") if p.strip()), 1):
        try:
            shifts = [int(v) for v in part.strip().split("/")]
        except ValueError:
            shifts = []
        if len(shifts) != 3:
            raise forms.ValidationError(
                f"Stay day {n} ({part.strip()!r}): give day/evening/night as three whole "
                f"numbers, such as {example}."
            )
        loads.append(shifts)
    return loads


class QuoteForm(forms.Form):
    """A study described in a few numbers: its cohorts are alike and chained by reviews."""

    horizon_days = 182  # the unit's, set by the view
    cohorts = forms.IntegerField(
        min_value=1, max_value=12, initial=4, help_text="How many cohorts, dosed in turn."
    )
    participants = forms.IntegerField(
        min_value=1, max_value=18, initial=8, help_text="Participants per cohort."
    )
    sentinels = forms.IntegerField(
        min_value=0, max_value=4, initial=2, help_text="Dosed first, the rest a day later."
    )
    standby = forms.IntegerField(
        min_value=0,
        max_value=4,
        initial=1,
        help_text="Reserves admitted with the cohort for one night.",
    )
    nights = forms.IntegerField(
        min_value=1, max_value=30, initial=3, help_text="Nights in the unit per stay."
    )
    review_gap_days = forms.IntegerField(
        min_value=0,
        max_value=60,
        initial=7,
        help_text="Days from discharge to the next cohort (safety review).",
    )
    telemetry = forms.BooleanField(
        required=False, help_text="Every participant needs a telemetry bed."
    )
    scan_days = forms.CharField(
        required=False,
        max_length=40,
        help_text="Study days with a PET scan, relative to dosing (e.g. 1, 3).",
    )
    earliest = forms.DateField(widget=DATE, help_text="The first day the sponsor could start.")

    def clean_scan_days(self) -> list[int]:
        return scan_days_of(self.cleaned_data["scan_days"])

    def clean_load(self) -> list[list[int]]:
        return loads_of(self.cleaned_data["load"])

    def clean_earliest(self) -> date:
        earliest: date = self.cleaned_data["earliest"]
        today = timezone.localdate()
        if earliest < today:
            raise forms.ValidationError("The earliest start cannot be in the past.")
        ahead = self.horizon_days - 14
        last = today + timedelta(days=ahead)
        if earliest > last:
            days = self.horizon_days
            raise forms.ValidationError(
                f"The unit plans {days} days ahead: start by {last:%Y-%m-%d}."
            )
        return earliest

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        sentinels, participants = data.get("sentinels"), data.get("participants")
        if sentinels is not None and participants is not None and sentinels > participants:
            self.add_error(
                "sentinels", "Sentinels are among the participants: at most the cohort's size."
            )
        return data

    def cohorts_described(self) -> list[Cohort]:
        """Unsaved cohorts as the form describes them."""
        data = self.cleaned_data
        nights = data["nights"]
        load = [*[[2, 1, 1], [4, 2, 1], *[[1, 1, 1]] * (nights - 1)][:nights], [1, 0, 0]]
        return [
            Cohort(
                part="Q",
                sequence=n + 1,
                participants=data["participants"],
                sentinels=data["sentinels"],
                sentinel_gap_days=1 if data["sentinels"] else 0,
                standby=data["standby"],
                nights=nights,
                load=load,
                scan_days=data["scan_days"],
                periods=[],
                telemetry=data["telemetry"],
                skill=2,
                review_gap_days=data["review_gap_days"],
                earliest=data["earliest"],
                priority=5,
            )
            for n in range(data["cohorts"])
        ]


class TrialEventForm(forms.Form):
    event = forms.ChoiceField(choices=list(CTG_EVENTS.items()))
    on = forms.DateField(widget=DATE, help_text="The day it happened.")


class ReviewOutcomeForm(forms.Form):
    cohort = forms.ModelChoiceField(
        queryset=Cohort.objects.none(), help_text="The cohort the review was about."
    )
    outcome = forms.ChoiceField(choices=list(REVIEW_OUTCOMES.items()))


class StudyRequestForm(forms.Form):
    """What the unit needs besides the quote's numbers to take a study on: which one it is,
    and (for a coordinator entering it) whose."""

    protocol_number = forms.CharField(max_length=60, help_text="The sponsor's protocol number.")
    title = forms.CharField(max_length=300)
    sponsor = forms.ModelChoiceField(queryset=Organization.objects.none(), required=False)

    def __init__(self, *args: Any, sponsors: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if sponsors is None:  # a company asks for itself
            del self.fields["sponsor"]
        else:
            self.fields["sponsor"].queryset = sponsors  # type: ignore[attr-defined]
            self.fields["sponsor"].required = True


class ClosureForm(forms.Form):
    """A run of days the unit closes: a holiday (no dosing, no admissions) or a closure."""

    first = forms.DateField(label="First day", widget=DATE)
    last = forms.DateField(label="Last day", widget=DATE, required=False)
    kind = forms.ChoiceField(
        choices=[(Closure.Kind.CLOSED, "Unit closed"), (Closure.Kind.HOLIDAY, "Holiday")]
    )
    reason = forms.CharField(max_length=200, required=False)


class BedOutageForm(forms.Form):
    """Nights a bed, or every bed of a room, cannot be slept in; the view offers the unit's
    beds and rooms."""

    bed = forms.ChoiceField(choices=[], label="Bed or room")
    first = forms.DateField(label="First night", widget=DATE)
    last = forms.DateField(label="Last night", widget=DATE, required=False)
    reason = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, beds: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["bed"].choices = beds  # type: ignore[attr-defined]


class BedRetireForm(forms.Form):
    """The first night a bed is no longer in the unit (tonight if left empty)."""

    retired_from = forms.DateField(label="From the night of", widget=DATE, required=False)


class BedForm(forms.Form):
    """A bed added to the unit."""

    code = forms.CharField(max_length=20, help_text="As on the bed, such as 10A.")
    room = forms.CharField(max_length=40)
    telemetry = forms.BooleanField(required=False)


class CapacityForm(forms.ModelForm):
    """The unit's standing capacities, as its coordinators set them, and the days of the
    week with dosing cover."""

    dosing_weekdays = forms.TypedMultipleChoiceField(
        label="Dosing days",
        choices=list(enumerate(WEEKDAYS)),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="Days with an investigator and emergency-trained staff on site; holidays "
        "excepted. Staffing, skill levels and admissions follow the weekday and weekend "
        "figures (a Saturday dosing day has the weekend roster).",
        error_messages={"required": "Choose at least one day with dosing cover."},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            self.fields["dosing_weekdays"].initial = list(self.instance.dosing_weekdays)
        setattr(self.fields["dosing_weekdays"], "wide", True)  # noqa: B010  # read by _form.html
        remember_shown(self)

    class Meta:
        model = Unit
        fields = list(CAPACITIES)
        labels = CAPACITIES
        help_texts = {  # the nurses' table on the page explains load and skill
            "nurse_overtime": "Extra load any shift may carry, at a cost to the plan.",
        }


class StudyRecordForm(forms.ModelForm):
    """The study's record as staff keep it; the view narrows each choice to what the user
    may see and what fits the sponsor."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        remember_shown(self)

    class Meta:
        model = Study
        fields = ["title", "phase", "principal_investigator", "ind", "alliance", *DUTIES]
        labels = {
            "ind": "IND",
            "principal_investigator": "Principal investigator",
            "nih_funded": "NIH-funded (NOT-OD-16-149)",
            "icmje_registration": "ICMJE registration",
            "contract_registration": "Registration in the sponsor's contract",
        }
        help_texts = {"ind": "Dosing waits for it to take effect; its duties are kept there."}


class CohortForm(forms.Form):
    """A requested cohort as a coordinator refines it: the model's own fields and limits,
    scan days typed as "1, 3". A plain form: the action checks the cohort as a whole (its
    load follows its nights), so the model is not validated half-changed here."""

    def __init__(self, data: Any = None, *, cohort: Cohort) -> None:
        initial = {name: getattr(cohort, name) for name in EDITABLE}
        initial["scan_days"] = ", ".join(map(str, cohort.scan_days))
        initial["load"] = loads_text(cohort.load)
        initial["shift_skill"] = loads_text(cohort.shift_skill)
        super().__init__(data, initial=initial)
        own = [name for name in EDITABLE if name not in ("scan_days", "load", "shift_skill")]
        self.fields.update(
            forms.fields_for_model(
                Cohort,
                fields=own,
                widgets={"earliest": DATE, "latest": DATE, "target": DATE},
                help_texts={
                    "target": "The day the sponsor wants it dosed; later days count as late.",
                    "latest": "The last day its first dose may be given; if it cannot start by "
                    "then, it is left out.",
                    "priority": "1 to 10: when the unit is full, lower priorities wait first.",
                },
            )
        )
        self.fields["scan_days"] = forms.CharField(
            required=False,
            max_length=40,
            help_text="Study days with a PET scan, relative to dosing (e.g. 1, 3).",
        )
        self.fields["load"] = forms.CharField(
            label="Nurse load per stay day",
            max_length=1000,
            help_text="One participant's day/evening/night load on each stay day from "
            "admission, then on discharge day (e.g. 2/1/1, 4/2/1, 1/0/0).",
        )
        self.fields["shift_skill"] = forms.CharField(
            label="Nurse skill needed per stay day",
            required=False,
            max_length=1000,
            help_text="The skill level each dosed participant needs on the day/evening/night "
            "shift of each stay day, laid out like the load (e.g. 0/0/0, 2/2/2, 2/0/0: through "
            "the dosing day and its night, and the next morning); the night shift is the night "
            "after that day, and discharge day needs its day shift only. Empty for none beyond "
            f"the dosing day. Levels: {skill_scale()}.",
        )
        for wide in ("load", "shift_skill"):
            setattr(self.fields[wide], "wide", True)  # noqa: B010  # read by _form.html
        self.order_fields(EDITABLE)
        remember_shown(self)

    def clean_scan_days(self) -> list[int]:
        return scan_days_of(self.cleaned_data["scan_days"])

    def clean_load(self) -> list[list[int]]:
        return loads_of(self.cleaned_data["load"])

    def clean_shift_skill(self) -> list[list[int]]:
        return loads_of(self.cleaned_data["shift_skill"], example="2/2/1")
