"""From SQLite rows to the store's models, and the reads every query shares.

Rows never leave the store: each query turns them into frozen dataclasses (models.py) here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence

from ..observations import parse_observed
from .connection import StoreConnection
from .models import Expo, Person, Source

CURSOR_SEPARATOR = "\x1f"
VARIANTS_BATCH = 10_000  # people whose name variants one query reads (SQLite: 32,766 at most)
EVENT_COLUMNS = (
    "e.id, e.expo_id, e.key, e.date, e.date_from, e.date_to, e.start_time, e.end_time, "
    "e.day_order, e.order_scope, e.kind, e.status, e.title, e.location, e.sort_key, e.track"
)
PERSON_COLUMNS = (
    "p.id AS person_id, p.key AS person_key, p.name AS person_name, p.kind AS person_kind, "
    "p.rank AS person_rank, p.position AS person_position, o.name AS person_organization, "
    "p.country_code AS person_country"
)


def date_of(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def time_of(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def expo_of(row: sqlite3.Row) -> Expo:
    return Expo(
        id=row["id"],
        slug=row["slug"],
        name=row["name"],
        short_name=row["short_name"],
        edition=row["edition"],
        venue=row["venue"],
        city=row["city"],
        country_code=row["country_code"],
        start_date=dt.date.fromisoformat(row["start_date"]),
        end_date=dt.date.fromisoformat(row["end_date"]),
        timezone=row["timezone"],
        organizer=row["organizer"],
        theme=row["theme"],
        notes=row["notes"],
        day_change=time_of(row["day_change"]),
    )


def observed_of(value: str | None) -> tuple[dt.date | None, dt.time | None]:
    """A source's `observed` column (`2025-06-12` or `2025-06-12T10:30`) as date and time."""
    return parse_observed(value) if value else (None, None)


def source_of(row: sqlite3.Row) -> Source:
    observed, observed_time = observed_of(row["observed"])
    return Source(
        id=row["id"],
        url=row["url"],
        publisher=row["publisher"],
        title=row["title"],
        language=row["language"],
        published=date_of(row["published"]),
        kind=row["kind"],
        observer=row["observer"],
        observed=observed,
        observed_time=observed_time,
    )


def person_of(row: sqlite3.Row, variants: tuple[str, ...] = ()) -> Person:
    return Person(
        id=row["person_id"],
        key=row["person_key"],
        name=row["person_name"],
        kind=row["person_kind"],
        rank=row["person_rank"],
        position=row["person_position"],
        organization=row["person_organization"],
        country_code=row["person_country"],
        variants=variants,
    )


def encode_cursor(*parts: object) -> str:
    return CURSOR_SEPARATOR.join("" if p is None else str(p) for p in parts)


def decode_cursor(cursor: str, size: int) -> list[str] | None:
    parts = cursor.split(CURSOR_SEPARATOR)
    return parts if len(parts) == size else None


def variants_of(
    connection: StoreConnection, person_ids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """Name variants of many people in one query (not one query per person)."""
    if not person_ids:
        return {}
    grouped: dict[int, list[str]] = {}
    for start in range(0, len(person_ids), VARIANTS_BATCH):  # SQLite caps the parameters
        batch = tuple(person_ids[start : start + VARIANTS_BATCH])
        for person_id, variant in connection.read(
            "SELECT person_id, variant FROM person_variants "
            f"WHERE person_id IN ({', '.join('?' * len(batch))}) ORDER BY person_id, variant",
            batch,
        ):
            grouped.setdefault(person_id, []).append(variant)
    return {k: tuple(v) for k, v in grouped.items()}


def variants(connection: StoreConnection, person_id: int) -> tuple[str, ...]:
    """One person's name variants."""
    return tuple(
        r[0]
        for r in connection.read(
            "SELECT variant FROM person_variants WHERE person_id = ? ORDER BY variant",
            (person_id,),
        )
    )


def person_by_id(connection: StoreConnection, person_id: int) -> Person | None:
    row = connection.read_one(
        f"SELECT {PERSON_COLUMNS} FROM people p "
        "LEFT JOIN organizations o ON o.id = p.organization_id WHERE p.id = ?",
        (person_id,),
    )
    return person_of(row, variants(connection, person_id)) if row else None


def sources_for(
    connection: StoreConnection, table: str, column: str, ids: Sequence[int]
) -> dict[int, tuple[Source, ...]]:
    """The sources each of `ids` cites, through the link table `table` (`column` its owner)."""
    if not ids:
        return {}
    rows = connection.read(
        f"SELECT l.{column} AS owner, s.* FROM {table} l JOIN sources s ON s.id = l.source_id "
        f"WHERE l.{column} IN ({', '.join('?' * len(ids))}) ORDER BY l.{column}, s.id",
        tuple(ids),
    )
    grouped: dict[int, list[Source]] = {}
    for r in rows:
        grouped.setdefault(r["owner"], []).append(source_of(r))
    return {k: tuple(v) for k, v in grouped.items()}
