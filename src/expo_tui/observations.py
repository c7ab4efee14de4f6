"""The user's own observation as a source: who saw it and when, so every fact still cites one.

Sources are keyed by their URL everywhere (records cite sources by it). An observation has no
URL, so it is keyed by a stable identifier made from the observer and the time instead, never by
a made-up web address: `observation:NAME@DATE` or `observation:NAME@DATETHH:MM`, NAME being the
observer's name folded to lower case with every run of other characters than letters and digits
made one `-` (`observation:anna-schmidt@2025-06-12T10:30`). The same observer at the same time is
the same source, so several events seen in one walk round the hall cite one observation.

Nothing here touches SQLite, files or the UI: readers, the store, the exports and the explorer
share these few functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Protocol

URL_KIND = "url"
OBSERVATION_KIND = "observation"
SOURCE_KINDS = (URL_KIND, OBSERVATION_KIND)
PREFIX = "observation:"
MAX_OBSERVER = 200  # characters of an observer's name

_NOT_NAME = re.compile(r"[\W_]+")
LABEL_START = "own observation by "
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_LABEL = re.compile(
    re.escape(LABEL_START)
    + r"(?P<observer>.+), (?P<day>\d{1,2}) (?P<month>[A-Z][a-z]+) (?P<year>\d{4})"
    + r"(?: (?P<time>[0-2]\d:[0-5]\d))?",
    re.DOTALL,
)
_NEXT_LABEL = re.compile(r";\s*(?=" + re.escape(LABEL_START) + ")")


def observer_slug(observer: str) -> str:
    """The observer's part of the identifier: lower case, runs of non-letters made one `-`."""
    folded = unicodedata.normalize("NFKC", observer).casefold()
    return _NOT_NAME.sub("-", folded).strip("-")[:80].strip("-")


def observed_text(day: dt.date, time: dt.time | None = None) -> str:
    """When, as the store and the project format write it: `2025-06-12` or `2025-06-12T10:30`."""
    return day.isoformat() if time is None else f"{day.isoformat()}T{time:%H:%M}"


def parse_observed(text: str) -> tuple[dt.date, dt.time | None]:
    """`observed_text` read back; ValueError when it is neither a date nor a date and time."""
    day_text, sep, time_text = text.partition("T")
    day = dt.date.fromisoformat(day_text) if len(day_text) == 10 else None
    if day is None:
        raise ValueError(f"{text[:40]!r} is not a date (YYYY-MM-DD) or date and time")
    if not sep:
        return day, None
    if re.fullmatch(r"[0-2][0-9]:[0-5][0-9]", time_text) is None:
        raise ValueError(f"{text[:40]!r}: the time is not HH:MM")
    return day, dt.time.fromisoformat(time_text)


def observation_id(observer: str, day: dt.date, time: dt.time | None = None) -> str:
    """The stable identifier of `observer`'s observation at `day` (and `time`)."""
    slug = observer_slug(observer)
    if not slug:
        raise ValueError("the observer's name needs a letter or a digit")
    return f"{PREFIX}{slug}@{observed_text(day, time)}"


def is_observation_id(url: str) -> bool:
    return url.startswith(PREFIX)


def observation_label(observer: str, day: dt.date | None, time: dt.time | None = None) -> str:
    """How every output shows an observation: "own observation by NAME, 12 June 2025 10:30".

    The name is given as stored; callers sanitise it for their output as they do any value.
    The month is English whatever the locale, so `parse_observation_label` reads it back."""
    when = "" if day is None else f", {day.day} {MONTHS[day.month - 1]} {day.year:04d}"
    if day is not None and time is not None:
        when += f" {time:%H:%M}"
    return f"{LABEL_START}{observer}{when}"


def parse_observation_label(text: str) -> tuple[str, dt.date, dt.time | None] | None:
    """(observer, day, time) of a label `observation_label` wrote, as a CSV or iCalendar
    export carries it; None when `text` is not one (or names no day, or an impossible one)."""
    found = _LABEL.fullmatch(text.strip())
    if found is None or found["month"] not in MONTHS:
        return None
    observer = found["observer"].strip()
    try:
        day = dt.date(int(found["year"]), MONTHS.index(found["month"]) + 1, int(found["day"]))
        time = dt.time.fromisoformat(found["time"]) if found["time"] else None
    except ValueError:
        return None
    return (observer, day, time) if observer_slug(observer) else None


def split_observation_labels(text: str) -> list[str]:
    """The labels of a cell that joins several with "; " (a name may hold a ";" itself)."""
    parts = _NEXT_LABEL.split(text.strip())
    return [part.strip() for part in parts if part.strip()]


class _Cited(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def observer(self) -> str | None: ...
    @property
    def observed(self) -> dt.date | None: ...
    @property
    def observed_time(self) -> dt.time | None: ...


def observation_of(source: _Cited) -> str | None:
    """The label of `source` (a store Source or a SourceRecord) if it is an observation."""
    if source.kind != OBSERVATION_KIND:
        return None
    return observation_label(source.observer or "someone", source.observed, source.observed_time)
