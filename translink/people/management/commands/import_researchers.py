"""`manage.py import_researchers FILE`: a CSV of researchers (see importers/researchers_csv)."""

from __future__ import annotations

from translink.people.imports import ImportKind
from translink.people.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a CSV of researchers, keyed by ORCID iD, then e-mail. "
        "A refused file stores nothing, lists every bad row and exits non-zero."
    )
    kind = ImportKind.RESEARCHERS
