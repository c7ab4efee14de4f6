"""The explorer's own edits: save one event (new or edited), edit a person, delete an event.

Each is one transaction through the writer (writer.write_in_transaction), so an edit lands
whole or not at all and the search index, the day and country counts and the views' derived
tables follow as they do for an import. A saved event replaces the stored one whole (a
participant or source taken out in the form is gone), unlike an import, which only adds; the
people and sources the form cites that the store already holds are left exactly as they are.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass, replace

from ..records import EventRecord, ExpoBundle, PersonRecord, SourceRecord
from .connection import StoreConnection
from .errors import DataError
from .review_records import delete_event as _delete_event_rows
from .review_records import delete_source
from .stored_records import event_record, expo_record, person_record, source_record
from .writer import write_in_transaction

MAX_KEY_BASE = 60


@dataclass(frozen=True)
class PersonChoice:
    """A person the form can name as a participant (what completion offers)."""

    key: str
    name: str
    rank: str | None
    country_code: str | None


@dataclass(frozen=True)
class EditableEvent:
    """A stored event as the form edits it: the record, its sources, and who its people are."""

    record: EventRecord
    sources: tuple[SourceRecord, ...]
    people: tuple[PersonChoice, ...]  # the participants', in the record's order


def key_base(text: str) -> str:
    """A key's readable part: lower case, runs of other than letters and digits made `-`."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:MAX_KEY_BASE].strip("-") or "x"


def _free_key(conn: sqlite3.Connection, sql: str, params: tuple[object, ...], base: str) -> str:
    key, number = base, 1
    while conn.execute(sql, (*params, key)).fetchone() is not None:
        number += 1
        key = f"{base}-{number}"
    return key


PEOPLE_OFFERED = 12  # people a completion reads for what is typed


def people_choices(
    store: StoreConnection, typed: str, limit: int = PEOPLE_OFFERED
) -> tuple[PersonChoice, ...]:
    """The people whose name or other spellings begin with the words typed (the search index,
    never the whole table: a big show has hundreds of thousands), names that begin with the
    text itself first."""
    from .search import match_expression

    expression = match_expression(typed)
    if expression is None:
        return ()
    rows = store.read(
        "SELECT p.key, p.name, p.rank, p.country_code FROM people p JOIN ("
        "SELECT ref FROM search WHERE search MATCH ? AND kind = 'person' LIMIT ?"
        ") hit ON hit.ref = p.key",
        (expression, limit * 4),
    )
    folded = typed.strip().casefold()
    choices = sorted(
        (PersonChoice(r["key"], r["name"], r["rank"], r["country_code"]) for r in rows),
        key=lambda c: (not c.name.casefold().startswith(folded), c.name.casefold(), c.key),
    )
    return tuple(choices[:limit])


def editable_event(store: StoreConnection, slug: str, key: str) -> EditableEvent | None:
    with store.lock:
        conn = store.conn
        expo = conn.execute("SELECT id FROM expos WHERE slug = ?", (slug,)).fetchone()
        record = event_record(conn, expo[0], key) if expo is not None else None
        if record is None:
            return None
        sources = tuple(s for url in record.sources if (s := source_record(conn, url)))
        people = []
        for participant in record.participants:
            row = conn.execute(
                "SELECT key, name, rank, country_code FROM people WHERE key = ?",
                (participant.person,),
            ).fetchone()
            if row is not None:
                people.append(PersonChoice(row[0], row[1], row[2], row[3]))
    return EditableEvent(record, sources, tuple(people))


