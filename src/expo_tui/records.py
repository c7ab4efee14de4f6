"""Plain records exchanged between readers (ingest), the store's writer and writers (export).

They describe one expo as a bundle of facts with natural keys (expo slug, event key, person key,
source URL), so importing the same bundle twice changes nothing and a changed bundle updates in
place. Nothing here touches SQLite, files or the UI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
    url: str
    publisher: str | None = None
    title: str | None = None
    language: str | None = None
    published: dt.date | None = None


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


@dataclass(frozen=True)
class ParticipantRecord:
    person: str  # PersonRecord.key
    role: str
    position: str | None = None  # position held at this event, when it differs
    note: str | None = None


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
    location: str | None = None
    summary: str | None = None
    notes: str | None = None
    participants: tuple[ParticipantRecord, ...] = ()
    sources: tuple[str, ...] = ()  # URLs


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
