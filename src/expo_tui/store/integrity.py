"""`expo-tui check`: the store's own audit of a database file.

It reports, never repairs: SQLite's integrity and foreign keys, the search index against the
rows it indexes, the summary counts against a recount, and every event, delegation, exhibitor
and figure citing at least one source.
"""

from __future__ import annotations

from ..countries import all_countries
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
    problems: list[Problem] = []
    problems += _sqlite_integrity(store)
    problems += _foreign_keys(store)
    problems += _sources(store)
    problems += _summaries(store)
    problems += _search_index(store)
    from .integrity_views import check_views

    problems += check_views(store)
    return problems


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
    problems = []
    day_rows = store.read(
        "SELECT expo_id, day, n FROM (SELECT expo_id, coalesce(date, '') AS day, count(*) AS n "
        "FROM events GROUP BY 1, 2) r WHERE n != coalesce((SELECT events FROM expo_days d "
        "WHERE d.expo_id = r.expo_id AND d.day = r.day), 0) LIMIT ?",
        (MAX_LISTED,),
    )
    problems += [
        Problem("summaries", f"expo {r[0]} day {r[1] or 'undated'}: {r[2]} events, count differs")
        for r in day_rows
    ]
    country_rows = store.read(
        "SELECT expo_id, country_code FROM (SELECT expo_id, country_code, count(*) AS n "
        "FROM event_countries GROUP BY 1, 2) r WHERE n != coalesce((SELECT events FROM "
        "expo_country_counts c WHERE c.expo_id = r.expo_id AND c.country_code = r.country_code), 0) "
        "LIMIT ?",
        (MAX_LISTED,),
    )
    problems += [
        Problem("summaries", f"expo {r[0]} country {r[1]}: event count differs")
        for r in country_rows
    ]
    return problems


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


def _search_index(store: StoreConnection) -> list[Problem]:
    problems = []
    if not store.readonly:  # FTS5's own check is spelled as an INSERT, refused when read-only
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
        if rows > TEXT_COMPARE_LIMIT:
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
