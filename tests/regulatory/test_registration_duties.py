"""T-REG-06: a phase 1 study has no 42 CFR 11 duty by default; NIH, ICMJE and contract duties
can be switched on and show their own source."""

from __future__ import annotations

from datetime import date

import pytest

from translink.regulatory.rules import (
    FirstEnrollment,
    Policy,
    PrimaryCompletion,
    ResultsCertification,
    deadlines_for,
)

ENROLLED = date(2026, 4, 6)


def _lines(
    event: FirstEnrollment | PrimaryCompletion | ResultsCertification,
) -> set[tuple[str, str, date]]:
    return {(d.rule, d.citation, d.due) for d in deadlines_for(event)}


def test_it_gives_a_phase_1_study_no_federal_registration_duty() -> None:
    assert _lines(FirstEnrollment(ENROLLED, phase=1)) == set()
    assert _lines(PrimaryCompletion(ENROLLED, phase=1)) == set()


@pytest.mark.parametrize("phase", [2, 3, 4, None])
def test_it_registers_other_phases_within_21_days_and_an_unknown_phase_too(
    phase: int | None,
) -> None:
    assert _lines(FirstEnrollment(ENROLLED, phase=phase)) == {
        ("CTG-01", "42 CFR 11.24(a), 11.10(a)", date(2026, 4, 27))
    }


def test_it_shows_the_source_of_each_duty_a_phase_1_study_switches_on() -> None:
    event = FirstEnrollment(ENROLLED, phase=1, policies=frozenset(Policy))
    found = {d.citation.split()[0]: d for d in deadlines_for(event)}
    assert set(found) == {"NIH", "ICMJE", "Sponsor"}
    assert found["NIH"].due == date(2026, 4, 27)
    assert found["ICMJE"].due == ENROLLED  # before the first enrollment
    assert all(d.rule == "CTG-01" and d.verify for d in found.values())
    assert "(NIH policy)" in found["NIH"].title


def test_it_adds_a_policy_duty_beside_the_federal_one() -> None:
    event = FirstEnrollment(ENROLLED, phase=2, policies=frozenset({Policy.NIH}))
    assert {citation.split()[0] for _, citation, _ in _lines(event)} == {"42", "NIH"}


def test_it_sets_results_certification_extension_and_update_dates_from_primary_completion() -> None:
    found = {
        (d.rule, d.clock): d.due
        for d in deadlines_for(PrimaryCompletion(date(2026, 3, 31), phase=2))
    }
    assert found == {
        ("CTG-05", "actual-primary-completion"): date(2026, 4, 30),
        ("CTG-03", "certify"): date(2027, 3, 30),
        ("CTG-04", "request"): date(2027, 3, 30),
        ("CTG-02", "results"): date(2027, 3, 31),
    }


def test_it_gives_nih_results_to_a_phase_1_study_that_switched_nih_on() -> None:
    event = PrimaryCompletion(date(2026, 3, 31), phase=1, policies=frozenset({Policy.NIH}))
    assert {(rule, due) for rule, _, due in _lines(event)} == {("CTG-02", date(2027, 3, 31))}


def test_it_bounds_delayed_results_by_the_qualifying_event_and_two_years() -> None:
    event = ResultsCertification(certified=date(2026, 2, 2), qualifying_event=date(2026, 9, 1))
    assert {(rule, due) for rule, _, due in _lines(event)} == {
        ("CTG-03", date(2026, 10, 1)),
        ("CTG-03", date(2028, 2, 2)),
    }


@pytest.mark.parametrize("phase", [0, 5])
def test_it_refuses_a_phase_outside_1_to_4(phase: int) -> None:
    with pytest.raises(ValueError, match="phase must be 1, 2, 3 or 4"):
        FirstEnrollment(ENROLLED, phase=phase)
