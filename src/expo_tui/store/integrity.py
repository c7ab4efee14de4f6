"""`expo-tui check`: the store's own audit of a database file.

It reports, never repairs: the schema against this release's (every table, column, index and
trigger there), SQLite's integrity and foreign keys, the search index against the rows it
indexes, every summary count against a recount, dates no expo can have, and every event,
delegation, exhibitor and figure citing at least one source.

The same audit, less the findings about content (unsourced records, implausible dates), is
what an import runs before it writes (`damage`): a damaged store is not written into.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable

from ..countries import all_countries
from ..records import EARLIEST_DATE, LATEST_DATE, date_problem, span_problem
from .connection import StoreConnection
from .index_text import country_text, event_text, person_text
from .models import Problem

MAX_LISTED = 20  # per check: enough to act on without flooding the terminal
TEXT_COMPARE_LIMIT = 200_000  # compare index text row by row up to this many rows per kind

_UNSOURCED = {
    "event": ("events", "event_sources", "event_id", "key"),
    "delegation": ("delegations", "delegation_sources", "delegation_id", "country_code"),
    "exhibitor": ("exhibitors", "exhibitor_sources", "exhibitor_id", "name"),
    "figure": ("figures", "figure_sources", "figure_id", "key"),
}


def check_store(store: StoreConnection) -> list[Problem]:
    """Every finding: damage, and records that break the content rules."""
    problems = damage(store, thorough=True)
    if not any(p.check == "schema" for p in problems):
        problems += _guarded("dates", _dates, store)
        problems += _guarded("sources", _sources, store)
    return problems


def damage(store: StoreConnection, *, thorough: bool = False) -> list[Problem]:
    """What makes a store unfit to be written into: a schema that is not this release's,
    SQLite's own findings, rows pointing to missing rows, derived tables out of step. An
    import runs it before it writes, without the `thorough` search-index checks (FTS5's own,
    and every row's indexed text), which `check` adds: about 1 s per 100,000 events."""
    problems = _guarded("schema", _schema, store)
    problems += _guarded("sqlite", _sqlite_integrity, store)
    problems += _guarded("foreign keys", _foreign_keys, store)
    if any(p.check == "schema" for p in problems):
        # the other checks read the tables the schema lacks: their findings would only say so
        return problems
    problems += _guarded("summaries", _summaries, store)
    problems += _guarded("search index", lambda s: _search_index(s, thorough=thorough), store)
    if thorough:  # a recount of version 6's summaries reads every event several times
        from .integrity_views import check_views

        problems += _guarded("summaries", check_views, store)
    return problems


def _guarded(
    check: str, run: Callable[[StoreConnection], list[Problem]], store: StoreConnection
) -> list[Problem]:
    """`run`'s findings, or the one finding that it could not run on this file."""
    try:
        return run(store)
    except sqlite3.DatabaseError as error:
        return [Problem(check, f"could not be checked: {error}")]


def _objects(conn: sqlite3.Connection) -> dict[tuple[str, str], object]:
    """Each schema object by (type, name), with what must match: a table's columns, an
    index's columns and uniqueness, a trigger's text (its whitespace aside)."""
    found: dict[tuple[str, str], object] = {}
    for kind, name, sql in conn.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    ).fetchall():
        if kind == "table":
            found[kind, name] = frozenset(
                r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')
            )
        elif kind == "index":
            columns = tuple(r[2] for r in conn.execute(f'PRAGMA index_info("{name}")'))
            found[kind, name] = (columns, "UNIQUE" in (sql or "").upper())
        elif kind == "trigger":
            found[kind, name] = re.sub(r"\s+", " ", sql or "").strip()
    return found


def _expected_objects() -> dict[tuple[str, str], object]:
    """The schema objects a store of this release has: made afresh, in memory."""
    import sqlite_utils

    from . import schema, schema_views, views

    conn = sqlite3.connect(":memory:")
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        schema.create_base_tables(db)
        schema.create_summary_tables(db)
        schema.add_day_change(db)
        schema.add_review_queue(db)
        views.add_schema_5(db)
        schema_views.create_view_tables(db)
        return _objects(conn)
    finally:
        conn.close()


def _schema(store: StoreConnection) -> list[Problem]:
    with store.lock:
        actual = _objects(store.conn)
    messages = []
    for (kind, name), expected in _expected_objects().items():
        found = actual.get((kind, name))
        if found is None:
            messages.append(f"{kind} {name} is missing")
        elif kind == "table":
            assert isinstance(expected, frozenset) and isinstance(found, frozenset)
            lacking = sorted(expected - found)
            if lacking:
                messages.append(f"table {name} lacks column(s) {', '.join(lacking)}")
        elif found != expected:
            messages.append(f"{kind} {name} is not the one this release makes")
    return _listed("schema", messages, len(messages), "schema objects missing or changed")