def save_event(
    store: StoreConnection,
    slug: str,
    event: EventRecord,
    people: tuple[PersonRecord, ...] = (),
    sources: tuple[SourceRecord, ...] = (),
) -> str:
    """Write `event` (a new one when its key is empty) with the new `people` and `sources` it
    cites, in one transaction; returns the event's key. Cited people and sources the store
    already holds are not rewritten."""
    if not event.sources:
        raise DataError("an event needs at least one source; nothing was written.")
    with store.transaction() as conn:
        expo = expo_record(conn, slug)
        row = conn.execute("SELECT id FROM expos WHERE slug = ?", (slug,)).fetchone()
        if expo is None or row is None:
            raise DataError(f"no expo {slug!r} in the store; nothing was written.")
        new_people = []
        keys: dict[str, str] = {}
        for person in people:
            if person.key and person_record(conn, person.key) is not None:
                continue
            key = _free_key(conn, "SELECT 1 FROM people WHERE key = ?", (), key_base(person.name))
            keys[person.key] = key
            new_people.append(replace(person, key=key))
        participants = tuple(
            replace(p, person=keys.get(p.person, p.person)) for p in event.participants
        )
        if not event.key:
            day = event.date.isoformat() if event.date else "undated"
            base = f"own-{day}-{key_base(event.title)}"
            event = replace(event, key=_free_key(
                conn, "SELECT 1 FROM events WHERE expo_id = ? AND key = ?", (row[0],), base
            ))  # fmt: skip
        event = replace(event, participants=participants)
        bundle = ExpoBundle(
            expo=expo,
            sources=tuple(s for s in sources if source_record(conn, s.url) is None),
            people=tuple(new_people),
            events=(event,),
        )
        write_in_transaction(conn, bundle, exact=True)
    return event.key


def save_person(
    store: StoreConnection,
    slug: str,
    key: str,
    *,
    rank: str | None,
    position: str | None,
    variants: tuple[str, ...],
) -> PersonRecord:
    """Change a person's rank, position and other spellings (the rest stays as stored)."""
    with store.transaction() as conn:
        expo = expo_record(conn, slug)
        stored = person_record(conn, key)
        if expo is None or stored is None:
            raise DataError(f"no person {key!r} in the store; nothing was written.")
        person = replace(stored, rank=rank, position=position, variants=variants)
        write_in_transaction(conn, ExpoBundle(expo=expo, people=(person,)), exact=True)
    return person


# Tables derived from an event that its delete must empty too (the views' own, version 6).
_DERIVED = ("event_groups", "person_events")


def delete_event(store: StoreConnection, slug: str, key: str) -> bool:
    """Delete one event with its participants, country rows, derived rows, search rows and the
    sources nothing else cites, in one transaction; a figure about it stays, about the expo.
    Whether there was such an event."""
    with store.transaction() as conn:
        row = conn.execute(
            "SELECT e.id, x.id FROM events e JOIN expos x ON x.id = e.expo_id "
            "WHERE x.slug = ? AND e.key = ?",
            (slug, key),
        ).fetchone()
        if row is None:
            return False
        event_id, expo_id = row
        urls = [
            r[0]
            for r in conn.execute(
                "SELECT s.url FROM event_sources l JOIN sources s ON s.id = l.source_id "
                "WHERE l.event_id = ?",
                (event_id,),
            )
        ]
        conn.execute("UPDATE figures SET event_id = NULL WHERE event_id = ?", (event_id,))
        for table in _DERIVED:
            conn.execute(f"DELETE FROM {table} WHERE event_id = ?", (event_id,))
        _delete_event_rows(conn, expo_id, key)
        for url in urls:
            delete_source(conn, url)  # only if nothing else cites it
    return True


class Edits:
    """`store.edits`: the functions above on one store."""

    def __init__(self, store: StoreConnection) -> None:
        self.store = store

    def people(self, typed: str, limit: int = PEOPLE_OFFERED) -> tuple[PersonChoice, ...]:
        return people_choices(self.store, typed, limit)

    def event(self, slug: str, key: str) -> EditableEvent | None:
        return editable_event(self.store, slug, key)

    def save_event(
        self,
        slug: str,
        event: EventRecord,
        people: tuple[PersonRecord, ...] = (),
        sources: tuple[SourceRecord, ...] = (),
    ) -> str:
        return save_event(self.store, slug, event, people, sources)

    def person(self, key: str) -> PersonRecord | None:
        with self.store.lock:
            return person_record(self.store.conn, key)

    def save_person(
        self,
        slug: str,
        key: str,
        *,
        rank: str | None,
        position: str | None,
        variants: tuple[str, ...],
    ) -> PersonRecord:
        return save_person(self.store, slug, key, rank=rank, position=position, variants=variants)

    def delete_event(self, slug: str, key: str) -> bool:
        return delete_event(self.store, slug, key)
