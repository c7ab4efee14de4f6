"""CSV: one event per row, with a header row naming the columns (docs/formats.md lists them).

UTF-8 with or without a BOM; `,` or `;` separated (read from the header line). Dates and times
go through dates.py, so "12 Juni 2025" and "14.30 WIB" work; a date without a time stays
date-only. Participants are written `Name (role, country); Name (country)`; countries may be any
name, code or alias the country index knows, and an unknown one is an error naming the line.

A CSV carries no expo record: the caller passes an `ExpoTarget` (`--expo`), and a new expo is
made from the slug and the dates the rows span.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from ..countries import country_info, resolve_country
from ..observations import LABEL_START, split_observation_labels
from ..records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    EventRecord,
    ExpoBundle,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from .common import (
    MAX_TEXT,
    ExpoTarget,
    check_date,
    check_order,
    check_text,
    check_url,
    decode_text,
    finish_expo,
    observation_source,
    person_key,
    read_bytes,
    stable_hash,
)
from .dates import DateParseError, ParsedWhen, parse_time, parse_when
from .errors import IngestError

COLUMNS = (
    "key",
    "date",
    "time",
    "end_time",
    "kind",
    "status",
    "title",
    "location",
    "track",
    "participants",
    "countries",
    "sources",
    "summary",
    "notes",
    "order",
    "order_scope",
    "date_from",
    "date_to",
    "observations",
)
ALIASES = {
    "id": "key",
    "uid": "key",
    "event_key": "key",
    "start_time": "time",
    "start": "time",
    "end": "end_time",
    "source": "sources",
    "source_url": "sources",
    "source_urls": "sources",
    "url": "sources",
    "urls": "sources",
    "description": "summary",
    "country": "countries",
    "people": "participants",
    "type": "kind",
    "place": "location",
    "venue": "location",
    "tanggal": "date",
    "waktu": "time",
    "judul": "title",
    "lokasi": "location",
    "room": "location",
    "strand": "track",
}
_SPLIT_LIST = re.compile(r"\s*[;\n|]\s*")
_SPLIT_URLS = re.compile(r"[\s;|]+")
_PARTICIPANT = re.compile(r"^(?P<name>.*)\((?P<details>[^()]*)\)\s*$", re.DOTALL)


def _split_participants(text: str) -> list[str]:
    """Split "A (host, X); B (Y)" on `;` or newlines outside parentheses."""
    items: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch in ";\n|" and depth <= 0:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]


def _unquote(cell: str) -> str:
    """Undo the export's formula guard: "'=x" was written for the text "=x"."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def _column_name(header: str) -> str:
    name = re.sub(r"[\s\-]+", "_", header.strip().casefold())
    return ALIASES.get(name, name)


def _delimiter(first_line: str) -> str:
    """`;` when the header has more semicolons than commas (outside quotes), else `,`."""
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


