"""Messages that carry store results from thread workers back to the explorer screen.

Each carries the request id it answers, so the screen can drop results that are no longer
current (a thread worker cancelled by `exclusive=True` keeps running and may finish late).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from textual.message import Message

from ..store.models import (
    Country,
    CountryDetail,
    CountrySummary,
    Day,
    EventDetail,
    EventSummary,
    Expo,
    Figure,
    Page,
    Person,
    Source,
)
from .widgets.details import PreparedText


@dataclass
class ExposLoaded(Message):
    request: int
    expos: tuple[Expo, ...]


@dataclass
class DaysLoaded(Message):
    request: int
    expo_id: int
    days: tuple[Day, ...]


@dataclass
class CountriesLoaded(Message):
    request: int
    page: Page[CountrySummary]
    append: bool
    search: str


@dataclass
class EventsLoaded(Message):
    request: int
    page: Page[EventSummary]
    append: bool
    # the first event's details, read in the same worker when they will follow the highlight
    first_detail: EventDetailLoaded | None = None


@dataclass
class CountryDetailLoaded(Message):
    request: int
    code: str
    detail: CountryDetail | None
    prepared: PreparedText | None = None  # the details text, rendered in the worker
    generation: int | None = None  # the read-ahead generation it was read in (None: not kept)


@dataclass
class ReadAheadLoaded(Message):
    """A result read before it was asked for, for one of the screen's read-ahead caches (see
    read_ahead.py): `cache` names it, `entry` is a CountryRead or a DayRead."""

    cache: str
    generation: int
    key: Hashable
    entry: Any


@dataclass
class EventDetailLoaded(Message):
    request: int
    event_id: int
    detail: EventDetail | None
    prepared: PreparedText | None = None


@dataclass
class PersonLoaded(Message):
    request: int
    person: Person | None


@dataclass
class OverviewLoaded(Message):
    request: int
    expo_id: int
    host: Country | None
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
