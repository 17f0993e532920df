"""`manage.py import_orcid FILE`: an ORCID v3.0 record or works summary (JSON)."""

from __future__ import annotations

from translink.people.imports import ImportKind
from translink.people.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import an ORCID v3.0 record or works summary for the researcher with its iD. "
        "A refused file stores nothing, lists every bad row and exits non-zero."
    )
    kind = ImportKind.ORCID
