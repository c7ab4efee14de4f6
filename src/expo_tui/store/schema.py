"""The store's tables, indexes, triggers and search index, declared with sqlite-utils.

`create_schema` builds the current version on an empty database. Older versions are kept in
`migrations.py` as the steps that lead here, so a file written by an earlier release opens
without losing rows. Tables are named for what they hold so the file reads well in
`sqlite-utils` or Datasette; docs/schema.md describes each column.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: importing it costs ~40 ms of start-up
    import sqlite_utils

from .version import SCHEMA_VERSION  # noqa: F401 - re-exported: migrations read it here

# FTS5 over people (with name variants), organisations, countries (all names and aliases) and
# events. remove_diacritics 2 folds "Türkiye" and "Turkiye" to the same token; the prefix indexes
# make the live "rus" -> Russia search cheap.
SEARCH_TABLE_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
    text,
    kind UNINDEXED,
    ref UNINDEXED,
    expo_id UNINDEXED,
    country_code UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
"""


# Version 2: events get an FTS5 table of their own, keyed by rowid = events.id. Events outnumber
# everything else by far (a million at a big show); in `search` they made every country filter
# and people search wade through event matches, and updating one event's row meant scanning the
# whole index for its unindexed `ref`.
EVENT_SEARCH_TABLE_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS event_search USING fts5(
    text,
    expo_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
)
"""


def create_base_tables(db: sqlite_utils.Database) -> None:
    """Tables of schema version 1: the facts, their sources and the search index."""
    db.table("countries").create(
        {
            "code": str,
            "alpha2": str,
            "numeric": str,
            "name": str,
            "name_id": str,
            "official_name": str,
            "flag": str,
        },
        pk="code",
        not_null=["alpha2", "name", "name_id"],
    )
    db.table("country_aliases").create(
        {"country_code": str, "alias": str},
        pk=("country_code", "alias"),
        foreign_keys=[("country_code", "countries", "code")],
    )
    db.table("sources").create(
        {"id": int, "url": str, "publisher": str, "title": str, "language": str, "published": str},
        pk="id",
        not_null=["url"],
    )
    db.table("sources").create_index(["url"], unique=True)
    db.table("expos").create(
        {
            "id": int,
            "slug": str,
            "name": str,
            "short_name": str,
            "edition": str,
            "venue": str,
            "city": str,
            "country_code": str,
            "start_date": str,
            "end_date": str,
            "timezone": str,
            "organizer": str,
            "theme": str,
            "notes": str,
        },
        pk="id",
        not_null=["slug", "name", "start_date", "end_date", "timezone"],
        foreign_keys=[("country_code", "countries", "code")],
    )
    db.table("expos").create_index(["slug"], unique=True)
    db.table("expo_sources").create(
        {"expo_id": int, "source_id": int},
        pk=("expo_id", "source_id"),
        foreign_keys=[("expo_id", "expos", "id"), ("source_id", "sources", "id")],
    )
    db.table("organizations").create(
        {"id": int, "name": str, "country_code": str},
        pk="id",
        not_null=["name"],
        foreign_keys=[("country_code", "countries", "code")],
    )
    db.table("organizations").create_index(["name"], unique=True)
    db.table("people").create(
        {
            "id": int,
            "key": str,
            "name": str,
            "kind": str,
            "rank": str,
            "position": str,
            "organization_id": int,
            "country_code": str,
        },
        pk="id",
        not_null=["key", "name", "kind"],
        foreign_keys=[
            ("organization_id", "organizations", "id"),
            ("country_code", "countries", "code"),
        ],
    )
    db.table("people").create_index(["key"], unique=True)
    # "This country's people by name": the country details pane reads the first page in order.
    db.table("people").create_index(["country_code", "name"])
    db.table("person_variants").create(
        {"person_id": int, "variant": str},
        pk=("person_id", "variant"),
        foreign_keys=[("person_id", "people", "id")],
    )
    db.table("delegations").create(
        {
            "id": int,
            "expo_id": int,
            "country_code": str,
            "kind": str,
            "head_person_id": int,
            "notes": str,
        },
        pk="id",
        not_null=["expo_id", "country_code"],
        foreign_keys=[
            ("expo_id", "expos", "id"),
            ("country_code", "countries", "code"),
            ("head_person_id", "people", "id"),
        ],
    )
    db.table("delegations").create_index(["expo_id", "country_code"], unique=True)
    db.table("delegation_members").create(
        {"delegation_id": int, "ordinal": int, "name": str, "role": str, "person_id": int},
        pk=("delegation_id", "ordinal"),
        not_null=["name"],
        foreign_keys=[("delegation_id", "delegations", "id"), ("person_id", "people", "id")],
    )
    db.table("delegation_sources").create(
        {"delegation_id": int, "source_id": int},
        pk=("delegation_id", "source_id"),
        foreign_keys=[("delegation_id", "delegations", "id"), ("source_id", "sources", "id")],
    )
    db.table("events").create(
        {
            "id": int,
            "expo_id": int,
            "key": str,
            "date": str,
            "date_from": str,
            "date_to": str,
            "start_time": str,
            "end_time": str,
            "day_order": int,
            "order_scope": str,
            "kind": str,
            "status": str,
            "title": str,
            "location": str,
            "summary": str,
            "notes": str,
            "sort_key": str,
        },
        pk="id",
        not_null=["expo_id", "key", "kind", "status", "title", "sort_key"],
        foreign_keys=[("expo_id", "expos", "id")],
    )
    db.table("events").create_index(["expo_id", "key"], unique=True)
    # The timeline's query: one day of one expo in display order, paged by (sort_key, id).
    db.table("events").create_index(
        ["expo_id", "date", "sort_key", "id"], index_name="idx_events_day"
    )
    db.table("event_participants").create(
        {
            "event_id": int,
            "ordinal": int,
            "person_id": int,
            "role": str,
            "position": str,
            "note": str,
        },
        pk=("event_id", "ordinal"),
        not_null=["person_id", "role"],
        foreign_keys=[("event_id", "events", "id"), ("person_id", "people", "id")],
    )
    db.table("event_participants").create_index(["person_id"])
    db.table("event_sources").create(
        {"event_id": int, "source_id": int},
        pk=("event_id", "source_id"),
        foreign_keys=[("event_id", "events", "id"), ("source_id", "sources", "id")],
    )
    # Which countries an event involves, copied with the event's day and sort key so that
    # "one country's events on one day" is a single index range, at any size.
    db.table("event_countries").create(
        {"event_id": int, "country_code": str, "expo_id": int, "date": str, "sort_key": str},
        pk=("event_id", "country_code"),
        not_null=["expo_id", "sort_key"],
        foreign_keys=[
            ("event_id", "events", "id"),
            ("country_code", "countries", "code"),
            ("expo_id", "expos", "id"),
        ],
    )
    db.table("event_countries").create_index(
        ["expo_id", "country_code", "date", "sort_key", "event_id"],
        index_name="idx_event_countries_day",
    )
    db.table("exhibitors").create(
        {"id": int, "expo_id": int, "name": str, "country_code": str, "kind": str, "notes": str},
        pk="id",
        not_null=["expo_id", "name"],
        foreign_keys=[("expo_id", "expos", "id"), ("country_code", "countries", "code")],
    )
    db.table("exhibitors").create_index(["expo_id", "name"], unique=True)
    db.table("exhibitors").create_index(["expo_id", "country_code"])
    db.table("exhibitor_sources").create(
        {"exhibitor_id": int, "source_id": int},
        pk=("exhibitor_id", "source_id"),
        foreign_keys=[("exhibitor_id", "exhibitors", "id"), ("source_id", "sources", "id")],
    )
    db.table("figures").create(
        {
            "id": int,
            "expo_id": int,
            "key": str,
            "metric": str,
            "value": str,
            "number": float,
            "unit": str,
            "note": str,
        },
        pk="id",
        not_null=["expo_id", "key", "metric", "value"],
        foreign_keys=[("expo_id", "expos", "id")],
    )
    db.table("figures").create_index(["expo_id", "key"], unique=True)
    db.table("figure_sources").create(
        {"figure_id": int, "source_id": int},
        pk=("figure_id", "source_id"),
        foreign_keys=[("figure_id", "figures", "id"), ("source_id", "sources", "id")],
    )
    db.execute(SEARCH_TABLE_SQL)


# Version 2: per-day and per-country counts kept current by triggers, so the day strip and the
# country list never count a million events on the fly.
SUMMARY_TRIGGERS_SQL = """
CREATE TRIGGER IF NOT EXISTS events_count_insert AFTER INSERT ON events BEGIN
    INSERT INTO expo_days (expo_id, day, events) VALUES (new.expo_id, coalesce(new.date, ''), 1)
    ON CONFLICT (expo_id, day) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER IF NOT EXISTS events_count_delete AFTER DELETE ON events BEGIN
    UPDATE expo_days SET events = events - 1
    WHERE expo_id = old.expo_id AND day = coalesce(old.date, '');
    DELETE FROM expo_days
    WHERE expo_id = old.expo_id AND day = coalesce(old.date, '') AND events <= 0;
