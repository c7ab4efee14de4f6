"""Schema version 6: what the analyst's views read, kept on write.

- `country_groups` / `country_group_members`: the groups of `country_groups.toml`, copied in
  when a store is made or migrated;
- `event_countries` gains the event's `kind` and `status` (copied by the writer, as `date` and
  `sort_key` are), so one country's signings on one day are one index range;
- `event_groups`: which groups each event involves (a member country as of the event's date),
  kept by triggers on `event_countries`;
- `person_events`: each person's dated part in an event with its clock span and city, kept
  by triggers on `event_participants` and `events` (the overlap check and its timeline mark);
- summaries, kept by triggers, so no view counts events on the fly: `expo_facet_counts`
  (events per day, kind and status, over all countries or one group), `expo_country_facets`
  (per country, kind and status, all days) and `expo_pair_counts` (events between two
  countries per day and over all days, per status, one column per kind);
- `figures.event_id`: the event a figure is about (the value of a signing).

The trigger SQL is generated here from the event kinds, so the pair counts have one column per
kind (`bilateral_meeting`, `mou_signing`, …) whatever EVENT_KINDS holds.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from ..records import EVENT_KINDS

if TYPE_CHECKING:
    import sqlite_utils

ALL_DAYS = "*"  # the `day` of a summary row that counts every day

# A member of group m on the event's day (an undated event: on its expo's first day).
_MEMBER_ON = "(m.joined IS NULL OR m.joined <= {day}) AND (m.left_on IS NULL OR m.left_on > {day})"


def _member_on(row: str) -> str:
    day = f"coalesce({row}.date, (SELECT start_date FROM expos WHERE id = {row}.expo_id))"
    return _MEMBER_ON.format(day=day)


def _kind_flags(row: str) -> str:
    return ", ".join(f"{row}.kind = '{kind}'" for kind in EVENT_KINDS)


KIND_COLUMNS = ", ".join(EVENT_KINDS)

# The city a location names: what follows its last comma, without a bracketed note, folded to
# lower case ("JIExpo Kemayoran, Jakarta (main stage)" -> "jakarta"); NULL without a comma, so
# "Main Hall" names no city. rtrim(x, <x without commas>) cuts x back to its last comma.
_CITY = (
    "nullif(lower(trim(CASE WHEN instr(substr({loc}, length(rtrim({loc}, replace({loc}, ',', '')))"
    " + 1), '(') > 0 THEN substr(substr({loc}, length(rtrim({loc}, replace({loc}, ',', ''))) + 1),"
    " 1, instr(substr({loc}, length(rtrim({loc}, replace({loc}, ',', ''))) + 1), '(') - 1)"
    " ELSE substr({loc}, length(rtrim({loc}, replace({loc}, ',', ''))) + 1) END)), '')"
)


def city_sql(location: str) -> str:
    return f"CASE WHEN instr({location}, ',') > 0 THEN {_CITY.format(loc=location)} END"


def _hours_plus_24(time: str) -> str:
    return f"printf('%02d', CAST(substr({time}, 1, 2) AS INTEGER) + 24) || substr({time}, 3)"


def _end_key(event: str) -> str:
    """An event's end on the same clock as its sort key: past 24:00 when it ends after the
    schedule's day change, or before it started (a talk from 23:00 to 01:00)."""
    start = f"substr({event}.sort_key, 1, 5)"
    on_clock = (
        f"CASE WHEN x.day_change IS NOT NULL AND {event}.end_time < x.day_change "
        f"THEN {_hours_plus_24(event + '.end_time')} ELSE {event}.end_time END"
    )
    return (
        f"CASE WHEN {event}.start_time IS NULL OR {event}.end_time IS NULL THEN NULL "
        f"WHEN ({on_clock}) < {start} THEN {_hours_plus_24(event + '.end_time')} "
        f"ELSE ({on_clock}) END"
    )


def _slot_columns(event: str) -> str:
    """person_events' date, start_key, end_key and city for an events row `event` (joined
    with its expo as x)."""
    return (
        f"{event}.date, CASE WHEN {event}.start_time IS NULL THEN NULL "
        f"ELSE substr({event}.sort_key, 1, 5) END, {_end_key(event)}, "
        f"{city_sql(event + '.location')}"
    )