def _sqlite_integrity(store: StoreConnection) -> list[Problem]:
    rows = store.read("PRAGMA quick_check")
    return [Problem("sqlite", r[0]) for r in rows if r[0] != "ok"][:MAX_LISTED]


def _listed(check: str, messages: list[str], total: int, what: str) -> list[Problem]:
    """The first MAX_LISTED findings, then one line standing for the rest, so the count the
    user is told is the real one."""
    problems = [Problem(check, m) for m in messages[:MAX_LISTED]]
    if total > len(problems):
        rest = total - len(problems)
        problems.append(Problem(check, f"… and {rest:,} more {what}", count=rest))
    return problems


def _foreign_keys(store: StoreConnection) -> list[Problem]:
    rows = store.read("PRAGMA foreign_key_check")
    messages = [f"{r[0]} row {r[1]} points to a missing {r[2]} row" for r in rows[:MAX_LISTED]]
    return _listed("foreign keys", messages, len(rows), "rows pointing to missing rows")


def _count(store: StoreConnection, sql: str, params: tuple[object, ...] = ()) -> int:
    """The value of a `SELECT count(*) ...` (which always returns one row)."""
    row = store.read_one(sql, params)
    return int(row[0]) if row is not None else 0


def _sources(store: StoreConnection) -> list[Problem]:
    problems = []
    for what, (table, links, column, label) in _UNSOURCED.items():
        unsourced = (
            f"FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM {links} l WHERE l.{column} = t.id)"
        )
        total = _count(store, f"SELECT count(*) {unsourced}")
        if not total:
            continue
        rows = store.read(
            f"SELECT t.{label}, (SELECT slug FROM expos x WHERE x.id = t.expo_id) {unsourced} "
            "LIMIT ?",
            (MAX_LISTED,),
        )
        messages = [f"{what} {r[0]!r} ({r[1]}) cites no source" for r in rows]
        problems += _listed("sources", messages, total, f"{what}s that cite no source")
    return problems


def _summaries(store: StoreConnection) -> list[Problem]:
    """The per-day and per-country counts against a recount from the facts, both ways: a
    count that differs, or that stands where nothing is left to count."""
    day_rows = store.read(
        """
        WITH actual AS (SELECT expo_id, coalesce(date, '') AS day, count(*) AS n FROM events
                        GROUP BY 1, 2),
             kept AS (SELECT expo_id, day, events AS n FROM expo_days WHERE events != 0)
        SELECT expo_id, day, n, (SELECT n FROM kept k WHERE k.expo_id = a.expo_id
                                 AND k.day = a.day) FROM actual a
        WHERE n IS NOT (SELECT n FROM kept k WHERE k.expo_id = a.expo_id AND k.day = a.day)
        UNION ALL
        SELECT expo_id, day, 0, n FROM kept k WHERE NOT EXISTS
            (SELECT 1 FROM actual a WHERE a.expo_id = k.expo_id AND a.day = k.day)
        """
    )
    problems = [
        Problem(
            "summaries",
            f"expo {r[0]} day {r[1] or 'undated'}: {r[2]} events, counted as {r[3] or 0}",
        )
        for r in day_rows[:MAX_LISTED]
    ]
    country_rows = store.read(
        """
        WITH actual AS (
            SELECT expo_id, country_code, sum(d) AS d, sum(e) AS e, sum(x) AS x FROM (
                SELECT expo_id, country_code, 1 AS d, 0 AS e, 0 AS x FROM delegations
                UNION ALL SELECT expo_id, country_code, 0, 1, 0 FROM event_countries
                UNION ALL SELECT expo_id, country_code, 0, 0, 1 FROM exhibitors
                    WHERE country_code IS NOT NULL
            ) GROUP BY 1, 2),
        kept AS (SELECT expo_id, country_code, delegations AS d, events AS e, exhibitors AS x
                 FROM expo_country_counts)
        SELECT a.expo_id, a.country_code, a.d, a.e, a.x,
               coalesce(k.d, 0), coalesce(k.e, 0), coalesce(k.x, 0)
        FROM actual a LEFT JOIN kept k USING (expo_id, country_code)
        WHERE (a.d, a.e, a.x) != (coalesce(k.d, 0), coalesce(k.e, 0), coalesce(k.x, 0))
        UNION ALL
        SELECT k.expo_id, k.country_code, 0, 0, 0, k.d, k.e, k.x FROM kept k
        WHERE (k.d, k.e, k.x) != (0, 0, 0) AND NOT EXISTS (SELECT 1 FROM actual a
            WHERE a.expo_id = k.expo_id AND a.country_code = k.country_code)
        """
    )
    problems += [
        Problem(
            "summaries",
            f"expo {r[0]} country {r[1]}: {r[2]} delegations, {r[3]} events and {r[4]} "
            f"exhibitors, counted as {r[5]}, {r[6]} and {r[7]}",
        )
        for r in country_rows[:MAX_LISTED]
    ]
    total = len(day_rows) + len(country_rows)
    if total > len(problems):
        rest = total - len(problems)
        problems.append(Problem("summaries", f"… and {rest:,} more counts that differ", rest))
    return problems


