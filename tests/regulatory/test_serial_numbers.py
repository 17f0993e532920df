"""IND-22: submissions are numbered 000 for the original, then in sequence."""

from __future__ import annotations

import pytest

from translink.regulatory.rules.serials import next_serial_number, serial_number


def test_it_numbers_the_original_000_and_then_in_sequence() -> None:
    assert next_serial_number([]) == "000"
    assert next_serial_number(["000", "001"]) == "002"
    assert next_serial_number(["004", "000", "002"]) == "005"


def test_it_keeps_counting_past_999() -> None:
    assert serial_number(1000) == "1000"


@pytest.mark.parametrize("used", [["00A"], ["-01"], [""]])
def test_it_refuses_what_is_not_a_serial_number(used: list[str]) -> None:
    with pytest.raises(ValueError, match="not a serial number"):
        next_serial_number(used)
