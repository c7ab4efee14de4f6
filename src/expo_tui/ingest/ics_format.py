"""iCalendar (RFC 5545) files, read with the `icalendar` library: each VEVENT becomes an event.

UID is the event's key; a date-only DTSTART gives a date-only event; a DTSTART with a TZID (or in
UTC) is moved to the expo's timezone, a floating one is taken as expo-local. ATTENDEE and
ORGANIZER become participants (CN is the name, ROLE=CHAIR and ORGANIZER the host, CUTYPE=GROUP
a group); URL, ATTACH and links in DESCRIPTION become sources (an event with none cites the
calendar's own SOURCE or URL, RFC 7986, if it has one); COMMENT is the notes. The X-EXPO-TUI-* properties and
parameters that `expo-tui export --format ics` writes (kind, status, order, country, undated
ranges) are read back, so an exported calendar imports without losing them.

Quirks of real calendars with one sensible reading are read that way and reported to the
WarningLog (`ingest/warnings.py`): an unquoted comma in CN (one name), an empty SUMMARY
("(no title)"), a UID shared by several events (each kept, keyed apart), the same event twice
(imported once), a timezone named in a non-standard place or not at all (the one assumed is
said).
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from pathlib import Path
from typing import Any

from ..observations import parse_observation_label
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
from ..sanitize import is_web_url
from .common import (
    MAX_TEXT,
    ExpoTarget,
    check_date,
    check_order,
    check_text,
    cite_where_missing,
    decode_text,
    finish_expo,
    observation_source,
    person_key,
    read_bytes,
    stable_hash,
    urls_in,
)
from .errors import IngestError
from .ics_quirks import calendar_block, calendar_timezone, keyed_apart, without_zone
from .warnings import WarningLog

SOURCES_HEADING = "Sources:"
UNDATED_NOTE = "Day not reported ("  # how the export describes an undated event's span
_ICAL_ROLES = {
    "CHAIR": "host",
    "REQ-PARTICIPANT": "guest",
    "OPT-PARTICIPANT": "attendee",
    "NON-PARTICIPANT": "attendee",
}
_STATUS = {"TENTATIVE": "unconfirmed", "CANCELLED": "unconfirmed", "CONFIRMED": "happened"}
NO_TITLE = "(no title)"  # the title of a VEVENT whose SUMMARY is empty: it says nothing more
# Properties RFC 5545 allows once per VEVENT (and the X- ones the export writes once): given
# twice, the file contradicts itself, and which one is meant cannot be known.
_SINGLE = (
    "UID",
    "SUMMARY",
    "DTSTART",
    "DTEND",
    "DURATION",
    "LOCATION",
    "DESCRIPTION",
    "STATUS",
    "ORGANIZER",
    "RECURRENCE-ID",
    "X-EXPO-TUI-KEY",
    "X-EXPO-TUI-KIND",
    "X-EXPO-TUI-STATUS",
    "X-EXPO-TUI-ORDER",
    "X-EXPO-TUI-ORDER-SCOPE",
    "X-EXPO-TUI-UNDATED",
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


_ESCAPED = re.compile(r"\\([\\;,nN])")


def _x_text(value: Any) -> str | None:
    """An X- property's text: icalendar leaves unknown properties escaped (RFC 5545 3.3.11)."""
    if value is None:
        return None
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), str(value))


