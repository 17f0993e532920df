"""The table is consistent: every timed obligation warns before it falls due, clock names are
unique within a rule, and each date has a meaning a reader can act on."""

from __future__ import annotations

from translink.regulatory.rules import ALL_ROWS, Offset


def test_it_warns_at_least_a_day_before_every_obligation_that_has_a_period() -> None:
    for row in ALL_ROWS:
        for clock in row.clocks:
            has_period = clock.offset != Offset()
            if clock.kind.is_obligation and has_period:
                assert clock.lead_days >= 1, (row.id, clock.name)


def test_it_names_each_clock_of_a_rule_once() -> None:
    for row in ALL_ROWS:
        names = [clock.name for clock in row.clocks]
        assert len(names) == len(set(names)), row.id


def test_it_gives_every_clock_a_title_and_its_regulatory_wording() -> None:
    for row in ALL_ROWS:
        assert row.title and row.trigger and row.requirement and row.citation
        for clock in row.clocks:
            assert clock.label and clock.wording, (row.id, clock.name)
