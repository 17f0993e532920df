"""The IND lifecycle under random sequences of transitions, against a table of what each
status allows, keeping the invariants of issue 7, with FDA's termination and follow-up
safety information among the steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from translink.accounts.models import Organization
from translink.regulatory import actions, rules
from translink.regulatory.models import Ind, Obligation, SafetyReport
from translink.regulatory.tests.conftest import new_ind
from translink.tcrc import instances
from translink.tcrc.models import Bed, Cohort, Study, Unit

pytestmark = pytest.mark.django_db

S = Ind.Status
ACTIVE = {S.SUBMITTED, S.IN_EFFECT, S.FULL_HOLD, S.PARTIAL_HOLD}
# What each transition is allowed from, written out independently of actions.py.
ALLOWED = {
    "submit": {S.PRE_IND},
    "receive": {S.SUBMITTED},
    "effective": {S.SUBMITTED},
    "full_hold": {S.SUBMITTED, S.IN_EFFECT, S.PARTIAL_HOLD},
    "partial_hold": {S.SUBMITTED, S.IN_EFFECT},
    "lift": {S.FULL_HOLD, S.PARTIAL_HOLD},
    "respond": {S.FULL_HOLD, S.PARTIAL_HOLD},
    "protocol": ACTIVE,
    "investigator": ACTIVE,
    "inactivate": {S.IN_EFFECT, S.FULL_HOLD, S.PARTIAL_HOLD},
    "reactivate": {S.INACTIVE},
    "withdraw": ACTIVE | {S.INACTIVE},
    "safety": ACTIVE | {S.INACTIVE},
    "followup": ACTIVE | {S.INACTIVE},
    "propose_termination": {S.IN_EFFECT, S.FULL_HOLD, S.PARTIAL_HOLD, S.INACTIVE},
    "terminate": {S.IN_EFFECT, S.FULL_HOLD, S.PARTIAL_HOLD, S.INACTIVE},
}
ENDED = {S.WITHDRAWN, S.TERMINATED}


class IndLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.ind = new_ind()
        self.today = date(2026, 1, 2)
        self.study = _study_in_the_unit(self.ind)

    @initialize(
        start=st.sampled_from(["pre_ind", "submitted", "received", "in_effect"]),
        sent_report=st.booleans(),
    )
    def start_at(self, start: str, sent_report: bool) -> None:
        """Most sequences from pre-IND never reach effect; start some further along, some
        with an IND safety report already sent, so that follow-ups have one to follow."""
        steps = ["submitted", "received", "in_effect"]
        for step in steps[: steps.index(start) + 1] if start != "pre_ind" else []:
            if step == "submitted":
                actions.submit(None, self.ind, sent_on=self.today)
            elif step == "received":
                actions.record_fda_receipt(None, self.ind, received=self.today)
            else:
                self.today += timedelta(days=30)
                actions.make_effective(None, self.ind, on=self.today)
        if start == "in_effect" and sent_report:
            at = datetime(self.today.year, self.today.month, self.today.day, 15, tzinfo=UTC)
            report = actions.record_safety_report(
                None, self.ind, description="SUSAR", received_at=at, qualified_at=at,
                serious=True, unexpected=True,
            )  # fmt: skip
            first = Obligation.objects.get(safety_report=report)
            actions.mark_met(None, first, on=first.day0 + timedelta(days=3))
        self.ind.refresh_from_db()

    def _try(self, name: str, call: Callable[[], object], extra_ok: bool = True) -> None:
        before = (self.ind.status, Obligation.objects.filter(ind=self.ind).count())
        if self.ind.status in ALLOWED[name] and extra_ok:
            call()
        else:
            with pytest.raises(ValidationError) as refused:
                call()
            assert all(message.strip() for message in refused.value.messages)
            self.ind.refresh_from_db()
            assert (self.ind.status, Obligation.objects.filter(ind=self.ind).count()) == before
        self.ind.refresh_from_db()

    @rule(days=st.sampled_from([1, 7, 29, 30, 200, 366]))
    def wait(self, days: int) -> None:
        self.today += timedelta(days=days)

    @rule()
    def submit(self) -> None:
        self._try("submit", lambda: actions.submit(None, self.ind, sent_on=self.today))

    @rule()
    def receive(self) -> None:
        self._try(
            "receive",
            lambda: actions.record_fda_receipt(None, self.ind, received=self.today),
            self.ind.fda_received is None,
        )

    @rule(notice=st.booleans())
    def effective(self, notice: bool) -> None:
        ok = self.ind.effective_by is not None and (notice or self.today >= self.ind.effective_by)
        self._try(
            "effective",
            lambda: actions.make_effective(None, self.ind, on=self.today, fda_notice=notice),
            ok,
        )

    @rule(partial=st.booleans())
    def hold(self, partial: bool) -> None:
        self._try(
            "partial_hold" if partial else "full_hold",
            lambda: actions.impose_hold(None, self.ind, on=self.today, partial=partial),
            self.ind.fda_received is not None,
        )

    @rule()
    def respond(self) -> None:
        self._try(
            "respond",
            lambda: actions.respond_to_hold(
                None, self.ind, sent_on=self.today, fda_received=self.today
            ),
        )

    @rule()
    def lift(self) -> None:
        self._try("lift", lambda: actions.lift_hold(None, self.ind, on=self.today))

    @rule(change=st.booleans())
    def protocol(self, change: bool) -> None:
        self._try(
            "protocol",
            lambda: actions.plan_protocol(None, self.ind, starts=self.today, change=change),
        )

    @rule()
    def investigator(self) -> None:
        self._try(
            "investigator",
            lambda: actions.add_investigator(
                None, self.ind, name="Dr Site", signed_1572=self.today
            ),
        )

    @rule()
    def inactivate(self) -> None:
        self._try("inactivate", lambda: actions.inactivate(None, self.ind, on=self.today))

    @rule()
    def reactivate(self) -> None:
        self._try("reactivate", lambda: actions.reactivate(None, self.ind, on=self.today))

    @precondition(lambda self: self.ind.status not in ENDED)  # once is enough
    @rule(for_safety=st.booleans())
    def withdraw(self, for_safety: bool) -> None:
        self._try(
            "withdraw",
            lambda: actions.withdraw(
                None, self.ind, on=self.today, for_safety=for_safety, reason="Hepatotoxicity"
            ),
        )
        if self.ind.status == S.WITHDRAWN:
            notices = Obligation.objects.filter(ind=self.ind, rule="IND-20", status="open")
            assert {"notify-fda", "notify-investigators"} <= {o.clock for o in notices}
            assert (
                not Obligation.objects.filter(ind=self.ind, status="open")
                .exclude(rule="IND-20")
                .exists()
            )

    @rule(fatal=st.booleans(), lag=st.integers(0, 3))
    def safety(self, fatal: bool, lag: int) -> None:
        received = datetime(self.today.year, self.today.month, self.today.day, 15, tzinfo=UTC)
        self._try(
            "safety",
            lambda: actions.record_safety_report(
                None, self.ind, description="SUSAR", received_at=received,
                qualified_at=received + timedelta(days=lag), serious=True, unexpected=True,
                fatal_or_life_threatening=fatal,
            ),
        )  # fmt: skip

    @rule(days=st.integers(0, 20))
    def followup(self, days: int) -> None:
        initial = SafetyReport.objects.filter(ind=self.ind, follows=None).last()
        if initial is None:
            return
        at = initial.received_at + timedelta(days=days)
        sent = Obligation.objects.filter(
            safety_report=initial, rule__in=["IND-10", "IND-11"], status="met"
        ).exists()
        self._try(
            "followup",
            lambda: actions.record_followup(None, initial, description="More", received_at=at),
            sent,
        )
        if self.ind.status in ALLOWED["followup"] and sent:
            latest = SafetyReport.objects.filter(follows=initial).last()
            assert Obligation.objects.get(safety_report=latest).rule == "IND-12"

    @rule()
    def propose_termination(self) -> None:
        pending = Obligation.objects.filter(ind=self.ind, rule="IND-09", status="open")
        self._try(
            "propose_termination",
            lambda: actions.propose_termination(None, self.ind, on=self.today),
            self.today >= (self.ind.effective or self.today) and not pending.exists(),
        )

    @rule()
    def terminate(self) -> None:
        self._try(
            "terminate",
            lambda: actions.terminate(None, self.ind, on=self.today),
            self.today >= (self.ind.effective or self.today),
        )

    @rule()
    def meet_one(self) -> None:
        first = Obligation.objects.filter(ind=self.ind, status="open").order_by("due").first()
        if first is not None:
            actions.mark_met(None, first, on=max(self.today, first.day0))
            self.ind.refresh_from_db()

    @invariant()
    def no_dosing_before_effect_or_on_full_hold(self) -> None:
        for offset in (-400, -30, -1, 0, 1, 30):
            day = self.today + timedelta(days=offset)
            allowed, why = actions.may_dose(self.ind, day)
            assert why
            if allowed:
                assert self.ind.status in (S.IN_EFFECT, S.PARTIAL_HOLD)
                assert self.ind.effective is not None and day >= self.ind.effective

    @invariant()
    def nothing_is_due_and_no_one_dosed_after_termination(self) -> None:
        if self.ind.status == S.TERMINATED:
            assert not Obligation.objects.filter(ind=self.ind, status="open").exists()
            assert self.ind.closed_on is not None
            for offset in (-400, 0, 400):
                day = self.ind.closed_on + timedelta(days=offset)
                assert actions.may_dose(self.ind, day)[0] is False

    @invariant()
    def the_unit_plans_no_dose_the_ind_forbids(self) -> None:
        built = instances.build(self.study.unit, self.today)
        planned = {c.study_id for c in built.cohorts.values()}
        effective = self.ind.effective
        # Submitted and received: planned from the day the 30 days run out, on condition.
        waiting = self.ind.status == S.SUBMITTED and self.ind.effective_by is not None
        if waiting:
            effective = self.ind.effective_by
        if (waiting or self.ind.status in (S.IN_EFFECT, S.PARTIAL_HOLD)) and effective:
            assert self.study.pk in planned
            first = min(c.earliest for c in built.instance.cohorts)
            assert built.date(first) >= effective
            assert (self.study.pk in built.conditions) == (self.ind.status != S.IN_EFFECT)
        else:
            assert self.study.pk not in planned
            assert self.study.pk in built.refused or self.ind.status in ENDED

    @invariant()
    def an_ended_ind_closes_its_studies(self) -> None:
        self.study.refresh_from_db()
        assert (self.study.status == Study.Status.STOPPED) == (self.ind.status in ENDED)

    @invariant()
    def no_annual_report_open_while_inactive(self) -> None:
        if self.ind.status == S.INACTIVE:
            assert not Obligation.objects.filter(ind=self.ind, rule="IND-15", status="open")

    @invariant()
    def every_obligation_carries_rule_citation_and_version(self) -> None:
        for obligation in Obligation.objects.filter(ind=self.ind):
            assert obligation.rule in {row.id for row in rules.RULES}
            assert obligation.citation == rules.rule(obligation.rule).citation
            assert obligation.version == rules.VERSION
            assert obligation.due >= obligation.day0


def _study_in_the_unit(ind: Ind) -> Study:
    """A TCRC study under the IND, with one cohort the unit could dose any weekday."""
    company = Organization.objects.create(name=f"Sponsor of IND {ind.pk}", kind="company")
    unit = Unit.objects.create(name="Unit", horizon_days=28)
    Bed.objects.create(unit=unit, code="B1", room="Room 1")
    study = Study.objects.create(
        unit=unit, sponsor=company, protocol_number="MACHINE-1", title="Machine study", ind=ind,
        submitted_at=datetime(2026, 1, 1, tzinfo=UTC),
    )  # fmt: skip
    Cohort.objects.create(
        study=study, part="SAD", sequence=1, participants=1, sentinels=0, standby=0, nights=2,
        load=[[1, 1, 1]] * 3, earliest=date(2026, 1, 2),
    )  # fmt: skip
    return study


def test_the_lifecycle_keeps_its_invariants(db: None) -> None:
    run_state_machine_as_test(
        IndLifecycle,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