def _triggers() -> str:
    kinds_update = ", ".join(f"{k} = {k} + excluded.{k}" for k in EVENT_KINDS)
    kinds_minus = ", ".join(f"{k} = {k} - (old.kind = '{k}')" for k in EVENT_KINDS)
    facet_plus = (
        "INSERT INTO expo_facet_counts (expo_id, day, scope, kind, status, events) "
        "VALUES ({row}.expo_id, coalesce({row}.date, ''), {scope}, {row}.kind, {row}.status, 1) "
        "ON CONFLICT (expo_id, day, scope, kind, status) DO UPDATE SET events = events + 1;"
    )
    facet_where = (
        "WHERE expo_id = {row}.expo_id AND day = coalesce({row}.date, '') AND scope = {scope} "
        "AND kind = {row}.kind AND status = {row}.status"
    )
    # a count that reaches zero takes its row with it: deleting what was written leaves the
    # tables exactly as they were (the review queue's undo relies on it)
    facet_minus = (
        f"UPDATE expo_facet_counts SET events = events - 1 {facet_where}; "
        f"DELETE FROM expo_facet_counts {facet_where} AND events <= 0;"
    )
    return f"""
CREATE TRIGGER IF NOT EXISTS events_facets_insert AFTER INSERT ON events BEGIN
    {facet_plus.format(row="new", scope="''")}
END;
CREATE TRIGGER IF NOT EXISTS events_facets_delete AFTER DELETE ON events BEGIN
    {facet_minus.format(row="old", scope="''")}
END;
CREATE TRIGGER IF NOT EXISTS events_facets_update AFTER UPDATE OF kind, status, date, expo_id
ON events WHEN old.kind != new.kind OR old.status != new.status OR old.expo_id != new.expo_id
    OR coalesce(old.date, '') != coalesce(new.date, '') BEGIN
    {facet_minus.format(row="old", scope="''")}
    {facet_plus.format(row="new", scope="''")}
END;
CREATE TRIGGER IF NOT EXISTS event_groups_facets_insert AFTER INSERT ON event_groups BEGIN
    {facet_plus.format(row="new", scope="new.group_key")}
END;
CREATE TRIGGER IF NOT EXISTS event_groups_facets_delete AFTER DELETE ON event_groups BEGIN
    {facet_minus.format(row="old", scope="old.group_key")}
END;
CREATE TRIGGER IF NOT EXISTS event_countries_views_insert AFTER INSERT ON event_countries BEGIN
    INSERT INTO expo_country_facets (expo_id, country_code, kind, status, events)
    VALUES (new.expo_id, new.country_code, new.kind, new.status, 1)
    ON CONFLICT (expo_id, country_code, kind, status) DO UPDATE SET events = events + 1;
    INSERT INTO expo_pair_counts (expo_id, day, country_a, country_b, status, {KIND_COLUMNS})
    SELECT new.expo_id, coalesce(new.date, ''), min(ec.country_code, new.country_code),
           max(ec.country_code, new.country_code), new.status, {_kind_flags("new")}
    FROM event_countries ec WHERE ec.event_id = new.event_id AND ec.country_code != new.country_code
    ON CONFLICT (expo_id, day, country_a, country_b, status) DO UPDATE SET {kinds_update};
    INSERT INTO expo_pair_counts (expo_id, day, country_a, country_b, status, {KIND_COLUMNS})
    SELECT new.expo_id, '{ALL_DAYS}', min(ec.country_code, new.country_code),
           max(ec.country_code, new.country_code), new.status, {_kind_flags("new")}
    FROM event_countries ec WHERE ec.event_id = new.event_id AND ec.country_code != new.country_code
    ON CONFLICT (expo_id, day, country_a, country_b, status) DO UPDATE SET {kinds_update};
    INSERT OR IGNORE INTO event_groups (event_id, group_key, expo_id, date, sort_key, kind, status)
    SELECT new.event_id, m.group_key, new.expo_id, new.date, new.sort_key, new.kind, new.status
    FROM country_group_members m WHERE m.country_code = new.country_code AND {_member_on("new")};
END;
CREATE TRIGGER IF NOT EXISTS event_countries_views_delete AFTER DELETE ON event_countries BEGIN
    UPDATE expo_country_facets SET events = events - 1
    WHERE expo_id = old.expo_id AND country_code = old.country_code AND kind = old.kind
      AND status = old.status;
    DELETE FROM expo_country_facets
    WHERE expo_id = old.expo_id AND country_code = old.country_code AND kind = old.kind
      AND status = old.status AND events <= 0;
    UPDATE expo_pair_counts SET {kinds_minus}
    WHERE expo_id = old.expo_id AND day IN (coalesce(old.date, ''), '{ALL_DAYS}')
      AND status = old.status AND (country_a, country_b) IN (
        SELECT min(ec.country_code, old.country_code), max(ec.country_code, old.country_code)
        FROM event_countries ec WHERE ec.event_id = old.event_id
          AND ec.country_code != old.country_code);
    DELETE FROM expo_pair_counts
    WHERE expo_id = old.expo_id AND day IN (coalesce(old.date, ''), '{ALL_DAYS}')
      AND status = old.status AND {" + ".join(EVENT_KINDS)} <= 0;
    DELETE FROM event_groups WHERE event_id = old.event_id AND NOT EXISTS (
        SELECT 1 FROM event_countries ec JOIN country_group_members m
        ON m.country_code = ec.country_code AND m.group_key = event_groups.group_key
        WHERE ec.event_id = old.event_id AND {_member_on("ec")});
END;
CREATE TRIGGER IF NOT EXISTS event_participants_slots_insert AFTER INSERT ON event_participants
BEGIN
    INSERT OR IGNORE INTO person_events
        (person_id, event_id, expo_id, date, start_key, end_key, city)
    SELECT new.person_id, e.id, e.expo_id, {_slot_columns("e")}
    FROM events e JOIN expos x ON x.id = e.expo_id WHERE e.id = new.event_id;
END;
CREATE TRIGGER IF NOT EXISTS event_participants_slots_delete AFTER DELETE ON event_participants
BEGIN
    DELETE FROM person_events WHERE person_id = old.person_id AND event_id = old.event_id
      AND NOT EXISTS (SELECT 1 FROM event_participants ep WHERE ep.event_id = old.event_id
                      AND ep.person_id = old.person_id);
END;
CREATE TRIGGER IF NOT EXISTS events_slots_update
AFTER UPDATE OF date, start_time, end_time, sort_key, location, expo_id ON events BEGIN
    UPDATE person_events SET (expo_id, date, start_key, end_key, city) = (
        SELECT e.expo_id, {_slot_columns("e")} FROM events e JOIN expos x ON x.id = e.expo_id
        WHERE e.id = new.id)
    WHERE event_id = new.id;
END;
"""


