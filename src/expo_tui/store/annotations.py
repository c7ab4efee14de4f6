"""The analyst's own layer: stars, private notes and free tags on countries, people, events and
delegations (schema in annotation_schema.py). `store.annotations` is an `Annotations`.

Every write is one transaction: it lands whole or not at all. Subjects are named by stable keys
(`Subject`), so annotations survive a re-import, and one whose subject is gone is kept and said
to be absent (`AnnotatedSubject.present`), never dropped. Text is stored exactly as typed; what
shows or writes it sanitises it (expo_tui.sanitize).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from .connection import StoreConnection
from .errors import DataError
from .models import Page
from .rows import decode_cursor, encode_cursor
from .search import forgiving_expressions

KINDS = ("country", "person", "event", "delegation")
WITH_EXPO = ("event", "delegation")  # kinds whose subject is one expo's
MAX_NOTE = 20_000  # characters of one note
MAX_TAG = 40  # characters of one tag
MAX_TAGS = 30  # tags on one subject
MAX_SEARCH_ROWS = 2000


@dataclass(frozen=True, order=True)
class Subject:
    """What an annotation is on: `kind` (KINDS), the expo's slug for an event or a delegation
    ('' otherwise) and `ref`: an ISO3 code (country, delegation), a person key, an event key."""

    kind: str
    expo: str
    ref: str

    @classmethod
    def country(cls, code: str) -> Subject:
        return cls("country", "", code)

    @classmethod
    def person(cls, key: str) -> Subject:
        return cls("person", "", key)

    @classmethod
    def event(cls, expo: str, key: str) -> Subject:
        return cls("event", expo, key)

    @classmethod
    def delegation(cls, expo: str, code: str) -> Subject:
        return cls("delegation", expo, code)


@dataclass(frozen=True)
class Annotation:
    subject: Subject
    starred: bool = False
    note: str = ""
    tags: tuple[str, ...] = ()  # as typed, in case-insensitive order
    updated_at: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.starred or self.note or self.tags)


@dataclass(frozen=True)
class AnnotatedSubject:
    """An annotation with what it is on, as the starred view lists it."""

    annotation: Annotation
    label: str  # the subject's name or title (its key when it is no longer in the store)
    present: bool  # the subject is in the store
    country_code: str | None = None  # the country it is shown under
    event_id: int | None = None
    event_date: str | None = None
    expo_id: int | None = None


@dataclass(frozen=True)
class MergeCounts:
    added: int = 0
    changed: int = 0
    unchanged: int = 0


_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")  # what no file can carry back (formats.md)


def _writable(text: str, what: str) -> str:
    if bad := _UNWRITABLE.search(text):
        name = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
        raise DataError(f"{what} holds {name} (U+{ord(bad.group()):04X}), not text")
    return text


def fold(tag: str) -> str:
    """The case-insensitive form of a tag ("NATO" and "nato" are one tag)."""
    return unicodedata.normalize("NFKC", tag).casefold()


def check_subject(subject: Subject) -> Subject:
    if subject.kind not in KINDS:
        raise DataError(f"annotation kind {subject.kind!r} is not one of: {', '.join(KINDS)}")
    if not subject.ref or not subject.ref.strip():
        raise DataError(f"a {subject.kind} annotation needs what it is on")
    if (subject.kind in WITH_EXPO) != bool(subject.expo):
        need = "needs" if subject.kind in WITH_EXPO else "takes no"
        raise DataError(f"a {subject.kind} annotation {need} an expo")
    return subject


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, each once (case-insensitively; the first spelling kept), sorted."""
    seen: dict[str, str] = {}
    for raw in tags:
        tag = " ".join(_writable(str(raw), "a tag").split())
        if not tag:
            continue
        if "," in tag:
            raise DataError(f"a tag cannot hold a comma: {tag[:MAX_TAG]!r}")
        if len(tag) > MAX_TAG:
            raise DataError(f"a tag is at most {MAX_TAG} characters: {tag[:MAX_TAG]!r}…")
        seen.setdefault(fold(tag), tag)
    if len(seen) > MAX_TAGS:
        raise DataError(f"at most {MAX_TAGS} tags on one subject ({len(seen)} given)")
    return tuple(seen[k] for k in sorted(seen))


