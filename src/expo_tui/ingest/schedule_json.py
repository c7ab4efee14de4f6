"""frab/pretalx `schedule.json` (the c3voc schema): the JSON twin of frab's schedule.xml.

    {"schedule": {"version": "...", "base_url": "https://...", "url": "https://...",
      "conference": {"acronym", "title", "start", "end", "time_zone_name", "rooms": [...],
        "tracks": [...], "days": [{"index": 0, "date": "2025-06-11", "day_start": "...",
          "day_end": "...", "rooms": {"Hall A": [{"guid", "id", "date", "start", "duration",
            "room", "title", "subtitle", "track", "type", "language", "abstract",
            "description", "url", "persons": [{"public_name": ...}], "links": [...]}]}}]}}}

It is read exactly as schedule.xml is (frab_format): the conference is the expo, each event
belongs to the day it is listed under, the room is the location, the track is kept, persons are
speakers, the event's url and links are sources, and an event with neither cites the schedule's
`base_url` (else its `url`), where the schedule is published. The quirks schedule_common reads
are read the same way here. Element names in messages follow the JSON path
(`days[1].rooms["Hall A"][3]`).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..records import EventRecord, ExpoBundle, ExpoRecord, ParticipantRecord, span_problem
from .common import ExpoTarget, check_text, cite_where_missing, slugify
from .errors import IngestError
from .frab_format import _Reader
from .schedule_common import day_change_of, end_time, settle_repeats
from .warnings import WarningLog


class _JsonReader(_Reader):
    """frab's reader, fed from JSON objects instead of XML elements."""

    def value(self, data: dict[str, Any], name: str, where: str) -> str | None:
        """A text field (numbers read as text: pretalx writes ids as numbers)."""
        raw = data.get(name)
        if raw is None or isinstance(raw, bool):
            return None
        if isinstance(raw, int | float):
            raw = str(raw)
        if not isinstance(raw, str):
            raise self.error(where, name, f"expected text, found {type(raw).__name__}")
        return check_text(raw, self.file, name, element=where)

    def names(self, persons: object, where: str) -> list[str | None]:
        if persons is None:
            return []
        if not isinstance(persons, list):
            raise self.error(where, "persons", f"expected a list, found {type(persons).__name__}")
        names: list[str | None] = []
        for person in persons:
            if isinstance(person, str):
                names.append(person)
            elif isinstance(person, dict):
                names.append(
                    self.value(person, "public_name", where)
                    or self.value(person, "full_public_name", where)
                    or self.value(person, "name", where)
                )
        return names

    def item(
        self, data: object, day_date: dt.date, room: str | None, where: str, acronym: str
    ) -> EventRecord:
        if not isinstance(data, dict):
            raise self.error(where, None, f"expected an event object, found {type(data).__name__}")
        title = self.value(data, "title", where)
        if not title:
            raise self.error(where, "title", "a value is required")
        start_text = self.value(data, "start", where)
        date_text = self.value(data, "date", where)
        if date_text:
            self.offsets.append(date_text)
        room = self.value(data, "room", where) or room
        guid, event_id = self.value(data, "guid", where), self.value(data, "id", where)
        key = self.key(guid, event_id, acronym, (day_date, start_text, room, title), where)
        start = None
        if start_text:
            start = self.time(start_text, where, "start")
        elif date_text:
            start = self.when(date_text, where, "date").time()
        end = end_time(day_date, start, self.duration(self.value(data, "duration", where), where))
        subtitle = self.value(data, "subtitle", where)
        abstract = self.value(data, "abstract", where)
        description = self.value(data, "description", where)
        notes = "; ".join(
            f"{label}: {value}"
            for label, value in (
                ("Type", self.value(data, "type", where)),
                ("Language", self.value(data, "language", where)),
            )
            if value
        )
        participants: list[ParticipantRecord] = []
        for name in self.names(data.get("persons"), where):
            speaker = self.speaker(name, where)
            if speaker and all(p.person != speaker.person for p in participants):
                participants.append(speaker)
        urls = [self.source(self.value(data, "url", where), title)]
        links = data.get("links")
        for link in links if isinstance(links, list) else []:
            if isinstance(link, str):
                urls.append(self.source(link))
            elif isinstance(link, dict):
                urls.append(
                    self.source(self.value(link, "url", where), self.value(link, "title", where))
                )
        return EventRecord(
            key=key,
            title=title,
            kind="forum_session",
            status="planned",
            date=day_date,
            start_time=start,
            end_time=end,
            location=room,
            track=self.value(data, "track", where),
            summary="\n\n".join(p for p in (subtitle, abstract or description) if p) or None,
            notes=notes or None,
            participants=tuple(participants),
            sources=tuple(dict.fromkeys(u for u in urls if u)),
            assumed=frozenset({"kind", "status"}),  # a schedule lists sessions, planned
        )


