from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from translink.lib.identifiers import normalize_doi, normalize_orcid, orcid_checksum


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("0000-0002-1825-0097", "0000-0002-1825-0097"),  # ORCID's own documented example
        ("https://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700"),
        ("000000021694233x", "0000-0002-1694-233X"),  # check character X, lower case, no dashes
        ("0000-0002-1825-0098", None),  # wrong check digit
        ("0000-0002-1825", None),
        ("not an orcid", None),
    ],
)
def test_it_normalizes_and_checks_orcid_ids(given_text: str, expected: str | None) -> None:
    assert normalize_orcid(given_text) == expected


@given(st.text(alphabet="0123456789", min_size=15, max_size=15))
def test_every_fifteen_digits_get_exactly_one_valid_check_character(base: str) -> None:
    good = orcid_checksum(base)
    formatted = f"{base[:4]}-{base[4:8]}-{base[8:12]}-{base[12:15]}"
    valid = [c for c in "0123456789X" if normalize_orcid(formatted + c)]
    assert valid == [good]


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("10.1000/XYZ123", "10.1000/xyz123"),
        ("https://doi.org/10.1038/nature12373", "10.1038/nature12373"),
        ("doi:10.5555/tl.2019.01234", "10.5555/tl.2019.01234"),
        ("11.1000/xyz", None),
        ("10.1000/", None),
    ],
)
def test_it_normalizes_dois(given_text: str, expected: str | None) -> None:
    assert normalize_doi(given_text) == expected