_TABLES_SQL = f"""
CREATE TABLE IF NOT EXISTS event_groups (
    event_id INTEGER NOT NULL REFERENCES events(id),
    group_key TEXT NOT NULL REFERENCES country_groups(key),
    expo_id INTEGER NOT NULL REFERENCES expos(id),
    date TEXT,
    sort_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (event_id, group_key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_event_groups_day
    ON event_groups (expo_id, group_key, date, sort_key, event_id);
CREATE INDEX IF NOT EXISTS idx_event_groups_facets
    ON event_groups (expo_id, group_key, kind, status, date, sort_key, event_id);
CREATE TABLE IF NOT EXISTS person_events (
    person_id INTEGER NOT NULL REFERENCES people(id),
    event_id INTEGER NOT NULL REFERENCES events(id),
    expo_id INTEGER NOT NULL REFERENCES expos(id),
    date TEXT,
    start_key TEXT,
    end_key TEXT,
    city TEXT,
    PRIMARY KEY (event_id, person_id)
) WITHOUT ROWID;
-- One person's day in clock order, with what the overlap test compares (covering).
CREATE INDEX IF NOT EXISTS idx_person_events_day
    ON person_events (person_id, date, start_key, end_key, city, event_id);
CREATE TABLE IF NOT EXISTS expo_facet_counts (
    expo_id INTEGER NOT NULL REFERENCES expos(id),
    day TEXT NOT NULL,
    scope TEXT NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (expo_id, day, scope, kind, status)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS expo_country_facets (
    expo_id INTEGER NOT NULL REFERENCES expos(id),
    country_code TEXT NOT NULL REFERENCES countries(code),
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    events INTEGER NOT NULL,
    PRIMARY KEY (expo_id, country_code, kind, status)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS expo_pair_counts (
    expo_id INTEGER NOT NULL REFERENCES expos(id),
    day TEXT NOT NULL,
    country_a TEXT NOT NULL REFERENCES countries(code),
    country_b TEXT NOT NULL REFERENCES countries(code),
    status TEXT NOT NULL,
    {", ".join(f"{k} INTEGER NOT NULL DEFAULT 0" for k in EVENT_KINDS)},
    PRIMARY KEY (expo_id, day, country_a, country_b, status)
) WITHOUT ROWID;
"""