class _Reader:
    def __init__(self, file: str, timezone: str, log: WarningLog) -> None:
        self.file = file
        self.timezone = timezone
        self.zone = zoneinfo.ZoneInfo(timezone)
        self.log = log
        self.people: dict[str, PersonRecord] = {}
        self.sources: dict[str, SourceRecord] = {}

    def warn(self, where: tuple[int | None, str], field: str, problem: str, kind: str) -> None:
        self.log.warn(self.file, problem, kind=kind, line=where[0], element=where[1], field=field)

    def param(
        self, params: Any, name: str, where: tuple[int | None, str], field: str
    ) -> str | None:
        """One parameter's text. A value with an unquoted comma (`CN=Name One, Name Two`) is
        split into a list by the library; RFC 5545 gives CN, ROLE and CUTYPE one value, so the
        pieces are read back as the one text they were written as."""
        value = params.get(name)
        if isinstance(value, list | tuple):
            joined = ",".join(str(v) for v in value)
            self.warn(
                where,
                f"{field};{name}",
                f"{name} holds an unquoted comma; read as one value {joined.strip()[:80]!r}",
                kind=f"unquoted-comma-{name}",
            )
            return joined
        return None if value is None else str(value)

    def error(self, where: tuple[int | None, str], field: str | None, problem: str) -> IngestError:
        return IngestError(self.file, problem, line=where[0], element=where[1], field=field)

    def moment(
        self, prop: Any, where: tuple[int | None, str], field: str
    ) -> tuple[dt.date, dt.time | None]:
        value = prop.dt
        if isinstance(value, dt.datetime):
            tzid = prop.params.get("TZID") if hasattr(prop, "params") else None
            if value.tzinfo is None and tzid:
                raise self.error(
                    where,
                    field,
                    f"unknown timezone {str(tzid)[:60]!r}; add its VTIMEZONE or use an IANA name",
                )
            check_date(value.date(), self.file, field, line=where[0], element=where[1])
            if value.tzinfo is not None:
                value = value.astimezone(self.zone)
            return value.date(), value.time().replace(tzinfo=None, second=0, microsecond=0)
        if isinstance(value, dt.date):
            return check_date(value, self.file, field, line=where[0], element=where[1]), None
        raise self.error(where, field, f"expected a date or date-time, found {value!r}")

    def person(
        self, address: Any, where: tuple[int | None, str], field: str, default_role: str
    ) -> ParticipantRecord:
        params = getattr(address, "params", {}) or {}
        raw = str(address)
        name = check_text(
            self.param(params, "CN", where, field)
            or re.sub(r"^(mailto|urn:uuid):", "", raw, flags=re.I),
            self.file,
            field,
            line=where[0],
            element=where[1],
        )
        if not name:
            raise self.error(where, field, "a participant without a name (CN)")
        country = None
        country_text = self.param(params, "X-EXPO-TUI-COUNTRY", where, field)
        if country_text:
            from ..countries import resolve_country

            country = resolve_country(country_text)
            if country is None:
                raise self.error(where, field, f"unknown country {country_text[:60]!r}")
        cutype = self.param(params, "CUTYPE", where, field) or ""
        kind = "group" if cutype.upper() == "GROUP" else "person"
        key = check_text(
            self.param(params, "X-EXPO-TUI-KEY", where, field), self.file, field
        ) or person_key(name)
        if key not in self.people or (country and not self.people[key].country):
            self.people[key] = PersonRecord(
                key=key,
                name=name,
                kind=kind,
                country=country,
                assumed=frozenset() if cutype else frozenset({"kind"}),
            )
        role = (self.param(params, "X-EXPO-TUI-ROLE", where, field) or "").lower()
        said = role in PARTICIPANT_ROLES
        if not said:
            ical_role = (self.param(params, "ROLE", where, field) or "").upper()
            said = ical_role in _ICAL_ROLES or field == "ORGANIZER"  # an organiser hosts
            role = _ICAL_ROLES.get(ical_role, default_role)
        return ParticipantRecord(
            person=key, role=role, assumed=frozenset() if said else frozenset({"role"})
        )

    def source(self, url: str) -> str | None:
        url = url.strip()
        if not is_web_url(url) or len(url) > 4096:
            return None
        self.sources.setdefault(url, SourceRecord(url=url))
        return url

    def observation(self, label: str, where: tuple[int | None, str]) -> str | None:
        """The key of the own observation `label` names (as the export's Sources: block
        writes it), else None."""
        if parse_observation_label(label) is None:
            return None
        seen = observation_source(label, self.file, "DESCRIPTION", line=where[0], element=where[1])
        self.sources.setdefault(seen.url, seen)
        return seen.url

    def end_by_duration(
        self, prop: Any, date: dt.date, start: dt.time, where: tuple[int | None, str]
    ) -> tuple[dt.date, dt.time]:
        duration = prop.dt
        try:
            if not isinstance(duration, dt.timedelta):
                raise TypeError
            moment = dt.datetime.combine(date, start) + duration
        except (TypeError, OverflowError):
            raise self.error(where, "DURATION", "is not a duration this event can last") from None
        return moment.date(), moment.time()

    def event(self, ev: Any, where: tuple[int | None, str]) -> EventRecord:
        for name, problem in ev.errors:
            raise self.error(where, name, f"cannot be read ({str(problem)[:120]})")
        for name in _SINGLE:
            if isinstance(ev.get(name), list):
                raise self.error(where, name, "is given more than once; a VEVENT has one")
        title = check_text(
            _text(ev.get("SUMMARY")), self.file, "SUMMARY", line=where[0], element=where[1]
        )
        if not title:
            self.warn(
                where,
                "SUMMARY",
                f"an event without a title (SUMMARY is empty or missing); imported as {NO_TITLE!r}",
                kind="no-summary",
            )
            title = NO_TITLE
        uid = check_text(
            _x_text(ev.get("X-EXPO-TUI-KEY")) or _text(ev.get("UID")),
            self.file,
            "UID",
            line=where[0],
            element=where[1],
        )
        date = start = end = date_from = date_to = None
        if ev.get("DTSTART") is not None:
            date, start = self.moment(ev["DTSTART"], where, "DTSTART")
            if ev.get("DTEND") is not None:
                end_date, end = self.moment(ev["DTEND"], where, "DTEND")
            elif ev.get("DURATION") is not None and start is not None:
                end_date, end = self.end_by_duration(ev["DURATION"], date, start, where)
            else:
                end_date = None
            undated = str(ev.get("X-EXPO-TUI-UNDATED", "")).upper()
            if undated in ("RANGE", "NONE"):
                if undated == "RANGE":
                    date_from = date
                    date_to = (
                        (end_date - dt.timedelta(days=1))
                        if end_date and end is None
                        else (end_date or date)
                    )
                date = start = end = None
            elif start is None or end_date != date:
                end = None
        key = uid or "ics-" + stable_hash(date, start, title)
        if ev.get("RECURRENCE-ID") is not None:
            key += "#" + str(ev["RECURRENCE-ID"].to_ical().decode())
        categories = [c.strip() for c in _categories(ev) if c.strip()]
        assumed = set()  # the defaults below, when the calendar does not say
        kind = str(ev.get("X-EXPO-TUI-KIND", "")).lower()
        if kind not in EVENT_KINDS:
            kind = next((c.lower() for c in categories if c.lower() in EVENT_KINDS), "")
            if not kind:
                kind = "other"
                assumed.add("kind")
        # the track: ours, else the categories that name no kind (a calendar's own tags)
        track = _x_text(ev.get("X-EXPO-TUI-TRACK")) or ", ".join(
            c for c in categories if c.lower() not in EVENT_KINDS
        )
        status = str(ev.get("X-EXPO-TUI-STATUS", "")).lower()
        if status not in EVENT_STATUSES:
            ical_status = str(ev.get("STATUS", "")).upper()
            status = _STATUS.get(ical_status, "planned")
            if ical_status not in _STATUS:
                assumed.add("status")
        order = None
        if ev.get("X-EXPO-TUI-ORDER") is not None:
            order = check_order(
                str(ev["X-EXPO-TUI-ORDER"]),
                self.file,
                "X-EXPO-TUI-ORDER",
                line=where[0],
                element=where[1],
            )
        description = _text(ev.get("DESCRIPTION"))
        summary, cited = _split_description(description)
        if (
            summary
            and ev.get("X-EXPO-TUI-UNDATED") is not None
            and summary.startswith(UNDATED_NOTE)
        ):
            summary = summary.partition("\n\n")[2] or None
        participants: list[ParticipantRecord] = []
        if ev.get("ORGANIZER") is not None:
            participants.append(self.person(ev["ORGANIZER"], where, "ORGANIZER", "host"))
        for address in _as_list(ev.get("ATTENDEE")):
            p = self.person(address, where, "ATTENDEE", "attendee")
            if all(q.person != p.person for q in participants):
                participants.append(p)
        urls: list[str] = []
        for value in (
            *_as_list(ev.get("URL")),
            *_as_list(ev.get("ATTACH")),
            *cited,
            *urls_in(description),
        ):
            url = self.source(str(value)) or self.observation(str(value), where)
            if url and url not in urls:
                urls.append(url)
        return EventRecord(
            key=key,
            title=title,
            kind=kind,
            status=status,
            date=date,
            date_from=date_from,
            date_to=date_to,
            start_time=start,
            end_time=end,
            order=order,
            order_scope=check_text(
                _x_text(ev.get("X-EXPO-TUI-ORDER-SCOPE")), self.file, "X-EXPO-TUI-ORDER-SCOPE"
            ),
            location=check_text(
                _text(ev.get("LOCATION")), self.file, "LOCATION", line=where[0], element=where[1]
            ),
            track=check_text(track, self.file, "CATEGORIES", line=where[0], element=where[1]),
            summary=check_text(summary, self.file, "DESCRIPTION", line=where[0], element=where[1]),
            notes=check_text(
                "\n\n".join(str(c) for c in _as_list(ev.get("COMMENT"))) or None,
                self.file,
                "COMMENT",
                line=where[0],
                element=where[1],
            ),
            participants=tuple(participants),
            sources=tuple(urls),
            assumed=frozenset(assumed),
        )


