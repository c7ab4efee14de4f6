"""The project's own format: one expo as JSON, either one document or a folder of JSON Lines.

A document is `{"format": "expo-tui", "version": 1, "expo": {...}, "sources": [...],
"people": [...], "events": [...], "delegations": [...], "exhibitors": [...], "figures": [...]}`.
A folder (how `data/` keeps the shipped expo, one record per line so diffs stay readable) holds
`expo.json` plus `sources.jsonl`, `people.jsonl`, `events.jsonl`, `delegations.jsonl`,
`exhibitors.jsonl` and `figures.jsonl` with the same records. docs/formats.md describes every
field. Dates are ISO 8601 (`2025-06-12`), times `HH:MM` local to the expo's timezone.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..countries import resolve_country
from ..observations import (
    MAX_OBSERVER,
    OBSERVATION_KIND,
    SOURCE_KINDS,
    URL_KIND,
    observation_id,
    parse_observed,
)
from ..records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    PERSON_KINDS,
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
    date_problem,
    order_problem,
    slug_problem,
    span_problem,
)
from .common import check_timezone, check_url, decode_text, read_bytes
from .errors import IngestError

if TYPE_CHECKING:
    from ..store.annotations import Annotation

FORMAT_NAME = "expo-tui"
FORMAT_VERSION = 1
RECORD_FILES = ("sources", "people", "events", "delegations", "exhibitors", "figures")
MAX_TEXT = 100_000  # longer than any real title or summary; larger is a broken file
# JSON can spell what no text file of the other formats can hold: NUL ("\u0000") and a lone
# UTF-16 surrogate ("\ud800"), which no output encoding can write. Both are refused.
_UNWRITABLE = re.compile("[\x00\ud800-\udfff]")


class _Record:
    """One JSON object plus where it came from, with typed, located field accessors."""

    def __init__(self, data: object, file: str, line: int | None, element: str) -> None:
        self.file, self.line, self.element = file, line, element
        if not isinstance(data, Mapping):
            raise self.error(None, f"expected an object, found {type(data).__name__}")
        self.data: Mapping[str, Any] = data

    def error(self, field: str | None, problem: str) -> IngestError:
        return IngestError(self.file, problem, line=self.line, element=self.element, field=field)

    def text(self, field: str, *, required: bool = False) -> str | None:
        value = self.data.get(field)
        if value is None or value == "":
            if required:
                raise self.error(field, "a value is required")
            return None
        if not isinstance(value, str):
            raise self.error(field, f"expected text, found {type(value).__name__}")
        return self.checked_text(field, value)

    def checked_text(self, field: str, value: str) -> str:
        if len(value) > MAX_TEXT:
            raise self.error(field, f"text is {len(value):,} characters, over {MAX_TEXT:,}")
        if bad := _UNWRITABLE.search(value):
            what = "a NUL character" if bad.group() == "\x00" else "a lone surrogate"
            raise self.error(field, f"text holds {what} (U+{ord(bad.group()):04X}), not text")
        return value

    def url(self, field: str) -> str:
        value = self.required_text(field)
        return check_url(value, self.file, field, line=self.line, element=self.element)

    def defaulted(self, *fields: str) -> frozenset[str]:
        """Which of `fields` the record leaves out, so that their defaults are assumed."""
        return frozenset(f for f in fields if self.data.get(f) in (None, ""))

    def required_text(self, field: str) -> str:
        value = self.text(field, required=True)
        assert value is not None
        return value

    def choice(self, field: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(field) or default
        if value not in allowed:
            raise self.error(field, f"{value!r} is not one of: {', '.join(allowed)}")
        return value

    def date(self, field: str, value: object = None, *, required: bool = False) -> dt.date | None:
        value = self.data.get(field) if value is None else value
        if value is None or value == "":
            if required:
                raise self.error(field, "a date is required")
            return None
        if not isinstance(value, str):
            raise self.error(field, f"expected an ISO date, found {type(value).__name__}")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise self.error(
                field, f"{value[:40]!r} is not a valid ISO date (YYYY-MM-DD)"
            ) from None
        if problem := date_problem(day):
            raise self.error(field, problem)
        return day

    def time(self, field: str) -> dt.time | None:
        value = self.text(field)
        if value is None:
            return None
        try:
            parsed = dt.time.fromisoformat(value)
        except ValueError:
            raise self.error(field, f"{value!r} is not a valid time (HH:MM)") from None
        if parsed.tzinfo is not None:
            raise self.error(field, "times are local to the expo; leave the offset out")
        return parsed

    def integer(self, field: str) -> int | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(field, f"expected a whole number, found {str(value)[:40]!r}")
        return value

    def number(self, field: str) -> float | None:
        value = self.data.get(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(field, f"expected a number, found {value!r}")
        return float(value)

    def country(self, field: str) -> str | None:
        value = self.text(field)
        if value is None:
            return None
        code = resolve_country(value)
        if code is None:
            raise self.error(field, f"unknown country {value!r}")
        return code

    def list(self, field: str) -> list[Any]:
        value = self.data.get(field)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.error(field, f"expected a list, found {type(value).__name__}")
        return value

    def strings(self, field: str) -> tuple[str, ...]:
        items = self.list(field)
        for item in items:
            if not isinstance(item, str) or not item:
                raise self.error(field, f"expected a list of text, found {str(item)[:40]!r}")
            self.checked_text(field, item)
        return tuple(items)

    def nested(self, field: str, index: int, value: object) -> _Record:
        return _Record(value, self.file, self.line, f"{self.element}.{field}[{index}]")


def _source(r: _Record) -> SourceRecord:
    kind = r.choice("kind", SOURCE_KINDS, URL_KIND)
    if kind == OBSERVATION_KIND:
        return _observation(r)
    for field in ("observer", "observed"):
        if r.data.get(field) not in (None, ""):
            raise r.error(field, 'only an observation (kind "observation") has this')
    return SourceRecord(
        url=r.url("url"),
        publisher=r.text("publisher"),
        title=r.text("title"),
        language=r.text("language"),
        published=r.date("published"),
    )


def _observation(r: _Record) -> SourceRecord:
    """The user's own observation: who and when; its `url` is the identifier those make
    (observations.py), and may be left out."""
    observer = r.required_text("observer")
    if len(observer) > MAX_OBSERVER:
        raise r.error("observer", f"a name of {len(observer):,} characters, over {MAX_OBSERVER}")
    try:
        day, time = parse_observed(r.required_text("observed"))
    except ValueError as error:
        raise r.error("observed", str(error)) from None
    if problem := date_problem(day):
        raise r.error("observed", problem)
    try:
        key = observation_id(observer, day, time)
    except ValueError as error:
        raise r.error("observer", str(error)) from None
    given = r.text("url")
    if given is not None and given != key:
        raise r.error("url", f"an observation by them then is keyed {key!r}, not {given[:80]!r}")
    for field in ("publisher", "title", "language", "published"):
        if r.data.get(field) not in (None, ""):
            raise r.error(field, "an observation has no publisher, title, language or date")
    return SourceRecord(
        url=key, kind=OBSERVATION_KIND, observer=observer, observed=day, observed_time=time
    )


def _person(r: _Record) -> PersonRecord:
    return PersonRecord(
        key=r.required_text("key"),
        name=r.required_text("name"),
        kind=r.choice("kind", PERSON_KINDS, "person"),
        variants=r.strings("variants"),
        rank=r.text("rank"),
        position=r.text("position"),
        organization=r.text("organization"),
        country=r.country("country"),
        assumed=r.defaulted("kind"),
    )


def _event(r: _Record) -> EventRecord:
    date_range = r.list("date_range")
    if date_range and len(date_range) != 2:
        raise r.error("date_range", "expected [first possible day, last possible day]")
    date_from = r.date("date_range", date_range[0]) if date_range else None
    date_to = r.date("date_range", date_range[1]) if date_range else None
    participants = []
    for i, item in enumerate(r.list("participants")):
        p = r.nested("participants", i, item)
        participants.append(
            ParticipantRecord(
                person=p.required_text("person"),
                role=p.choice("role", PARTICIPANT_ROLES),
                position=p.text("position"),
                note=p.text("note"),
            )
        )
    order = r.integer("order")
    if order is not None and (problem := order_problem(order)):
        raise r.error("order", problem)
    date = r.date("date")
    if date is not None and date_range:
        raise r.error("date_range", "give a date or a date range, not both")
    if date_from is not None and date_to is not None and date_to < date_from:
        raise r.error("date_range", "the range ends before it starts")
    start_time, end_time = r.time("start_time"), r.time("end_time")
    if end_time is not None and start_time is None:
        raise r.error("end_time", "an end time needs a start time")
    return EventRecord(
        key=r.required_text("key"),
        title=r.required_text("title"),
        kind=r.choice("kind", EVENT_KINDS, "other"),
        status=r.choice("status", EVENT_STATUSES, "happened"),
        date=date,
        date_from=date_from,
        date_to=date_to,
        start_time=start_time,
        end_time=end_time,
        order=order,
        order_scope=r.text("order_scope"),
        location=r.text("location"),
        track=r.text("track"),
        summary=r.text("summary"),
        notes=r.text("notes"),
        participants=tuple(participants),
        sources=r.strings("sources"),
        assumed=r.defaulted("kind", "status"),
    )


def _delegation(r: _Record) -> DelegationRecord:
    members = []
    for i, item in enumerate(r.list("members")):
        m = r.nested("members", i, item)
        members.append(
            MemberRecord(name=m.required_text("name"), role=m.text("role"), person=m.text("person"))
        )
    country = r.country("country")
    if country is None:
        raise r.error("country", "a delegation needs its country")
    return DelegationRecord(
        country=country,
        kind=r.text("kind"),
        head=r.text("head"),
        members=tuple(members),
        notes=r.text("notes"),
        sources=r.strings("sources"),
    )


def _exhibitor(r: _Record) -> ExhibitorRecord:
    return ExhibitorRecord(
        name=r.required_text("name"),
        country=r.country("country"),
        kind=r.text("kind"),
        notes=r.text("notes"),
        sources=r.strings("sources"),
    )


def _figure(r: _Record) -> FigureRecord:
    value = r.data.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value:
        raise r.error("value", "a value is required (text or number)")
    return FigureRecord(
        key=r.required_text("key"),
        metric=r.required_text("metric"),
        value=value,
        number=r.number("number"),
        unit=r.text("unit"),
        note=r.text("note"),
        sources=r.strings("sources"),
        event=r.text("event"),
    )


def _expo(r: _Record) -> ExpoRecord:
    timezone = check_timezone(
        r.required_text("timezone"), r.file, line=r.line, element=r.element, field="timezone"
    )
    start, end = r.date("start_date", required=True), r.date("end_date", required=True)
    assert start is not None and end is not None
    if problem := span_problem(start, end):
        raise r.error("end_date", problem)
    slug = r.required_text("slug")
    if problem := slug_problem(slug):
        raise r.error("slug", problem)
    return ExpoRecord(
        slug=slug,
        name=r.required_text("name"),
        start_date=start,
        end_date=end,
        timezone=timezone,
        short_name=r.text("short_name"),
        edition=r.text("edition"),
        venue=r.text("venue"),
        city=r.text("city"),
        country=r.country("country"),
        organizer=r.text("organizer"),
        theme=r.text("theme"),
        notes=r.text("notes"),
        sources=r.strings("sources"),
        day_change=r.time("day_change"),
    )


_READERS = {
    "sources": _source,
    "people": _person,
    "events": _event,
    "delegations": _delegation,
    "exhibitors": _exhibitor,
    "figures": _figure,
}


def _check_references(bundle: ExpoBundle, file: str) -> None:
    """Every cited URL and person key must be defined in the same bundle."""
    urls = {s.url for s in bundle.sources}
    people = {p.key for p in bundle.people}

    def need_url(url: str, where: str) -> None:
        if url not in urls:
            raise IngestError(
                file, f"source {url!r} is cited but not in sources", element=where, field="sources"
            )

    def need_person(key: str | None, where: str, field: str) -> None:
        if key is not None and key not in people:
            raise IngestError(file, f"person {key!r} is not in people", element=where, field=field)

    for url in bundle.expo.sources:
        need_url(url, "expo")
    for e in bundle.events:
        for url in e.sources:
            need_url(url, f"event {e.key}")
        for p in e.participants:
            need_person(p.person, f"event {e.key}", "participants")
    for d in bundle.delegations:
        need_person(d.head, f"delegation {d.country}", "head")
        for m in d.members:
            need_person(m.person, f"delegation {d.country}", "members")
        for url in d.sources:
            need_url(url, f"delegation {d.country}")
    for x in bundle.exhibitors:
        for url in x.sources:
            need_url(url, f"exhibitor {x.name}")
    for f in bundle.figures:
        for url in f.sources:
            need_url(url, f"figure {f.key}")


def _unique(records: list[Any], key: str, file: str, what: str) -> None:
    seen: set[object] = set()
    for i, record in enumerate(records):
        value = getattr(record, key)
        if value in seen:
            raise IngestError(file, f"duplicate {what} {value!r}", element=f"{what}[{i}]")
        seen.add(value)


def _bundle(expo: ExpoRecord, parts: dict[str, list[Any]], file: str) -> ExpoBundle:
    _unique(parts["sources"], "url", file, "sources")
    _unique(parts["people"], "key", file, "people")
    _unique(parts["events"], "key", file, "events")
    _unique(parts["delegations"], "country", file, "delegations")
    _unique(parts["exhibitors"], "name", file, "exhibitors")
    _unique(parts["figures"], "key", file, "figures")
    bundle = ExpoBundle(expo=expo, **{name: tuple(parts[name]) for name in RECORD_FILES})
    _check_references(bundle, file)
    return bundle


ANNOTATION_REFS = {"country": "country", "delegation": "country", "person": "person",
                   "event": "event"}  # fmt: skip


def _annotation(r: _Record, expo: str) -> Annotation:
    """One of the user's annotations (docs/formats.md, "annotations"): the subject by its
    stable key, a star, a note and tags. Events and delegations are the document's expo's."""
    from ..store.annotations import Annotation, Subject, check_note, check_subject, clean_tags
    from ..store.errors import DataError

    kind = r.choice("kind", tuple(ANNOTATION_REFS))
    field = ANNOTATION_REFS[kind]
    ref = r.country(field) if field == "country" else r.required_text(field)
    if ref is None:
        raise r.error(field, "a value is required")
    starred = r.data.get("starred", False)
    if not isinstance(starred, bool):
        raise r.error("starred", f"expected true or false, found {type(starred).__name__}")
    note = r.data.get("note") or ""
    if not isinstance(note, str):
        raise r.error("note", f"expected text, found {type(note).__name__}")
    tags = r.data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise r.error("tags", "expected a list of text")
    try:
        subject = check_subject(Subject(kind, expo if kind in ("event", "delegation") else "", ref))
        return Annotation(subject, starred, check_note(r.checked_text("note", note)),
                          clean_tags(r.checked_text("tags", t) for t in tags))  # fmt: skip
    except DataError as error:
        raise r.error("tags" if "tag" in str(error) else "note", str(error)) from None


def read_document(data: object, file: str) -> ExpoBundle:
    """Records from one parsed JSON document in the project's format."""
    top = _Record(data, file, None, "document")
    name, version = top.data.get("format"), top.data.get("version")
    if name != FORMAT_NAME:
        raise top.error("format", f'expected "{FORMAT_NAME}", found {name!r}')
    if version != FORMAT_VERSION:
        raise top.error(
            "version", f"this release reads version {FORMAT_VERSION}, found {version!r}"
        )
    expo = _expo(_Record(top.data.get("expo"), file, None, "expo"))
    parts: dict[str, list[Any]] = {}
    for name in RECORD_FILES:
        parts[name] = [
            _READERS[name](_Record(item, file, None, f"{name}[{i}]"))
            for i, item in enumerate(top.list(name))
        ]
    bundle = _bundle(expo, parts, file)
    notes = tuple(
        _annotation(_Record(item, file, None, f"annotations[{i}]"), expo.slug)
        for i, item in enumerate(top.list("annotations"))
    )
    return replace(bundle, annotations=notes) if notes else bundle