def _object(value: object, reader: _Reader, where: str, field: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise reader.error(where, field, f"expected an object, found {type(value).__name__}")
    return value


def _list(value: object, reader: _Reader, where: str, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise reader.error(where, field, f"expected a list, found {type(value).__name__}")
    return value


def _expo(
    conf: dict[str, Any],
    reader: _JsonReader,
    target: ExpoTarget,
    dates: list[dt.date],
    spans: list[tuple[str | None, str | None]],
) -> ExpoRecord:
    where = "schedule.conference"
    title = reader.value(conf, "title", where)
    if not title:
        raise reader.error(where, "title", "a value is required")
    acronym = reader.value(conf, "acronym", where)
    slug = target.slug or slugify(acronym or title)
    if not slug:
        raise reader.error(where, "acronym", "no acronym to use as the expo's slug; use --expo")
    start_text, end_text = reader.value(conf, "start", where), reader.value(conf, "end", where)
    start = reader.date(start_text, where, "start") if start_text else min(dates, default=None)
    end = reader.date(end_text, where, "end") if end_text else max(dates, default=None)
    if start is None or end is None:
        raise reader.error(where, "start", "the conference has no start date and no days")
    if end < start:
        raise reader.error(where, "end", "the conference ends before it starts")
    if problem := span_problem(start, end):
        raise reader.error(where, "end", problem)
    timezone = _timezone(conf, reader, target, slug, where)
    # What the schedule does not say is assumed: it makes a new expo, and never replaces what
    # the store knows of one it has (merge.py).
    assumed = set() if reader.value(conf, "time_zone_name", where) else {"timezone"}
    if not (start_text and end_text):
        assumed |= {"start_date", "end_date"}  # spanned from the days listed
    return ExpoRecord(
        slug=slug,
        name=title,
        start_date=start,
        end_date=end,
        timezone=timezone,
        short_name=acronym,
        day_change=day_change_of(reader.value(conf, "day_change", where), spans),
        assumed=frozenset(assumed),
    )


def _timezone(
    conf: dict[str, Any], reader: _JsonReader, target: ExpoTarget, slug: str, where: str
) -> str:
    from .schedule_common import schedule_timezone

    return schedule_timezone(
        reader.value(conf, "time_zone_name", where),
        slug,
        target,
        reader.offsets,
        reader.file,
        reader.log,
        element=where,
    )


def read_schedule_json(
    data: dict[str, Any], file: str, target: ExpoTarget, log: WarningLog
) -> ExpoBundle:
    """A parsed schedule.json as a bundle (IngestError on anything that cannot be read)."""
    reader = _JsonReader(file, log)
    schedule = _object(data.get("schedule"), reader, "document", "schedule")
    conf = _object(schedule.get("conference"), reader, "schedule", "conference")
    acronym = slugify(reader.value(conf, "acronym", "schedule.conference") or "schedule")
    events: list[EventRecord] = []
    wheres: list[str] = []
    dates: list[dt.date] = []
    spans: list[tuple[str | None, str | None]] = []
    for d_index, raw_day in enumerate(_list(conf.get("days"), reader, "conference", "days")):
        where = f"days[{d_index}]"
        day = _object(raw_day, reader, where, "days")
        day_date = reader.date(reader.value(day, "date", where), where, "date")
        dates.append(day_date)
        span = (reader.value(day, "day_start", where), reader.value(day, "day_end", where))
        spans.append(span)
        reader.offsets.extend(t for t in span if t)
        rooms = day.get("rooms") or {}
        if not isinstance(rooms, dict):
            raise reader.error(where, "rooms", "expected an object of room name to events")
        for room_name, items in rooms.items():
            room = check_text(str(room_name), file, "rooms", element=where)
            room_where = f"{where}.rooms[{json.dumps(room_name, ensure_ascii=False)[:60]}]"
            for i, item in enumerate(_list(items, reader, room_where, "rooms")):
                item_where = f"{room_where}[{i}]"
                events.append(reader.item(item, day_date, room, item_where, acronym))
                wheres.append(item_where)
    if not events:
        raise IngestError(
            file, "the schedule lists no events", element="schedule.conference", field="days"
        )
    events = settle_repeats(events, wheres, file, log)
    expo = _expo(conf, reader, target, dates, spans)
    bundle = ExpoBundle(
        expo=expo,
        sources=tuple(reader.sources.values()),
        people=tuple(reader.people.values()),
        events=tuple(events),
    )
    title = reader.value(conf, "title", "schedule.conference")
    for holder, name in (
        (schedule, "base_url"),
        (conf, "base_url"),
        (schedule, "url"),
        (conf, "url"),
    ):
        url = reader.source(reader.value(holder, name, "schedule"), title)
        if url is not None:
            return cite_where_missing(bundle, reader.sources[url])
    return bundle
