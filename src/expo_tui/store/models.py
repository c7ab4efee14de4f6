"""Typed, immutable records the store returns. Callers never see SQLite rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from operator import attrgetter
from typing import Any, Generic, TypeVar, dataclass_transform

T = TypeVar("T")
C = TypeVar("C", bound=type)


@dataclass_transform(frozen_default=True)
def record(cls: C) -> C:
    """`@dataclass(frozen=True)`, with `__eq__`, `__hash__` and `__repr__` shared by every
    record instead of written for each class.

    dataclass writes each method it adds as source and compiles it, six per frozen class: for
    these records, ~13 ms at every start of expo-tui (the store is opened before anything is
    shown). Only `__init__` and the frozen `__setattr__`/`__delattr__` are compiled now. The
    shared methods behave as dataclass's: equal when of the same class with equal fields, a
    hash of the fields, `Name(field=value, ...)`.
    """
    dataclass(frozen=True, eq=False, repr=False)(cls)  # adds to cls in place (no slots)
    values = attrgetter(*(f.name for f in fields(cls)), "__class__")  # a tuple, always
    names = tuple(f.name for f in fields(cls) if f.repr)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return values(self) == values(other)

    def __hash__(self: Any) -> int:
        return hash(values(self))

    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    for method in (__eq__, __hash__, __repr__):
        setattr(cls, method.__name__, method)
    return cls


UNDATED = "undated"  # Day.key of the bucket for events whose day was not reported


@record
class Page(Generic[T]):
    """One page of a list query; pass `next_cursor` back to get the following page."""

    items: tuple[T, ...]
    next_cursor: str | None = None


@record
class Expo:
    id: int
    slug: str
    name: str
    short_name: str | None
    edition: str | None
    venue: str | None
    city: str | None
    country_code: str | None
    start_date: dt.date
    end_date: dt.date
    timezone: str
    organizer: str | None
    theme: str | None
    notes: str | None
    day_change: dt.time | None = None  # a schedule day ends at this clock time (see records)

    def after_midnight(self, time: dt.time | None) -> bool:
        """Whether a time on a schedule day falls in the night after its date (00:30 on a
        day that runs to 04:00)."""
        return time is not None and self.day_change is not None and time < self.day_change

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    @property
    def span_days(self) -> int:
        """How many show days the expo has (Day 1 to Day N)."""
        return (self.end_date - self.start_date).days + 1

    def day_number(self, date: dt.date) -> int | None:
        """`date`'s number among the show days (1 for the opening day), None outside them."""
        number = (date - self.start_date).days + 1
        return number if 1 <= number <= self.span_days else None

    def day_of(self, key: str, events: int = 0) -> Day:
        """The day strip's entry for a day key (an ISO date or UNDATED): its phase and number
        follow from the expo's dates, so "Day 3" always means the third show day."""
        if key == UNDATED:
            return Day(UNDATED, None, "undated", None, events)
        date = dt.date.fromisoformat(key)
        number = self.day_number(date)
        before = date < self.start_date
        phase = "expo" if number is not None else ("pre" if before else "post")
        return Day(key, date, phase, number, events)


@record
class Day:
    """One entry of the day strip: a pre-show date, an expo day, a later date, or undated."""

    key: str  # ISO date, or UNDATED
    date: dt.date | None
    phase: str  # "pre", "expo", "post" or "undated"
    number: int | None  # 1..N for expo days
    events: int

    @property
    def label(self) -> str:
        if self.date is None:
            return "Undated"
        if self.number is not None:
            return f"Day {self.number} · {self.date:%a %d %b}"
        return f"{self.date:%a %d %b}"


@record
class Country:
    code: str  # ISO 3166-1 alpha-3
    alpha2: str
    name: str
    name_id: str
    flag: str
    aliases: tuple[str, ...] = ()


@record
class CountrySummary:
    """A country present at an expo, with how much the store holds about it there."""

    country: Country
    is_host: bool
    delegations: int
    events: int
    exhibitors: int


@record
class Source:
    id: int
    url: str  # the URL, or for an observation its `observation:` identifier
    publisher: str | None
    title: str | None
    language: str | None
    published: dt.date | None
    kind: str = "url"  # or "observation": the user's own (observations.py)
    observer: str | None = None
    observed: dt.date | None = None
    observed_time: dt.time | None = None


@record
class Person:
    id: int
    key: str
    name: str
    kind: str
    rank: str | None
    position: str | None
    organization: str | None
    country_code: str | None
    variants: tuple[str, ...] = ()


@record
class Participant:
    person: Person
    role: str
    position: str | None  # position at this event when it differs from person.position
    note: str | None


@record
class EventSummary:
    """An event as a timeline row."""

    id: int
    expo_id: int
    key: str
    date: dt.date | None
    date_from: dt.date | None
    date_to: dt.date | None
    start_time: dt.time | None
    end_time: dt.time | None
    order: int | None
    order_scope: str | None
    kind: str
    status: str
    title: str
    location: str | None  # where: a room, hall or stand
    countries: tuple[str, ...]  # alpha-3 codes, in participant order
    track: str | None = None  # the programme strand a schedule files it under
    clash: bool = False  # a participant is in another event at the same time, or elsewhere


@record
class EventDetail:
    event: EventSummary
    summary: str | None
    notes: str | None
    participants: tuple[Participant, ...]
    sources: tuple[Source, ...]


