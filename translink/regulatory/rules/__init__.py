"""The IND and ClinicalTrials.gov rule engine: rules as data, no Django.

The rule table (``table.RULES``: IND-01 to IND-24 from 21 CFR 312, CTG-01 to CTG-05 from
42 CFR 11, plus ``POLICY_RULES`` for NIH, ICMJE and contract duties) is data; an event
goes in, plain ``Deadline`` records come out. ``python -m translink.regulatory.rules``
shows it at work without a database.

Conventions (``ind-rules.md`` section 1)
    Calendar days, the trigger date is day 0, due = day 0 + N, and nothing rolls forward off
    a weekend or holiday. Beside each due date met by a submission, ``submit_by`` is the last
    FDA business day at or before it (federal holidays computed by ``holidays``). Years are
    anniversaries; 29 February becomes 28 February in a common year. The day of a stored UTC
    timestamp is read in the zone that judges the clock (``zones.clock_day``: the sponsor's
    site for sponsor clocks, US Eastern for FDA receipt). The IND's 30 days run from FDA's
    acknowledged receipt date, never from the day it was sent.

Input contract: every event is a frozen dataclass of calendar dates, already read in the
clock's zone (``datetime`` only in ``Susar.from_timestamps``, which refuses naive ones).

``IndReceipt(fda_received, sent=None)``
    ``fda_received``: receipt date FDA acknowledged for the original IND (312.40(b)).
    ``sent``: the day we sent it; shown, never counted; may not be after ``fda_received``.
``IndEffective(effective)``
    ``effective``: the day the IND went into effect (day 30, or FDA's earlier notice).
``AnnualReport(effective, year=1, inactive=False)``
    ``year``: which anniversary (1 = first); ``inactive``: IND inactive, no report due.
``Susar(received, qualified, fatal_or_life_threatening=False)``
    ``received``: sponsor's initial receipt by any of its staff (7-day clock, fatal or
    life-threatening only; required then). ``qualified``: day the sponsor determined the
    information qualifies (15-day clock); not before ``received``.
``FollowUp(received)``
    ``received``: receipt of relevant follow-up information on a submitted report.
``InvestigatorAdded(signed_1572)``
    ``signed_1572``: the day the investigator signed Form FDA 1572, taken as "added".
``Withdrawal(withdrawn, for_safety=False)``
    ``withdrawn``: day of the sponsor's decision; ``for_safety`` adds the IRB notice.
``FirstEnrollment(enrolled, phase=None, policies=frozenset())``
    ``enrolled``: first subject enrolled (consented and agreed; screening does not count).
    ``phase``: 1-4 or ``None`` (unknown counts as applicable); phase 1 has no federal duty.
    ``policies``: ``Policy.NIH``, ``Policy.ICMJE``, ``Policy.CONTRACT`` duties to add.
``PrimaryCompletion(completed, phase=None, policies=frozenset())``
    ``completed``: actual primary completion date; ``phase``, ``policies`` as above.
``ResultsCertification(certified, qualifying_event=None)``
    ``certified``: day the delayed-results certification was submitted;
    ``qualifying_event``: earliest approval, licensure or clearance, once it happened.
``Trigger(basis, day0)``
    Any other row: ``basis`` (a ``Basis``: hold imposed, inactivation proposed, ...) on
    ``day0``.

Output: ``deadlines_for(event)`` returns ``Deadline`` records, earliest first: ``rule``,
``clock``, ``title``, ``kind``, ``day0``, ``due``, ``submit_by``, ``opens``, ``warn_from``,
``wording``, ``citation``, ``version`` (the table's, ``VERSION``) and ``verify`` (what the
rule file left unconfirmed). ``standing(deadline, today)`` says upcoming, due soon, due
today or overdue.
"""

from __future__ import annotations

from translink.regulatory.rules.clocks import Basis, Clock, Kind, Offset, Policy, Rule
from translink.regulatory.rules.deadlines import Deadline, deadline, deadlines_for
from translink.regulatory.rules.events import (
    AnnualReport,
    Event,
    FirstEnrollment,
    FollowUp,
    IndEffective,
    IndReceipt,
    InvestigatorAdded,
    PrimaryCompletion,
    ResultsCertification,
    Susar,
    Trigger,
    Withdrawal,
)
from translink.regulatory.rules.standing import Standing, days_left, has_passed, standing
from translink.regulatory.rules.table import ALL_ROWS, CHANGELOG, RULES, VERSION, rule

__all__ = [
    "ALL_ROWS",
    "CHANGELOG",
    "RULES",
    "VERSION",
    "AnnualReport",
    "Basis",
    "Clock",
    "Deadline",
    "Event",
    "FirstEnrollment",
    "FollowUp",
    "IndEffective",
    "IndReceipt",
    "InvestigatorAdded",
    "Kind",
    "Offset",
    "Policy",
    "PrimaryCompletion",
    "ResultsCertification",
    "Rule",
    "Standing",
    "Susar",
    "Trigger",
    "Withdrawal",
    "days_left",
    "deadline",
    "deadlines_for",
    "has_passed",
    "rule",
    "standing",
]
