"""Stores as older releases left them, made by taking a current store back: the migration tests
start from real rows in an older schema, not from an empty file."""

from __future__ import annotations

import sqlite3

import sqlite_utils

from expo_tui.store import schema, views
from expo_tui.store.views import VIEWS


def _schema_objects(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    return {
        (kind, name)
        for kind, name in conn.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        )
    }


def _version_5_shape() -> tuple[set[tuple[str, str]], dict[str, list[str]]]:
    """The schema objects of a version-5 store, and each table's columns."""
    conn = sqlite3.connect(":memory:")
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        schema.create_base_tables(db)
        schema.create_summary_tables(db)
        schema.add_day_change(db)
        schema.add_review_queue(db)
        views.add_schema_5(db)
        objects = _schema_objects(conn)
        columns = {
            name: [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            for kind, name in objects
            if kind == "table"
        }
        return objects, columns
    finally:
        conn.close()


def take_back_to_version_7(conn: sqlite3.Connection) -> None:
    """Drop what version 8 added: the user's annotations (stars, notes, tags, their index)."""
    for table in ("annotation_search", "annotation_tags", "annotations"):
        conn.execute(f'DROP TABLE IF EXISTS "{table}"')  # (their indexes go with them)
    conn.execute("PRAGMA user_version = 7")


def take_back_to_version_5(conn: sqlite3.Connection) -> None:
    """Drop what version 6 added (the country groups, the views' derived tables, summaries,
    triggers and indexes, `event_countries.kind`/`status`, `figures.event_id`), rows kept."""
    take_back_to_version_7(conn)
    objects, columns = _version_5_shape()
    added = set(_schema_objects(conn)) - objects
    for kind in ("trigger", "index", "table"):  # an index goes before its column can
        for found, name in sorted(added):
            if found == kind:
                conn.execute(f'DROP {kind.upper()} "{name}"')
    for table, wanted in columns.items():
        for row in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
            if row[1] not in wanted:
                conn.execute(f'ALTER TABLE "{table}" DROP COLUMN "{row[1]}"')
    conn.execute("PRAGMA user_version = 5")


def take_back_to_version_4(conn: sqlite3.Connection) -> None:
    """Version 5 gone too: the readable views, the tools' full-text tables and `events.track`."""
    take_back_to_version_5(conn)
    for name in VIEWS:
        conn.execute(f"DROP VIEW {name}")
    for table in ("events", "people"):
        for suffix in ("_ai", "_ad", "_au"):
            conn.execute(f"DROP TRIGGER {table}{suffix}")
        conn.execute(f"DROP TABLE {table}_fts")
    conn.execute("ALTER TABLE events DROP COLUMN track")
    conn.execute("PRAGMA user_version = 4")
