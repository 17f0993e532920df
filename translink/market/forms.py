"""Forms of the market: posting needs and assets, answering, deciding, introducing."""

from __future__ import annotations

from django import forms

from translink.accounts.models import Organization
from translink.market.models import Asset, Interest, Need, Offer
from translink.people.models import Researcher


class NeedForm(forms.ModelForm):
    offers = forms.MultipleChoiceField(choices=Offer.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Need
        fields = [
            "title", "summary", "confidential_detail", "therapeutic_area", "modality",
            "stage_sought", "offers", "budget_min", "budget_max", "response_deadline",
            "confidentiality",
        ]  # fmt: skip
        widgets = {"response_deadline": forms.DateInput(attrs={"type": "date"})}


class AssetForm(forms.ModelForm):
    sought = forms.MultipleChoiceField(
        choices=Asset.Sought.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Asset
        fields = ["title", "summary", "stage", "readiness_level", "ip_status", "sought", "status"]


class AnswerForm(forms.ModelForm):
    class Meta:
        model = Interest
        fields = ["approach", "experience", "next_step"]
        widgets = {
            "approach": forms.Textarea(attrs={"rows": 4}),
            "experience": forms.Textarea(attrs={"rows": 3}),
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")], widget=forms.RadioSelect
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000,
        help_text="The sender sees it; required when you decline.",
    )  # fmt: skip


class IntroductionForm(forms.Form):
    """The view narrows each choice to what the alliance manager may see."""

    researcher = forms.ModelChoiceField(queryset=Researcher.objects.none())
    company = forms.ModelChoiceField(queryset=Organization.objects.none())
    need = forms.ModelChoiceField(
        queryset=Need.objects.none(), required=False, label="About the need"
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, label="Why they should meet"
    )
