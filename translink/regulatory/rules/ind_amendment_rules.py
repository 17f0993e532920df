"""IND-16 to IND-19 and IND-21 to IND-24: amendments, meetings, numbering, record retention."""

from __future__ import annotations

from translink.regulatory.rules.clocks import BEFORE_START, Basis, Clock, Kind, Offset, Rule

_AMENDMENTS = (
    Rule(
        id="IND-16",
        title="New protocol",
        trigger="Intent to run a study not covered by existing protocols",
        requirement="Submit a protocol amendment before implementation. The study may begin "
        "once (1) it has been submitted to FDA and (2) the IRB has approved it, in either "
        "order. There is no 30-day wait",
        citation="21 CFR 312.30(a), (e)",
        clocks=(
            Clock(
                "amendment",
                "Protocol amendment for the new protocol (and IRB approval) before it starts",
                Basis.NEW_PROTOCOL_START,
                Offset(),
                Kind.SUBMISSION,
                BEFORE_START,
            ),
        ),
    ),
    Rule(
        id="IND-17",
        title="Protocol change",
        trigger="Phase 1: change significantly affecting safety. Phase 2/3: change "
        "significantly affecting safety, scope or scientific quality (for example a dose or "
        "duration increase, a significant increase in subject numbers, design changes)",
        requirement="Submit before implementation, with IRB approval. Exception: a change to "
        "eliminate an apparent immediate hazard may be implemented at once, then FDA notified "
        "by amendment and the IRB notified",
        citation="21 CFR 312.30(b)",
        clocks=(
            Clock(
                "amendment",
                "Protocol amendment for the change (and IRB approval) before it takes effect",
                Basis.PROTOCOL_CHANGE_START,
                Offset(),
                Kind.SUBMISSION,
                BEFORE_START,
            ),
        ),
    ),
    Rule(
        id="IND-18",
        title="New investigator",
        trigger="Investigator added to an existing protocol",
        requirement="May start, and drug may ship, once added. Notify FDA within 30 days of the "
        "investigator being added; may be batched at 30-day intervals. A signed Form FDA 1572 "
        'is needed before participation. "Added" is not defined, so pick one definition '
        "(1572 signed, or site activation) and apply it consistently",
        citation="21 CFR 312.30(c), (e); 312.53(c)",
        clocks=(
            Clock(
                "notify-fda",
                "Notify FDA of the new investigator (protocol amendment)",
                Basis.INVESTIGATOR_ADDED,
                Offset(days=30),
                Kind.SUBMISSION,
                "within 30 days of being added (day 0: Form FDA 1572 signed)",
                lead_days=7,
            ),
        ),
    ),
    Rule(
        id="IND-19",
        title="Information amendment",
        trigger="Essential new information not in scope of a protocol amendment, safety report "
        "or annual report (new toxicology, CMC or technical data; discontinuation of a study)",
        requirement="As needed; to the extent feasible not more than every 30 days. Label with "
        "content type",
        citation="21 CFR 312.31",
        undated="as needed; 'not more than every 30 days' is a batching allowance, not a deadline",
    ),
)

_MEETINGS_NUMBERING_RECORDS = (
    Rule(
        id="IND-21",
        title="Pre-IND meeting",
        trigger="Sponsor request before the initial IND",
        requirement="Optional; no regulatory deadline. FDA meeting-management guidance sets "
        "scheduling targets and package timing. End-of-phase-1 and end-of-phase-2 "
        "meetings: 312.82(b), 312.47(b)",
        citation="21 CFR 312.82(a)",
        verify="current Type B meeting timelines of FDA's meeting-management guidance",
        undated="optional; no regulatory deadline",
    ),
    Rule(
        id="IND-22",
        title="Form FDA 1571 and serial numbers",
        trigger="Every submission to the IND",
        requirement="A 1571 accompanies the initial IND and each later submission. "
        "Submissions are numbered serially: initial 000, then sequential",
        citation="21 CFR 312.23(a)(1), (e)",
        verify="the paragraphs were not confirmed against the eCFR text",
        undated="accompanies every submission; see serials.next_serial_number",
    ),
    Rule(
        id="IND-23",
        title="Record retention (sponsor)",
        trigger="Marketing approval, or discontinuation plus FDA notified",
        requirement="Keep 2 years after approval; otherwise 2 years after shipment and "
        "delivery stops and FDA is notified",
        citation="21 CFR 312.57(c)",
        clocks=(
            Clock(
                "keep",
                "Sponsor keeps IND records through this day",
                Basis.RETENTION_START,
                Offset(years=2),
                Kind.RETENTION,
                "2 years",
            ),
        ),
    ),
    Rule(
        id="IND-24",
        title="Record retention (investigator)",
        trigger="Same (as IND-23: marketing approval, or discontinuation plus FDA notified)",
        requirement="2 years after approval for the indication; otherwise 2 years after "
        "discontinuation and FDA notified",
        citation="21 CFR 312.62(c)",
        clocks=(
            Clock(
                "keep",
                "Investigator keeps study records through this day",
                Basis.RETENTION_START,
                Offset(years=2),
                Kind.RETENTION,
                "2 years",
            ),
        ),
    ),
)

AMENDMENT_RULES: tuple[Rule, ...] = _AMENDMENTS + _MEETINGS_NUMBERING_RECORDS