@record
class DelegationMember:
    name: str
    role: str | None
    person: Person | None


@record
class Delegation:
    id: int
    expo_id: int
    country_code: str
    kind: str | None
    head: Person | None
    members: tuple[DelegationMember, ...]
    notes: str | None
    sources: tuple[Source, ...]


@record
class Exhibitor:
    id: int
    expo_id: int
    name: str
    country_code: str | None
    kind: str | None
    notes: str | None
    sources: tuple[Source, ...]


@record
class Figure:
    id: int
    expo_id: int
    key: str
    metric: str
    value: str
    number: float | None
    unit: str | None
    note: str | None
    sources: tuple[Source, ...]
    event_id: int | None = None  # the event the figure is about (a signing's value)
    event_key: str | None = None


def figure_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Figures that count the same thing, together, in first-seen order.

    Two figures count the same thing when their keys start with the same word and they share a
    unit ("companies-opening" and "companies-closing", both in companies), so reports that
    disagree (1,180 vs 1,182 companies) sit side by side.
    """
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        stem = figure.key.split("-", 1)[0].lower()
        groups.setdefault((stem, (figure.unit or "").lower()), []).append(figure)
    return list(groups.values())


@record
class CountryDetail:
    """Everything an expo holds about one country: the details pane for a country."""

    summary: CountrySummary
    delegation: Delegation | None
    people: tuple[Person, ...]  # people of this country who took part in the expo's events
    events: tuple[EventSummary, ...]  # first page, across all days, in day order
    more_events: bool
    exhibitors: tuple[Exhibitor, ...]
    sources: tuple[Source, ...]  # every source cited by the above, once


@record
class SearchHit:
    kind: str  # "country", "person", "organization" or "event"
    ref: str  # country code, person key, organisation id or event id
    label: str
    detail: str | None
    country_code: str | None
    expo_id: int | None
    annotated: bool = False  # found by the user's own note or tags, not by the facts


@record
class Problem:
    """One finding of the integrity check."""

    check: str
    message: str
    count: int = 1  # a summary line ("… and 58 more") stands for this many findings


@record
class Facets:
    """What the timeline, the country list, the views and exports are narrowed to: event
    kinds and statuses (empty: every one) and a country group (None: any country)."""

    kinds: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    group: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.statuses or self.group)

    @property
    def narrows_events(self) -> bool:
        """Whether the kinds or statuses leave some events out."""
        return bool(self.kinds or self.statuses)


NO_FACETS = Facets()


@record
class FacetCounts:
    """How many events each facet value would show, the other facets as they are."""

    kinds: dict[str, int]
    statuses: dict[str, int]
    groups: dict[str, int]
    total: int  # events matching every facet
    group_names: dict[str, str]  # key -> display name, in the groups file's order
    country_wide: bool = False  # with a country filter: the country's counts, over all days


@record
class PairCount:
    """Events between two countries, by kind (only the kinds that occur)."""

    a: str
    b: str
    total: int
    kinds: dict[str, int]  # by kind (a matrix read without them: empty)


@record
class Matrix:
    """Countries against countries: who met (or signed with) whom, and how often."""

    countries: tuple[Country, ...]  # the host first, then by English name
    pairs: tuple[PairCount, ...]
    host: str | None

    def cell(self, a: str, b: str) -> PairCount | None:
        return self.index.get((a, b) if a < b else (b, a))

    @cached_property
    def index(self) -> dict[tuple[str, str], PairCount]:
        return {(p.a, p.b): p for p in self.pairs}

    @cached_property
    def totals(self) -> dict[str, int]:
        """Per country: events with any counterpart (a row's cells added up)."""
        totals: dict[str, int] = {}
        for pair in self.pairs:
            for code in (pair.a, pair.b):
                totals[code] = totals.get(code, 0) + pair.total
        return totals


@record
class Agreement:
    """A signing: the event with its participants and sources, and the figures about it."""

    detail: EventDetail
    figures: tuple[Figure, ...]

    @property
    def signatories(self) -> tuple[Participant, ...]:
        return tuple(p for p in self.detail.participants if p.role == "signatory")

    @property
    def witnesses(self) -> tuple[Participant, ...]:
        """Who watched the signing (attendees), a president included; speakers too."""
        return tuple(p for p in self.detail.participants if p.role in ("attendee", "speaker"))

    def parties(self) -> list[tuple[str | None, list[str]]]:
        """The sides that signed: per country (None: not recorded), in the order they are
        listed, the organisations or groups that signed for it (a person's organisation, or
        the group itself where a source names only the institution)."""
        sides: dict[str | None, list[str]] = {}
        for participant in self.signatories:
            person = participant.person
            name = person.name if person.kind == "group" else (person.organization or person.name)
            names = sides.setdefault(person.country_code, [])
            if name not in names:
                names.append(name)
        return list(sides.items())


@record
class PersonEvent:
    """One event in a person's record: the event, the expo, the part they had in it."""

    event: EventSummary
    expo_slug: str
    expo_name: str
    role: str
    position: str | None  # held at this event (their usual position when not recorded)
    position_recorded: bool = True  # False: the event names none, `position` is their usual


@record
class Overlap:
    """A person in two timed events at once, or in two cities on one day."""

    person: str  # name
    person_key: str
    date: dt.date
    first: EventSummary
    second: EventSummary
    reason: str  # "at the same time" or "in Jakarta and Bandung"
