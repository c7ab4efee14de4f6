"""The iCalendar reader's handling of whole-calendar quirks, each read one sensible way and
told to the WarningLog: text around the calendar block, a timezone named in a non-standard
place or not at all, and events that share a UID or are listed twice (see ics_format)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from dataclasses import replace
from typing import Any

from ..records import EventRecord
from .common import stable_hash
from .errors import IngestError
from .warnings import WarningLog


def _iana(name: object) -> str | None:
    """`name` if it is an IANA timezone name, else None."""
    text = str(name or "").strip()
    if not text:
        return None
    try:
        zoneinfo.ZoneInfo(text)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return text


def calendar_timezone(cal: Any, file: str, log: WarningLog) -> str | None:
    """The zone a calendar says it is in: X-WR-TIMEZONE, else its first VTIMEZONE with an IANA
    name; then, read as warnings, a VTIMEZONE written as a property instead of a component, or
    the zone most of its events' DTSTART name by TZID."""
    written = cal.get("X-WR-TIMEZONE")
    if written is not None:
        if zone := _iana(written):
            return zone
        log.warn(
            file,
            f"X-WR-TIMEZONE {str(written)[:60]!r} is not an IANA timezone name; not used",
            field="X-WR-TIMEZONE",
        )
    for tz in cal.walk("VTIMEZONE"):
        if zone := _iana(tz.get("TZID")):
            return zone
    as_property = cal.get("VTIMEZONE")
    if as_property is not None and (zone := _iana(as_property)):
        log.warn(
            file,
            f"the calendar names its timezone in a VTIMEZONE property ({zone!r}) instead of "
            "a VTIMEZONE component; taken as the calendar's timezone",
            field="VTIMEZONE",
        )
        return zone
    named = Counter(
        zone
        for ev in cal.walk("VEVENT")
        if (start := ev.get("DTSTART")) is not None
        and (zone := _iana((getattr(start, "params", None) or {}).get("TZID")))
    )
    if named:
        zone = named.most_common(1)[0][0]
        log.warn(
            file,
            f"the calendar names no timezone of its own; {zone!r}, the TZID of its events' "
            "start times, is taken as the new expo's timezone",
            field="DTSTART;TZID",
        )
        return zone
    return None


def _start_moment(ev: Any) -> object:
    """A VEVENT's DTSTART value, or None when it has none or it cannot be read (the event's
    own reading names that error, with its line)."""
    try:
        return ev["DTSTART"].dt if ev.get("DTSTART") is not None else None
    except Exception:
        return None


def without_zone(cal: Any, file: str, log: WarningLog) -> None:
    """Say what a new expo in UTC means for times the calendar gave (never silently)."""
    timed = [m for ev in cal.walk("VEVENT") if isinstance(m := _start_moment(ev), dt.datetime)]
    if any(m.tzinfo is not None for m in timed):
        log.warn(
            file,
            "the calendar names no timezone and its times are in UTC: the new expo's timezone "
            "is UTC, so times are shown in UTC (name the local zone with --timezone)",
            field="DTSTART",
        )
    elif timed:
        log.warn(
            file,
            "the calendar names no timezone and its times carry none: they are kept as "
            "written and the new expo's timezone is UTC (name the real one with --timezone)",
            field="DTSTART",
        )


def keyed_apart(
    events: list[EventRecord], wheres: list[tuple[int | None, str]], file: str, log: WarningLog
) -> list[EventRecord]:
    """Events with their keys made unique: an event listed twice is imported once, and events
    that share a UID but differ are each kept, keyed by the UID plus a hash of their date,
    time and title (stable when the file is imported again)."""
    by_key: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        by_key.setdefault(event.key, []).append(i)
    dropped: set[int] = set()
    keys: dict[int, str] = {}
    for key, indices in by_key.items():
        if len(indices) < 2:
            continue
        distinct: list[int] = []
        for i in indices:
            if any(events[i] == events[j] for j in distinct):
                dropped.add(i)
                log.warn(
                    file,
                    f"event {key[:60]!r} is listed twice, identically; imported once",
                    kind="same-event-twice",
                    line=wheres[i][0],
                    element=wheres[i][1],
                    field="UID",
                )
            else:
                distinct.append(i)
        if len(distinct) < 2:
            continue
        log.warn(
            file,
            f"UID {key[:60]!r} is shared by {len(distinct)} different events; each is kept, "
            "keyed by the UID and a hash of its date, time and title",
            kind="shared-uid",
            line=wheres[distinct[1]][0],
            element=wheres[distinct[1]][1],
            field="UID",
        )
        taken: set[str] = set()
        for i in distinct:
            e = events[i]
            new = f"{key}#{stable_hash(e.date, e.start_time, e.title)[:8]}"
            if new in taken or new in by_key:
                new = f"{key}#{stable_hash(e.date, e.start_time, e.title, e.location, i)[:8]}"
            taken.add(new)
            keys[i] = new
    return [
        replace(e, key=keys[i]) if i in keys else e
        for i, e in enumerate(events)
        if i not in dropped
    ]


def calendar_block(
    text: str, lines: list[str], first: int, file: str, log: WarningLog
) -> tuple[str, list[str]]:
    """The file's text from BEGIN:VCALENDAR to END:VCALENDAR. A few lines of other text around
    the block (a web page's `<!--` and `-->` around a calendar it serves) are left out, with a
    warning; a file that does not start with a calendar within them is not one."""
    begin = next(
        (
            i
            for i, line in enumerate(lines[: first + 5])
            if line.strip().upper() == "BEGIN:VCALENDAR"
        ),
        None,
    )
    if begin is None:
        raise IngestError(
            file, "is not an iCalendar file (it must start with BEGIN:VCALENDAR)", line=first + 1
        )
    tail = max(len(lines) - 5, begin)
    end = next(
        (
            i
            for i in range(len(lines) - 1, tail - 1, -1)
            if lines[i].strip().upper() == "END:VCALENDAR"
        ),
        None,
    )
    if end is None:
        raise IngestError(file, "ends before END:VCALENDAR; the file is truncated", line=len(lines))
    around = [i + 1 for i in (*range(begin), *range(end + 1, len(lines))) if lines[i].strip()]
    if not around:
        return text, lines
    log.warn(
        file,
        f"text outside BEGIN:VCALENDAR … END:VCALENDAR ({lines[around[0] - 1].strip()[:40]!r}) "
        "is not part of the calendar; left out",
        line=around[0],
    )
    block = lines[begin : end + 1]
    # keep line numbers as the file has them: the lines left out become blank
    kept = [""] * begin + block
    return "\r\n".join(block) + "\r\n", kept
