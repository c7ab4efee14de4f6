"""What an accept from the review queue changes, kept so that undoing it restores the store
exactly: the before-image of the records it touched and the keys of those it created
(`before_image`), and putting them back (`restore`). Part of the review queue (review.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import DataError

if TYPE_CHECKING:
    from ..records import ExpoBundle


def _exists(conn: sqlite3.Connection, sql: str, params: Iterable[object]) -> bool:
    return conn.execute(sql, tuple(params)).fetchone() is not None


def before_image(conn: sqlite3.Connection, bundle: ExpoBundle) -> dict[str, Any]:
    from . import review_records as rr
    from . import stored_records as stored

    expo = conn.execute("SELECT id FROM expos WHERE slug = ?", (bundle.expo.slug,)).fetchone()
    if expo is None:
        raise DataError(f"expo {bundle.expo.slug!r} is not in the store; accept needs it there.")
    changed, created = [], []
    for event in bundle.events:
        before = stored.event_record(conn, expo[0], event.key)
        if before is None:
            created.append(event.key)
        else:
            changed.append(rr.event_to_json(before))
    people = [
        p.key
        for p in bundle.people
        if not _exists(conn, "SELECT 1 FROM people WHERE key = ?", (p.key,))
    ]
    changed_people = [
        rr.person_to_json(person)
        for p in bundle.people
        if p.key not in people and (person := stored.person_record(conn, p.key)) is not None
    ]
    sources = [
        s.url
        for s in bundle.sources
        if not _exists(conn, "SELECT 1 FROM sources WHERE url = ?", (s.url,))
    ]
    changed_sources = [
        rr.source_to_json(source)
        for s in bundle.sources
        if s.url not in sources and (source := stored.source_record(conn, s.url)) is not None
    ]
    organizations = sorted(
        {p.organization for p in bundle.people if p.organization}
        - {r[0] for r in conn.execute("SELECT name FROM organizations")}
    )
    return {
        "expo": bundle.expo.slug,
        "events_before": changed,
        "events_created": created,
        "people_before": changed_people,
        "people_created": people,
        "sources_before": changed_sources,
        "sources_created": sources,
        "organizations_created": organizations,
    }


def restore(conn: sqlite3.Connection, undo: dict[str, Any]) -> None:
    from . import review_records as rr
    from .writer import write_in_transaction

    expo_row = conn.execute("SELECT id FROM expos WHERE slug = ?", (undo["expo"],)).fetchone()
    if expo_row is None:
        raise DataError(f"expo {undo['expo']!r} is no longer in the store; cannot undo.")
    expo_id = expo_row[0]
    for key in undo["events_created"]:
        rr.delete_event(conn, expo_id, key)
    bundle = rr.bundle_for(
        conn,
        undo["expo"],
        events=[rr.event_from_json(e) for e in undo["events_before"]],
        people=[rr.person_from_json(p) for p in undo["people_before"]],
        sources=[rr.source_from_json(s) for s in undo["sources_before"]],
    )
    write_in_transaction(conn, bundle, exact=True)
    for key in undo["people_created"]:
        rr.delete_person(conn, key)
    for url in undo["sources_created"]:
        rr.delete_source(conn, url)
    for name in undo["organizations_created"]:
        rr.delete_organization(conn, name)