def _execute_each(db: sqlite_utils.Database, script: str) -> None:
    """Run `script` a statement at a time, inside the caller's transaction (executescript
    would commit it first: a dry run's migration would stay)."""
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.conn.execute(statement)
            statement = ""
    assert not statement.strip(), "a statement without its end"


def create_view_tables(db: sqlite_utils.Database) -> None:
    """The tables, indexes and triggers of version 6 (on a store that has version 5's)."""
    db.table("country_groups").create(
        {"key": str, "name": str, "as_of": str, "source": str, "note": str},
        pk="key",
        not_null=["name", "as_of", "source"],
        if_not_exists=True,
    )
    db.table("country_group_members").create(
        {"group_key": str, "country_code": str, "joined": str, "left_on": str},
        pk=("group_key", "country_code"),
        foreign_keys=[
            ("group_key", "country_groups", "key"),
            ("country_code", "countries", "code"),
        ],
        if_not_exists=True,
    )
    db.table("country_group_members").create_index(
        ["country_code", "group_key"], if_not_exists=True
    )
    columns = db["event_countries"].columns_dict
    if "kind" not in columns:
        db.execute("ALTER TABLE event_countries ADD COLUMN kind TEXT")
        db.execute("ALTER TABLE event_countries ADD COLUMN status TEXT")
    if "event_id" not in db["figures"].columns_dict:
        db.execute("ALTER TABLE figures ADD COLUMN event_id INTEGER REFERENCES events(id)")
    # A kind or status of one day (or all days), of every country, one country or one group:
    # each an index range in display order, so a faceted timeline pages by keyset.
    db.table("events").create_index(
        ["expo_id", "kind", "status", "date", "sort_key", "id"],
        index_name="idx_events_facets",
        if_not_exists=True,
    )
    db.table("event_countries").create_index(
        ["expo_id", "country_code", "kind", "status", "date", "sort_key", "event_id"],
        index_name="idx_event_countries_facets",
        if_not_exists=True,
    )
    # Derived rows and counts live in WITHOUT ROWID tables keyed by what finds them: every
    # event written touches each of them, and a rowid table would be one b-tree more each.
    _execute_each(db, _TABLES_SQL)
    _execute_each(db, _triggers())


def fill_groups(db: sqlite_utils.Database) -> None:
    """(Re)load the country groups from the package's data file."""
    from ..country_groups import all_groups

    groups = all_groups()
    keys = [g.key for g in groups]
    marks = ", ".join("?" * len(keys))
    db.execute("DELETE FROM country_group_members")
    # events keep their groups' keys: a group that is gone takes its rows with it
    db.execute(f"DELETE FROM event_groups WHERE group_key NOT IN ({marks})", keys)
    db.execute(f"DELETE FROM country_groups WHERE key NOT IN ({marks})", keys)
    db.conn.executemany(
        "INSERT INTO country_groups (key, name, as_of, source, note) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET name = excluded.name, as_of = excluded.as_of, "
        "source = excluded.source, note = excluded.note",
        [(g.key, g.name, g.as_of.isoformat(), g.source, g.note) for g in groups],
    )
    db.conn.executemany(
        "INSERT INTO country_group_members (group_key, country_code, joined, left_on) "
        "VALUES (?, ?, ?, ?)",
        [
            (
                g.key,
                m.country,
                m.joined.isoformat() if m.joined else None,
                m.left.isoformat() if m.left else None,
            )
            for g in groups
            for m in g.members
        ],
    )


