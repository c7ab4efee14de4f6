"""What the news ingest reads to match its candidates: the people, and the events that
involve given countries. Plain tuples, materialised inside the connection's lock."""

from __future__ import annotations

from collections.abc import Iterable

from .connection import StoreConnection

# (key, name, variants, country, rank, position, organization, kind)
PersonRow = tuple[str, str, tuple[str, ...], str | None, str | None, str | None, str | None, str]
# (key, kind, status, date, date_from, date_to, order, [(person key, role, country)])
EventRow = tuple[
    str, str, str, str | None, str | None, str | None, int | None, list[tuple[str, str, str | None]]
]

MAX_PEOPLE = 200_000  # a store this large is matched on the first MAX_PEOPLE people by key


def people(connection: StoreConnection) -> list[PersonRow]:
    """(key, name, variants, country, rank, position, organization, kind) of every person."""
    rows = connection.read(
        "SELECT p.id, p.key, p.name, p.country_code, p.rank, p.position, o.name, p.kind "
        "FROM people p LEFT JOIN organizations o ON o.id = p.organization_id ORDER BY p.key LIMIT ?",
        (MAX_PEOPLE,),
    )
    variants: dict[int, list[str]] = {}
    for person_id, variant in connection.read(
        "SELECT person_id, variant FROM person_variants WHERE person_id IN ("
        "  SELECT id FROM people ORDER BY key LIMIT ?) ORDER BY person_id, variant",
        (MAX_PEOPLE,),
    ):
        variants.setdefault(person_id, []).append(variant)
    return [(r[1], r[2], tuple(variants.get(r[0], ())), r[3], r[4], r[5], r[6], r[7]) for r in rows]


def events_involving(
    connection: StoreConnection, expo_id: int, countries: Iterable[str]
) -> list[EventRow]:
    """Events of the expo that involve every one of `countries`:
    (key, kind, status, date, date_from, date_to, order, [(person key, role, country)])."""
    wanted = sorted(set(countries))
    if not wanted:
        return []
    marks = ", ".join("?" * len(wanted))
    rows = connection.read(
        "SELECT e.id, e.key, e.kind, e.status, e.date, e.date_from, e.date_to, e.day_order "
        "FROM events e WHERE e.expo_id = ? AND e.id IN ("
        f"  SELECT event_id FROM event_countries WHERE expo_id = ? AND country_code IN ({marks})"
        "  GROUP BY event_id HAVING count(DISTINCT country_code) = ?) ORDER BY e.id LIMIT 500",
        (expo_id, expo_id, *wanted, len(wanted)),
    )
    if not rows:
        return []
    ids = [r[0] for r in rows]
    participants: dict[int, list[tuple[str, str, str | None]]] = {}
    for event_id, key, role, country in connection.read(
        "SELECT ep.event_id, p.key, ep.role, p.country_code FROM event_participants ep "
        f"JOIN people p ON p.id = ep.person_id WHERE ep.event_id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY ep.event_id, ep.ordinal",
        tuple(ids),
    ):
        participants.setdefault(event_id, []).append((key, role, country))
    return [(r[1], r[2], r[3], r[4], r[5], r[6], r[7], participants.get(r[0], [])) for r in rows]
