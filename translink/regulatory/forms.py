"""Forms of the IND registry: lifecycle steps, investigators, safety reports and their
follow-ups, obligations."""

from __future__ import annotations

from django import forms

from translink.accounts.models import Organization
from translink.people.models import Researcher
from translink.regulatory.actions import Transition
from translink.regulatory.models import SafetyReport

DATE = forms.DateInput(attrs={"type": "date"})
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"})


class TransitionForm(forms.Form):
    transition = forms.ChoiceField(choices=Transition.choices, label="What happened")
    on = forms.DateField(widget=DATE, label="On", help_text="The day sent, received or decided.")
    number = forms.CharField(max_length=20, required=False, label="FDA's IND number (on receipt)")
    received = forms.DateField(
        widget=DATE, required=False, label="FDA received the complete response on"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False,
        help_text="Required for a withdrawal for safety: investigators and IRBs are told why. "
        "For a termination, FDA's grounds.",
    )  # fmt: skip


class InvestigatorForm(forms.Form):
    name = forms.CharField(max_length=200)
    signed_1572 = forms.DateField(widget=DATE, label="Form FDA 1572 signed on")


class SafetyReportForm(forms.Form):
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    received_at = forms.DateTimeField(widget=MOMENT, label="First received by sponsor staff at")
    qualified_at = forms.DateTimeField(widget=MOMENT, label="Determined to qualify at")
    serious = forms.BooleanField(required=False)
    unexpected = forms.BooleanField(required=False)
    fatal_or_life_threatening = forms.BooleanField(required=False)


class ReportChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: SafetyReport) -> str:
        return f"{obj.received_at:%Y-%m-%d %H:%M} UTC: {obj.description[:80]}"


class FollowUpForm(forms.Form):
    """New information on a safety report already taken in; the view narrows ``follows`` to
    the IND's initial reports."""

    follows = ReportChoiceField(
        queryset=SafetyReport.objects.none(), label="New information on the report of"
    )
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, label="What is new"
    )
    received_at = forms.DateTimeField(widget=MOMENT, label="Received by sponsor staff at")
    reportable_at = forms.DateTimeField(
        widget=MOMENT, required=False, label="Found reportable at",
        help_text="Only for an event first judged not reportable that this information shows "
        "is (IND-13); leave empty otherwise.",
    )  # fmt: skip


class MetForm(forms.Form):
    on = forms.DateField(widget=DATE, label="Met on")


class NewIndForm(forms.Form):
    """A new IND in the registry; the view narrows the choices to what its user may pick."""

    sponsor_investigator = forms.ModelChoiceField(queryset=Researcher.objects.none())
    sponsor_company = forms.ModelChoiceField(
        queryset=Organization.objects.none(),
        required=False,
        help_text="Only if a company sponsors it.",
    )
    product = forms.CharField(max_length=200)
    indication = forms.CharField(max_length=300)
    division = forms.CharField(max_length=200, required=False, label="FDA review division")
    number = forms.CharField(
        max_length=20, required=False, label="IND number", help_text="Once FDA assigns it."
    )
    time_zone = forms.CharField(
        max_length=64, initial="America/New_York", help_text="The sponsor's site."
    )
