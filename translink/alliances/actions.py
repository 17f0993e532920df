"""Every change to alliances and their stage gates: creating an alliance, the gate criteria,
opening a review (with automatic recusals), scoring, the signed decision and the stage
change it allows.

Each action checks who may do it, validates (a refusal raises ``ValidationError`` keyed by
the field to fix, and saves nothing), writes in one transaction and records the audit event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from translink.accounts.models import Organization, Role, User
from translink.alliances.models import (
    DEFAULT_WEIGHTS,
    Alliance,
    Criterion,
    Decision,
    ElectronicSignature,
    GateCriteria,
    Member,
    Recusal,
    Review,
    Score,
    Stage,
    StagePeriod,
    content_hash,
    next_stage,
)
from translink.alliances.walls import ALLIANCE_STAFF
from translink.audit.actions import record, snapshot
from translink.market.models import Introduction, Need
from translink.market.notifications import notify
from translink.people.models import Disclosure, Researcher

ALLIANCE_FIELDS = (
    "title", "problem_statement", "focus_area", "stage", "status", "partners",
    "origin_introduction", "origin_need", "started_on",
)  # fmt: skip
SIGNATURE_MEANING = "I approve this gate decision as recorded."


def check_staff(actor: User | None, doing: str) -> None:
    # actor None: the system itself (demo loader, commands), as in the other apps.
    if actor is not None and actor.role not in ALLIANCE_STAFF:
        raise PermissionDenied(f"Only alliance managers {doing}.")


def _check_team(members: Sequence[tuple[Researcher, str]]) -> None:
    if len({researcher.pk for researcher, _ in members}) < 2:
        raise ValidationError({"members": "An alliance has at least two researchers."})
    departments = {d.pk for researcher, _ in members for d in researcher.departments.all()}
    if len(departments) < 2:
        raise ValidationError({"members": "Its researchers come from at least two departments."})
    if not any(role == Member.Role.LEAD for _, role in members):
        raise ValidationError({"members": "Name the alliance's lead."})
    if any(role not in Member.Role.values for _, role in members):
        raise ValidationError({"members": "Each member is a lead or a co-investigator."})


def create_alliance(
    actor: User | None,
    *,
    title: str,
    problem_statement: str,
    focus_area: str,
    members: Sequence[tuple[Researcher, str]],
    partners: Sequence[Organization] = (),
    origin_introduction: Introduction | None = None,
    origin_need: Need | None = None,
    stage: str = Stage.BASIC_RESEARCH,
    started_on: date | None = None,
) -> Alliance:
    """A new alliance of at least two researchers from two departments, entering ``stage``
    (an alliance formed around existing work may start past basic research)."""
    check_staff(actor, "start alliances")
    today = started_on or timezone.localdate()
    alliance = Alliance(
        title=title.strip(), problem_statement=problem_statement.strip(), focus_area=focus_area,
        stage=stage, origin_introduction=origin_introduction, origin_need=origin_need,
        started_on=today, stage_entered_on=today, created_by=actor,
    )  # fmt: skip
    alliance.full_clean()
    _check_team(members)
    if any(partner.kind != Organization.Kind.COMPANY for partner in partners):
        raise ValidationError({"partners": "Industry partners are companies."})
    with transaction.atomic():
        alliance.save()
        alliance.partners.set(partners)
        for researcher, role in members:
            Member.objects.create(alliance=alliance, researcher=researcher, role=role)
        StagePeriod.objects.create(alliance=alliance, stage=stage, entered_on=today)
        record(
            "alliances.alliance_created",
            actor=actor,
            obj=alliance,
            new={
                **snapshot(alliance, ALLIANCE_FIELDS),
                "members": [[r.pk, role] for r, role in members],
            },
        )
    return alliance


def criteria_for(stage: str) -> GateCriteria:
    """The gate into ``stage``: as staff last set it, else the default rubric (unsaved)."""
    found = GateCriteria.objects.filter(stage=stage).first()
    if found is not None:
        return found
    return GateCriteria(stage=stage, criteria="", weights=dict(DEFAULT_WEIGHTS))


def set_gate_criteria(
    actor: User | None, *, stage: str, criteria: str, weights: dict[str, int]
) -> GateCriteria:
    """Staff set what the gate into ``stage`` asks and how the rubric is weighted."""
    check_staff(actor, "set the gate criteria")
    gate = criteria_for(stage)
    old = None if gate.pk is None else {"criteria": gate.criteria, "weights": gate.weights}
    gate.criteria, gate.weights, gate.updated_at = criteria.strip(), weights, timezone.now()
    gate.full_clean(exclude=["stage"] if gate.pk else None)
    with transaction.atomic():
        gate.save()
        record(
            "alliances.gate_criteria_set",
            actor=actor,
            obj=gate,
            old=old,
            new={"stage": stage, "criteria": gate.criteria, "weights": weights},
        )
    return gate


def conflict_of(member: User, alliance: Alliance, on: date) -> tuple[str, Disclosure | None]:
    """Why ``member`` may not judge ``alliance`` on ``on``, or ``("", None)``: a current
    disclosed relationship with a partner company, or working for one."""
    partners = list(alliance.partners.all())
    if member.organization_id in {p.pk for p in partners}:
        return f"Works for the partner {member.organization.name}.", None
    disclosures = Disclosure.objects.filter(
        researcher__user=member, company__in=partners
    ).select_related("company")
    for disclosure in disclosures:
        if disclosure.is_current(on):
            what = disclosure.get_kind_display().lower()
            return f"Disclosed {what} with the partner {disclosure.company_name}.", disclosure
    return "", None


def open_review(
    actor: User | None, alliance: Alliance, *, council: Sequence[User], due_on: date | None = None
) -> Review:
    """Staff ask the council whether ``alliance`` should enter the next stage. Members with
    a conflict are recused at once, and each recusal is recorded."""
    check_staff(actor, "open gate reviews")
    to_stage = next_stage(alliance.stage)
    if to_stage is None:
        raise ValidationError({"stage": "Transfer is the last stage: there is no gate after it."})
    if alliance.status in (Alliance.Status.STOPPED, Alliance.Status.TRANSFERRED):
        raise ValidationError({"status": f"The alliance is {alliance.get_status_display()}."})
    members = list({user.pk: user for user in council}.values())
    if not members:
        raise ValidationError({"council": "Assign at least one council member."})
    if any(user.role != Role.COUNCIL or not user.is_active for user in members):
        raise ValidationError({"council": "Only active council members review gates."})
    gate = criteria_for(to_stage)
    review = Review(
        alliance=alliance, from_stage=alliance.stage, to_stage=to_stage, criteria=gate.criteria,
        weights=gate.weights, opened_by=actor, due_on=due_on,
    )  # fmt: skip
    review.full_clean(validate_constraints=False)  # the one open review is checked below
    today = timezone.localdate()
    with transaction.atomic():
        # One open review an alliance: the lock makes a second opener wait and then see it.
        Alliance.objects.select_for_update().filter(pk=alliance.pk).first()
        if alliance.reviews.filter(status=Review.Status.OPEN).exists():
            raise ValidationError({"stage": "A review of this alliance is already open."})
        review.save()
        review.council.set(members)
        opened = {"from_stage": review.from_stage, "to_stage": to_stage}
        record(
            "alliances.review_opened",
            actor=actor,
            obj=review,
            new={**opened, "council": [user.pk for user in members]},
        )
        for user in members:
            reason, disclosure = conflict_of(user, alliance, today)
            if reason:
                recusal = Recusal.objects.create(
                    review=review, member=user, reason=reason, disclosure=disclosure
                )
                record("alliances.member_recused", actor=None, obj=recusal, reason=reason)
        recused = set(review.recusals.values_list("member_id", flat=True))
        notify(
            [user for user in members if user.pk not in recused],
            f"A gate review awaits your scores: {alliance.title}, into "
            f"{review.get_to_stage_display().lower()}.",
            reverse("review", args=[review.pk]),
        )
    return review


def may_score(user: User, review: Review) -> bool:
    return (
        user.role == Role.COUNCIL
        and review.council.filter(pk=user.pk).exists()
        and not review.recusals.filter(member=user).exists()
    )


def score_review(
    actor: User,
    review: Review,
    *,
    scores: Mapping[str, int],
    comment: str = "",
    member: User | None = None,
) -> Score:
    """A council member scores the rubric (again, while the review is open). Staff may enter
    the scores a member sent on paper, naming ``member``; a recused member never scores."""
    member = member or actor
    if member != actor:
        check_staff(actor, "enter scores on a member's behalf")
    if review.recusals.filter(member=member).exists():
        raise ValidationError(
            {"member": "This member is recused from the review and cannot score."}
        )
    if not (member.role == Role.COUNCIL and review.council.filter(pk=member.pk).exists()):
        raise PermissionDenied("Only the council members assigned to this review score it.")
    if review.status != Review.Status.OPEN:
        raise ValidationError({"review": "The review is decided: scores are final."})
    if set(scores) != set(Criterion.values):
        raise ValidationError({"__all__": "Score each of the five criteria."})
    score = Score.objects.filter(review=review, member=member).first() or Score(
        review=review, member=member
    )
    old = None if score.pk is None else snapshot(score, (*Criterion.values, "comment"))
    for name, value in scores.items():
        setattr(score, name, value)
    score.comment, score.scored_at = comment.strip(), timezone.now()
    score.full_clean(exclude=["review", "member"])
    with transaction.atomic():
        score.save()
        record(
            "alliances.review_scored",
            actor=actor,
            obj=score,
            old=old,
            new={**snapshot(score, (*Criterion.values, "comment")), "member": member.pk},
        )
    return score


def _sign(signer: User, decision: Decision, meaning: str) -> ElectronicSignature:
    signature = ElectronicSignature(
        decision=decision, signer=signer, signer_name=signer.full_name, meaning=meaning,
        signed_at=timezone.now(),
    )  # fmt: skip
    signature.content_hash = content_hash(signature.signed_text())
    signature.save()
    return signature


def decide_review(
    actor: User,
    review: Review,
    *,
    outcome: str,
    rationale: str,
    password: str,
    meaning: str = SIGNATURE_MEANING,
) -> Decision:
    """Staff decide the gate and sign the decision by re-entering their password. Advance
    moves the alliance to the review's stage; hold puts it on hold; stop stops it.

    The review row is locked while deciding, so of two people deciding at once exactly one
    succeeds; the other is told the review is already decided.
    """
    check_staff(actor, "decide gate reviews")
    errors: dict[str, str] = {}
    if outcome not in Decision.Outcome.values:
        errors["outcome"] = "Choose advance, hold or stop."
    if not rationale.strip():
        errors["rationale"] = "Give the rationale the council and the team will read."
    if not meaning.strip():
        errors["meaning"] = "Say what the signature means."
    if not password or not actor.check_password(password):
        errors["password"] = "The password is not right: the decision is not signed."
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            locked = Review.objects.select_for_update().get(pk=review.pk)
            if locked.status != Review.Status.OPEN or hasattr(locked, "decision"):
                raise ValidationError({"review": "This review is already decided."})
            _check_scored(locked)
            decision = Decision.objects.create(
                review=locked, outcome=outcome, rationale=rationale.strip(), decided_by=actor
            )
            signature = _sign(actor, decision, meaning.strip())
            locked.status = Review.Status.DECIDED
            locked.save(update_fields=["status"])
            record(
                "alliances.review_decided",
                actor=actor,
                obj=decision,
                new={"outcome": outcome, "rationale": decision.rationale, "review": locked.pk,
                     "signature": signature.content_hash, "meaning": signature.meaning},
            )  # fmt: skip
            _apply_outcome(actor, locked, decision)
            team = User.objects.filter(researcher__alliance_memberships__alliance=locked.alliance)
            notify(
                team,
                f"The gate into {locked.get_to_stage_display().lower()} is decided for "
                f"{locked.alliance.title}: {decision.get_outcome_display().lower()}.",
                reverse("alliance", args=[locked.alliance_id]),
            )
    except IntegrityError:
        # The other decision committed between our lock and our insert (no row lock on
        # SQLite): one decision stands.
        raise ValidationError({"review": "This review is already decided."}) from None
    review.refresh_from_db()
    return decision


def _check_scored(review: Review) -> None:
    recused = set(review.recusals.values_list("member_id", flat=True))
    expected = set(review.council.values_list("pk", flat=True)) - recused
    scored = set(review.scores.values_list("member_id", flat=True))
    if not scored or expected - scored:
        missing = len(expected - scored) or len(expected)
        raise ValidationError(
            {"review": f"{missing} council member(s) have not scored yet: wait for every score."}
        )


def _apply_outcome(actor: User | None, review: Review, decision: Decision) -> None:
    alliance = Alliance.objects.select_for_update().get(pk=review.alliance_id)
    if decision.outcome == Decision.Outcome.ADVANCE:
        change_stage(actor, alliance, review)
    else:
        status = (
            Alliance.Status.ON_HOLD
            if decision.outcome == Decision.Outcome.HOLD
            else Alliance.Status.STOPPED
        )
        _set_status(actor, alliance, status, f"Gate decision: {decision.get_outcome_display()}.")


def _set_status(actor: User | None, alliance: Alliance, status: str, reason: str) -> None:
    old = alliance.status
    alliance.status = status
    alliance.save(update_fields=["status"])
    record(
        "alliances.status_changed",
        actor=actor,
        obj=alliance,
        old={"status": old},
        new={"status": status},
        reason=reason,
    )


def change_stage(actor: User | None, alliance: Alliance, review: Review) -> Alliance:
    """Move ``alliance`` through the gate ``review`` guards: only with an advance decision
    whose signature is valid, and only from the stage the review was opened for."""
    decision = Decision.objects.filter(review=review).select_related("signature").first()
    if review.alliance_id != alliance.pk or decision is None:
        raise ValidationError({"stage": "A stage changes only through a decided gate review."})
    if decision.outcome != Decision.Outcome.ADVANCE:
        raise ValidationError({"stage": f"The council decided to {decision.outcome}."})
    signature = getattr(decision, "signature", None)
    if signature is None or not signature.is_valid():
        raise ValidationError({"stage": "The decision's signature is missing or no longer valid."})
    if alliance.stage != review.from_stage:
        raise ValidationError({"stage": "The alliance has left the stage this review was for."})
    today = timezone.localdate()
    with transaction.atomic():
        StagePeriod.objects.filter(alliance=alliance, left_on__isnull=True).update(left_on=today)
        StagePeriod.objects.create(alliance=alliance, stage=review.to_stage, entered_on=today)
        old = {"stage": alliance.stage, "status": alliance.status}
        alliance.stage, alliance.stage_entered_on = review.to_stage, today
        alliance.status = Alliance.Status.ACTIVE
        alliance.save(update_fields=["stage", "stage_entered_on", "status"])
        record(
            "alliances.stage_changed",
            actor=actor,
            obj=alliance,
            old=old,
            new={"stage": alliance.stage, "status": alliance.status, "review": review.pk},
        )
    return alliance


def amend_decision(actor: User, decision: Decision, *, rationale: str) -> Decision:
    """Change a signed decision's rationale. The signature covered the old text, so it no
    longer holds: the decision shows as unsigned until it is decided again."""
    check_staff(actor, "amend decisions")
    if not rationale.strip():
        raise ValidationError({"rationale": "Give the rationale."})
    with transaction.atomic():
        old = decision.rationale
        decision.rationale = rationale.strip()
        decision.save(update_fields=["rationale"])
        record(
            "alliances.decision_amended",
            actor=actor,
            obj=decision,
            old={"rationale": old},
            new={"rationale": decision.rationale},
            reason="The signed content changed: the signature is no longer valid.",
        )
    return decision


def mark_transferred(actor: User | None, alliance: Alliance) -> Alliance:
    """The work has passed to the company: the alliance is done."""
    check_staff(actor, "mark alliances transferred")
    if alliance.stage != Stage.TRANSFER:
        raise ValidationError({"status": "Only an alliance in the transfer stage is transferred."})
    with transaction.atomic():
        _set_status(actor, alliance, Alliance.Status.TRANSFERRED, "Transfer complete.")
    return alliance