@dataclass
class _Reader:
    file: str
    target: ExpoTarget
    timezone: str
    people: dict[str, tuple[PersonRecord, int]] = field(default_factory=dict)
    sources: dict[str, SourceRecord] = field(default_factory=dict)
    keys: dict[str, int] = field(default_factory=dict)
    first_lines: dict[dt.date, int] = field(default_factory=dict)  # where each date is first
    _dates: dict[str, ParsedWhen | DateParseError] = field(default_factory=dict)
    _times: dict[str, dt.time | DateParseError] = field(default_factory=dict)

    def error(self, line: int, column: str | None, problem: str) -> IngestError:
        return IngestError(self.file, problem, line=line, field=column)

    # -- cells -----------------------------------------------------------------------------
    def _parse_when(self, text: str, line: int, column: str, year: int | None) -> ParsedWhen:
        """A date cell (with its time and zone, if it has them); each distinct text is parsed
        once per file."""
        cache_key = f"{column}\x1f{year}\x1f{text}"
        found = self._dates.get(cache_key)
        if found is None:
            try:
                found = parse_when(text, default_year=year)
            except DateParseError as error:
                found = error
            self._dates[cache_key] = found
        if isinstance(found, DateParseError):
            raise self.error(line, column, str(found))
        check_date(found.date, self.file, column, line=line)
        self.first_lines.setdefault(found.date, line)
        return found

    def _parse_time(self, text: str, line: int, column: str) -> dt.time:
        """A time cell; each distinct text is parsed once per file."""
        found = self._times.get(text)
        if found is None:
            try:
                found = parse_time(text)
            except DateParseError as error:
                found = error
            self._times[text] = found
        if isinstance(found, DateParseError):
            raise self.error(line, column, str(found))
        return found

    def when(
        self, row: dict[str, str], line: int
    ) -> tuple[dt.date | None, dt.time | None, dt.time | None]:
        year = self.target.existing.start_date.year if self.target.existing else None
        date_text, time_text, end_text = row.get("date"), row.get("time"), row.get("end_time")
        date = start = end = None
        zone = None
        if date_text:
            parsed = self._parse_when(date_text, line, "date", year)
            date, start, zone = parsed.date, parsed.time, parsed.tzinfo
        if time_text:
            if date is None:
                raise self.error(line, "time", "a time needs a date in the same row")
            start = self._parse_time(time_text, line, "time")
            zone = self._zone_of(time_text) or zone
        if end_text:
            if start is None:
                raise self.error(line, "end_time", "an end time needs a start time")
            end = self._parse_time(end_text, line, "end_time")
        if zone is not None and date is not None and start is not None:
            date, start, end = self._to_expo_zone(date, start, end, zone)
        return date, start, end

    def _zone_of(self, text: str) -> dt.tzinfo | None:
        try:
            return parse_when("2000-01-01 " + text).tzinfo
        except DateParseError:
            return None

    def _to_expo_zone(
        self, date: dt.date, start: dt.time, end: dt.time | None, zone: dt.tzinfo
    ) -> tuple[dt.date, dt.time, dt.time | None]:
        """A time written with a zone ("10.00 WITA") is moved to the expo's local time."""
        local = zoneinfo.ZoneInfo(self.timezone)
        moved = dt.datetime.combine(date, start, tzinfo=zone).astimezone(local)
        if end is not None:
            end = dt.datetime.combine(date, end, tzinfo=zone).astimezone(local).time()
        return moved.date(), moved.time().replace(tzinfo=None), end

    def choice(
        self, value: str | None, allowed: tuple[str, ...], default: str, line: int, column: str
    ) -> str:
        if not value:
            return default
        normal = re.sub(r"[\s\-]+", "_", value.strip().casefold())
        if normal not in allowed:
            raise self.error(line, column, f"{value!r} is not one of: {', '.join(allowed)}")
        return normal

    def integer(self, value: str | None, line: int, column: str) -> int | None:
        return check_order(value, self.file, column, line=line) if value else None

    def country(self, text: str, line: int, column: str) -> str:
        code = resolve_country(text)
        if code is None:
            raise self.error(line, column, f"unknown country {text.strip()!r}")
        return code

    def person(self, name: str, country: str | None, kind: str, line: int) -> str:
        key = person_key(name)
        # a group is said by the countries column; "person" is only the default
        assumed = frozenset({"kind"}) if kind == "person" else frozenset()
        record = PersonRecord(key=key, name=name, kind=kind, country=country, assumed=assumed)
        known = self.people.get(key)
        if known is None:
            self.people[key] = (record, line)
        elif known[0].country != country and country is not None:
            if known[0].country is None:
                self.people[key] = (record, known[1])
            else:
                raise self.error(
                    line,
                    "participants",
                    f"{name!r} is from {country} here but from "
                    f"{known[0].country} on line {known[1]}",
                )
        return key

    def participants(self, row: dict[str, str], line: int) -> tuple[ParticipantRecord, ...]:
        result: list[ParticipantRecord] = []
        countries: list[str] = []
        for item in _split_participants(row.get("participants") or ""):
            match = _PARTICIPANT.match(item)
            name, details = (match["name"], match["details"]) if match else (item, "")
            parts = [p.strip() for p in re.split(r"[,;]", details) if p.strip()]
            known = [
                p.casefold() in PARTICIPANT_ROLES or resolve_country(p) is not None for p in parts
            ]
            if parts and not any(known):
                # "Bofors representative(s)": the brackets are part of the name
                name, parts = item, []
            name = name.strip()
            if not name:
                raise self.error(line, "participants", f"{item[:80]!r} has no name")
            role, country = None, None
            for part in parts:
                if part.casefold() in PARTICIPANT_ROLES:
                    role = part.casefold()
                else:
                    country = self.country(part, line, "participants")
            key = self.person(name, country, "person", line)
            if role is None:  # "attendee" is the default, not what the sheet says
                result.append(ParticipantRecord(key, "attendee", assumed=frozenset({"role"})))
            else:
                result.append(ParticipantRecord(key, role))
            if country:
                countries.append(country)
        for text in _SPLIT_LIST.split(row.get("countries") or ""):
            if not text.strip():
                continue
            code = self.country(text, line, "countries")
            if code in countries:
                continue
            countries.append(code)
            info = country_info(code)
            group = f"{info.name if info else code} delegation"
            group_key = self.person(group, code, "group", line)
            result.append(ParticipantRecord(group_key, "attendee", assumed=frozenset({"role"})))
        return tuple(result)

    def source_urls(self, row: dict[str, str], line: int) -> tuple[str, ...]:
        urls = []
        for part in _SPLIT_URLS.split(row.get("sources") or ""):
            if part:
                url = check_url(part, self.file, "sources", line=line)
                self.sources.setdefault(url, SourceRecord(url=url))
                urls.append(url)
        # the user's own observations, as the export writes them: they cite, as a URL does.
        # A column of that name holding other text (remarks, say) is left alone, as any
        # column the format does not know is.
        seen_cell = (row.get("observations") or "").strip()
        if not seen_cell.startswith(LABEL_START):
            seen_cell = ""
        for label in split_observation_labels(seen_cell):
            seen = observation_source(label, self.file, "observations", line=line)
            self.sources.setdefault(seen.url, seen)
            urls.append(seen.url)
        return tuple(dict.fromkeys(urls))

    # -- rows ------------------------------------------------------------------------------
    def event(self, row: dict[str, str], line: int) -> EventRecord:
        for column, value in row.items():
            if len(value) > MAX_TEXT:
                raise self.error(
                    line, column, f"text is {len(value):,} characters, over {MAX_TEXT:,}"
                )
        title = check_text(row.get("title"), self.file, "title", line=line)
        if not title:
            raise self.error(line, "title", "a title is required")
        date, start, end = self.when(row, line)
        date_from = date_to = None
        if row.get("date_from") or row.get("date_to"):
            if date is not None:
                raise self.error(line, "date_from", "give a date or a date range, not both")
            year = self.target.existing.start_date.year if self.target.existing else None
            if not (row.get("date_from") and row.get("date_to")):
                raise self.error(
                    line,
                    "date_to" if row.get("date_from") else "date_from",
                    "a date range needs both date_from and date_to",
                )
            date_from = self._parse_when(row["date_from"], line, "date_from", year).date
            date_to = self._parse_when(row["date_to"], line, "date_to", year).date
            if date_to < date_from:
                raise self.error(line, "date_to", "the range ends before it starts")
        key = check_text(row.get("key"), self.file, "key", line=line)
        if key is None:
            key = "csv-" + stable_hash(date, start, title)
        if key in self.keys:
            raise self.error(
                line,
                "key",
                f"event {key!r} is already on line {self.keys[key]}"
                + ("" if row.get("key") else " (same date, time and title)"),
            )
        self.keys[key] = line
        return EventRecord(
            key=key,
            title=title,
            kind=self.choice(row.get("kind"), EVENT_KINDS, "other", line, "kind"),
            status=self.choice(row.get("status"), EVENT_STATUSES, "happened", line, "status"),
            date=date,
            date_from=date_from,
            date_to=date_to,
            start_time=start,
            end_time=end,
            order=self.integer(row.get("order"), line, "order"),
            order_scope=check_text(row.get("order_scope"), self.file, "order_scope", line=line),
            location=check_text(row.get("location"), self.file, "location", line=line),
            track=check_text(row.get("track"), self.file, "track", line=line),
            summary=check_text(row.get("summary"), self.file, "summary", line=line),
            notes=check_text(row.get("notes"), self.file, "notes", line=line),
            participants=self.participants(row, line),
            sources=self.source_urls(row, line),
            assumed=frozenset(c for c in ("kind", "status") if not row.get(c)),
        )


