"""What happened, as plain frozen dataclasses: the input side of the engine.

Every date here is a calendar date already read in the zone that judges the clock (see
``zones.clock_day``). Each event names the day 0 of the clocks it starts (``day0s``) and
says which rows of the table bind it (``applies``): a phase 1 study is outside 42 CFR 11,
and a policy row binds only a study that switched the policy on.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from translink.regulatory.rules.clocks import Basis, Policy, Rule
from translink.regulatory.rules.days import anniversary
from translink.regulatory.rules.zones import clock_day

PHASES = (1, 2, 3, 4)


class Event(ABC):
    """Something that starts clocks."""

    @abstractmethod
    def day0s(self) -> dict[Basis, date]:
        """The day 0 of each kind of clock this event starts."""

    def applies(self, row: Rule) -> bool:
        """True when ``row`` binds this event; policy rows bind only where switched on."""
        return row.policy is None


def check_phase(phase: int | None) -> None:
    """Refuse a phase other than 1 to 4 (``None``, unknown, is allowed)."""
    if phase is not None and phase not in PHASES:
        raise ValueError(f"phase must be 1, 2, 3 or 4, not {phase}")


def is_applicable_trial(phase: int | None) -> bool:
    """True unless the study is phase 1 (42 CFR 11.10). An unknown phase counts as
    applicable: showing a duty that turns out not to apply costs less than missing one."""
    return phase != 1


@dataclass(frozen=True)
class Trigger(Event):
    """Any single clock start from the table: ``basis`` happened on ``day0``."""

    basis: Basis
    day0: date

    def day0s(self) -> dict[Basis, date]:
        """One clock start."""
        return {self.basis: self.day0}


@dataclass(frozen=True)
class IndReceipt(Event):
    """FDA received the original IND. ``fda_received`` is the receipt date FDA acknowledged
    in writing (312.40(b)); ``sent`` is the day it left us, shown but never counted."""

    fda_received: date
    sent: date | None = None

    def __post_init__(self) -> None:
        """Refuse dates that cannot have happened in this order, or values out of range."""
        if self.sent is not None and self.sent > self.fda_received:
            raise ValueError(
                f"FDA cannot receive on {self.fda_received} what was sent on {self.sent}"
            )

    def day0s(self) -> dict[Basis, date]:
        """The 30-day clocks run from FDA's receipt date."""
        return {Basis.FDA_RECEIPT: self.fda_received}


@dataclass(frozen=True)
class IndEffective(Event):
    """The IND went into effect on ``effective``: dosing allowed, first annual report."""

    effective: date

    def day0s(self) -> dict[Basis, date]:
        """Dosing from the effective date; the annual report from its first anniversary."""
        return {
            Basis.IND_EFFECTIVE: self.effective,
            Basis.ANNIVERSARY: anniversary(self.effective, 1),
        }


@dataclass(frozen=True)
class AnnualReport(Event):
    """The ``year``-th annual report of an IND in effect since ``effective``; none is due
    while the IND is ``inactive`` (312.45(c))."""

    effective: date
    year: int = 1
    inactive: bool = False

    def __post_init__(self) -> None:
        """Refuse dates that cannot have happened in this order, or values out of range."""
        if self.year < 1:
            raise ValueError(f"annual reports are counted from 1, not {self.year}")

    def day0s(self) -> dict[Basis, date]:
        """Day 0 is the anniversary (29 February falls on 28 February in a common year)."""
        if self.inactive:
            return {}
        return {Basis.ANNIVERSARY: anniversary(self.effective, self.year)}


@dataclass(frozen=True)
class Susar(Event):
    """A serious and unexpected suspected adverse reaction.

    ``received``: the sponsor's initial receipt (by any of its staff); ``qualified``: the day
    the sponsor determined it qualifies for a 15-day report. A ``fatal_or_life_threatening``
    reaction also gets the 7-day clock from ``received``, which it therefore needs.
    """

    received: date | None
    qualified: date
    fatal_or_life_threatening: bool = False

    def __post_init__(self) -> None:
        """Refuse dates that cannot have happened in this order, or values out of range."""
        if self.fatal_or_life_threatening and self.received is None:
            raise ValueError("a fatal or life-threatening reaction needs its receipt date")
        if self.received is not None and self.qualified < self.received:
            raise ValueError(
                f"qualified on {self.qualified}, before it was received on {self.received}"
            )

    @classmethod
    def from_timestamps(
        cls, received_at: datetime, qualified_at: datetime, zone: str | ZoneInfo, fatal: bool
    ) -> Susar:
        """A SUSAR from stored UTC timestamps, its days read in the sponsor's ``zone``."""
        return cls(clock_day(received_at, zone), clock_day(qualified_at, zone), fatal)

    def day0s(self) -> dict[Basis, date]:
        """15 days from qualification; 7 days from receipt when fatal or life-threatening."""
        starts = {Basis.SAFETY_QUALIFIED: self.qualified}
        if self.fatal_or_life_threatening and self.received is not None:
            starts[Basis.FATAL_SAFETY_RECEIVED] = self.received
        return starts


