"""Row-level writing, shared by every kind of record the writer handles.

- `upsert` inserts or updates one row by its natural key and says which it did;
- `replace_children` makes a parent's rows in a child table exactly the given ones;
- `Batch` queues the rows of records new to the store and writes them with one executemany
  per table, handing out ids as SQLite would;
- `index` keeps the search tables in step with a record.

All of them run inside the caller's transaction (writer.write_bundle).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from . import schema_views

FLUSH_ROWS = 50_000  # queued rows written per round of executemany
LOOKUP_WINDOW = 2000  # records whose keys are looked up in the store at once (known_keys)

BATCH_INSERTS = {  # in foreign-key order: parents before children, the search index last
    "people": "INSERT INTO people (id, key, name, kind, rank, position, organization_id, "
    "country_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "person_variants": "INSERT INTO person_variants (person_id, variant) VALUES (?, ?)",
    "events": "INSERT INTO events (id, expo_id, key, date, date_from, date_to, start_time, "
    "end_time, day_order, order_scope, kind, status, title, location, summary, notes, "
    "sort_key, track) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "event_participants": "INSERT INTO event_participants (event_id, ordinal, person_id, role, "
    "position, note) VALUES (?, ?, ?, ?, ?, ?)",
    "event_sources": "INSERT INTO event_sources (event_id, source_id) VALUES (?, ?)",
    "event_countries": "INSERT INTO event_countries (event_id, country_code, expo_id, date, "
    "sort_key, kind, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
    "search": "INSERT INTO search (text, kind, ref, expo_id, country_code) VALUES (?, ?, ?, ?, ?)",
    "event_search": "INSERT INTO event_search (rowid, text, expo_id) VALUES (?, ?, ?)",
}

Row = tuple[object, ...]


class Batch:
    """Rows of new records queued per table, written with one executemany per table.

    Ids are handed out as SQLite would (one past the largest), so the rows are the same as
    inserting them one by one; the queue is flushed before any per-record write.
    """

    def __init__(self) -> None:
        self.rows: dict[str, list[Row]] = {table: [] for table in BATCH_INSERTS}
        self.ids: dict[str, int] = {}
        self.size = 0

    def next_id(self, conn: sqlite3.Connection, table: str) -> int:
        if table not in self.ids:
            query = f"SELECT coalesce(max(id), 0) FROM {table}"
            self.ids[table] = int(conn.execute(query).fetchone()[0])
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: Row) -> None:
        self.rows[table].append(row)
        self.size += 1

    def flush(self, conn: sqlite3.Connection) -> None:
        if self.size:
            events = self.rows.get("events") or []
            # many new events: version 6's derived rows in a few statements over their ids,
            # not a trigger per row (schema_views.add_new_events)
            span = (
                (events[0][0], events[-1][0]) if len(events) >= schema_views.BULK_EVENTS else None
            )
            if span:
                schema_views.drop_insert_triggers(conn)
            for table, rows in self.rows.items():
                if rows:
                    conn.executemany(BATCH_INSERTS[table], rows)
                    rows.clear()
            if span:
                first, last = span
                assert isinstance(first, int) and isinstance(last, int)  # ids, in order
                schema_views.add_new_events(conn, first, last)
        self.ids.clear()
        self.size = 0


def upsert(
    conn: sqlite3.Connection, table: str, key: dict[str, object], values: dict[str, object]
) -> tuple[int, str]:
    """Insert or update one row by natural key; returns (id, "added" | "changed" |
    "unchanged"). The row's `values` become exactly the ones given."""
    where = " AND ".join(f"{k} = ?" for k in key)
    columns = list(values)
    selected = ", ".join(["id", *columns])
    row = conn.execute(f"SELECT {selected} FROM {table} WHERE {where}", (*key.values(),)).fetchone()
    if row is None:
        names = [*key, *columns]
        cursor = conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            (*key.values(), *values.values()),
        )
        return int(cursor.lastrowid or 0), "added"
    if tuple(row[c] for c in columns) == tuple(values.values()):
        return int(row["id"]), "unchanged"
    conn.execute(
        f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
        (*values.values(), row["id"]),
    )
    return int(row["id"]), "changed"


def replace_children(
    conn: sqlite3.Connection,
    table: str,
    parent_column: str,
    parent_id: int,
    columns: tuple[str, ...],
    rows: Sequence[Row],
) -> bool:
    """Make a child table's rows for one parent exactly `rows`; True if anything changed."""
    existing = [
        tuple(r)
        for r in conn.execute(
            f"SELECT {', '.join(columns)} FROM {table} WHERE {parent_column} = ? "
            f"ORDER BY {', '.join(columns)}",
            (parent_id,),
        )
    ]
    if existing == sorted(rows, key=_sortable):
        return False
    conn.execute(f"DELETE FROM {table} WHERE {parent_column} = ?", (parent_id,))
    conn.executemany(
        f"INSERT INTO {table} ({parent_column}, {', '.join(columns)}) "
        f"VALUES (?, {', '.join('?' * len(columns))})",
        [(parent_id, *r) for r in rows],
    )
    return True


def _sortable(row: Row) -> tuple[tuple[int, object], ...]:
    """Sort rows the way SQLite's ORDER BY does for these columns: NULL first."""
    return tuple((0, "") if v is None else (1, v) for v in row)


def known_keys(
    conn: sqlite3.Connection, sql: str, params: tuple[object, ...], keys: list[str]
) -> set[str]:
    """Which of `keys` the store already holds, asked a few hundred at a time (`sql` has one
    `{}` where the placeholders go)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        part = keys[start : start + 500]
        found.update(
            r[0] for r in conn.execute(sql.format(", ".join("?" * len(part))), (*params, *part))
        )
    return found


def index(
    conn: sqlite3.Connection,
    kind: str,
    ref: str,
    text: str,
    expo_id: int | None,
    country: str | None,
    *,
    added: bool = False,
) -> None:
    """Put a record's text in the search index, replacing its old row unless it was `added`."""
    if kind == "event":  # its own index, keyed by the event's id
        if not added:
            conn.execute("DELETE FROM event_search WHERE rowid = ?", (int(ref),))
        conn.execute(
            "INSERT INTO event_search (rowid, text, expo_id) VALUES (?, ?, ?)",
            (int(ref), text, expo_id),
        )
        return
    # kind and ref are UNINDEXED columns, so this DELETE reads the whole index: only a
    # record that existed before can have a row to replace.
    if not added:
        conn.execute("DELETE FROM search WHERE kind = ? AND ref = ?", (kind, ref))
    conn.execute(
        "INSERT INTO search (text, kind, ref, expo_id, country_code) VALUES (?, ?, ?, ?, ?)",
        (text, kind, ref, expo_id, country),
    )