def read_csv(path: Path, target: ExpoTarget) -> ExpoBundle:
    """Read one CSV file into a bundle for the target expo (IngestError on any bad cell)."""
    file = str(path)
    text = decode_text(read_bytes(path), file)
    if not text.strip():
        raise IngestError(file, "is empty; a CSV needs a header row naming its columns", line=1)
    first_line = text.split("\n", 1)[0]
    timezone = target.existing.timezone if target.existing else (target.timezone or "UTC")
    reader = _Reader(file, target, timezone)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line), strict=True)
    events: list[EventRecord] = []
    try:
        header = next(rows)
        columns = [_column_name(h) for h in header]
        if "title" not in columns:
            raise IngestError(
                file,
                "the first row must be a header with a 'title' column "
                f"(found: {', '.join(h.strip() for h in header)[:200]})",
                line=1,
            )
        duplicated = {c for c in columns if c and columns.count(c) > 1}
        if duplicated:
            raise IngestError(file, f"the header names {sorted(duplicated)[0]!r} twice", line=1)
        line = rows.line_num + 1
        for cells in rows:
            if any(c.strip() for c in cells):
                if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                    raise IngestError(
                        file,
                        f"{len(cells)} cells, but the header has {len(columns)} columns",
                        line=line,
                    )
                row = {
                    c: _unquote(v).strip()
                    for c, v in zip(columns, cells, strict=False)
                    if c in COLUMNS and v.strip()
                }
                events.append(reader.event(row, line))
            line = rows.line_num + 1
    except csv.Error as error:
        raise IngestError(file, f"is not valid CSV ({error})", line=rows.line_num) from None
    if not events:
        raise IngestError(file, "has a header but no rows")
    dates = [d for e in events for d in (e.date, e.date_from, e.date_to) if d]
    expo = finish_expo(target, file, dates, timezone=timezone, lines=reader.first_lines)
    return ExpoBundle(
        expo=expo,
        sources=tuple(reader.sources.values()),
        people=tuple(p for p, _ in reader.people.values()),
        events=tuple(events),
    )
