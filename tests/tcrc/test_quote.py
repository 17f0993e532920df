"""Capacity quotes: the earliest start and finish, or what blocks the study."""

from __future__ import annotations

from tests.tcrc.units import cohort, small_unit
from translink.tcrc.solver.instance import Instance, Precedence
from translink.tcrc.solver.quote import DOSING_DAYS, SPAN, Limit, quote


def test_on_an_empty_unit_the_study_starts_on_its_first_allowed_day() -> None:
    study = (cohort("N1"), cohort("N2"))
    answer = quote(Instance(small_unit(days=28), ()), study, (Precedence("N1", "N2", 7),))
    assert answer.fits
    assert answer.start == 1  # admitted on day 0, dosed on day 1
    assert answer.days == {"N1": 1, "N2": 8}
    assert answer.finish == 9  # N2 admitted on day 7 for two nights


def test_booked_cohorts_push_the_start_back() -> None:
    booked = (cohort("B", participants=4, fixed_day=1),)
    answer = quote(Instance(small_unit(days=28, beds=4), booked), (cohort("N1"),))
    assert answer.start == 3  # the beds free on night 2


def test_a_study_that_cannot_fit_says_which_resource_blocks_it_and_when() -> None:
    booked = (cohort("B", participants=4, nights=12, fixed_day=1),)
    answer = quote(Instance(small_unit(days=14, beds=4), booked), (cohort("N1"),))
    assert not answer.fits
    assert set(answer.blocked) == {"beds"}
    assert answer.blocked["beds"][0] == 0
    assert "B" not in str(answer.blocked)  # never names another study


def test_paid_overtime_offers_an_earlier_start_beside_the_staffed_one() -> None:
    from dataclasses import replace

    staffed = small_unit(days=28, beds=4, nurses=(2, 2, 2))
    booked = (cohort("B", participants=2, fixed_day=1),)
    answer = quote(Instance(replace(staffed, nurse_overtime=2), booked), (cohort("N1"),))
    # Staffed shifts are full while B is in (days 0 to 2): N1 waits for them...
    assert answer.start == 4
    # ...unless the unit pays two nurse-units of overtime, which fits N1 beside B at once.
    assert answer.overtime_start == 1 and answer.overtime_finish == 2
    without = quote(Instance(staffed, booked), (cohort("N1"),))
    assert without.start == 4 and without.overtime_start is None


def test_a_cohort_bigger_than_a_days_admissions_is_told_no_date_will_do() -> None:
    from dataclasses import replace

    unit = replace(small_unit(days=28, beds=12), admissions=(5,) * 28)
    answer = quote(Instance(unit, ()), (cohort("N1", participants=8),))
    assert not answer.fits
    assert answer.limits == [Limit("admissions", 8, 5)]
    assert answer.partial == {}


def test_limits_name_only_what_the_cohort_itself_exceeds() -> None:
    booked = (cohort("B", participants=4, nights=12, fixed_day=1),)
    answer = quote(Instance(small_unit(days=14, beds=4), booked), (cohort("N1"),))
    assert not answer.fits and answer.blocked  # blocked by the booking...
    assert answer.limits == []  # ...which a later date would cure


def test_when_the_whole_study_cannot_fit_the_first_cohorts_that_can_are_given() -> None:
    booked = (cohort("B", participants=4, nights=6, fixed_day=8),)  # beds full nights 7 to 12
    study = (cohort("N1"), cohort("N2"))
    answer = quote(
        Instance(small_unit(days=14, beds=4), booked), study, (Precedence("N1", "N2", 7),)
    )
    assert not answer.fits
    assert answer.partial == {"N1": 1} and answer.partial_finish == 2
    assert answer.limits == []


def test_a_chain_longer_than_the_plan_is_told_how_many_days_it_needs() -> None:
    study = (cohort("N1"), cohort("N2"), cohort("N3"))
    lags = (Precedence("N1", "N2", 7), Precedence("N2", "N3", 7))
    answer = quote(Instance(small_unit(days=14), ()), study, lags)
    assert not answer.fits
    assert answer.partial == {"N1": 1, "N2": 8}
    # From the first admission (day 0) to N3's discharge: 14 days of lags and its stay;
    # the plan's last day (13) is the last a discharge may fall on.
    assert answer.limits == [Limit(SPAN, 16, 13)]


def test_a_chain_the_unit_doses_too_rarely_for_is_told_so_not_that_it_is_too_long() -> None:
    from dataclasses import replace

    # Dosing on Mondays only: three cohorts a day apart need three Mondays.
    unit = replace(small_unit(days=16), dosing_days=frozenset({0, 7, 14}))
    study = (cohort("N1"), cohort("N2"), cohort("N3"))
    lags = (Precedence("N1", "N2", 1), Precedence("N2", "N3", 1))
    answer = quote(Instance(unit, ()), study, lags)
    assert not answer.fits and answer.partial == {"N1": 7, "N2": 14}
    [limit] = answer.limits
    assert limit.resource == DOSING_DAYS and limit.needed <= limit.available


def test_a_scan_on_a_unit_without_scanner_slots_is_named_with_none_available() -> None:
    from dataclasses import replace

    unit = replace(small_unit(days=28), scanner=(0,) * 28)
    answer = quote(Instance(unit, ()), (cohort("N1", scans=(1,)),))
    assert not answer.fits
    assert answer.limits == [Limit("scanner", 2, 0)]
