"""The team builder's form."""

from __future__ import annotations

from django import forms


class TeamForm(forms.Form):
    problem = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, label="The alliance's problem"
    )
    required = forms.CharField(
        max_length=500, required=False, label="Specialties the team must cover",
        help_text="Separated by commas, e.g. microglia, PET imaging.",
    )  # fmt: skip
    size = forms.IntegerField(min_value=1, max_value=12, initial=4, label="Team size")
    min_departments = forms.IntegerField(
        min_value=0, max_value=12, initial=2, label="At least this many departments"
    )

    def clean_required(self) -> list[str]:
        return [part.strip() for part in self.cleaned_data["required"].split(",") if part.strip()]