def _categories(ev: Any) -> list[str]:
    found: list[str] = []
    for value in _as_list(ev.get("CATEGORIES")):
        cats = getattr(value, "cats", None)
        found.extend(str(c) for c in (cats if cats is not None else [value]))
    return found


def _split_description(text: str | None) -> tuple[str | None, list[str]]:
    """The summary, and the lines of a trailing "Sources:" block that our export writes (URLs,
    and the user's own observations by their labels)."""
    if not text:
        return None, []
    head, sep, tail = text.rpartition("\n\n" + SOURCES_HEADING + "\n")
    if not sep and text.startswith(SOURCES_HEADING + "\n"):
        head, sep, tail = "", "x", text[len(SOURCES_HEADING) + 1 :]
    if sep:
        lines = [line.strip() for line in tail.splitlines() if line.strip()]
        if lines and all(
            re.match(r"https?://\S+$", line, re.I) or parse_observation_label(line)
            for line in lines
        ):
            return head or None, lines
    return text, []


def _refuse_huge_lines(lines: list[str], file: str) -> None:
    """A content line (its folded continuations joined) longer than any value may be is
    refused before icalendar parses it: parsing 100 MB in one property takes most of a
    minute, only for the value to be refused as over MAX_TEXT afterwards."""
    start, length = 0, 0
    for number, line in enumerate(lines):
        if line[:1] in (" ", "\t"):
            length += len(line) - 1
        else:
            start, length = number, len(line)
        if length > MAX_TEXT + 1000:  # the value, its property name and parameters
            name = re.split(r"[;:]", lines[start], maxsplit=1)[0][:40]
            raise IngestError(
                file, f"a value of over {MAX_TEXT:,} characters", line=start + 1, field=name
            )


