"""Schema version 5: the store read well by standard tools (Datasette, sqlite-utils, VisiData).

- `events.track`: the programme strand a schedule files an event under (frab's `<track>`).
- Views with readable columns, one row per fact and every code spelled out:
  `event_overview` (an event with its expo, day, day number, times, kind, status, title,
  place, track, countries, participants and source URLs), `people_overview` (a person with
  rank, position, organisation, country and name variants) and `delegation_overview` (who
  led each country's delegation, with rank and position).
- Full-text search that Datasette finds by itself: `events_fts` and `people_fts`, sqlite-utils'
  external-content FTS5 tables (`content=[events]`), kept current by sqlite-utils' triggers.
  The explorer's own search stays in `search` and `event_search`; these two are for tools.

Everything is added in one step (`add_schema_5`) used both by new stores and by the migration
from version 4, so the columns of a migrated store are in the same order as a new one's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: importing it costs ~40 ms of start-up
    import sqlite_utils

# The same tokenizer as the explorer's indexes: "Türkiye" finds "Turkiye".
FTS_TOKENIZE = "unicode61 remove_diacritics 2"
EVENT_FTS_COLUMNS = ("title", "location", "track", "summary")
PEOPLE_FTS_COLUMNS = ("name", "position")  # "rank" is a name FTS5 reserves

EVENT_OVERVIEW_SQL = """
CREATE VIEW IF NOT EXISTS event_overview AS
SELECT
    e.id AS id,
    x.slug AS expo,
    coalesce(e.date, 'undated') AS day,
    CASE WHEN e.date BETWEEN x.start_date AND x.end_date
        THEN CAST(julianday(e.date) - julianday(x.start_date) AS INTEGER) + 1 END AS day_number,
    e.start_time AS start_time,
    e.end_time AS end_time,
    e.day_order AS day_order,
    e.kind AS kind,
    e.status AS status,
    e.title AS title,
    e.location AS location,
    e.track AS track,
    (SELECT group_concat(name, ', ') FROM (
        SELECT c.name AS name FROM event_countries ec
        JOIN countries c ON c.code = ec.country_code
        WHERE ec.event_id = e.id ORDER BY c.name)) AS countries,
    (SELECT group_concat(who, '; ') FROM (
        SELECT p.name || ' (' || ep.role || ')' AS who FROM event_participants ep
        JOIN people p ON p.id = ep.person_id
        WHERE ep.event_id = e.id ORDER BY ep.ordinal)) AS participants,
    (SELECT group_concat(url, ' ') FROM (
        SELECT s.url AS url FROM event_sources es JOIN sources s ON s.id = es.source_id
        WHERE es.event_id = e.id ORDER BY s.id)) AS sources,
    e.summary AS summary,
    e.notes AS notes,
    e.key AS key
FROM events e JOIN expos x ON x.id = e.expo_id
"""

PEOPLE_OVERVIEW_SQL = """
CREATE VIEW IF NOT EXISTS people_overview AS
SELECT
    p.id AS id,
    p.name AS name,
    p.rank AS rank,
    p.position AS position,
    o.name AS organization,
    c.name AS country,
    p.country_code AS country_code,
    p.kind AS kind,
    (SELECT group_concat(variant, '; ') FROM (
        SELECT v.variant AS variant FROM person_variants v
        WHERE v.person_id = p.id ORDER BY v.variant)) AS variants,
    (SELECT count(*) FROM event_participants ep WHERE ep.person_id = p.id) AS events,
    p.key AS key
FROM people p
LEFT JOIN organizations o ON o.id = p.organization_id
LEFT JOIN countries c ON c.code = p.country_code
"""

DELEGATION_OVERVIEW_SQL = """
CREATE VIEW IF NOT EXISTS delegation_overview AS
SELECT
    d.id AS id,
    x.slug AS expo,
    c.name AS country,
    d.country_code AS country_code,
    d.kind AS kind,
    h.name AS head,
    h.rank AS head_rank,
    h.position AS head_position,
    o.name AS head_organization,
    (SELECT count(*) FROM delegation_members m WHERE m.delegation_id = d.id) AS members,
    (SELECT group_concat(url, ' ') FROM (
        SELECT s.url AS url FROM delegation_sources ds JOIN sources s ON s.id = ds.source_id
        WHERE ds.delegation_id = d.id ORDER BY s.id)) AS sources,
    d.notes AS notes
FROM delegations d
JOIN expos x ON x.id = d.expo_id
JOIN countries c ON c.code = d.country_code
LEFT JOIN people h ON h.id = d.head_person_id
LEFT JOIN organizations o ON o.id = h.organization_id
"""

VIEWS = {
    "event_overview": EVENT_OVERVIEW_SQL,
    "people_overview": PEOPLE_OVERVIEW_SQL,
    "delegation_overview": DELEGATION_OVERVIEW_SQL,
}


def fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The FTS5 table, its first filling and its triggers, written as sqlite-utils'
    `enable_fts(create_triggers=True)` writes them (so Datasette and `sqlite-utils search`
    find them), but as single statements: sqlite-utils runs them with executescript, which
    commits, and a migration must stay one transaction."""
    fts = f"[{table}_fts]"
    cols = ", ".join(f"[{c}]" for c in columns)
    old = ", ".join(f"old.[{c}]" for c in columns)
    new = ", ".join(f"new.[{c}]" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {cols},\n"
        f"    tokenize='{FTS_TOKENIZE}',\n    content=[{table}]\n)",
        f"INSERT INTO {fts} (rowid, {cols}) SELECT rowid, {cols} FROM [{table}]",
        f"CREATE TRIGGER [{table}_ai] AFTER INSERT ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
        f"CREATE TRIGGER [{table}_ad] AFTER DELETE ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND",
        f"CREATE TRIGGER [{table}_au] AFTER UPDATE ON [{table}] BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND",
    ]


def add_schema_5(db: sqlite_utils.Database) -> None:
    """Version 5: events.track, the readable views and the tools' full-text search, each
    statement on its own so the caller's transaction holds them all."""
    if "track" not in db["events"].columns_dict:
        db.execute("ALTER TABLE events ADD COLUMN track TEXT")
    for sql in VIEWS.values():
        db.execute(sql)
    for table, columns in (("events", EVENT_FTS_COLUMNS), ("people", PEOPLE_FTS_COLUMNS)):
        if not db[f"{table}_fts"].exists():
            for sql in fts_statements(table, columns):
                db.execute(sql)
