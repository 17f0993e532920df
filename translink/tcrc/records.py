"""A study's record, kept true by the institute's staff: its title and phase, its principal
investigator, the IND and alliance it runs under, and the ClinicalTrials.gov duties beyond
the federal one that apply to it (NIH policy, ICMJE, the sponsor's contract).

The IND gates dosing (never before it takes effect, never on a full hold) and holds the
study's ClinicalTrials.gov duties, so changing it re-plans the unit: at once when a
coordinator changes it, through the coordinators' notifications when regulatory staff do.
Links are checked against the sponsor: an IND another company sponsors, or an alliance the
sponsor is not a partner of, is refused.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from translink.accounts.models import Role, User
from translink.audit.actions import record, snapshot
from translink.tcrc.actions import COORDINATORS, request_plan
from translink.tcrc.models import PlanRun, Study

RECORD_KEEPERS = frozenset({*COORDINATORS, Role.REGULATORY})
# The ClinicalTrials.gov duties beyond 42 CFR 11 that apply to the study: they are read
# when its first enrollment or primary completion is recorded.
DUTIES = ("nih_funded", "icmje_registration", "contract_registration")
FIELDS = ("title", "phase", "principal_investigator", "ind", "alliance", *DUTIES)


def change_record(actor: Any, study: Study, values: dict[str, Any]) -> PlanRun | None:
    """Set the given fields of the study's record (None unlinks); returns the re-plan queued
    when the IND changed on an open study and a coordinator changed it."""
    if getattr(actor, "role", None) not in RECORD_KEEPERS:
        raise PermissionDenied("Only the unit's coordinators and regulatory staff keep this.")
    unknown = sorted(set(values) - set(FIELDS))
    if unknown:
        raise ValidationError({unknown[0]: "Not part of the study's record."})
    with transaction.atomic():
        locked = Study.objects.select_for_update().select_related("sponsor").get(pk=study.pk)
        changed = [
            name for name in FIELDS if name in values and getattr(locked, name) != values[name]
        ]
        if not changed:
            return None
        _check(locked, {name: values[name] for name in changed})  # what stays is not judged
        old = snapshot(locked, changed)
        for name in changed:
            setattr(locked, name, values[name])
        locked.save(update_fields=changed)
        record(
            "tcrc.study_changed", actor=actor, obj=locked, old=old, new=snapshot(locked, changed)
        )
        if "ind" not in changed or locked.status not in (
            Study.Status.REQUESTED,
            Study.Status.BOOKED,
        ):
            return None
        why = f"{locked.protocol_number}: {_ind_words(locked)}"
        if actor.role in COORDINATORS:
            return request_plan(actor, locked.unit, reason=why)
        _tell_coordinators(locked, why)
    return None


def _check(study: Study, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    recorded = study.first_enrolled is not None or study.primary_completed is not None
    for duty in DUTIES:
        if duty in values and recorded:
            errors[duty] = (
                "The study's duties were set when its first enrollment was recorded: a "
                "duty switched now would add no obligation, so it stays as it was."
            )
    if "title" in values and not str(values["title"] or "").strip():
        errors["title"] = "Give the study a title."
    if "phase" in values and not str(values["phase"] or "").strip():
        errors["phase"] = "Give the phase, such as 1 or 1b."
    ind = values.get("ind")
    if ind is not None and ind.sponsor_company_id not in (None, study.sponsor_id):
        errors["ind"] = (
            f"IND {ind.number or ind.product} is another company's, not {study.sponsor.name}'s."
        )
    alliance = values.get("alliance")
    if alliance is not None and not alliance.partners.filter(pk=study.sponsor_id).exists():
        errors["alliance"] = f"{study.sponsor.name} is not a partner of that alliance."
    if errors:
        raise ValidationError(errors)


def _ind_words(study: Study) -> str:
    """Coordinators do not see INDs: the words say that it changed, not which it is."""
    return "its IND changed" if study.ind is not None else "no longer under an IND"


def _tell_coordinators(study: Study, why: str) -> None:
    from translink.market.notifications import notify  # notifications live with the market

    notify(
        User.objects.filter(role=Role.TCRC_COORDINATOR, is_active=True),
        f"{why}: re-plan the unit so its dosing follows the IND.",
        reverse("tcrc_study", args=[study.pk]),
    )
