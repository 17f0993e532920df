"""CTG-01 to CTG-05 (42 CFR Part 11), and the registration duties a study can switch on.

An applicable drug clinical trial is "a controlled clinical investigation, other than a
phase 1 clinical investigation" (42 CFR 11.10), so the federal rows do not bind phase 1
studies. NIH policy, ICMJE journal policy and a sponsor contract can still require
registration: they are separate rows with the same rule id, their own citation and a
``policy``, and apply only when a study switches them on.
"""

from __future__ import annotations

from translink.regulatory.rules.clocks import Basis, Clock, Kind, Offset, Rule

_ONE_YEAR = Offset(years=1)
_DAY_BEFORE_ONE_YEAR = Offset(years=1, days=-1)

_REGISTRATION = Clock(
    "register",
    "Register the trial on ClinicalTrials.gov",
    Basis.FIRST_ENROLLMENT,
    Offset(days=21),
    Kind.SUBMISSION,
    "≤ 21 calendar days after the first subject is enrolled",
    lead_days=7,
)
_RESULTS = Clock(
    "results",
    "Submit results to ClinicalTrials.gov",
    Basis.PRIMARY_COMPLETION,
    _ONE_YEAR,
    Kind.SUBMISSION,
    "≤ 1 year after the primary completion date",
    lead_days=30,
)

CTG_RULES: tuple[Rule, ...] = (
    Rule(
        id="CTG-01",
        title="Registration",
        trigger="First human subject enrolled: agreement to participate after consent; "
        "screening alone does not count",
        requirement="≤ 21 calendar days",
        citation="42 CFR 11.24(a), 11.10(a)",
        clocks=(_REGISTRATION,),
    ),
    Rule(
        id="CTG-02",
        title="Results",
        trigger="Primary completion date (final subject's last data collection for the primary "
        "outcome)",
        requirement="≤ 1 year",
        citation="42 CFR 11.44(a)",
        clocks=(_RESULTS,),
    ),
    Rule(
        id="CTG-03",
        title="Delayed results (certification)",
        trigger="Certification submitted before the results deadline",
        requirement="30 calendar days after the earliest qualifying event; maximum 2 years after "
        "the certification date",
        citation="42 CFR 11.44(b), (c)",
        clocks=(
            Clock(
                "certify",
                "Last day to certify for delayed results (before the results deadline)",
                Basis.PRIMARY_COMPLETION,
                _DAY_BEFORE_ONE_YEAR,
                Kind.OPTION,
                "before the results deadline: the day before it at the latest",
                lead_days=30,
            ),
            Clock(
                "results-after-event",
                "Results due after the earliest qualifying event",
                Basis.QUALIFYING_EVENT,
                Offset(days=30),
                Kind.SUBMISSION,
                "30 calendar days after the earliest qualifying event",
                lead_days=7,
            ),
            Clock(
                "results-at-latest",
                "Results due at the latest, whatever happens to the product",
                Basis.CERTIFIED,
                Offset(years=2),
                Kind.SUBMISSION,
                "at most 2 years after the certification date",
                lead_days=30,
            ),
        ),
    ),
    Rule(
        id="CTG-04",
        title="Good-cause extension",
        trigger="—",
        requirement='Request must be submitted before the results deadline ("the day before")',
        citation="42 CFR 11.44(e); NLM FAQ",
        clocks=(
            Clock(
                "request",
                "Last day to request a good-cause extension of the results deadline",
                Basis.PRIMARY_COMPLETION,
                _DAY_BEFORE_ONE_YEAR,
                Kind.OPTION,
                "the day before the results deadline",
                lead_days=30,
            ),
        ),
    ),
    Rule(
        id="CTG-05",
        title="Updates",
        trigger="—",
        requirement="Verify the record at least every 12 months. Recruitment status, site "
        "status and actual primary completion date: ≤ 30 days after the change. Amendment "
        "communicated to subjects: ≤ 30 days after IRB approval",
        citation="42 CFR 11.64",
        clocks=(
            Clock(
                "verify",
                "Verify the ClinicalTrials.gov record",
                Basis.RECORD_VERIFIED,
                _ONE_YEAR,
                Kind.SUBMISSION,
                "at least every 12 months",
                lead_days=30,
            ),
            Clock(
                "status-change",
                "Update recruitment or site status on ClinicalTrials.gov",
                Basis.RECORD_CHANGED,
                Offset(days=30),
                Kind.SUBMISSION,
                "≤ 30 days after the change",
                lead_days=7,
            ),
            Clock(
                "actual-primary-completion",
                "Update the actual primary completion date on ClinicalTrials.gov",
                Basis.PRIMARY_COMPLETION,
                Offset(days=30),
                Kind.SUBMISSION,
                "≤ 30 days after the change",
                lead_days=7,
            ),
            Clock(
                "subject-amendment",
                "Update the record for an amendment communicated to subjects",
                Basis.AMENDMENT_APPROVED,
                Offset(days=30),
                Kind.SUBMISSION,
                "≤ 30 days after IRB approval",
                lead_days=7,
            ),
        ),
    ),
)
