"""IND-01 to IND-09 and IND-20: when an IND is in effect, on hold, inactive, ended."""

from __future__ import annotations

from translink.regulatory.rules.clocks import IMMEDIATELY, Basis, Clock, Kind, Offset, Rule

_EFFECT_AND_SHIPMENT = (
    Rule(
        id="IND-01",
        title="IND goes into effect",
        trigger="FDA receipt date R of the original IND",
        requirement="In effect at R + 30 calendar days, unless FDA imposes a clinical hold "
        "first; or earlier, if FDA notifies that studies may begin",
        citation="21 CFR 312.40(b)",
        clocks=(
            Clock(
                "in-effect",
                "IND in effect (unless FDA imposes a clinical hold first)",
                Basis.FDA_RECEIPT,
                Offset(days=30),
                Kind.EFFECT,
                "30 calendar days after FDA receipt, or earlier on FDA notice",
            ),
        ),
    ),
    Rule(
        id="IND-02",
        title="No dosing before effect",
        trigger="—",
        requirement="An investigator may not give the drug to human subjects until the IND is "
        "in effect; the sponsor may not begin the investigation",
        citation="21 CFR 312.40(d), 312.20(b)",
        clocks=(
            Clock(
                "first-dose",
                "Earliest first dose: when the IND goes into effect (earlier only on FDA notice)",
                Basis.FDA_RECEIPT,
                Offset(days=30),
                Kind.EFFECT,
                "not before the IND is in effect",
            ),
            Clock(
                "first-dose-in-effect",
                "Dosing allowed: the IND is in effect",
                Basis.IND_EFFECTIVE,
                Offset(),
                Kind.EFFECT,
                "from the effective date",
            ),
        ),
    ),
    Rule(
        id="IND-03",
        title="Drug shipment",
        trigger="R (the FDA receipt date of IND-01)",
        requirement="May ship to named investigators at R + 30, or on earlier FDA authorisation",
        citation="21 CFR 312.40(c)",
        clocks=(
            Clock(
                "ship",
                "Earliest shipment to named investigators (earlier on FDA authorisation)",
                Basis.FDA_RECEIPT,
                Offset(days=30),
                Kind.EFFECT,
                "30 calendar days after FDA receipt",
            ),
        ),
    ),
)

_CLINICAL_HOLD = (
    Rule(
        id="IND-04",
        title="Clinical hold: effect",
        trigger="FDA hold order (phone, other rapid means, or writing)",
        requirement="Proposed study: no subject may receive the drug. Ongoing study: no new "
        "subjects; current subjects come off the drug unless FDA permits. A partial hold "
        "covers only the named parts",
        citation="21 CFR 312.42(a), (d)",
        clocks=(
            Clock(
                "hold",
                "Clinical hold in effect: no dosing of new subjects",
                Basis.HOLD_IMPOSED,
                Offset(),
                Kind.EFFECT,
                "from the hold order",
            ),
        ),
    ),
    Rule(
        id="IND-05",
        title="Hold: FDA's written basis",
        trigger="Date the hold is imposed",
        requirement="FDA sends a written explanation within 30 days",
        citation="21 CFR 312.42(d)",
        clocks=(
            Clock(
                "written-basis",
                "FDA's written explanation of the clinical hold",
                Basis.HOLD_IMPOSED,
                Offset(days=30),
                Kind.FDA_ACTION,
                "within 30 days",
                lead_days=7,
            ),
        ),
    ),
    Rule(
        id="IND-06",
        title="Hold: complete response",
        trigger="FDA receipt of the sponsor's written request and complete response",
        requirement="FDA responds in writing within 30 calendar days. The sponsor may not "
        "resume until FDA says so, whatever the clock shows",
        citation="21 CFR 312.42(e)",
        clocks=(
            Clock(
                "fda-reply",
                "FDA's written reply to the complete response (no resumption before it)",
                Basis.HOLD_RESPONSE_RECEIVED,
                Offset(days=30),
                Kind.FDA_ACTION,
                "within 30 calendar days",
                lead_days=7,
            ),
        ),
    ),
)

