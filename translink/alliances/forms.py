"""Forms of the alliances: a new alliance, a gate review, scores, the signed decision, the
gate criteria, agreements and funding. Views narrow choices to what the user may pick."""

from __future__ import annotations

from typing import Any

from django import forms

from translink.accounts.models import Organization, User
from translink.alliances.actions import SIGNATURE_MEANING
from translink.alliances.models import Agreement, Alliance, Criterion, Decision, Member, Stage
from translink.market.models import Introduction, Need
from translink.people.models import FocusArea, Researcher

DATE = forms.DateInput(attrs={"type": "date"})
SCORE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class AllianceForm(forms.Form):
    title = forms.CharField(max_length=200)
    problem_statement = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    focus_area = forms.ChoiceField(choices=FocusArea.choices)
    stage = forms.ChoiceField(choices=Stage.choices, initial=Stage.BASIC_RESEARCH)
    lead = forms.ModelChoiceField(queryset=Researcher.objects.none())
    co_investigators = forms.ModelMultipleChoiceField(
        queryset=Researcher.objects.none(), help_text="From another department than the lead."
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.none(), required=False, label="Industry partners"
    )
    origin_introduction = forms.ModelChoiceField(
        queryset=Introduction.objects.none(), required=False, label="Came from the introduction"
    )
    origin_need = forms.ModelChoiceField(
        queryset=Need.objects.none(), required=False, label="Answers the industry need"
    )

    def team(self) -> list[tuple[Researcher, str]]:
        data = self.cleaned_data
        lead = data["lead"]
        others = [r for r in data["co_investigators"] if r.pk != lead.pk]
        return [(lead, Member.Role.LEAD), *((r, Member.Role.CO_INVESTIGATOR) for r in others)]


class OpenReviewForm(forms.Form):
    council = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Council members",
        help_text="Members with a disclosed tie to a partner are recused automatically.",
    )
    due_on = forms.DateField(widget=DATE, required=False, label="Scores due by")


class ScoreForm(forms.Form):
    scientific_merit = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    clinical_need = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    market_pull = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    feasibility = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    team = forms.TypedChoiceField(choices=SCORE_CHOICES, coerce=int)
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(choices=Decision.Outcome.choices)
    rationale = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    meaning = forms.CharField(
        max_length=200, initial=SIGNATURE_MEANING, label="Meaning of your signature"
    )
    password = forms.CharField(
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        label="Your password, to sign",
        strip=False,
    )


class GateCriteriaForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices[1:], label="Gate into")
    criteria = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in Criterion.choices:
            self.fields[f"weight_{code}"] = forms.IntegerField(
                min_value=0, max_value=100, label=f"Weight of {str(label).lower()} (%)"
            )

    def weights(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"weight_{code}"] for code in Criterion.values}


class AgreementForm(forms.Form):
    kind = forms.ChoiceField(choices=Agreement.Kind.choices)
    title = forms.CharField(max_length=200)
    company = forms.ModelChoiceField(queryset=Organization.objects.none())
    researcher = forms.ModelChoiceField(queryset=Researcher.objects.none(), required=False)
    alliance = forms.ModelChoiceField(queryset=Alliance.objects.none(), required=False)
    need = forms.ModelChoiceField(
        queryset=Need.objects.none(),
        required=False,
        help_text="For a CDA with a researcher: the need whose confidential detail it opens.",
    )
    value = forms.DecimalField(max_digits=14, decimal_places=2, required=False, min_value=0)
    first_draft_on = forms.DateField(widget=DATE, label="First draft on")
    expires_on = forms.DateField(widget=DATE, required=False, label="Expires on")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AgreementStepForm(forms.Form):
    status = forms.ChoiceField(choices=Agreement.Status.choices, label="New state")
    on = forms.DateField(widget=DATE)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LogForm(forms.Form):
    on = forms.DateField(widget=DATE, label="On")
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What happened")


class FundingForm(forms.Form):
    sponsor = forms.ModelChoiceField(queryset=Organization.objects.none())
    amount = forms.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    starts_on = forms.DateField(widget=DATE)
    ends_on = forms.DateField(widget=DATE)
    milestone = forms.CharField(max_length=200, required=False, label="First milestone")
    milestone_amount = forms.DecimalField(
        max_digits=14, decimal_places=2, required=False, min_value=0
    )
    milestone_due_on = forms.DateField(widget=DATE, required=False)

    def milestones(self) -> list[tuple[str, Any, Any]]:
        data = self.cleaned_data
        if not data.get("milestone"):
            return []
        return [(data["milestone"], data["milestone_amount"], data["milestone_due_on"])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("milestone") and (
            data.get("milestone_amount") is None or data.get("milestone_due_on") is None
        ):
            self.add_error("milestone_amount", "Give the milestone's amount and due date.")
        return data