END;
CREATE TRIGGER IF NOT EXISTS events_count_update AFTER UPDATE OF date, expo_id ON events
WHEN coalesce(old.date, '') != coalesce(new.date, '') OR old.expo_id != new.expo_id BEGIN
    UPDATE expo_days SET events = events - 1
    WHERE expo_id = old.expo_id AND day = coalesce(old.date, '');
    DELETE FROM expo_days
    WHERE expo_id = old.expo_id AND day = coalesce(old.date, '') AND events <= 0;
    INSERT INTO expo_days (expo_id, day, events) VALUES (new.expo_id, coalesce(new.date, ''), 1)
    ON CONFLICT (expo_id, day) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER IF NOT EXISTS event_countries_count_insert AFTER INSERT ON event_countries BEGIN
    INSERT INTO expo_country_counts (expo_id, country_code, delegations, events, exhibitors)
    VALUES (new.expo_id, new.country_code, 0, 1, 0)
    ON CONFLICT (expo_id, country_code) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER IF NOT EXISTS event_countries_count_delete AFTER DELETE ON event_countries BEGIN
    UPDATE expo_country_counts SET events = events - 1
    WHERE expo_id = old.expo_id AND country_code = old.country_code;
END;
CREATE TRIGGER IF NOT EXISTS delegations_count_insert AFTER INSERT ON delegations BEGIN
    INSERT INTO expo_country_counts (expo_id, country_code, delegations, events, exhibitors)
    VALUES (new.expo_id, new.country_code, 1, 0, 0)
    ON CONFLICT (expo_id, country_code) DO UPDATE SET delegations = delegations + 1;