# What each derived table holds, recomputed from the facts: the migration fills the tables
# with these, `check` compares the tables against them.
EXPECTED = {
    "event_groups": f"""
        SELECT DISTINCT ec.event_id, m.group_key, ec.expo_id, ec.date, ec.sort_key, ec.kind,
               ec.status
        FROM event_countries ec JOIN country_group_members m ON m.country_code = ec.country_code
        WHERE {_member_on("ec")}""",
    "person_events": f"""
        SELECT DISTINCT ep.person_id, e.id, e.expo_id, {_slot_columns("e")}
        FROM event_participants ep JOIN events e ON e.id = ep.event_id
        JOIN expos x ON x.id = e.expo_id""",
    "expo_facet_counts": """
        SELECT expo_id, coalesce(date, ''), '', kind, status, count(*) FROM events
        GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT expo_id, coalesce(date, ''), group_key, kind, status, count(*) FROM event_groups
        GROUP BY 1, 2, 3, 4, 5""",
    "expo_country_facets": """
        SELECT expo_id, country_code, kind, status, count(*) FROM event_countries
        GROUP BY 1, 2, 3, 4""",
}
EXPECTED["expo_pair_counts"] = f"""
    SELECT expo_id, day, a, b, status, {", ".join(f"sum({k})" for k in EVENT_KINDS)} FROM (
        SELECT a.expo_id, coalesce(a.date, '') AS day, a.country_code AS a,
               b.country_code AS b, a.status, {", ".join(f"a.kind = '{k}' AS {k}" for k in EVENT_KINDS)}
        FROM event_countries a
        JOIN event_countries b ON b.event_id = a.event_id AND b.country_code > a.country_code
        UNION ALL
        SELECT a.expo_id, '{ALL_DAYS}', a.country_code, b.country_code, a.status,
               {", ".join(f"a.kind = '{k}'" for k in EVENT_KINDS)}
        FROM event_countries a
        JOIN event_countries b ON b.event_id = a.event_id AND b.country_code > a.country_code
    ) GROUP BY 1, 2, 3, 4, 5"""

DERIVED_COLUMNS = {
    "event_groups": "event_id, group_key, expo_id, date, sort_key, kind, status",
    "person_events": "person_id, event_id, expo_id, date, start_key, end_key, city",
    "expo_facet_counts": "expo_id, day, scope, kind, status, events",
    "expo_country_facets": "expo_id, country_code, kind, status, events",
    "expo_pair_counts": f"expo_id, day, country_a, country_b, status, {KIND_COLUMNS}",
}


def derive_view_tables(db: sqlite_utils.Database) -> None:
    """Fill version 6's derived tables from the facts (the migration of an older store).

    The triggers are dropped while the tables are filled (they would count the filling
    twice) and made again after."""
    db.execute(
        "UPDATE event_countries SET (kind, status) = "
        "(SELECT kind, status FROM events WHERE events.id = event_countries.event_id)"
    )
    for name in re.findall(r"CREATE TRIGGER IF NOT EXISTS (\w+)", _triggers()):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table, columns in DERIVED_COLUMNS.items():
        db.execute(f"DELETE FROM {table}")
        db.execute(f"INSERT INTO {table} ({columns}) {EXPECTED[table]}")
    _execute_each(db, _triggers())


# -- many new events at once -------------------------------------------------------------------
# A batch of new events (an import) keeps the derived tables in a few set-based statements over
# its id range instead of the row triggers: the same rows and counts (check compares them),
# about a third of the writing time at 100,000 events.
BULK_EVENTS = 200  # new events in one flush from which the set-based way pays for its DDL
_INSERT_TRIGGERS = (
    "events_facets_insert",
    "event_groups_facets_insert",
    "event_countries_views_insert",
    "event_participants_slots_insert",
)


