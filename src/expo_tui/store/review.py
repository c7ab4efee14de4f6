"""The review queue: articles read by the news ingest, the events proposed from them, the
evidence for each, and a log of decisions that can be undone.

Everything a review screen needs, in one place: `documents()` with their counts, `candidates()`
to list (paged, by state or document), `candidate(id)` to show, `accept(ids, bundle)` (writes
the bundle through the store's writer in the same transaction that marks the candidates), and
`reject(ids)` and `undo()` (the last decision, whichever it was). An accept keeps, in its
decision row, what the store held before: the events it changed as they were, and the keys
of the events, people, sources and organisations it created, so undoing it restores the
store exactly.

A candidate's `record` is JSON in the project's format: {"event": {...}, "people": [...],
"sources": [...]}. The store reads only its sources and event sources (to merge a second
article about the same event into one candidate); turning it into records is the ingest's job.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .connection import StoreConnection
from .errors import DataError
from .models import Page, record
from .review_undo import before_image, restore

if TYPE_CHECKING:
    from ..records import EventRecord, ExpoBundle, ExpoRecord, SourceRecord
    from .matching import EventRow, PersonRow

STATES = ("pending", "accepted", "rejected")
MATCHES = ("new", "adds_source", "updates", "conflicts")


@record
class ReviewDocument:
    id: int
    url: str
    name: str | None
    title: str | None
    publisher: str | None
    language: str | None
    published: dt.date | None
    text_hash: str
    ingested_at: str
    pending: int = 0
    accepted: int = 0
    rejected: int = 0


@record
class Evidence:
    document_id: int
    url: str
    quote: str
    start: int
    end: int
    rule: str


@record
class AcceptedAs:
    """What a candidate was accepted as, when not its proposal: edited, or merged."""

    record: dict[str, Any]
    match: str
    matched_event: str | None


@record
class Candidate:
    id: int
    expo_slug: str
    kind: str
    title: str
    match: str
    matched_event: str | None
    confidence: float
    state: str
    created_at: str
    decided_at: str | None
    record: dict[str, Any]
    evidence: tuple[Evidence, ...] = ()
    document_ids: tuple[int, ...] = ()


@record
class ReviewRow:  # one line of the review list: a candidate under one of its articles
    id: int
    document_id: int
    kind: str
    title: str
    state: str
    match: str
    day: str | None
    confidence: float


@record
class MergeTarget:  # a stored event (of an expo) or person a candidate can be merged into
    what: str  # "event" or "person"
    key: str
    label: str
    detail: str | None


@record
class Decision:
    id: int
    action: str  # accept or reject
    candidates: tuple[int, ...]
    decided_at: str
    undone_at: str | None


@dataclasses.dataclass(frozen=True)
class NewDocument:
    url: str
    name: str | None
    title: str | None
    publisher: str | None
    language: str | None
    published: dt.date | None
    text_hash: str
    text: str


@dataclasses.dataclass(frozen=True)
class NewCandidate:
    expo_id: int
    fingerprint: str  # the same proposal from several articles or runs has the same one
    kind: str
    title: str
    record: dict[str, Any]
    match: str
    matched_event: str | None
    confidence: float
    evidence: tuple[tuple[str, int, int, str], ...]  # (quote, start, end, rule)


# An article's candidates in one state. `+c.state` keeps SQLite from walking the state index
# (every pending candidate, per article: 50 ms a page at 10,000) instead of the article's own
# few through idx_review_candidate_documents_document and the candidates' primary key.
_COUNT = (
    "(SELECT count(*) FROM review_candidate_documents cd JOIN review_candidates c "
    "ON c.id = cd.candidate_id WHERE cd.document_id = d.id AND +c.state = '{}')"
)


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _merge_records(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`old` with the sources of `new` added: a second article about the same event."""
    merged: dict[str, Any] = json.loads(json.dumps(old))
    event = merged.setdefault("event", {})
    event["sources"] = list(
        dict.fromkeys([*event.get("sources", []), *new.get("event", {}).get("sources", [])])
    )
    known = {s["url"] for s in merged.get("sources", [])}
    merged.setdefault("sources", []).extend(
        s for s in new.get("sources", []) if s["url"] not in known
    )
    known_people = {p["key"] for p in merged.get("people", [])}
    merged.setdefault("people", []).extend(
        p for p in new.get("people", []) if p["key"] not in known_people
    )
    return merged


