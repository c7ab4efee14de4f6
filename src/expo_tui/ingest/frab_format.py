"""frab/Pentabarf `schedule.xml` (what pretalx, FOSDEM and the CCC publish), parsed with defusedxml.

    <schedule><conference>acronym, title, start, end, day_change, time_zone_name,
      base_url</conference>
      <day index="1" date="2025-06-11" start="2025-06-11T10:00:00+07:00" end="...">
        <room name="Hall A"><event guid="..." id="42"><date>...</date><start>14:00</start>
          <duration>00:45</duration><title/><subtitle/><track/><type/><abstract/>
          <description/><url/><persons><person id="7">Name</person></persons>
          <links><link href="https://...">text</link></links></event></room></day>
    </schedule>

The conference is the expo (acronym as slug unless --expo names one); each event belongs to the
day it is listed under, as the schedule says: a talk at 00:30 inside day 1 (whose `end` is 04:00
the next morning, or before the conference's `day_change`) keeps day 1's date and the start time
00:30. Durations become end times; persons are speakers; the event URL and links are sources,
and an event with neither cites the conference's <base_url>, where the schedule is published.
XML with a DTD's entities (billion laughs) or external entities is refused, never expanded.
Quirks of real schedules (ISO 8601 durations, ids listed twice or missing, speakers written as
`<person><public_name>` or as `<person>` straight under the event, no time_zone_name) are read
as `schedule_common` says and reported to the WarningLog.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..records import (
    EventRecord,
    ExpoBundle,
    ExpoRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
    span_problem,
)
from ..sanitize import is_web_url
from .common import (
    ExpoTarget,
    check_date,
    check_text,
    cite_where_missing,
    person_key,
    read_bytes,
    slugify,
)
from .dates import DateParseError, parse_time, parse_when
from .errors import IngestError
from .schedule_common import (
    day_change_of,
    end_time,
    key_without_id,
    parse_duration,
    schedule_timezone,
    settle_repeats,
)
from .warnings import WarningLog


def _child_text(element: Any, name: str) -> str | None:
    child = element.find(name)
    if child is None or child.text is None:
        return None
    return child.text.strip() or None


class _Reader:
    def __init__(self, file: str, log: WarningLog | None = None) -> None:
        self.file = file
        self.log = log if log is not None else WarningLog()
        self.people: dict[str, PersonRecord] = {}
        self.sources: dict[str, SourceRecord] = {}
        self.offsets: list[str] = []  # date-times the schedule wrote, for their UTC offset

    def error(self, element: str, field: str | None, problem: str) -> IngestError:
        return IngestError(self.file, problem, element=element, field=field)

    def text(self, element: Any, name: str, where: str, *, required: bool = False) -> str | None:
        value = check_text(_child_text(element, name), self.file, name, element=where)
        if required and not value:
            raise self.error(where, name, "a value is required")
        return value

    def date(self, text: str | None, where: str, field: str) -> dt.date:
        if not text:
            raise self.error(where, field, "a date is required")
        try:
            day = parse_when(text).date
        except DateParseError as error:
            raise self.error(where, field, str(error)) from None
        return check_date(day, self.file, field, element=where)

    def when(self, text: str, where: str, field: str) -> dt.datetime:
        try:
            parsed = parse_when(text)
        except DateParseError as error:
            raise self.error(where, field, str(error)) from None
        return dt.datetime.combine(parsed.date, parsed.time or dt.time(0), tzinfo=parsed.tzinfo)

    def time(self, text: str, where: str, field: str) -> dt.time:
        try:
            return parse_time(text)
        except DateParseError as error:
            raise self.error(where, field, str(error)) from None

    def duration(self, text: str | None, where: str) -> dt.timedelta | None:
        return parse_duration(text, self.file, where, self.log)

    def key(
        self,
        guid: str | None,
        event_id: str | None,
        acronym: str,
        parts: tuple[dt.date, str | None, str | None, str],
        label: str,
    ) -> str:
        """The event's key: its guid, else acronym-id, else (warned) a hash of where it is."""
        key = check_text(guid, self.file, "guid", element=label) or (
            f"{acronym}-{event_id}" if event_id else None
        )
        if key:
            return key
        self.log.warn(
            self.file,
            "an event without a guid or id; keyed by a hash of its day, start, room and title",
            kind="no-id",
            element=label,
            field="guid",
        )
        return key_without_id(acronym, *parts)

    def speaker(self, name: str | None, label: str) -> ParticipantRecord | None:
        name = check_text(name, self.file, "persons", element=label)
        if not name:
            return None
        key = person_key(name)
        # the schedule knows a speaker's name only: the store may know more (merge.py)
        self.people.setdefault(key, PersonRecord(key=key, name=name, assumed=frozenset({"kind"})))
        return ParticipantRecord(person=key, role="speaker")

    def persons(self, node: Any, label: str) -> list[str | None]:
        """Speakers' names: `<persons><person>Name</person>`, the `<person><public_name>`
        form some exporters write, or `<person>A, B</person>` straight under the event."""
        persons = node.find("persons")
        names: list[str | None] = []
        for person in persons.findall("person") if persons is not None else []:
            text = (person.text or "").strip()
            if not text:
                text = _child_text(person, "public_name") or _child_text(person, "name") or ""
                if text:
                    self.log.warn(
                        self.file,
                        "a speaker's name is in <public_name> inside <person>, not its text; "
                        "read from there",
                        kind="person-public-name",
                        element=label,
                        field="persons",
                    )
            names.append(text or None)
        for person in node.findall("person"):
            text = (person.text or "").strip()
            if not text:
                continue
            split = [n.strip() for n in re.split(r"[;,]", text) if n.strip()]
            self.log.warn(
                self.file,
                "speakers in a <person> straight under <event> (not in <persons>); read as "
                + ("the names between its commas" if len(split) > 1 else "one name"),
                kind="person-outside-persons",
                element=label,
                field="person",
            )
            names.extend(split)
        return names

    def source(self, url: str | None, title: str | None = None) -> str | None:
        if not url:
            return None
        url = url.strip()
        if not is_web_url(url) or len(url) > 4096:
            return None
        self.sources.setdefault(url, SourceRecord(url=url, title=title or None))
        return url

    def event(
        self, node: Any, day_date: dt.date, room: str | None, where: str, acronym: str
    ) -> EventRecord:
        event_id = (node.get("id") or "").strip()
        guid = (node.get("guid") or "").strip()
        label = f"{where}/event {guid or event_id or '?'}"
        title = self.text(node, "title", label, required=True)
        assert title is not None
        start_text = _child_text(node, "start")
        date_text = _child_text(node, "date")
        if date_text:
            self.offsets.append(date_text)
        key = self.key(guid, event_id, acronym, (day_date, start_text, room, title), label)
        start = None
        if start_text:
            start = self.time(start_text, label, "start")
        elif date_text:
            start = self.when(date_text, label, "date").time()
        end = end_time(day_date, start, self.duration(_child_text(node, "duration"), label))
        subtitle = self.text(node, "subtitle", label)
        abstract = self.text(node, "abstract", label)
        description = self.text(node, "description", label)
        summary = "\n\n".join(p for p in (subtitle, abstract or description) if p) or None
        notes = (
            "; ".join(
                f"{name}: {value}"
                for name, value in (
                    ("Type", self.text(node, "type", label)),
                    ("Language", self.text(node, "language", label)),
                )
                if value
            )
            or None
        )
        participants: list[ParticipantRecord] = []
        for name in self.persons(node, label):
            speaker = self.speaker(name, label)
            if speaker and all(p.person != speaker.person for p in participants):
                participants.append(speaker)
        urls = [self.source(_child_text(node, "url"), title)]
        links = node.find("links")
        for link in links.findall("link") if links is not None else []:
            urls.append(self.source(link.get("href"), (link.text or "").strip()))
        return EventRecord(
            key=key,
            title=title,
            kind="forum_session",  # a schedule lists sessions, planned: assumed, not said
            status="planned",
            date=day_date,
            start_time=start,
            end_time=end,
            location=room,
            track=self.text(node, "track", label),
            summary=summary,
            notes=notes,
            participants=tuple(participants),
            sources=tuple(dict.fromkeys(u for u in urls if u)),
            assumed=frozenset({"kind", "status"}),
        )


