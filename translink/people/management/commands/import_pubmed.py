"""`manage.py import_pubmed FILE`: a PubMed/MEDLINE XML file, as E-utilities efetch gives it."""

from __future__ import annotations

from translink.people.imports import ImportKind
from translink.people.management.commands._importing import ImportCommand


class Command(ImportCommand):
    help = (
        "Import a PubMed XML file (PubmedArticleSet), linking authors to researchers. "
        "A refused file stores nothing, lists every bad row and exits non-zero."
    )
    kind = ImportKind.PUBMED
