"""T-REG-02: for any day 0 and any clock, the due date is exactly the rule's distance away and
never before day 0; a fatal SUSAR always creates both reports, the 7-day one first."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from translink.regulatory.rules import ALL_ROWS, Clock, Rule, Susar, deadline, deadlines_for
from translink.regulatory.rules.holidays import is_fda_business_day

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2200, 12, 31))
clocks = st.sampled_from([(row, clock) for row in ALL_ROWS for clock in row.clocks])


@given(clocks, days)
def test_it_puts_every_due_date_exactly_n_days_after_day_0_and_never_before(
    pair: tuple[Rule, Clock], day0: date
) -> None:
    row, clock = pair
    due = deadline(row, clock, day0).due
    assert due >= day0
    if clock.offset.years == 0:
        assert (due - day0).days == clock.offset.days
    else:
        anniversary = due - timedelta(days=clock.offset.days)
        assert anniversary.year == day0.year + clock.offset.years
        same_day = (anniversary.month, anniversary.day) == (day0.month, day0.day)
        assert same_day or (day0.month, day0.day, anniversary.day) == (2, 29, 28)


@given(clocks, days)
def test_it_asks_for_the_last_business_day_at_or_before_each_submission_due_date(
    pair: tuple[Rule, Clock], day0: date
) -> None:
    row, clock = pair
    found = deadline(row, clock, day0)
    if found.submit_by is None:
        assert not clock.kind.is_submission
        return
    assert found.submit_by <= found.due
    assert is_fda_business_day(found.submit_by)
    between = (
        found.submit_by + timedelta(days=n)
        for n in range(1, (found.due - found.submit_by).days + 1)
    )
    assert not any(is_fda_business_day(day) for day in between)


@given(days, st.integers(min_value=0, max_value=60), st.booleans())
def test_it_always_creates_both_reports_for_a_fatal_susar_and_the_7_day_one_first(
    received: date, delay: int, fatal: bool
) -> None:
    event = Susar(received, received + timedelta(days=delay), fatal_or_life_threatening=fatal)
    found = {d.rule: d.due for d in deadlines_for(event)}
    assert set(found) == ({"IND-10", "IND-11"} if fatal else {"IND-10"})
    if fatal:
        assert found["IND-11"] <= found["IND-10"]


@given(days)
def test_it_puts_the_7_day_deadline_before_the_15_day_one_for_the_same_day_0(day0: date) -> None:
    found = {
        d.rule: d.due for d in deadlines_for(Susar(day0, day0, fatal_or_life_threatening=True))
    }
    assert found["IND-11"] < found["IND-10"]
    assert (found["IND-10"] - found["IND-11"]).days == 8