def read_ics(path: Path, target: ExpoTarget, log: WarningLog | None = None) -> ExpoBundle:
    """Read one .ics file into a bundle for the target expo (IngestError on anything bad;
    quirks read one sensible way go to `log`)."""
    import icalendar

    log = log if log is not None else WarningLog()
    file = str(path)
    text = decode_text(read_bytes(path), file)
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise IngestError(file, "is empty, not an iCalendar file", line=1)
    text, lines = calendar_block(text, lines, first, file, log)
    _refuse_huge_lines(lines, file)
    try:
        cal = icalendar.Calendar.from_ical(text)
    except RecursionError:
        raise IngestError(file, "is nested too deeply to be a calendar") from None
    except Exception as error:  # the library raises many kinds; none may become a traceback
        problem = " ".join(str(error).split())[:160] or type(error).__name__
        raise IngestError(file, f"is not valid iCalendar ({problem})") from None
    event_lines = [i + 1 for i, line in enumerate(lines) if line.strip().upper() == "BEGIN:VEVENT"]
    if target.existing is not None:
        timezone = target.existing.timezone
    elif target.timezone:
        timezone = target.timezone
    else:
        found = calendar_timezone(cal, file, log)
        if found is None:
            without_zone(cal, file, log)
        timezone = found or "UTC"
    reader = _Reader(file, timezone, log)
    events: list[EventRecord] = []
    wheres: list[tuple[int | None, str]] = []
    first_lines: dict[dt.date, int] = {}  # where each date is first written
    for n, ev in enumerate(cal.walk("VEVENT")):
        line = event_lines[n] if n < len(event_lines) else None
        uid = _text(ev.get("UID"))
        where = (line, f"VEVENT {uid[:60]!r}" if uid else f"VEVENT #{n + 1}")
        try:
            event = reader.event(ev, where)
        except IngestError:
            raise
        except Exception as error:  # a value of a shape no rule above foresaw: say where
            problem = " ".join(str(error).split())[:120]
            raise reader.error(
                where, None, f"cannot be read ({type(error).__name__}: {problem})"
            ) from None
        events.append(event)
        wheres.append(where)
        for day in (event.date, event.date_from, event.date_to):
            if day is not None and line is not None:
                first_lines.setdefault(day, line)
    if not events:
        raise IngestError(file, "holds no VEVENT to import")
    events = keyed_apart(events, wheres, file, log)
    dates = [d for e in events for d in (e.date, e.date_from, e.date_to) if d]
    name = _x_text(cal.get("X-WR-CALNAME")) or _text(cal.get("NAME"))
    expo = finish_expo(
        target,
        file,
        dates,
        timezone=timezone,
        name=check_text(name, file, "X-WR-CALNAME"),
        lines=first_lines,
    )
    bundle = ExpoBundle(
        expo=expo,
        sources=tuple(reader.sources.values()),
        people=tuple(reader.people.values()),
        events=tuple(events),
    )
    # RFC 7986: the calendar's SOURCE (where it is published) or URL, for events that link to
    # nothing of their own
    for value in (*_as_list(cal.get("SOURCE")), *_as_list(cal.get("URL"))):
        url = reader.source(str(value))
        if url is not None:
            return cite_where_missing(bundle, SourceRecord(url=url, title=name or None))
    return bundle