def check_note(note: str) -> str:
    if not isinstance(note, str):
        raise DataError("a note is text")
    if len(note) > MAX_NOTE:
        raise DataError(f"a note is at most {MAX_NOTE:,} characters ({len(note):,} given)")
    _writable(note, "a note")
    return note if note.strip() else ""


def merged_note(stored: str, incoming: str) -> str:
    """The import's rule (docs/formats.md): a note is never lost. No note in the store: the
    file's. The same note: kept. Both, and different: the store's, then the file's, apart."""
    if not incoming or incoming == stored:
        return stored
    if not stored:
        return incoming
    if incoming in stored.split(NOTE_JOIN):  # imported before: nothing new
        return stored
    return stored + NOTE_JOIN + incoming


NOTE_JOIN = "\n\n— imported —\n"


class Annotations:
    def __init__(self, connection: StoreConnection) -> None:
        self.connection = connection

    # -- reading ---------------------------------------------------------------------------
    def get(self, subject: Subject) -> Annotation:
        """The annotation on `subject` (an empty one when there is none)."""
        return self.get_many((subject,)).get(subject) or Annotation(subject)

    def get_many(self, subjects: Sequence[Subject]) -> dict[Subject, Annotation]:
        """The annotations of those of `subjects` that have one, in one query per 200."""
        found: dict[Subject, Annotation] = {}
        wanted = list(dict.fromkeys(subjects))
        for start in range(0, len(wanted), 200):
            chunk = wanted[start : start + 200]
            where = " OR ".join("(kind = ? AND expo = ? AND ref = ?)" for _ in chunk)
            params = [v for s in chunk for v in (s.kind, s.expo, s.ref)]
            rows = self.connection.read(f"SELECT * FROM annotations WHERE {where}", params)
            for annotation in self._annotations(rows):
                found[annotation.subject] = annotation
        return found

    def starred_refs(self, kind: str, expo: str = "") -> set[str]:
        """The refs of every starred subject of `kind` (of `expo`, for events, delegations):
        what marks the rows of a list with a star."""
        rows = self.connection.conn_rows(
            "SELECT ref FROM annotations WHERE starred = 1 AND kind = ? AND expo = ?",
            (kind, expo),
        )
        return {r[0] for r in rows}

    def starred(
        self,
        kind: str | None = None,
        *,
        tag: str | None = None,
        starred_only: bool = True,
        limit: int = 100,
        cursor: str | None = None,
    ) -> Page[AnnotatedSubject]:
        """Starred subjects (with `tag`: only those with that tag; without `starred_only`,
        annotated ones starred or not), in the order they were first annotated, paged."""
        where: list[str] = []
        params: list[object] = []
        if starred_only:
            where.append("a.starred = 1")
        if kind is not None:
            where.append("a.kind = ?")
            params.append(kind)
        if tag is not None:
            where.append("a.id IN (SELECT annotation_id FROM annotation_tags WHERE folded = ?)")
            params.append(fold(tag))
        if cursor is not None:
            parts = decode_cursor(cursor, 1)
            if parts is None or not parts[0].isdigit():
                raise DataError(f"not a cursor of this list: {cursor!r}")
            where.append("a.id > ?")
            params.append(int(parts[0]))
        clause = ("WHERE " + " AND ".join(where)) if where else ""
        rows = self.connection.read(
            f"SELECT a.* FROM annotations a {clause} ORDER BY a.id LIMIT ?",
            (*params, limit + 1),
        )
        annotations = self._annotations(rows[:limit])
        more = len(rows) > limit
        ids = [r["id"] for r in rows[:limit]]
        items = tuple(self._described(a) for a in annotations)
        return Page(items, encode_cursor(ids[-1]) if more and ids else None)

    def with_tag(self, tag: str, kind: str | None = None, *, limit: int = 100,
                 cursor: str | None = None) -> Page[AnnotatedSubject]:  # fmt: skip
        """Every subject with `tag` (case-insensitive), starred or not."""
        return self.starred(kind, tag=tag, starred_only=False, limit=limit, cursor=cursor)

    def tags(self) -> tuple[tuple[str, int], ...]:
        """Every tag (its first spelling) with how many subjects have it, by name."""
        rows = self.connection.conn_rows(
            "SELECT min(tag), count(*) FROM annotation_tags GROUP BY folded ORDER BY folded"
        )
        return tuple((r[0], r[1]) for r in rows)

    def search(self, text: str, *, limit: int = 50) -> tuple[AnnotatedSubject, ...]:
        """Subjects whose note or tags match `text` (FTS5, words as search.py makes them)."""
        for expression in forgiving_expressions(text):
            rows = self.connection.read(
                "SELECT a.* FROM annotations a WHERE a.id IN (SELECT rowid FROM "
                "annotation_search WHERE annotation_search MATCH ? LIMIT ?) "
                "ORDER BY a.id LIMIT ?",
                (expression, MAX_SEARCH_ROWS, limit),
            )
            if rows:
                return tuple(self._described(a) for a in self._annotations(rows))
        return ()

    def matching_country_codes(self, expression: str) -> set[str]:
        """The countries of the subjects whose note or tags match the FTS5 `expression`: a
        country, a delegation's country, a person's, an event's parties' (all by index)."""
        rows = self.connection.conn_rows(
            "WITH hit AS (SELECT kind, expo, ref FROM annotations WHERE id IN "
            "(SELECT rowid FROM annotation_search WHERE annotation_search MATCH ? LIMIT ?)) "
            "SELECT ref FROM hit WHERE kind IN ('country', 'delegation') "
            "UNION SELECT p.country_code FROM hit JOIN people p ON p.key = hit.ref "
            "WHERE hit.kind = 'person' AND p.country_code IS NOT NULL "
            "UNION SELECT ec.country_code FROM hit JOIN expos x ON x.slug = hit.expo "
            "JOIN events e ON e.expo_id = x.id AND e.key = hit.ref "
            "JOIN event_countries ec ON ec.event_id = e.id WHERE hit.kind = 'event'",
            (expression, MAX_SEARCH_ROWS),
        )
        return {r[0] for r in rows}

    def iter_all(self, expo: str | None = None) -> Iterator[Annotation]:
        """Every annotation (with `expo`: those on no expo in particular and that expo's),
        in id order, a page at a time."""
        last = 0
        while True:
            where = "id > ?" + (" AND expo IN ('', ?)" if expo is not None else "")
            params: tuple[object, ...] = (last, expo) if expo is not None else (last,)
            rows = self.connection.read(
                f"SELECT * FROM annotations WHERE {where} ORDER BY id LIMIT 500", params
            )
            if not rows:
                return
            yield from self._annotations(rows)
            last = rows[-1]["id"]

    # -- writing ---------------------------------------------------------------------------
    def set_star(self, subject: Subject, starred: bool) -> Annotation:
        current = self.get(check_subject(subject))
        return self._write(replace(current, starred=bool(starred)))

    def toggle_star(self, subject: Subject) -> Annotation:
        """Star `subject`, or unstar it if it is starred (read and written in one transaction)."""
        with self.connection.transaction():
            current = self.get(check_subject(subject))
            return self._write(replace(current, starred=not current.starred))

    def set_note(self, subject: Subject, note: str) -> Annotation:
        current = self.get(check_subject(subject))
        return self._write(replace(current, note=check_note(note)))

    def set_tags(self, subject: Subject, tags: Iterable[str]) -> Annotation:
        current = self.get(check_subject(subject))
        return self._write(replace(current, tags=clean_tags(tags)))

    def merge(self, incoming: Iterable[Annotation]) -> MergeCounts:
        """Import annotations (docs/formats.md): a star in the file is set, a note joins the
        store's by merged_note (never lost), tags are the union. One transaction."""
        added = changed = unchanged = 0
        with self.connection.transaction():
            for new in incoming:
                current = self.get(check_subject(new.subject))
                merged = replace(
                    current,
                    starred=current.starred or new.starred,
                    note=check_note(merged_note(current.note, check_note(new.note))),
                    tags=clean_tags((*current.tags, *new.tags)),
                )
                if merged == current:
                    unchanged += 1
                    continue
                added, changed = (added + 1, changed) if current.empty else (added, changed + 1)
                self._write(merged)
        return MergeCounts(added, changed, unchanged)

    def _write(self, annotation: Annotation) -> Annotation:
        """Write `annotation` whole (or delete it, when it is empty): one transaction."""
        s = annotation.subject
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        with self.connection.transaction() as conn:
            row = conn.execute(
                "SELECT id FROM annotations WHERE kind = ? AND expo = ? AND ref = ?",
                (s.kind, s.expo, s.ref),
            ).fetchone()
            if row is not None:
                conn.execute("DELETE FROM annotation_tags WHERE annotation_id = ?", (row[0],))
                conn.execute("DELETE FROM annotation_search WHERE rowid = ?", (row[0],))
            if annotation.empty:
                if row is not None:
                    conn.execute("DELETE FROM annotations WHERE id = ?", (row[0],))
                return Annotation(s)
            if row is None:
                ident = conn.execute(
                    "INSERT INTO annotations (kind, expo, ref, starred, note, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (s.kind, s.expo, s.ref, int(annotation.starred), annotation.note, now),
                ).lastrowid
            else:
                ident = row[0]
                conn.execute(
                    "UPDATE annotations SET starred = ?, note = ?, updated_at = ? WHERE id = ?",
                    (int(annotation.starred), annotation.note, now, ident),
                )
            conn.executemany(
                "INSERT INTO annotation_tags (annotation_id, folded, tag) VALUES (?, ?, ?)",
                [(ident, fold(t), t) for t in annotation.tags],
            )
            text = " | ".join((*annotation.tags, annotation.note)).strip(" |")
            if text:
                conn.execute(
                    "INSERT INTO annotation_search (rowid, text) VALUES (?, ?)", (ident, text)
                )
        return replace(annotation, updated_at=now)

    # -- rows ------------------------------------------------------------------------------
    def _annotations(self, rows: Sequence[object]) -> list[Annotation]:
        ids = [r["id"] for r in rows]  # type: ignore[index]
        tags: dict[int, list[str]] = {}
        if ids:
            found = self.connection.conn_rows(
                "SELECT annotation_id, tag FROM annotation_tags WHERE annotation_id IN "
                f"({', '.join('?' * len(ids))}) ORDER BY annotation_id, folded",
                ids,
            )
            for ident, tag in found:
                tags.setdefault(ident, []).append(tag)
        return [
            Annotation(
                Subject(r["kind"], r["expo"], r["ref"]),  # type: ignore[index]
                bool(r["starred"]),  # type: ignore[index]
                r["note"],  # type: ignore[index]
                tuple(tags.get(r["id"], ())),  # type: ignore[index]
                r["updated_at"],  # type: ignore[index]
            )
            for r in rows
        ]

    def _described(self, annotation: Annotation) -> AnnotatedSubject:
        """What the subject is called and whether it is in the store (a few indexed reads)."""
        s, read = annotation.subject, self.connection.read_one
        if s.kind in ("country", "delegation"):
            row = read("SELECT name FROM countries WHERE code = ?", (s.ref,))
            expo = read("SELECT id FROM expos WHERE slug = ?", (s.expo,)) if s.expo else None
            present = row is not None and (s.kind == "country" or expo is not None)
            if s.kind == "delegation" and present and expo is not None:
                present = (
                    read(
                        "SELECT 1 FROM delegations WHERE expo_id = ? AND country_code = ?",
                        (expo[0], s.ref),
                    )
                    is not None
                )
            label = row["name"] if row else s.ref
            if s.kind == "delegation":
                label = f"{label} delegation"
            return AnnotatedSubject(annotation, label, present, s.ref,
                                    expo_id=expo[0] if expo else None)  # fmt: skip
        if s.kind == "person":
            row = read("SELECT name, country_code FROM people WHERE key = ?", (s.ref,))
            if row is None:
                return AnnotatedSubject(annotation, s.ref, False)
            return AnnotatedSubject(annotation, row["name"], True, row["country_code"])
        row = read(
            "SELECT e.id, e.title, e.date, e.expo_id FROM events e JOIN expos x "
            "ON x.id = e.expo_id WHERE x.slug = ? AND e.key = ?",
            (s.expo, s.ref),
        )
        if row is None:
            return AnnotatedSubject(annotation, f"{s.ref} ({s.expo})", False)
        return AnnotatedSubject(
            annotation, row["title"], True, None, row["id"], row["date"], row["expo_id"]
        )