def _upsert_counts(table: str, key: str, counts: str, select: str) -> str:
    """Add the rows of `select` to the counts of `table` (its `key` columns)."""
    added = ", ".join(f"{c} = {c} + excluded.{c}" for c in counts.split(", "))
    return (
        f"INSERT INTO {table} ({key}, {counts}) SELECT * FROM ({select}) WHERE true "
        f"ON CONFLICT ({key}) DO UPDATE SET {added}"
    )


def _bulk_statements() -> tuple[str, ...]:
    """The statements that add events `?1`..`?2` (new, with their countries and participants)
    to the derived tables; each takes the range as ?1 and ?2."""
    flags = ", ".join(f"a.kind = '{k}' AS {k}" for k in EVENT_KINDS)
    both = "FROM event_countries a JOIN event_countries b ON b.event_id = a.event_id "
    both += "AND b.country_code > a.country_code WHERE a.event_id BETWEEN ?1 AND ?2"
    pairs = f"""
        SELECT expo_id, day, a, b, status, {", ".join(f"sum({k})" for k in EVENT_KINDS)} FROM (
            SELECT a.expo_id, coalesce(a.date, '') AS day, a.country_code AS a,
                   b.country_code AS b, a.status, {flags} {both}
            UNION ALL
            SELECT a.expo_id, '{ALL_DAYS}', a.country_code, b.country_code, a.status, {flags}
            {both}
        ) GROUP BY 1, 2, 3, 4, 5"""
    return (
        f"""INSERT OR IGNORE INTO event_groups ({DERIVED_COLUMNS["event_groups"]})
        SELECT DISTINCT ec.event_id, m.group_key, ec.expo_id, ec.date, ec.sort_key, ec.kind,
               ec.status
        FROM event_countries ec JOIN country_group_members m ON m.country_code = ec.country_code
        WHERE ec.event_id BETWEEN ?1 AND ?2 AND {_member_on("ec")}""",
        _upsert_counts(
            "expo_facet_counts",
            "expo_id, day, scope, kind, status",
            "events",
            """SELECT expo_id, coalesce(date, ''), '', kind, status, count(*) FROM events
            WHERE id BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4, 5
            UNION ALL
            SELECT expo_id, coalesce(date, ''), group_key, kind, status, count(*)
            FROM event_groups WHERE event_id BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4, 5""",
        ),
        _upsert_counts(
            "expo_country_facets",
            "expo_id, country_code, kind, status",
            "events",
            """SELECT expo_id, country_code, kind, status, count(*) FROM event_countries
            WHERE event_id BETWEEN ?1 AND ?2 GROUP BY 1, 2, 3, 4""",
        ),
        _upsert_counts(
            "expo_pair_counts", "expo_id, day, country_a, country_b, status", KIND_COLUMNS, pairs
        ),
        f"""INSERT OR IGNORE INTO person_events ({DERIVED_COLUMNS["person_events"]})
        SELECT DISTINCT ep.person_id, e.id, e.expo_id, {_slot_columns("e")}
        FROM event_participants ep JOIN events e ON e.id = ep.event_id
        JOIN expos x ON x.id = e.expo_id WHERE ep.event_id BETWEEN ?1 AND ?2""",
    )


def drop_insert_triggers(conn: sqlite3.Connection) -> None:
    """Before a batch of new events is written (see add_new_events)."""
    for name in _INSERT_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


def add_new_events(conn: sqlite3.Connection, first_id: int, last_id: int) -> None:
    """Add events `first_id`..`last_id`, written with the insert triggers dropped, to the
    derived tables, then make the triggers again (inside the caller's transaction)."""
    for statement in _bulk_statements():
        conn.execute(statement, (first_id, last_id))
    statement = ""
    for line in _triggers().splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            if any(f" {name} " in statement for name in _INSERT_TRIGGERS):
                conn.execute(statement)
            statement = ""
