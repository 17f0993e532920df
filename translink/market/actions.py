"""Every change in the market: needs, assets, answers, decisions and introductions.

Each action checks who may do it, validates, writes in one transaction, records the audit
event and notifies the other side.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from translink.accounts.models import Organization, Role, User
from translink.accounts.policy import MARKET_STAFF, researcher_of, visible
from translink.audit.actions import record, snapshot
from translink.market.models import Asset, Interest, Introduction, Need, Notification
from translink.market.notifications import notify
from translink.people.models import Researcher

NEED_FIELDS = (
    "title", "summary", "confidential_detail", "therapeutic_area", "modality", "stage_sought",
    "offers", "budget_min", "budget_max", "response_deadline", "confidentiality",
)  # fmt: skip
ASSET_FIELDS = ("title", "summary", "stage", "readiness_level", "ip_status", "sought", "status")


def _members(organization: Organization) -> list[User]:
    return list(organization.members.filter(is_active=True))


def post_need(actor: User, *, invited: Sequence[Researcher] = (), **fields: Any) -> Need:
    """A company member posts a need for their company."""
    if actor.role != Role.INDUSTRY:
        raise PermissionDenied("Needs are posted by company members.")
    need = Need(company=actor.organization, created_by=actor, **fields)
    need.full_clean()
    if need.confidentiality == "invited" and not invited:
        raise ValidationError({"invited_researchers": "Invite at least one researcher."})
    with transaction.atomic():
        need.save()
        need.invited_researchers.set(invited)
        record(
            "market.need_posted",
            actor=actor,
            obj=need,
            new=snapshot(need, (*NEED_FIELDS, "invited_researchers")),
        )
        recipients = [r.user for r in invited if r.user is not None]
        notify(
            recipients,
            f"You are invited to answer a need: {need.title}",
            reverse("need", args=[need.pk]),
        )
    return need


def close_need(actor: User, need: Need, *, reason: str = "") -> Need:
    if not (actor.role in MARKET_STAFF or actor.organization_id == need.company_id):
        raise PermissionDenied("Only the company or an alliance manager can close this need.")
    if need.status == Need.Status.CLOSED:
        return need
    with transaction.atomic():
        need.status = Need.Status.CLOSED
        need.save(update_fields=["status"])
        record(
            "market.need_closed",
            actor=actor,
            obj=need,
            old={"status": "open"},
            new={"status": "closed"},
            reason=reason,
        )
    return need


def post_asset(actor: User, *, owners: Sequence[Researcher] = (), **fields: Any) -> Asset:
    """A researcher offers an asset (they are among its owners); staff may post for others."""
    own = researcher_of(actor)
    if actor.role in MARKET_STAFF:
        chosen = list(owners)
    elif own is not None:
        chosen = list({own.pk: own, **{r.pk: r for r in owners}}.values())
    else:
        raise PermissionDenied("Assets are offered by researchers and alliance managers.")
    if not chosen:
        raise ValidationError({"owners": "Name at least one owning researcher."})
    asset = Asset(created_by=actor, **fields)
    asset.full_clean()
    with transaction.atomic():
        asset.save()
        asset.owners.set(chosen)
        record(
            "market.asset_posted",
            actor=actor,
            obj=asset,
            new=snapshot(asset, (*ASSET_FIELDS, "owners")),
        )
    return asset


def answer_need(
    actor: User, need: Need, *, approach: str, experience: str, next_step: str
) -> Interest:
    """A researcher answers a need they can see."""
    researcher = researcher_of(actor)
    if researcher is None:
        raise PermissionDenied("Only researchers answer needs.")
    if not visible(actor, Need).filter(pk=need.pk, status=Need.Status.OPEN).exists():
        raise PermissionDenied("This need is not open to you.")
    if deadline_passed(need, timezone.localdate()):
        raise ValidationError({"approach": f"Answers closed on {need.response_deadline:%Y-%m-%d}."})
    interest = Interest(
        need=need,
        researcher=researcher,
        sent_by=actor,
        approach=approach,
        experience=experience,
        next_step=next_step,
    )
    return _send(
        actor,
        interest,
        _members(need.company),
        f"{researcher.full_name} answered your need: {need.title}",
    )


def answer_asset(
    actor: User, asset: Asset, *, approach: str, experience: str, next_step: str
) -> Interest:
    """A company member tells the owners of an asset that their company is interested."""
    if actor.role != Role.INDUSTRY:
        raise PermissionDenied("Companies answer assets.")
    if not visible(actor, Asset).filter(pk=asset.pk, status=Asset.Status.OPEN).exists():
        raise PermissionDenied("This asset is not open.")
    interest = Interest(
        asset=asset,
        company=actor.organization,
        sent_by=actor,
        approach=approach,
        experience=experience,
        next_step=next_step,
    )
    owners = [r.user for r in asset.owners.all() if r.user is not None]
    return _send(
        actor, interest, owners, f"{actor.organization.name} is interested in {asset.title}"
    )


def _send(actor: User, interest: Interest, recipients: list[User], text: str) -> Interest:
    interest.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            interest.save()
            record(
                "market.interest_sent",
                actor=actor,
                obj=interest,
                new=snapshot(interest, ("need", "asset", "researcher", "company", "next_step")),
            )
            notify(recipients, text, reverse("interest", args=[interest.pk]))
    except IntegrityError:
        raise ValidationError({"approach": "You have already answered this."}) from None
    return interest


def may_decide(user: User, interest: Interest) -> bool:
    if user.role in MARKET_STAFF:
        return True
    if interest.need is not None:
        return user.role == Role.INDUSTRY and user.organization_id == interest.need.company_id
    researcher = researcher_of(user)
    asset = interest.asset
    return (
        researcher is not None
        and asset is not None
        and asset.owners.filter(pk=researcher.pk).exists()
    )


def decide_interest(actor: User, interest: Interest, *, accept: bool, reason: str) -> Interest:
    """The receiving side accepts or declines; the sender sees the reason."""
    if not may_decide(actor, interest):
        raise PermissionDenied("Only the receiving side decides on an answer.")
    if interest.status != Interest.Status.PENDING:
        raise ValidationError(
            {"reason": f"This answer was already {interest.get_status_display().lower()}."}
        )
    if not accept and not reason.strip():
        raise ValidationError({"reason": "Say why you decline: the sender sees it."})
    with transaction.atomic():
        interest.status = Interest.Status.ACCEPTED if accept else Interest.Status.DECLINED
        interest.decision_reason, interest.decided_by, interest.decided_at = (
            reason.strip(),
            actor,
            timezone.now(),
        )
        interest.save(update_fields=["status", "decision_reason", "decided_by", "decided_at"])
        record(
            "market.interest_decided",
            actor=actor,
            obj=interest,
            old={"status": "pending"},
            new={"status": interest.status},
            reason=interest.decision_reason,
        )
        subject = str(interest.need or interest.asset)
        notify(
            [interest.sent_by],
            f"Your answer on {subject} was {interest.get_status_display().lower()}",
            reverse("interest", args=[interest.pk]),
        )
    return interest


def introduce(
    actor: User,
    *,
    researcher: Researcher,
    company: Organization,
    reason: str,
    need: Need | None = None,
    asset: Asset | None = None,
) -> Introduction:
    """An alliance manager introduces a researcher and a company, and says why."""
    if actor.role not in MARKET_STAFF:
        raise PermissionDenied("Introductions are made by alliance managers.")
    if company.kind != Organization.Kind.COMPANY:
        raise ValidationError({"company": "Introduce a researcher to a company."})
    if need is not None and need.company_id != company.pk:
        raise ValidationError({"need": "That need belongs to another company."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why these two should meet."})
    introduction = Introduction(
        introduced_by=actor,
        researcher=researcher,
        company=company,
        need=need,
        asset=asset,
        reason=reason.strip(),
    )
    introduction.full_clean()
    with transaction.atomic():
        introduction.save()
        record(
            "market.introduction_made",
            actor=actor,
            obj=introduction,
            new=snapshot(introduction, ("researcher", "company", "need", "asset", "reason")),
        )
        recipients = _members(company) + ([researcher.user] if researcher.user else [])
        notify(
            recipients,
            f"{actor.full_name} introduced {researcher.full_name} and {company.name}",
            reverse("introductions"),
        )
    return introduction


def mark_read(actor: User, notification: Notification) -> Notification:
    """Reading a notification is the reader's own bookkeeping, not a state change of the
    record it points to: it is not audited."""
    if notification.recipient_id != actor.pk:
        raise PermissionDenied("Not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def deadline_passed(need: Need, today: date) -> bool:
    return need.response_deadline is not None and need.response_deadline < today
