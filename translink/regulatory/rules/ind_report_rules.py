"""IND-10 to IND-15: safety reports, the investigator's SAE report and the annual report."""

from __future__ import annotations

from translink.regulatory.rules.clocks import IMMEDIATELY, Basis, Clock, Kind, Offset, Rule

REPORT_RULES: tuple[Rule, ...] = (
    Rule(
        id="IND-10",
        title="15-day IND safety report",
        trigger="Sponsor determines the information qualifies: (i) serious and unexpected "
        "suspected adverse reaction (SUSAR); (ii) findings from "
        "other studies; (iii) animal or in-vitro findings suggesting significant risk; "
        "(iv) clinically important increase in the rate of serious suspected adverse reactions",
        requirement="To FDA and all participating investigators ASAP, ≤ 15 calendar days. "
        'Form FDA 3500A or narrative, labelled "IND safety report"',
        citation="21 CFR 312.32(c)(1)",
        clocks=(
            Clock(
                "report",
                "15-day IND safety report to FDA and all participating investigators",
                Basis.SAFETY_QUALIFIED,
                Offset(days=15),
                Kind.SUBMISSION,
                "within 15 calendar days of the determination",
                lead_days=5,
            ),
        ),
    ),
    Rule(
        id="IND-11",
        title="7-day report",
        trigger="Sponsor's initial receipt of information on an unexpected fatal or "
        "life-threatening suspected adverse reaction",
        requirement="Notify FDA ASAP, ≤ 7 calendar days. This is in addition to the 15-day written "
        "report (IND-10), so one event creates two deadlines",
        citation="21 CFR 312.32(c)(2)",
        clocks=(
            Clock(
                "report",
                "7-day report to FDA: unexpected fatal or life-threatening reaction",
                Basis.FATAL_SAFETY_RECEIVED,
                Offset(days=7),
                Kind.SUBMISSION,
                "within 7 calendar days of initial receipt",
                lead_days=3,
            ),
        ),
    ),
    Rule(
        id="IND-12",
        title="Follow-up safety report",
        trigger="Sponsor receives relevant additional information on a submitted report",
        requirement='"Follow-up IND safety report", ≤ 15 calendar days after receipt',
        citation="21 CFR 312.32(d)",
        clocks=(
            Clock(
                "report",
                "Follow-up IND safety report",
                Basis.FOLLOWUP_RECEIVED,
                Offset(days=15),
                Kind.SUBMISSION,
                "within 15 calendar days of receipt",
                lead_days=5,
            ),
        ),
    ),
    Rule(
        id="IND-13",
        title="Late-qualifying event",
        trigger="Sponsor's investigation shows an event not first judged reportable is reportable",
        requirement="≤ 15 calendar days after that determination",
        citation="21 CFR 312.32(d)",
        verify="the paragraph of 312.32(d) was not confirmed against the eCFR text",
        clocks=(
            Clock(
                "report",
                "IND safety report for an event found reportable later",
                Basis.LATE_QUALIFIED,
                Offset(days=15),
                Kind.SUBMISSION,
                "within 15 calendar days of the determination",
                lead_days=5,
            ),
        ),
    ),
    Rule(
        id="IND-14",
        title="Investigator → sponsor SAE",
        trigger="Investigator learns of a serious adverse event",
        requirement="Immediately, whether or not considered drug-related",
        citation="21 CFR 312.64(b) (as amended 2010)",
        clocks=(
            Clock(
                "report",
                "Investigator reports the serious adverse event to the sponsor",
                Basis.SAE_LEARNED,
                Offset(),
                Kind.NOTICE,
                IMMEDIATELY,
            ),
        ),
    ),
    Rule(
        id="IND-15",
        title="Annual report",
        trigger="Anniversary of the date the IND went into effect",
        requirement="Within 60 days of the anniversary. Suspended while inactive",
        citation="21 CFR 312.33, 312.45(c)",
        clocks=(
            Clock(
                "report",
                "Annual report",
                Basis.ANNIVERSARY,
                Offset(days=60),
                Kind.SUBMISSION,
                "within 60 days of the anniversary (from anniversary - 60)",
                lead_days=90,  # the rule file's alert from anniversary - 30
                opens_before=60,
            ),
        ),
    ),
)