def _json_lines(path: Path) -> Iterator[tuple[int, object]]:
    text = _read_text(path)
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield number, _loads(line, str(path), number)


def _loads(text: str, file: str, line: int | None = None) -> object:
    """One JSON value, or an IngestError naming the line: every way json.loads can refuse
    (a syntax error, nesting too deep for the parser, a number of over 4,300 digits)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        where = line if line is not None else error.lineno
        raise IngestError(file, f"not valid JSON ({error.msg})", line=where) from None
    except RecursionError:
        raise IngestError(file, "nested too deeply to be an expo-tui file", line=line) from None
    except ValueError as error:
        raise IngestError(file, f"not valid JSON ({str(error)[:80]})", line=line) from None


def _read_text(path: Path) -> str:
    """The file's text, read and decoded as every reader does (common.read_bytes,
    common.decode_text): bounded in size, UTF-8 or refused with the line that breaks it."""
    return decode_text(read_bytes(path), str(path))


def read_folder(folder: Path) -> ExpoBundle:
    """Records from a folder of `expo.json` plus one JSON Lines file per kind of record."""
    expo_file = folder / "expo.json"
    expo_data = _loads(_read_text(expo_file), str(expo_file))
    expo = _expo(_Record(expo_data, str(expo_file), None, "expo"))
    parts: dict[str, list[Any]] = {}
    for name in RECORD_FILES:
        path = folder / f"{name}.jsonl"
        parts[name] = (
            [
                _READERS[name](_Record(data, str(path), line, name))
                for line, data in _json_lines(path)
            ]
            if path.exists()
            else []
        )
    return _bundle(expo, parts, str(folder))


def read_file(path: Path) -> ExpoBundle:
    """Records from a `.json` document or a records folder."""
    if path.is_dir():
        return read_folder(path)
    data = _loads(_read_text(path), str(path))
    return read_document(data, str(path))
