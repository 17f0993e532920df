"""The vocabulary of the rule table: what starts a clock, how far it runs, what it yields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from translink.regulatory.rules.days import add_days, add_years


class Basis(StrEnum):
    """What day 0 of a clock is. Each value names one date a caller supplies."""

    FDA_RECEIPT = "fda-receipt"  # FDA-acknowledged receipt date of the original IND
    IND_EFFECTIVE = "ind-effective"  # date the IND went into effect
    ANNIVERSARY = "anniversary"  # an anniversary of the effective date (29 Feb -> 28 Feb)
    HOLD_IMPOSED = "hold-imposed"  # date FDA imposed a clinical hold
    ALL_ON_HOLD = "all-on-hold"  # first day every investigation under the IND was on hold
    HOLD_RESPONSE_RECEIVED = "hold-response-received"  # FDA receipt of the complete response
    LAST_SUBJECT_ENTERED = "last-subject-entered"  # last day a subject entered any study
    INACTIVATION_PROPOSED = "inactivation-proposed"  # date of FDA's proposal to inactivate
    INACTIVATED = "inactivated"  # date the IND went on inactive status
    TERMINATION_PROPOSED = "termination-proposed"  # date of FDA's written proposal to terminate
    SAFETY_QUALIFIED = "safety-qualified"  # sponsor determined the information qualifies
    FATAL_SAFETY_RECEIVED = "fatal-safety-received"  # initial receipt, fatal or life-threatening
    FOLLOWUP_RECEIVED = "followup-received"  # receipt of relevant follow-up information
    LATE_QUALIFIED = "late-qualified"  # determination that an earlier event is reportable
    SAE_LEARNED = "sae-learned"  # investigator learns of a serious adverse event
    NEW_PROTOCOL_START = "new-protocol-start"  # planned implementation of a new protocol
    PROTOCOL_CHANGE_START = "protocol-change-start"  # planned implementation of a change
    INVESTIGATOR_ADDED = "investigator-added"  # investigator signs Form FDA 1572
    WITHDRAWN = "withdrawn"  # sponsor's decision to withdraw the IND
    WITHDRAWN_FOR_SAFETY = "withdrawn-for-safety"  # same day, when withdrawn for safety
    RETENTION_START = "retention-start"  # approval, or discontinuation with FDA notified
    FIRST_ENROLLMENT = "first-enrollment"  # first human subject enrolled
    PRIMARY_COMPLETION = "primary-completion"  # actual primary completion date
    CERTIFIED = "certified"  # date a delayed-results certification was submitted
    QUALIFYING_EVENT = "qualifying-event"  # earliest approval, licensure or clearance event
    RECORD_VERIFIED = "record-verified"  # last verification of the ClinicalTrials.gov record
    RECORD_CHANGED = "record-changed"  # recruitment status, site status or similar change
    AMENDMENT_APPROVED = "amendment-approved"  # IRB approval of an amendment told to subjects


class Kind(StrEnum):
    """What a computed date means to the people who read it."""

    SUBMISSION = "submission"  # the sponsor (or responsible party) submits by the due date
    NOTICE = "notice"  # someone informs someone else by the due date, not through FDA's gateway
    FDA_ACTION = "fda-action"  # FDA owes an action by the due date
    OPTION = "option"  # the last day an optional request may be made
    EFFECT = "effect"  # something takes effect, or becomes allowed, on the due date
    RETENTION = "retention"  # records are kept through the due date

    @property
    def is_obligation(self) -> bool:
        """True when the date can be missed: it has a due-soon, due-today and overdue."""
        return self not in (Kind.EFFECT, Kind.RETENTION)

    @property
    def is_submission(self) -> bool:
        """True when the date is met by a submission, so a "submit by" business day helps."""
        return self in (Kind.SUBMISSION, Kind.OPTION)


class Policy(StrEnum):
    """A registration duty beyond 42 CFR 11 that a study can switch on."""

    NIH = "nih"
    ICMJE = "icmje"
    CONTRACT = "contract"


@dataclass(frozen=True)
class Offset:
    """How far after day 0 a clock ends: ``years`` anniversaries, then ``days`` calendar days.

    ``days`` may be slightly negative only after at least one year ("the day before the
    one-year deadline"), so an offset never ends before day 0.
    """

    days: int = 0
    years: int = 0

    def __post_init__(self) -> None:
        """Refuse an offset that would end before day 0."""
        if self.years < 0 or (self.days < 0 and not (self.years >= 1 and self.days >= -31)):
            raise ValueError(f"an offset must not end before day 0: {self}")

    def apply(self, day0: date) -> date:
        """The date this offset ends at, counted from ``day0``."""
        return add_days(add_years(day0, self.years), self.days)


@dataclass(frozen=True)
class Clock:
    """One date a rule yields.

    ``lead_days``: warnings start this many days before the due date.
    ``opens_before``: for windows that open before day 0 (the annual report), how many days
    before day 0 an early submission still counts; ``None`` elsewhere.
    """

    name: str
    label: str
    basis: Basis
    offset: Offset
    kind: Kind
    wording: str
    lead_days: int = 0
    opens_before: int | None = None


@dataclass(frozen=True)
class Rule:
    """One row of the rule table, as ``ind-rules.md`` states it.

    ``clocks`` is empty when the row sets no date (``undated`` then says why). ``verify``
    says what the rule file marks as unconfirmed. ``policy`` is set only for the duties of
    NIH, ICMJE or a contract that extend a ClinicalTrials.gov rule; ``None`` means the law.
    """

    id: str
    title: str
    trigger: str
    requirement: str
    citation: str
    clocks: tuple[Clock, ...] = ()
    undated: str | None = None
    verify: str | None = None
    policy: Policy | None = None

    def clock(self, name: str) -> Clock:
        """The clock called ``name``; ``KeyError`` when the rule has none by that name."""
        for clock in self.clocks:
            if clock.name == name:
                return clock
        raise KeyError(f"{self.id} has no clock {name!r}")


IMMEDIATELY = "immediately (no period stated): due on day 0"
BEFORE_START = "before implementation: due on the planned start day at the latest"