END;
CREATE TRIGGER IF NOT EXISTS delegations_count_delete AFTER DELETE ON delegations BEGIN
    UPDATE expo_country_counts SET delegations = delegations - 1
    WHERE expo_id = old.expo_id AND country_code = old.country_code;
END;
CREATE TRIGGER IF NOT EXISTS exhibitors_count_insert AFTER INSERT ON exhibitors
WHEN new.country_code IS NOT NULL BEGIN
    INSERT INTO expo_country_counts (expo_id, country_code, delegations, events, exhibitors)
    VALUES (new.expo_id, new.country_code, 0, 0, 1)
    ON CONFLICT (expo_id, country_code) DO UPDATE SET exhibitors = exhibitors + 1;
END;
CREATE TRIGGER IF NOT EXISTS exhibitors_count_delete AFTER DELETE ON exhibitors
WHEN old.country_code IS NOT NULL BEGIN
    UPDATE expo_country_counts SET exhibitors = exhibitors - 1
    WHERE expo_id = old.expo_id AND country_code = old.country_code;
END;
"""


def create_summary_tables(db: sqlite_utils.Database) -> None:
    """Tables and triggers added in schema version 2."""
    db.table("expo_days").create(
        {"expo_id": int, "day": str, "events": int},
        pk=("expo_id", "day"),
        foreign_keys=[("expo_id", "expos", "id")],
    )
    db.table("expo_country_counts").create(
        {"expo_id": int, "country_code": str, "delegations": int, "events": int, "exhibitors": int},
        pk=("expo_id", "country_code"),
        foreign_keys=[("expo_id", "expos", "id"), ("country_code", "countries", "code")],
    )
    db.conn.executescript(SUMMARY_TRIGGERS_SQL)
    db.execute(EVENT_SEARCH_TABLE_SQL)


def add_day_change(db: sqlite_utils.Database) -> None:
    """Version 3: an expo may keep a day change (the clock time a schedule's day ends, as frab
    has it), so talks after midnight sort after the evening's. A store written while this column
    was new may have it already."""
    if "day_change" not in db["expos"].columns_dict:
        db.execute("ALTER TABLE expos ADD COLUMN day_change TEXT")


def move_event_search_rows(db: sqlite_utils.Database) -> None:
    """Version 1 kept events in `search`; version 2 keeps them in `event_search`."""
    db.execute(
        "INSERT INTO event_search (rowid, text, expo_id) "
        "SELECT CAST(ref AS INTEGER), text, expo_id FROM search WHERE kind = 'event'"
    )
    db.execute("DELETE FROM search WHERE kind = 'event'")


def rebuild_summaries(db: sqlite_utils.Database) -> None:
    """Recount the summary tables from the facts (used by the v1 -> v2 migration and `check`)."""
    db.execute("DELETE FROM expo_days")
    db.execute(
        "INSERT INTO expo_days (expo_id, day, events) "
        "SELECT expo_id, coalesce(date, ''), count(*) FROM events GROUP BY 1, 2"
    )
    db.execute("DELETE FROM expo_country_counts")
    db.execute(
        """
        INSERT INTO expo_country_counts (expo_id, country_code, delegations, events, exhibitors)
        SELECT expo_id, country_code, sum(d), sum(e), sum(x) FROM (
            SELECT expo_id, country_code, 1 AS d, 0 AS e, 0 AS x FROM delegations
            UNION ALL SELECT expo_id, country_code, 0, 1, 0 FROM event_countries
            UNION ALL SELECT expo_id, country_code, 0, 0, 1 FROM exhibitors
                WHERE country_code IS NOT NULL
        ) GROUP BY expo_id, country_code
        """
    )


# Version 4: the news ingest's review queue. Documents are the articles read (with the cleaned
# text evidence offsets point into), candidates the events proposed from them (the proposed
# record as project-format JSON), evidence the quotes that support each candidate, and the
# decision log what accept and reject did, so the last decision can be undone.
REVIEW_TABLES_SQL = """
CREATE TABLE IF NOT EXISTS review_documents (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    name TEXT,
    title TEXT,
    publisher TEXT,
    language TEXT,
    published TEXT,
    text_hash TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    UNIQUE (url, text_hash)
);
CREATE TABLE IF NOT EXISTS review_candidates (
    id INTEGER PRIMARY KEY,
    expo_id INTEGER NOT NULL REFERENCES expos (id),
    fingerprint TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    record TEXT NOT NULL,
    match TEXT NOT NULL,
    matched_event TEXT,
    confidence REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX IF NOT EXISTS idx_review_candidates_state ON review_candidates (state, id);
CREATE INDEX IF NOT EXISTS idx_review_candidates_fingerprint
    ON review_candidates (expo_id, fingerprint);
CREATE TABLE IF NOT EXISTS review_candidate_documents (
    candidate_id INTEGER NOT NULL REFERENCES review_candidates (id),
    document_id INTEGER NOT NULL REFERENCES review_documents (id),
    PRIMARY KEY (candidate_id, document_id)
);
CREATE INDEX IF NOT EXISTS idx_review_candidate_documents_document
    ON review_candidate_documents (document_id);
CREATE TABLE IF NOT EXISTS review_evidence (
    id INTEGER PRIMARY KEY,
    candidate_id INTEGER NOT NULL REFERENCES review_candidates (id),
    document_id INTEGER NOT NULL REFERENCES review_documents (id),
    quote TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    rule TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_review_evidence_candidate ON review_evidence (candidate_id);
CREATE TABLE IF NOT EXISTS review_decisions (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL,
    candidates TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    undo TEXT,
    undone_at TEXT
);
"""


def add_review_queue(db: sqlite_utils.Database) -> None:
    """Version 4: the review queue of the news ingest (see REVIEW_TABLES_SQL). One statement
    at a time: executescript would commit the migration's transaction half-way."""
    for statement in REVIEW_TABLES_SQL.split(";\n"):
        if statement.strip():
            db.conn.execute(statement)


def add_source_kinds(db: sqlite_utils.Database) -> None:
    """Version 7: a source is a published page (`kind` 'url', as before) or the user's own
    observation (`kind` 'observation', with `observer` and `observed`: `2025-06-12` or
    `2025-06-12T10:30`), keyed in `url` by its `observation:` identifier. Self-contained: it
    adds columns only, so every row already there is a URL source."""
    conn = db.conn
    columns = {row[1] for row in conn.execute("PRAGMA table_info(sources)")}
    if "kind" not in columns:
        conn.execute("ALTER TABLE sources ADD COLUMN kind TEXT NOT NULL DEFAULT 'url'")
    if "observer" not in columns:
        conn.execute("ALTER TABLE sources ADD COLUMN observer TEXT")
    if "observed" not in columns:
        conn.execute("ALTER TABLE sources ADD COLUMN observed TEXT")