def _dates(store: StoreConnection) -> list[Problem]:
    """Expos and events with dates no import accepts now (written before dates were
    checked, or by hand): a placeholder 9999-12-31, a span of years."""
    messages = []
    for slug, start, end in store.read("SELECT slug, start_date, end_date FROM expos"):
        try:
            first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        except (TypeError, ValueError):
            messages.append(f"expo {slug!r}: {start!r} to {end!r} are not ISO dates")
            continue
        problem = date_problem(first) or date_problem(last) or span_problem(first, last)
        if problem:
            messages.append(f"expo {slug!r}: {problem}")
    bounds = (EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat())
    outside = "FROM events e JOIN expos x ON x.id = e.expo_id WHERE " + " OR ".join(
        f"(e.{c} < ? OR e.{c} > ?)" for c in ("date", "date_from", "date_to")
    )
    total = _count(store, f"SELECT count(*) {outside}", bounds * 3)
    rows = store.read(f"SELECT x.slug, e.key {outside} LIMIT ?", (*bounds * 3, MAX_LISTED))
    messages += [
        f"event {key!r} ({slug}): dated outside {EARLIEST_DATE.year}-{LATEST_DATE.year}"
        for slug, key in rows
    ]
    return _listed("dates", messages, len(messages) - len(rows) + total, "implausible dates")


def _expected_texts(store: StoreConnection, kind: str) -> dict[str, str]:
    if kind == "person":
        variants: dict[int, list[str]] = {}
        for person_id, variant in store.read(
            "SELECT person_id, variant FROM person_variants ORDER BY person_id, variant"
        ):
            variants.setdefault(person_id, []).append(variant)
        return {
            r["key"]: person_text(
                r["name"], variants.get(r["id"], ()), r["rank"], r["position"], r["org"]
            )
            for r in store.read(
                "SELECT p.id, p.key, p.name, p.rank, p.position, o.name AS org FROM people p "
                "LEFT JOIN organizations o ON o.id = p.organization_id LIMIT ?",
                (TEXT_COMPARE_LIMIT,),
            )
        }
    if kind == "event":
        return {
            str(r[0]): event_text(r[1], r[2], r[3])
            for r in store.read(
                "SELECT id, title, location, summary FROM events LIMIT ?", (TEXT_COMPARE_LIMIT,)
            )
        }
    if kind == "organization":
        return {str(r[0]): r[1] for r in store.read("SELECT id, name FROM organizations")}
    if kind == "exhibitor":
        return {str(r[0]): r[1] for r in store.read("SELECT id, name FROM exhibitors")}
    return {info.code: country_text(info.all_names) for info in all_countries()}


def _search_index(store: StoreConnection, *, thorough: bool = True) -> list[Problem]:
    """The index against the rows it indexes: as many rows per kind, and (`thorough`) FTS5's
    own check and each row's indexed text."""
    problems = []
    if thorough and not store.readonly:  # FTS5's check is spelled as an INSERT (refused r/o)
        for fts in ("search", "event_search"):
            try:
                store.read(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 0)")
            except Exception as error:
                problems.append(Problem("search index", f"FTS integrity check failed: {error}"))
    for kind, table in (
        ("person", "people"),
        ("event", "events"),
        ("organization", "organizations"),
        ("exhibitor", "exhibitors"),
        ("country", "countries"),
    ):
        if kind == "event":
            indexed = _count(store, "SELECT count(*) FROM event_search")
        else:
            indexed = _count(store, "SELECT count(*) FROM search WHERE kind = ?", (kind,))
        rows = _count(store, f"SELECT count(*) FROM {table}")
        if indexed != rows:
            problems.append(
                Problem("search index", f"{table}: {rows} rows but {indexed} in the search index")
            )
            continue
        if rows > TEXT_COMPARE_LIMIT or not thorough:
            continue
        expected = _expected_texts(store, kind)
        actual = {
            str(r[0]): r[1]
            for r in store.read(
                "SELECT rowid, text FROM event_search"
                if kind == "event"
                else "SELECT ref, text FROM search WHERE kind = ?",
                () if kind == "event" else (kind,),
            )
        }
        stale = [ref for ref, text in expected.items() if actual.get(ref) != text]
        problems += _listed(
            "search index",
            [f"{kind} {ref}: indexed text is out of date" for ref in stale],
            len(stale),
            f"{kind} rows whose indexed text is out of date",
        )
    return problems
