"""What frab's schedule.xml and schedule.json readers share: durations, the expo's timezone,
keys for events without ids, and events a schedule lists more than once.

Each quirk here has one sensible reading, which is taken and told to the WarningLog:

- a duration in ISO 8601 (`P0Y0M0DT0H40M0.000S`, `PT40M`) instead of frab's `HH:MM`;
- no `time_zone_name`: the UTC offset the schedule's own times carry (`+02:00`) gives a fixed
  zone (`Etc/GMT-2`), and when no time carries one the times are kept as written, in UTC,
  and that is said;
- an event without a guid or id: keyed by a hash of its day, start, room and title;
- the same event listed in two rooms at the same time: one event in both rooms; the same id on
  several days (a workshop held daily): one event per day; the same id on different events:
  each kept, keyed apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from ..records import EventRecord
from .common import ExpoTarget, check_timezone, stable_hash
from .errors import IngestError
from .warnings import WarningLog

_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_ISO = re.compile(
    r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$",
    re.IGNORECASE,
)
_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)$")


def parse_duration(text: str | None, file: str, where: str, log: WarningLog) -> dt.timedelta | None:
    """A frab duration: `HH:MM`, `HH:MM:SS` or `D:HH:MM`; ISO 8601 is read with a warning. A
    number alone (pretalx's minutes in some exports) is minutes, also with a warning."""
    try:
        return _duration(text, file, where, log)
    except OverflowError:  # "999999999999:00": more days than a timedelta holds
        raise IngestError(
            file, f"{str(text)[:40]!r} is longer than any event", element=where, field="duration"
        ) from None


def _duration(text: str | None, file: str, where: str, log: WarningLog) -> dt.timedelta | None:
    if text is None or not str(text).strip():
        return None
    text = str(text).strip()
    match = _CLOCK.match(text)
    if match:
        days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
        if match.group(4) is None and match.group(1) is not None:
            # "01:30:00" is hours:minutes:seconds, not days:hours:minutes
            days, hours, minutes, seconds = 0, days, hours, minutes
        if minutes > 59 or seconds > 59:
            raise IngestError(
                file, f"{text!r} is not a duration (HH:MM)", element=where, field="duration"
            )
        return dt.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    iso = _ISO.match(text)
    if iso and text.upper() not in ("P", "PT"):
        years, months, weeks, days, hours, minutes = (int(g or 0) for g in iso.groups()[:6])
        fraction = float((iso.group(7) or "0").replace(",", "."))
        if years or months:  # a month has no fixed length: no truthful end time
            raise IngestError(
                file,
                f"{text!r} is a duration in years or months, which has no fixed length",
                element=where,
                field="duration",
            )
        duration = dt.timedelta(
            weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=fraction
        )
        log.warn(
            file,
            f"duration {text[:40]!r} is ISO 8601, not frab's HH:MM; read as {_clock(duration)}",
            kind="iso-duration",
            element=where,
            field="duration",
        )
        return duration
    if text.isdigit():
        duration = dt.timedelta(minutes=int(text))
        log.warn(
            file,
            f"duration {text!r} is a bare number; read as minutes ({_clock(duration)})",
            kind="minutes-duration",
            element=where,
            field="duration",
        )
        return duration
    raise IngestError(
        file, f"{text[:40]!r} is not a duration (HH:MM)", element=where, field="duration"
    )


def _clock(duration: dt.timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def end_time(day: dt.date, start: dt.time | None, duration: dt.timedelta | None) -> dt.time | None:
    """start + duration on the clock (wrapping past midnight), for durations under a day."""
    if start is None or duration is None or not dt.timedelta(0) < duration < dt.timedelta(days=1):
        return None
    return (dt.datetime.combine(day, start) + duration).time()


def offset_zone(offsets: Iterable[str]) -> str | None:
    """The fixed IANA zone (`Etc/GMT-2` for +02:00) of the offset most of `offsets` carry, when
    it is a whole hour (IANA has no fixed zones for the rest)."""
    counted: Counter[dt.timedelta] = Counter()
    for text in offsets:
        text = text.strip()
        if not _OFFSET.search(text):
            continue
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            continue
        offset = moment.utcoffset()
        if offset is not None:
            counted[offset] += 1
    if not counted:
        return None
    offset = counted.most_common(1)[0][0]
    hours, rest = divmod(int(offset.total_seconds()), 3600)
    if rest:
        return None
    if hours == 0:
        return "UTC"
    return f"Etc/GMT{-hours:+d}"  # POSIX signs: Etc/GMT-2 is two hours ahead of UTC


def schedule_timezone(
    named: str | None,
    slug: str,
    target: ExpoTarget,
    offsets: Iterable[str],
    file: str,
    log: WarningLog,
    *,
    element: str = "conference",
) -> str:
    """The expo's zone: the schedule's time_zone_name, else the store's expo's, else
    --timezone, else (with a warning) the offset its times carry, else UTC (said)."""
    if named:
        return check_timezone(named, file, element=element, field="time_zone_name")
    if (known := target.lookup(slug)) is not None:
        return known.timezone
    if target.timezone:
        return target.timezone
    zone = offset_zone(offsets)
    if zone is not None:
        log.warn(
            file,
            f"the schedule names no time_zone_name; its times carry the UTC offset of {zone!r}, "
            "which is taken as the new expo's timezone (name the place's zone with --timezone)",
            element=element,
            field="time_zone_name",
        )
        return zone
    log.warn(
        file,
        "the schedule names no time_zone_name and its times carry no offset: they are kept "
        "as written and the new expo's timezone is UTC (name the real one with --timezone)",
        element=element,
        field="time_zone_name",
    )
    return "UTC"


def day_change_of(
    text: str | None, spans: Iterable[tuple[str | None, str | None]]
) -> dt.time | None:
    """When a schedule day ends on the clock: the conference's day_change, else the hour at
    which the first day that runs past midnight ends (its start and end date-times). None when
    every day ends by midnight, so ordinary schedules sort by plain clock time."""
    if text:
        match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::\d{2})?", text.strip())
        if match and int(match[1]) < 24 and int(match[2]) < 60:
            changed = dt.time(int(match[1]), int(match[2]))
            return changed if changed != dt.time(0) else None
    for start, end in spans:
        try:
            begins = dt.datetime.fromisoformat(start) if start else None
            ends = dt.datetime.fromisoformat(end) if end else None
        except ValueError:
            continue
        if begins and ends and ends.date() > begins.date() and ends.time() != dt.time(0):
            return ends.time().replace(second=0, microsecond=0, tzinfo=None)
    return None


def key_without_id(
    acronym: str, day: dt.date, start: str | None, room: str | None, title: str
) -> str:
    """The key of an event the schedule gives no guid or id: stable across imports."""
    return f"{acronym}-{stable_hash(day, start, room, title)[:12]}"


def settle_repeats(
    events: list[EventRecord], wheres: list[str], file: str, log: WarningLog
) -> list[EventRecord]:
    """Events with unique keys, for schedules that list one id more than once (see module)."""
    by_key: dict[str, list[int]] = {}
    for i, event in enumerate(events):
        by_key.setdefault(event.key, []).append(i)
    merged: dict[int, EventRecord] = {}
    dropped: set[int] = set()
    for key, indices in by_key.items():
        if len(indices) < 2:
            continue
        kept: list[int] = []
        for i in indices:
            e = events[i]
            same = next(
                (
                    j
                    for j in kept
                    if (events[j].date, events[j].start_time, events[j].title)
                    == (e.date, e.start_time, e.title)
                ),
                None,
            )
            if same is None:
                kept.append(i)
                continue
            dropped.add(i)
            base = merged.get(same, events[same])
            rooms = [r for r in (base.location or "").split(" + ") if r]
            if e.location and e.location not in rooms:
                rooms.append(e.location)
            merged[same] = replace(base, location=" + ".join(rooms) or None)
            log.warn(
                file,
                f"event {key[:60]!r} is listed again at the same time"
                + (f" in room {e.location!r}" if e.location else "")
                + "; read as one event held in every room it is listed in",
                kind="same-event-two-rooms",
                element=wheres[i],
                field="guid",
            )
        if len(kept) < 2:
            continue
        dates = [events[i].date for i in kept]
        by_day = len(set(dates)) == len(dates)
        log.warn(
            file,
            f"id {key[:60]!r} is used by {len(kept)} different events"
            + (
                " on different days; each day's is kept, keyed by the id and its date"
                if by_day
                else "; each is kept, keyed by the id and a hash of its day, time and title"
            ),
            kind="shared-id-days" if by_day else "shared-id",
            element=wheres[kept[1]],
            field="guid",
        )
        for i in kept:
            e = merged.get(i, events[i])
            suffix = (
                e.date.isoformat()
                if by_day and e.date
                else stable_hash(e.date, e.start_time, e.title, e.location)[:8]
            )
            merged[i] = replace(e, key=f"{key}#{suffix}")
    return [merged.get(i, e) for i, e in enumerate(events) if i not in dropped]
