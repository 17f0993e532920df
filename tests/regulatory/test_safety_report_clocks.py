"""T-REG-03: a SUSAR's 7-day clock runs from receipt, its 15-day clock from qualification;
follow-up and late-qualifying reports get their own 15 days."""

from __future__ import annotations

from datetime import date

import pytest

from translink.regulatory.rules import Basis, FollowUp, Susar, Trigger, deadlines_for


def _clocks(event: Susar | FollowUp | Trigger) -> dict[str, tuple[date, date]]:
    return {d.rule: (d.day0, d.due) for d in deadlines_for(event)}


def test_it_runs_the_7_day_clock_from_receipt_and_the_15_day_clock_from_qualification() -> None:
    event = Susar(date(2026, 2, 27), date(2026, 3, 2), fatal_or_life_threatening=True)
    assert _clocks(event) == {
        "IND-11": (date(2026, 2, 27), date(2026, 3, 6)),
        "IND-10": (date(2026, 3, 2), date(2026, 3, 17)),
    }


def test_it_gives_a_reaction_that_is_not_fatal_only_the_15_day_clock() -> None:
    assert _clocks(Susar(date(2026, 2, 27), date(2026, 3, 2))) == {
        "IND-10": (date(2026, 3, 2), date(2026, 3, 17))
    }
    assert _clocks(Susar(None, date(2026, 3, 2))) == {
        "IND-10": (date(2026, 3, 2), date(2026, 3, 17))
    }


def test_it_refuses_a_fatal_reaction_without_its_receipt_date() -> None:
    with pytest.raises(ValueError, match="needs its receipt date"):
        Susar(None, date(2026, 3, 2), fatal_or_life_threatening=True)


def test_it_refuses_a_qualification_before_the_receipt() -> None:
    with pytest.raises(ValueError, match="before it was received"):
        Susar(date(2026, 3, 2), date(2026, 2, 27))


def test_it_gives_follow_up_information_its_own_15_days() -> None:
    assert _clocks(FollowUp(received=date(2026, 12, 17))) == {
        "IND-12": (date(2026, 12, 17), date(2027, 1, 1))
    }


def test_it_gives_an_event_found_reportable_later_15_days_from_that_finding() -> None:
    assert _clocks(Trigger(Basis.LATE_QUALIFIED, date(2026, 4, 1))) == {
        "IND-13": (date(2026, 4, 1), date(2026, 4, 16))
    }
