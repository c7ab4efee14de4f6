"""Bring a store written by an older release up to SCHEMA_VERSION, keeping every row.

The version lives in SQLite's `PRAGMA user_version`. Each step upgrades by one version inside
the caller's transaction; a copy of the file is written beside it first (see connection.py), so
a failed or unwanted upgrade can always be undone by hand.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: importing it costs ~40 ms of start-up
    import sqlite_utils

from ..countries import all_countries
from . import annotation_schema, schema, schema_views, views
from .index_text import country_text
from .version import SCHEMA_VERSION


def fill_countries(db: sqlite_utils.Database) -> None:
    """(Re)load the ISO 3166-1 reference table and its aliases."""
    countries = all_countries()
    db.conn.executemany(
        "INSERT INTO countries (code, alpha2, numeric, name, name_id, official_name, flag) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET alpha2 = excluded.alpha2, "
        "numeric = excluded.numeric, name = excluded.name, name_id = excluded.name_id, "
        "official_name = excluded.official_name, flag = excluded.flag",
        [
            (c.code, c.alpha2, c.numeric, c.name, c.name_id, c.official_name, c.flag)
            for c in countries
        ],
    )
    db.execute("DELETE FROM country_aliases")
    db.conn.executemany(
        "INSERT INTO country_aliases (country_code, alias) VALUES (?, ?)",
        [(c.code, alias) for c in countries for alias in c.aliases],
    )
    db.execute("DELETE FROM search WHERE kind = 'country'")
    db.conn.executemany(
        "INSERT INTO search (text, kind, ref, expo_id, country_code) "
        "VALUES (?, 'country', ?, NULL, ?)",
        [(country_text(c.all_names), c.code, c.code) for c in countries],
    )


def create_current(db: sqlite_utils.Database) -> None:
    """An empty store at the current version."""
    schema.create_base_tables(db)
    schema.create_summary_tables(db)
    schema.add_day_change(db)
    schema.add_review_queue(db)
    views.add_schema_5(db)
    fill_countries(db)
    schema_views.create_view_tables(db)
    schema_views.fill_groups(db)
    schema.add_source_kinds(db)
    annotation_schema.add_annotations(db)


def _v5_to_v6(db: sqlite_utils.Database) -> None:
    """The analyst's views: country groups, the events' groups, people's clock spans and
    the facet, country and pair summaries, derived from the rows already there."""
    schema_views.create_view_tables(db)
    schema_views.fill_groups(db)
    schema_views.derive_view_tables(db)


def _v1_to_v2(db: sqlite_utils.Database) -> None:
    schema.create_summary_tables(db)
    schema.rebuild_summaries(db)
    schema.move_event_search_rows(db)


# STEPS[n] upgrades a version-n store to version n + 1.
STEPS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _v1_to_v2,
    2: schema.add_day_change,
    3: schema.add_review_queue,
    4: views.add_schema_5,
    5: _v5_to_v6,
    6: schema.add_source_kinds,
    7: annotation_schema.add_annotations,  # the analyst's stars, notes and tags
}


def migrate(db: sqlite_utils.Database, from_version: int) -> None:
    for version in range(from_version, SCHEMA_VERSION):
        STEPS[version](db)