class ReviewQueue:
    def __init__(self, connection: StoreConnection) -> None:
        self.connection = connection

    # -- filling ---------------------------------------------------------------------------
    def add(
        self, document: NewDocument, candidates: Sequence[NewCandidate]
    ) -> tuple[int, list[int]]:
        """Queue one article and what it proposes, in one transaction. A candidate whose
        fingerprint is already pending gains this article's source and evidence instead of
        being queued twice. Returns (document id, candidate ids)."""
        with self.connection.transaction() as conn:
            document_id = self._document(conn, document)
            ids = [self._candidate(conn, document_id, c) for c in candidates]
        return document_id, ids

    def _document(self, conn: sqlite3.Connection, d: NewDocument) -> int:
        row = conn.execute(
            "SELECT id FROM review_documents WHERE url = ? AND text_hash = ?", (d.url, d.text_hash)
        ).fetchone()
        if row is not None:
            return int(row[0])
        cursor = conn.execute(
            "INSERT INTO review_documents (url, name, title, publisher, language, published, "
            "text_hash, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                d.url,
                d.name,
                d.title,
                d.publisher,
                d.language,
                d.published.isoformat() if d.published else None,
                d.text_hash,
                d.text,
                _now(),
            ),
        )
        return int(cursor.lastrowid or 0)

    def _candidate(self, conn: sqlite3.Connection, document_id: int, c: NewCandidate) -> int:
        if c.match not in MATCHES:
            raise DataError(
                f"candidate {c.title!r}: match {c.match!r} is not one of {', '.join(MATCHES)}."
            )
        row = conn.execute(
            "SELECT id, record, confidence FROM review_candidates "
            "WHERE expo_id = ? AND fingerprint = ? AND state = 'pending' ORDER BY id LIMIT 1",
            (c.expo_id, c.fingerprint),
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO review_candidates (expo_id, fingerprint, kind, title, record, match, "
                "matched_event, confidence, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)",
                (
                    c.expo_id,
                    c.fingerprint,
                    c.kind,
                    c.title,
                    json.dumps(c.record, ensure_ascii=False),
                    c.match,
                    c.matched_event,
                    c.confidence,
                    _now(),
                ),
            )
            candidate_id = int(cursor.lastrowid or 0)
        else:
            candidate_id = int(row["id"])
            merged = _merge_records(json.loads(row["record"]), c.record)
            conn.execute(
                "UPDATE review_candidates SET record = ?, confidence = max(confidence, ?) WHERE id = ?",
                (json.dumps(merged, ensure_ascii=False), c.confidence, candidate_id),
            )
        conn.execute(
            "INSERT OR IGNORE INTO review_candidate_documents (candidate_id, document_id) VALUES (?, ?)",
            (candidate_id, document_id),
        )
        for quote, start, end, rule in c.evidence:
            exists = conn.execute(
                'SELECT 1 FROM review_evidence WHERE candidate_id = ? AND document_id = ? AND start = ? AND "end" = ?',
                (candidate_id, document_id, start, end),
            ).fetchone()
            if exists is None:
                conn.execute(
                    'INSERT INTO review_evidence (candidate_id, document_id, quote, start, "end", rule) '
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (candidate_id, document_id, quote, start, end, rule),
                )
        return candidate_id

    # -- reading ---------------------------------------------------------------------------
    def documents(self) -> tuple[ReviewDocument, ...]:
        """Every article read, newest first, with how many of its candidates are in each state."""
        rows = self.connection.read(
            "SELECT d.*, "
            "sum(c.state = 'pending') AS pending, sum(c.state = 'accepted') AS accepted, "
            "sum(c.state = 'rejected') AS rejected FROM review_documents d "
            "LEFT JOIN review_candidate_documents cd ON cd.document_id = d.id "
            "LEFT JOIN review_candidates c ON c.id = cd.candidate_id GROUP BY d.id ORDER BY d.id DESC"
        )
        return tuple(_document_of(r, (r[7], r[9]), (r[10], r[11], r[12])) for r in rows)

    def document_page(self, *, limit: int = 20, before: int | None = None) -> Page[ReviewDocument]:
        """Articles newest first (paged: pass the last id as `before`), with their counts."""
        rows = self.connection.read(
            "SELECT d.id, d.url, d.name, d.title, d.publisher, d.language, d.published, "
            f"d.text_hash, d.ingested_at, {', '.join(_COUNT.format(s) for s in STATES)} "
            "FROM review_documents d WHERE d.id < ? ORDER BY d.id DESC LIMIT ?",
            (before if before is not None else 1 << 62, limit + 1),
        )
        items = tuple(_document_of(r, (r[7], r[8]), (r[9], r[10], r[11])) for r in rows[:limit])
        return Page(items, str(items[-1].id) if len(rows) > limit else None)

    def document_rows(self, document_ids: Sequence[int]) -> tuple[ReviewRow, ...]:
        """The candidates of these articles, as list lines (no evidence, no record)."""
        if not document_ids:
            return ()
        marks = ", ".join("?" * len(document_ids))
        rows = self.connection.read(
            "SELECT c.id, cd.document_id, c.kind, c.title, c.state, c.match, "
            "json_extract(c.record, '$.event.date'), c.confidence "
            "FROM review_candidate_documents cd JOIN review_candidates c ON c.id = cd.candidate_id "
            f"WHERE cd.document_id IN ({marks}) ORDER BY cd.document_id DESC, c.id",
            tuple(document_ids),
        )
        return tuple(ReviewRow(*r) for r in rows)

    def merge_targets(
        self, expo_slug: str, text: str = "", limit: int = 50
    ) -> tuple[MergeTarget, ...]:
        """Stored events of the expo and people whose title or name holds `text`."""
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        events = self.connection.read(
            "SELECT e.key, e.title, e.date FROM events e JOIN expos x ON x.id = e.expo_id "
            "WHERE x.slug = ? AND e.title LIKE ? ESCAPE '\\' ORDER BY e.sort_key, e.id LIMIT ?",
            (expo_slug, like, limit),
        )
        people = self.connection.read(
            "SELECT key, name, country_code FROM people WHERE name LIKE ? ESCAPE '\\' "
            "ORDER BY name, id LIMIT ?",
            (like, limit),
        )
        return tuple(MergeTarget("event", r[0], r[1], r[2]) for r in events) + tuple(
            MergeTarget("person", r[0], r[1], r[2]) for r in people
        )

    def document_text(self, document_id: int) -> str | None:
        row = self.connection.read_one(
            "SELECT text FROM review_documents WHERE id = ?", (document_id,)
        )
        return row[0] if row else None

    def counts(self) -> dict[str, int]:
        rows = self.connection.read("SELECT state, count(*) FROM review_candidates GROUP BY state")
        found = {r[0]: r[1] for r in rows}
        return {state: found.get(state, 0) for state in STATES}

    def candidates(
        self,
        *,
        state: str | None = "pending",
        document_id: int | None = None,
        expo_id: int | None = None,
        limit: int = 100,
        after: int = 0,
    ) -> Page[Candidate]:
        """Candidates in id order (paged: pass the last id as `after`)."""
        where: list[str] = ["c.id > ?"]
        params: list[object] = [after]
        if state is not None:
            where.append("c.state = ?")
            params.append(state)
        if expo_id is not None:
            where.append("c.expo_id = ?")
            params.append(expo_id)
        if document_id is not None:
            where.append(
                "c.id IN (SELECT candidate_id FROM review_candidate_documents WHERE document_id = ?)"
            )
            params.append(document_id)
        rows = self.connection.read(
            "SELECT c.*, x.slug FROM review_candidates c JOIN expos x ON x.id = c.expo_id "
            f"WHERE {' AND '.join(where)} ORDER BY c.id LIMIT ?",
            (*params, limit + 1),
        )
        items = self._details(rows[:limit])
        return Page(items, str(items[-1].id) if len(rows) > limit else None)

    def candidate(self, candidate_id: int) -> Candidate | None:
        rows = self.connection.read(
            "SELECT c.*, x.slug FROM review_candidates c JOIN expos x ON x.id = c.expo_id WHERE c.id = ?",
            (candidate_id,),
        )
        found = self._details(rows)
        return found[0] if found else None

    def candidates_by_id(self, ids: Sequence[int]) -> tuple[Candidate, ...]:
        """Candidates `ids` in full (those that exist), in id order: a page of the list's."""
        if not ids:
            return ()
        marks = ", ".join("?" * len(ids))
        rows = self.connection.read(
            "SELECT c.*, x.slug FROM review_candidates c JOIN expos x ON x.id = c.expo_id "
            f"WHERE c.id IN ({marks}) ORDER BY c.id",
            tuple(ids),
        )
        return self._details(rows)

    def _details(self, rows: list[sqlite3.Row]) -> tuple[Candidate, ...]:
        ids = [r["id"] for r in rows]
        if not ids:
            return ()
        marks = ", ".join("?" * len(ids))
        evidence: dict[int, list[Evidence]] = {}
        for e in self.connection.read(
            f'SELECT e.candidate_id, e.document_id, d.url, e.quote, e.start, e."end", e.rule '
            f"FROM review_evidence e JOIN review_documents d ON d.id = e.document_id "
            f"WHERE e.candidate_id IN ({marks}) ORDER BY e.candidate_id, e.id",
            tuple(ids),
        ):
            evidence.setdefault(e[0], []).append(Evidence(e[1], e[2], e[3], e[4], e[5], e[6]))
        documents: dict[int, list[int]] = {}
        for d in self.connection.read(
            f"SELECT candidate_id, document_id FROM review_candidate_documents "
            f"WHERE candidate_id IN ({marks}) ORDER BY candidate_id, document_id",
            tuple(ids),
        ):
            documents.setdefault(d[0], []).append(d[1])
        return tuple(
            Candidate(
                r["id"],
                r["slug"],
                r["kind"],
                r["title"],
                r["match"],
                r["matched_event"],
                r["confidence"],
                r["state"],
                r["created_at"],
                r["decided_at"],
                json.loads(r["record"]),
                tuple(evidence.get(r["id"], ())),
                tuple(documents.get(r["id"], ())),
            )
            for r in rows
        )

    def decisions(self, limit: int = 20) -> tuple[Decision, ...]:
        rows = self.connection.read(
            "SELECT id, action, candidates, decided_at, undone_at FROM review_decisions "
            "ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return tuple(Decision(r[0], r[1], tuple(json.loads(r[2])), r[3], r[4]) for r in rows)

    # -- what matching reads ---------------------------------------------------------------
    def people_for_matching(self) -> list[PersonRow]:
        from .matching import people

        return people(self.connection)

    def events_for_matching(self, expo_id: int, countries: Iterable[str]) -> list[EventRow]:
        from .matching import events_involving

        return events_involving(self.connection, expo_id, countries)

    def event_record(self, expo_id: int, key: str) -> EventRecord | None:
        """The store's event `key` as an EventRecord (None if it has none)."""
        from .stored_records import event_record

        with self.connection.lock:
            return event_record(self.connection.conn, expo_id, key)

    def source_records(self, urls: Iterable[str]) -> list[SourceRecord]:
        """The store's SourceRecords for `urls` (those it has), in the order given."""
        from .stored_records import source_record

        with self.connection.lock:
            found = [source_record(self.connection.conn, url) for url in dict.fromkeys(urls)]
        return [s for s in found if s is not None]

    def expo_record(self, slug: str) -> ExpoRecord | None:
        from .stored_records import expo_record

        with self.connection.lock:
            return expo_record(self.connection.conn, slug)

    # -- deciding --------------------------------------------------------------------------
    def _pending(self, conn: sqlite3.Connection, ids: Sequence[int]) -> None:
        for candidate_id in ids:
            row = conn.execute(
                "SELECT state FROM review_candidates WHERE id = ?", (candidate_id,)
            ).fetchone()
            if row is None:
                raise DataError(f"There is no candidate {candidate_id} in the review queue.")
            if row[0] != "pending":
                raise DataError(
                    f"Candidate {candidate_id} is already {row[0]}; nothing was changed."
                )

    def reject(self, ids: Sequence[int]) -> int:
        """Mark candidates rejected (all or none); returns the decision's id."""
        ids = list(dict.fromkeys(ids))
        with self.connection.transaction() as conn:
            self._pending(conn, ids)
            return self._decide(conn, "reject", ids, None)

    def accept(
        self,
        ids: Sequence[int],
        bundle: ExpoBundle | None,
        *,
        accepted_as: Mapping[int, AcceptedAs] | None = None,
    ) -> int:
        """Write `bundle` (the accepted candidates' records, built by the ingest against the
        store as it is now) and mark the candidates accepted, in one transaction.

        `accepted_as` gives, for a candidate accepted edited or merged, what was accepted
        instead of its proposal: the queue keeps that (so the queue shows what the store was
        told), and undoing the decision puts the proposal back."""
        from .writer import write_in_transaction

        ids = list(dict.fromkeys(ids))
        with self.connection.transaction() as conn:
            self._pending(conn, ids)
            undo = before_image(conn, bundle) if bundle is not None else None
            if bundle is not None:
                write_in_transaction(conn, bundle)
            if accepted_as:
                undo = dict(undo or {}, candidates_before=self._accepted_as(conn, accepted_as))
            return self._decide(conn, "accept", ids, undo)

    def _accepted_as(
        self, conn: sqlite3.Connection, accepted_as: Mapping[int, AcceptedAs]
    ) -> list[dict[str, Any]]:
        """Put each candidate's accepted form in its row; returns the rows as they were."""
        before = []
        for candidate_id, now in accepted_as.items():
            if now.match not in MATCHES:
                raise DataError(f"match {now.match!r} is not one of {', '.join(MATCHES)}.")
            row = conn.execute(
                "SELECT record, match, matched_event FROM review_candidates WHERE id = ?",
                (candidate_id,),
            ).fetchone()
            if row is None:
                raise DataError(f"There is no candidate {candidate_id} in the review queue.")
            before.append({"id": candidate_id, **dict(row)})
            conn.execute(
                "UPDATE review_candidates SET record = ?, match = ?, matched_event = ? WHERE id = ?",
                (json.dumps(now.record, ensure_ascii=False), now.match, now.matched_event,
                 candidate_id),
            )  # fmt: skip
        return before

    def _decide(
        self, conn: sqlite3.Connection, action: str, ids: list[int], undo: dict[str, Any] | None
    ) -> int:
        now = _now()
        state = "accepted" if action == "accept" else "rejected"
        conn.executemany(
            "UPDATE review_candidates SET state = ?, decided_at = ? WHERE id = ?",
            [(state, now, i) for i in ids],
        )
        cursor = conn.execute(
            "INSERT INTO review_decisions (action, candidates, decided_at, undo) VALUES (?, ?, ?, ?)",
            (action, json.dumps(ids), now, json.dumps(undo, ensure_ascii=False) if undo else None),
        )
        return int(cursor.lastrowid or 0)

    def undo(self) -> Decision | None:
        """Undo the last decision not yet undone: a rejection goes back to pending; an accept
        also puts the store back as it was before it. None when there is nothing to undo."""
        with self.connection.transaction() as conn:
            row = conn.execute(
                "SELECT id, action, candidates, decided_at, undo FROM review_decisions "
                "WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            ids = json.loads(row["candidates"])
            if row["action"] == "accept" and row["undo"]:
                image = json.loads(row["undo"])
                if "expo" in image:  # the store as it was (absent when nothing was written)
                    restore(conn, image)
                conn.executemany(
                    "UPDATE review_candidates SET record = ?, match = ?, matched_event = ? "
                    "WHERE id = ?",
                    [(c["record"], c["match"], c["matched_event"], c["id"])
                     for c in image.get("candidates_before", ())],
                )  # fmt: skip
            conn.executemany(
                "UPDATE review_candidates SET state = 'pending', decided_at = NULL WHERE id = ?",
                [(i,) for i in ids],
            )
            now = _now()
            conn.execute("UPDATE review_decisions SET undone_at = ? WHERE id = ?", (now, row["id"]))
        return Decision(row["id"], row["action"], tuple(ids), row["decided_at"], now)


# -- before-images and restoring them ----------------------------------------------------------


def _document_of(
    r: sqlite3.Row, stamps: tuple[str, str], counts: tuple[int | None, int | None, int | None]
) -> ReviewDocument:
    """A document row (id, url, name, title, publisher, language, published first) with its
    text hash and ingest time, and its pending, accepted and rejected counts."""
    pending, accepted, rejected = (n or 0 for n in counts)
    return ReviewDocument(
        r[0], r[1], r[2], r[3], r[4], r[5], _day(r[6]), *stamps, pending, accepted, rejected
    )