_INACTIVE_AND_TERMINATION = (
    Rule(
        id="IND-07",
        title="Inactive status: eligibility",
        trigger="No subjects entered for ≥ 2 years, or all investigations on hold for ≥ 1 year",
        requirement="FDA may inactivate (on its own initiative or at sponsor request). If FDA "
        "proposes it, the sponsor has 30 days to respond",
        citation="21 CFR 312.45(a)",
        clocks=(
            Clock(
                "no-subjects",
                "FDA may inactivate: no subjects entered for 2 years",
                Basis.LAST_SUBJECT_ENTERED,
                Offset(years=2),
                Kind.EFFECT,
                "2 years without new subjects",
            ),
            Clock(
                "all-on-hold",
                "FDA may inactivate: all investigations on hold for 1 year",
                Basis.ALL_ON_HOLD,
                Offset(years=1),
                Kind.EFFECT,
                "1 year with every investigation on hold",
            ),
            Clock(
                "respond",
                "Respond to FDA's proposal to inactivate the IND",
                Basis.INACTIVATION_PROPOSED,
                Offset(days=30),
                Kind.SUBMISSION,
                "within 30 days",
                lead_days=7,
            ),
        ),
    ),
    Rule(
        id="IND-08",
        title="Inactive: consequences",
        trigger="Inactivation",
        requirement="Notify all investigators; return or dispose of drug stocks; no annual "
        "reports while inactive; resume only by protocol amendment; inactive ≥ 5 years → "
        "may be terminated",
        citation="21 CFR 312.45(b)–(e)",  # noqa: RUF001 - the rule file's range dash
        clocks=(
            Clock(
                "notify-investigators",
                "Notify all investigators of inactivation; return or dispose of drug stocks",
                Basis.INACTIVATED,
                Offset(),
                Kind.NOTICE,
                IMMEDIATELY,
            ),
            Clock(
                "may-terminate",
                "FDA may terminate: inactive for 5 years",
                Basis.INACTIVATED,
                Offset(years=5),
                Kind.EFFECT,
                "5 years on inactive status",
            ),
        ),
    ),
    Rule(
        id="IND-09",
        title="Termination proposal",
        trigger="FDA written proposal",
        requirement="Sponsor invited to correct or explain within 30 days",
        citation="21 CFR 312.44(c)",
        verify="the 30-day period was not confirmed against the eCFR text",
        clocks=(
            Clock(
                "respond",
                "Correct or explain in reply to FDA's proposal to terminate",
                Basis.TERMINATION_PROPOSED,
                Offset(days=30),
                Kind.SUBMISSION,
                "within 30 days",
                lead_days=7,
            ),
        ),
    ),
)

_WITHDRAWAL = (
    Rule(
        id="IND-20",
        title="Withdrawal",
        trigger="Sponsor decision, at any time, without prejudice",
        requirement="Notify FDA; end all investigations; notify investigators; return or "
        "dispose of drug. If withdrawn for safety: promptly inform FDA, all investigators and "
        "all reviewing IRBs, with reasons",
        citation="21 CFR 312.38",
        clocks=(
            Clock(
                "notify-fda",
                "Notify FDA of the withdrawal",
                Basis.WITHDRAWN,
                Offset(),
                Kind.NOTICE,
                IMMEDIATELY,
            ),
            Clock(
                "notify-investigators",
                "End all investigations; notify investigators; return or dispose of drug",
                Basis.WITHDRAWN,
                Offset(),
                Kind.NOTICE,
                IMMEDIATELY,
            ),
            Clock(
                "notify-irbs",
                "Withdrawn for safety: inform all reviewing IRBs, with reasons",
                Basis.WITHDRAWN_FOR_SAFETY,
                Offset(),
                Kind.NOTICE,
                "promptly: due on day 0",
            ),
        ),
    ),
)

STATUS_RULES: tuple[Rule, ...] = (
    _EFFECT_AND_SHIPMENT + _CLINICAL_HOLD + _INACTIVE_AND_TERMINATION + _WITHDRAWAL
)
