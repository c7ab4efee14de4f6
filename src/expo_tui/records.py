"""Plain records exchanged between readers (ingest), the store's writer and writers (export).

They describe one expo as a bundle of facts with natural keys (expo slug, event key, person key,
source URL), so importing the same bundle twice changes nothing and a changed bundle updates in
place. Nothing here touches SQLite, files or the UI.

A value a reader did not find in its file is None (or an empty tuple). A value it had to put
in all the same (an expo's dates spanned from a CSV's rows, an event's kind "other" when the
file names none) is named in the record's `assumed`: it is written for a record new to the
store, and never replaces what the store already holds (see merge.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store.annotations import Annotation

EVENT_KINDS = (
    "opening",
    "closing",
    "bilateral_meeting",
    "courtesy_call",
    "mou_signing",
    "pavilion_visit",
    "forum_session",
    "launch",
    "public_day",
    "other",
)
EVENT_STATUSES = ("happened", "planned", "unconfirmed")
PARTICIPANT_ROLES = ("host", "guest", "signatory", "speaker", "attendee")
PERSON_KINDS = ("person", "group")

# What a record may plausibly hold. A file that breaks these is refused, never stored: a
# placeholder date (31/12/9999) would make an expo span millions of days, and an order past
# what a sort key spells (or SQLite's 64 bits) is a broken file, not a chain of meetings.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)
MAX_EXPO_DAYS = 366  # a show that lasts longer than a year is a typo in its dates
MAX_ORDER = 9999  # positions in one host's chain of meetings on one day
SLUG_RE = re.compile(
    r"[^\W_][\w.-]{0,119}"
)  # letters, digits, "_", "-", "."; typed on command lines


def date_problem(value: dt.date) -> str | None:
    """Why `value` cannot be an expo's or an event's date, or None when it can."""
    if value < EARLIEST_DATE:
        return f"{value.isoformat()} is before {EARLIEST_DATE.year}, not a plausible expo date"
    if value > LATEST_DATE:
        return f"{value.isoformat()} is after {LATEST_DATE.year}, not a plausible expo date"
    return None


def span_problem(start: dt.date, end: dt.date) -> str | None:
    """Why an expo cannot run from `start` to `end`, or None when it can."""
    if end < start:
        return "the expo ends before it starts"
    days = (end - start).days + 1
    if days > MAX_EXPO_DAYS:
        return (
            f"{start.isoformat()} to {end.isoformat()} is {days:,} days; an expo lasts at "
            f"most {MAX_EXPO_DAYS} (check the dates)"
        )
    return None


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot name an expo, or None when it can."""
    if SLUG_RE.fullmatch(slug) is None:
        return (
            f"{slug[:60]!r} is not a slug: up to 120 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit"
        )
    return None


def order_problem(order: int) -> str | None:
    """Why `order` cannot be a position in a chain of meetings, or None when it can."""
    if not 1 <= order <= MAX_ORDER:
        shown = str(order) if abs(order) < 10**12 else "a number that long"  # no 5,000 digits
        return f"{shown} is not a position from 1 to {MAX_ORDER}"
    return None


def iso_text(value: dt.date | dt.time | None) -> str | None:
    """A date as ISO 8601 ("2025-06-12"), a time as "HH:MM": how the store and the project's
    JSON format write them, so both always agree."""
    if value is None:
        return None
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class SourceRecord:
    """A published page (`kind` "url", keyed by its URL), or the user's own observation
    (`kind` "observation", keyed by an `observation:` identifier made from who observed and
    when: see observations.py; it has no publisher, title or language)."""

    url: str
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None
    kind: str = "url"
    observer: str | None = None  # who observed, for an observation
    observed: dt.date | None = None  # the day observed
    observed_time: dt.time | None = None  # and the clock time, when noted


NOTHING_ASSUMED: frozenset[str] = frozenset()


def _assumed() -> frozenset[str]:
    # Left out of comparisons: two records saying the same are equal whoever guessed what.
    return field(default=NOTHING_ASSUMED, compare=False, repr=False)


@dataclass(frozen=True)
class PersonRecord:
    key: str
    name: str
    kind: str = "person"
    variants: tuple[str, ...] = ()
    rank: str | None = None
    position: str | None = None
    organization: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    assumed: frozenset[str] = _assumed()


@dataclass(frozen=True)
class ParticipantRecord:
    person: str  # PersonRecord.key
    role: str
    position: str | None = None  # position held at this event, when it differs
    note: str | None = None
    assumed: frozenset[str] = _assumed()


@dataclass(frozen=True)
class EventRecord:
    key: str
    title: str
    kind: str = "other"
    status: str = "happened"
    date: dt.date | None = None
    date_from: dt.date | None = None  # bounds when no day was reported
    date_to: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    order: int | None = None  # position within one host's chain that day
    order_scope: str | None = None  # whose chain the order belongs to
    location: str | None = None  # where: a room, hall or stand
    track: str | None = None  # the programme strand a schedule files it under ("Security")
    summary: str | None = None
    notes: str | None = None
    participants: tuple[ParticipantRecord, ...] = ()
    sources: tuple[str, ...] = ()  # URLs
    assumed: frozenset[str] = _assumed()


@dataclass(frozen=True)
class MemberRecord:
    name: str
    role: str | None = None
    person: str | None = None  # PersonRecord.key when the member is a known person


@dataclass(frozen=True)
class DelegationRecord:
    country: str  # alpha-3
    kind: str | None = None
    head: str | None = None  # PersonRecord.key
    members: tuple[MemberRecord, ...] = ()
    notes: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExhibitorRecord:
    name: str
    country: str | None = None
    kind: str | None = None
    notes: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class FigureRecord:
    key: str
    metric: str
    value: str
    number: float | None = None
    unit: str | None = None
    note: str | None = None
    sources: tuple[str, ...] = ()
    event: str | None = None  # EventRecord.key of the event the figure is about (a signing)


@dataclass(frozen=True)
class ExpoRecord:
    slug: str
    name: str
    start_date: dt.date
    end_date: dt.date
    timezone: str
    short_name: str | None = None
    edition: str | None = None
    venue: str | None = None
    city: str | None = None
    country: str | None = None
    organizer: str | None = None
    theme: str | None = None
    notes: str | None = None
    sources: tuple[str, ...] = ()
    # When a schedule day ends on the clock (frab's day_change, e.g. 04:00): an event at 00:30
    # listed under a day keeps that day's date and sorts after its evening events.
    day_change: dt.time | None = None
    assumed: frozenset[str] = _assumed()


@dataclass(frozen=True)
class ExpoBundle:
    """Everything known about one expo, ready to be written in one transaction."""

    expo: ExpoRecord
    sources: tuple[SourceRecord, ...] = ()
    people: tuple[PersonRecord, ...] = ()
    events: tuple[EventRecord, ...] = ()
    delegations: tuple[DelegationRecord, ...] = ()
    exhibitors: tuple[ExhibitorRecord, ...] = ()
    figures: tuple[FigureRecord, ...] = field(default=())
    # the user's own stars, notes and tags (a JSON export's `annotations`): not facts
    annotations: tuple[Annotation, ...] = ()