def _parse(data: bytes, file: str) -> Any:
    from xml.etree.ElementTree import ParseError

    import defusedxml
    from defusedxml import ElementTree

    try:
        return ElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except defusedxml.DTDForbidden:  # pragma: no cover - forbid_dtd is off
        raise IngestError(file, "declares a DTD, which expo-tui does not read") from None
    except defusedxml.EntitiesForbidden as error:
        raise IngestError(
            file,
            f"declares the XML entity {error.name!r}; entity declarations are refused "
            "(they can expand without bound or read other files)",
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise IngestError(file, "refers to an external entity; refused") from None
    except defusedxml.DefusedXmlException as error:
        raise IngestError(file, f"uses a refused XML feature ({error})") from None
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else None
        problem = str(error).split(":")[0]
        raise IngestError(file, f"is not well-formed XML ({problem})", line=line) from None
    except RecursionError:
        raise IngestError(file, "is nested too deeply to be a schedule") from None
    except LookupError as error:  # <?xml encoding="TF-8"?>: a codec Python does not know
        raise IngestError(file, f"declares an encoding that cannot be read ({error})") from None


def _day_change(root: Any, conf: Any) -> dt.time | None:
    """When a schedule day ends on the clock (see schedule_common.day_change_of)."""
    spans = [(day.get("start"), day.get("end")) for day in root.findall("day")]
    return day_change_of(_child_text(conf, "day_change"), spans)


def _conference(root: Any, reader: _Reader, target: ExpoTarget, dates: list[dt.date]) -> ExpoRecord:
    conf = root.find("conference")
    if conf is None:
        raise reader.error("schedule", "conference", "a frab schedule needs a <conference>")
    where = "conference"
    title = reader.text(conf, "title", where, required=True)
    acronym = reader.text(conf, "acronym", where)
    slug = target.slug or slugify(acronym or title or "")
    if not slug:
        raise reader.error(where, "acronym", "no acronym to use as the expo's slug; use --expo")
    start_text, end_text = _child_text(conf, "start"), _child_text(conf, "end")
    start = (
        reader.date(start_text, where, "start") if start_text else (min(dates) if dates else None)
    )
    end = reader.date(end_text, where, "end") if end_text else (max(dates) if dates else None)
    if start is None or end is None:
        raise reader.error(where, "start", "the conference has no start date and no days")
    if end < start:
        raise reader.error(where, "end", "the conference ends before it starts")
    if problem := span_problem(start, end):
        raise reader.error(where, "end", problem)
    zone_name = _child_text(conf, "time_zone_name")
    timezone = schedule_timezone(zone_name, slug, target, reader.offsets, reader.file, reader.log)
    # What the schedule does not say is assumed: it makes a new expo, and never replaces what
    # the store knows of one it has (merge.py).
    assumed = {"timezone"} if not zone_name else set()
    if not (start_text and end_text):
        assumed |= {"start_date", "end_date"}  # spanned from the days listed
    return ExpoRecord(
        slug=slug,
        name=title or slug,
        start_date=start,
        end_date=end,
        timezone=timezone,
        short_name=acronym,
        day_change=_day_change(root, conf),
        assumed=frozenset(assumed),
    )


def read_frab(path: Path, target: ExpoTarget, log: WarningLog | None = None) -> ExpoBundle:
    """Read a frab/Pentabarf schedule.xml into a bundle (IngestError on anything bad; quirks
    read one sensible way go to `log`)."""
    file = str(path)
    data = read_bytes(path)
    if not data.strip():
        raise IngestError(file, "is empty, not a schedule.xml", line=1)
    root = _parse(data, file)
    reader = _Reader(file, log)
    if root.tag != "schedule":
        raise reader.error(root.tag[:40], None, "the root element must be <schedule>")
    conf = root.find("conference")
    acronym = slugify((_child_text(conf, "acronym") if conf is not None else None) or "frab")
    events: list[EventRecord] = []
    wheres: list[str] = []
    dates: list[dt.date] = []
    for d_index, day in enumerate(root.findall("day"), start=1):
        where = f"day[{day.get('index') or d_index}]"
        day_date = reader.date(day.get("date"), where, "date")
        dates.append(day_date)
        reader.offsets.extend(t for t in (day.get("start"), day.get("end")) if t)
        for room in day.findall("room"):
            room_name = check_text(room.get("name"), file, "name", element=where)
            room_where = f"{where}/room {room_name!r}" if room_name else where
            for node in room.findall("event"):
                events.append(reader.event(node, day_date, room_name, room_where, acronym))
                wheres.append(f"{room_where}/event {node.get('guid') or node.get('id') or '?'}")
        for node in day.findall("event"):  # Pentabarf's older form: no <room> around events
            label = f"{where}/event {node.get('guid') or node.get('id') or '?'}"
            reader.log.warn(
                file,
                "events listed straight under <day>, not inside a <room>; each event's own "
                "<room> is its location",
                kind="event-outside-room",
                element=label,
                field="room",
            )
            room_name = check_text(_child_text(node, "room"), file, "room", element=label)
            events.append(reader.event(node, day_date, room_name, where, acronym))
            wheres.append(label)
    if not events:
        raise reader.error("schedule", "day", "the schedule lists no events")
    events = settle_repeats(events, wheres, file, reader.log)
    expo = _conference(root, reader, target, dates)
    bundle = ExpoBundle(
        expo=expo,
        sources=tuple(reader.sources.values()),
        people=tuple(reader.people.values()),
        events=tuple(events),
    )
    base_url = reader.source(
        _child_text(conf, "base_url") if conf is not None else None,
        _child_text(conf, "title") if conf is not None else None,
    )
    if base_url is not None:
        bundle = cite_where_missing(bundle, reader.sources[base_url])
    return bundle
