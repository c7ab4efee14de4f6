"""Version 8: the analyst's own layer - stars, private notes and free tags - kept apart from
the sourced facts, in tables of their own.

An annotation names its subject by the keys that survive a re-import, never by a row id: a
country by its ISO 3166-1 alpha-3 code, a person by their key, an event by its expo's slug and
its key, a delegation by its expo's slug and its country. So importing the same records again,
or deleting and re-adding them, finds the user's notes where they were; and deleting a subject
leaves its annotation kept and listed as "not in the store" (the user's words are never lost
silently). `annotation_search` indexes each annotation's note and tags (rowid = its id).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite_utils

ANNOTATION_TABLES_SQL = """
CREATE TABLE IF NOT EXISTS annotations (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'person', 'event', 'delegation')),
    expo TEXT NOT NULL DEFAULT '',
    ref TEXT NOT NULL,
    starred INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (kind, expo, ref)
);
CREATE INDEX IF NOT EXISTS idx_annotations_starred ON annotations (kind, id) WHERE starred = 1;
CREATE TABLE IF NOT EXISTS annotation_tags (
    annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
    folded TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (annotation_id, folded)
);
CREATE INDEX IF NOT EXISTS idx_annotation_tags_folded ON annotation_tags (folded, annotation_id);
CREATE VIRTUAL TABLE IF NOT EXISTS annotation_search USING fts5(
    text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
"""


def add_annotations(db: sqlite_utils.Database) -> None:
    """Version 8: the annotation tables (one statement at a time: executescript would commit
    the migration's transaction half-way)."""
    for statement in ANNOTATION_TABLES_SQL.split(";\n"):
        if statement.strip():
            db.conn.execute(statement)