@dataclass(frozen=True)
class FollowUp(Event):
    """Relevant follow-up information on a submitted safety report, ``received`` that day."""

    received: date

    def day0s(self) -> dict[Basis, date]:
        """15 days from receipt of the follow-up information."""
        return {Basis.FOLLOWUP_RECEIVED: self.received}


@dataclass(frozen=True)
class InvestigatorAdded(Event):
    """An investigator joined a protocol. "Added" is taken as the day they signed Form FDA
    1572 (``signed_1572``): the 1572 is needed before participation, so it is the earliest
    day they can count as added, and the earliest start gives the earliest deadline."""

    signed_1572: date

    def day0s(self) -> dict[Basis, date]:
        """30 days from the day the investigator was added."""
        return {Basis.INVESTIGATOR_ADDED: self.signed_1572}


@dataclass(frozen=True)
class Withdrawal(Event):
    """The sponsor withdrew the IND on ``withdrawn``; IRBs hear of it too if ``for_safety``."""

    withdrawn: date
    for_safety: bool = False

    def day0s(self) -> dict[Basis, date]:
        """Notices on the day of the decision."""
        starts = {Basis.WITHDRAWN: self.withdrawn}
        if self.for_safety:
            starts[Basis.WITHDRAWN_FOR_SAFETY] = self.withdrawn
        return starts


def _binds_trial(row: Rule, phase: int | None, policies: frozenset[Policy]) -> bool:
    """Federal rows bind applicable trials; policy rows bind where the policy is on."""
    if row.policy is not None:
        return row.policy in policies
    return is_applicable_trial(phase)


@dataclass(frozen=True)
class FirstEnrollment(Event):
    """The first subject was ``enrolled`` (agreed to take part after consent; screening alone
    does not count). ``phase`` 1 is outside 42 CFR 11; ``policies`` switches on the NIH,
    ICMJE or contract duty, each shown with its own source."""

    enrolled: date
    phase: int | None = None
    policies: frozenset[Policy] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        """Refuse dates that cannot have happened in this order, or values out of range."""
        check_phase(self.phase)

    def day0s(self) -> dict[Basis, date]:
        """Registration clocks run from the first enrollment."""
        return {Basis.FIRST_ENROLLMENT: self.enrolled}

    def applies(self, row: Rule) -> bool:
        """The federal duty unless phase 1; policy duties where switched on."""
        return _binds_trial(row, self.phase, self.policies)


@dataclass(frozen=True)
class PrimaryCompletion(Event):
    """The trial reached its actual primary completion date, ``completed``; ``phase`` and
    ``policies`` as for ``FirstEnrollment``."""

    completed: date
    phase: int | None = None
    policies: frozenset[Policy] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        """Refuse dates that cannot have happened in this order, or values out of range."""
        check_phase(self.phase)

    def day0s(self) -> dict[Basis, date]:
        """Results, certification, extension and record-update clocks."""
        return {Basis.PRIMARY_COMPLETION: self.completed}

    def applies(self, row: Rule) -> bool:
        """The federal duties unless phase 1; policy duties where switched on."""
        return _binds_trial(row, self.phase, self.policies)


@dataclass(frozen=True)
class ResultsCertification(Event):
    """A delayed-results certification submitted on ``certified``; ``qualifying_event`` is
    the earliest approval, licensure or clearance once it has happened."""

    certified: date
    qualifying_event: date | None = None

    def day0s(self) -> dict[Basis, date]:
        """The 2-year cap from certification; 30 days from the qualifying event, if any."""
        starts = {Basis.CERTIFIED: self.certified}
        if self.qualifying_event is not None:
            starts[Basis.QUALIFYING_EVENT] = self.qualifying_event
        return starts
