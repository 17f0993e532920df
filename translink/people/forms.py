"""The researcher's own profile form, and the disclosure form."""

from __future__ import annotations

from typing import Any

from django import forms

from translink.people.models import Department, Disclosure, FocusArea


class ProfileForm(forms.Form):
    title = forms.CharField(max_length=120, required=False)
    orcid = forms.CharField(
        label="ORCID iD", max_length=40, required=False, help_text="e.g. 0000-0002-1825-0097"
    )
    departments = forms.ModelMultipleChoiceField(
        queryset=Department.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
    )
    focus_areas = forms.MultipleChoiceField(
        choices=FocusArea.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    specialties = forms.CharField(
        max_length=500,
        required=False,
        help_text="Separated by commas, e.g. microglia, PET imaging.",
    )
    bio = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False)
    open_to_industry = forms.BooleanField(
        required=False,
        label="Open to industry",
        help_text="Companies and investors see your profile.",
    )
    max_active_alliances = forms.IntegerField(
        min_value=0, max_value=20, label="Alliances at once, at most"
    )

    def clean_specialties(self) -> list[str]:
        text: str = self.cleaned_data["specialties"]
        return [part.strip() for part in text.split(",") if part.strip()]

    @staticmethod
    def initial_for(researcher: Any) -> dict[str, Any]:
        return {
            "title": researcher.title, "orcid": researcher.orcid or "",
            "departments": list(researcher.departments.all()),
            "focus_areas": researcher.focus_areas,
            "specialties": ", ".join(researcher.specialties), "bio": researcher.bio,
            "open_to_industry": researcher.open_to_industry,
            "max_active_alliances": researcher.max_active_alliances,
        }  # fmt: skip


class DisclosureForm(forms.ModelForm):
    class Meta:
        model = Disclosure
        fields = ["company_name", "kind", "started_on", "ended_on"]
        widgets = {
            "started_on": forms.DateInput(attrs={"type": "date"}),
            "ended_on": forms.DateInput(attrs={"type": "date"}),
        }
