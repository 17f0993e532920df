"""Checks and normal forms of the identifiers researchers and papers carry."""

from __future__ import annotations

import re

_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def orcid_checksum(base_digits: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalize_orcid(value: str) -> str | None:
    """``0000-0002-1825-0097`` from any common spelling (URL, no dashes, lower-case x), or
    None when the value is not an ORCID iD or its check character is wrong."""
    text = value.strip().upper()
    for prefix in ("HTTPS://ORCID.ORG/", "HTTP://ORCID.ORG/", "ORCID.ORG/"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
    match = _ORCID.match(text)
    if match is None:
        return None
    digits = "".join(match.groups())
    if orcid_checksum(digits[:15]) != digits[15]:
        return None
    return "-".join(match.groups())


def normalize_doi(value: str) -> str | None:
    """A DOI in lower case without its resolver prefix, or None when it is not one."""
    text = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
    return text.lower() if _DOI.match(text) else None
