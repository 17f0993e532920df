"""Full-text matching in the database's own engine. Both answer the same question: the ids
of the documents of one kind that match the words, best first."""

from __future__ import annotations

import re

from django.db import connection

WORD = re.compile(r"\w+", re.UNICODE)

SQLITE_INSTALL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, "
    "content='search_searchdocument', content_rowid='id', tokenize='porter unicode61')",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER IF NOT EXISTS search_fts_au AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END",
]
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_INSTALL = [
    "ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED",
    "CREATE INDEX search_document_tsv ON search_searchdocument USING GIN (tsv)",
]
POSTGRES_REMOVE = [
    "DROP INDEX IF EXISTS search_document_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS tsv",
]


def words(text: str, limit: int = 12) -> list[str]:
    """The searchable words of what a visitor typed: letters and digits only."""
    return WORD.findall(text.lower())[:limit]


VOWELS_AT_END = re.compile(r"(?<=\w{4})[aeiouy]$")


def prefixed(terms: list[str]) -> list[tuple[str, bool]]:
    """Each word and whether to match it as a prefix: the last one (search as you type),
    and a word ending in a vowel, by its root, since the stemmers keep "microglia" but cut
    "microglial" to "microgli" (likewise therapy, therapies; immunology, immunological)."""
    found = []
    for n, term in enumerate(terms):
        root = VOWELS_AT_END.sub("", term)
        found.append((root, True) if root != term else (term, n == len(terms) - 1))
    return found


def matching_ids(kind: str, text: str, limit: int = 500) -> list[int]:
    """Ids of records of ``kind`` whose document matches every word (the last as a prefix,
    for search as you type), best match first."""
    terms = prefixed(words(text))
    if not terms:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            query = " & ".join(f"{t}:*" if prefix else t for t, prefix in terms)
            cursor.execute(
                "SELECT object_id FROM search_searchdocument "
                "WHERE kind = %s AND tsv @@ to_tsquery('english', %s) "
                "ORDER BY ts_rank(tsv, to_tsquery('english', %s)) DESC, id LIMIT %s",
                [kind, query, query, limit],
            )
        else:
            query = " ".join(f'"{t}"*' if prefix else f'"{t}"' for t, prefix in terms)
            cursor.execute(
                "SELECT d.object_id FROM search_fts "
                "JOIN search_searchdocument d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s AND d.kind = %s "
                "ORDER BY bm25(search_fts, 4.0, 1.0), d.id LIMIT %s",
                [query, kind, limit],
            )
        return [row[0] for row in cursor.fetchall()]
