"""Every read the explorer makes, as a frozen value.

A request is the cache key, the worker's argument and what its answer carries back, so a
stale answer is recognised by comparing requests, and "all days" has one spelling: `day=None`,
as the store and `selectors.day_key` spell it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ...store.models import NO_FACETS, Expo, Facets

PAGE = 200  # rows per page in the explorer's lists (the timeline's first page: first_page)


def first_page(height: int) -> int:
    """Rows of a fresh timeline in a terminal `height` lines high: what fits twice over (the
    timeline is shorter than the terminal), so the next page is not due at once."""
    return max(60, min(PAGE, 2 * height + 10))


@dataclass(frozen=True)
class Subject:
    """What the details pane shows: an expo's overview, a country, an event or a person."""

    kind: str  # "expo", "country", "event" or "person"
    ref: str | int


@dataclass(frozen=True)
class Request:
    # Answers to requests of one channel replace each other: only the latest is shown.
    channel: ClassVar[str]


@dataclass(frozen=True)
class ExposRequest(Request):
    channel: ClassVar[str] = "expos"


@dataclass(frozen=True)
class DaysRequest(Request):
    channel: ClassVar[str] = "days"
    expo: Expo


@dataclass(frozen=True)
class CountriesRequest(Request):
    channel: ClassVar[str] = "countries"
    expo: Expo
    search: str = ""
    cursor: str | None = None
    facets: Facets = NO_FACETS


@dataclass(frozen=True)
class EventsRequest(Request):
    """A page of the timeline: one day (an ISO date or UNDATED) or all days (None), all
    countries or one (the `f` filter)."""

    channel: ClassVar[str] = "events"
    expo: Expo
    day: str | None
    country: str | None
    limit: int
    cursor: str | None = None
    facets: Facets = NO_FACETS
    # Read the first event's details too (they follow the highlight when the timeline has the
    # focus): a hint for the reader, not part of what the page is.
    with_first_details: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class OverviewRequest(Request):
    channel: ClassVar[str] = "details"
    expo: Expo


@dataclass(frozen=True)
class CountryDetailsRequest(Request):
    channel: ClassVar[str] = "details"
    expo: Expo
    code: str

    @property
    def subject(self) -> Subject:
        return Subject("country", self.code)


@dataclass(frozen=True)
class EventDetailsRequest(Request):
    channel: ClassVar[str] = "details"
    event_id: int

    @property
    def subject(self) -> Subject:
        return Subject("event", self.event_id)


@dataclass(frozen=True)
class PersonRequest(Request):
    channel: ClassVar[str] = "details"
    key: str

    @property
    def subject(self) -> Subject:
        return Subject("person", self.key)


DetailsRequest = CountryDetailsRequest | EventDetailsRequest | PersonRequest


@dataclass(frozen=True)
class FacetCountsRequest(Request):
    """How many events each facet value would show (the facets dialog)."""

    channel: ClassVar[str] = "facet-counts"
    expo: Expo
    day: str | None
    facets: Facets
    country: str | None = None


@dataclass(frozen=True)
class MatrixRequest(Request):
    channel: ClassVar[str] = "matrix"
    expo: Expo
    day: str | None
    facets: Facets = NO_FACETS


@dataclass(frozen=True)
class PairEventsRequest(Request):
    """The events of one cell of the matrix: two countries together."""

    channel: ClassVar[str] = "pair-events"
    expo: Expo
    a: str
    b: str
    day: str | None
    facets: Facets = NO_FACETS
    cursor: str | None = None


@dataclass(frozen=True)
class AgreementsRequest(Request):
    channel: ClassVar[str] = "agreements"
    expo: Expo
    day: str | None
    facets: Facets = NO_FACETS
    cursor: str | None = None


@dataclass(frozen=True)
class PersonEventsRequest(Request):
    """A person's record across the store's days and expos (a page of it)."""

    channel: ClassVar[str] = "person-events"
    key: str
    cursor: str | None = None


@dataclass(frozen=True)
class StarsRequest(Request):
    """Which countries and which of an expo's events the user starred (the lists' ★)."""

    channel: ClassVar[str] = "stars"
    expo: Expo


@dataclass(frozen=True)
class StarredRequest(Request):
    """The starred view: starred subjects, or (with `tag`) every subject with that tag."""

    channel: ClassVar[str] = "starred"
    tag: str | None = None
    cursor: str | None = None


@dataclass(frozen=True)
class AnnotationRequest(Request):
    """One subject's annotation and every tag in use: what the note and tags dialogs open on.
    `subject` is an expo_tui.store.annotations.Subject; `label` names it in the dialog."""

    channel: ClassVar[str] = "annotation"
    subject: Any
    label: str = field(default="", compare=False)
    action: str = field(default="note", compare=False)  # "note" or "tags"


@dataclass(frozen=True)
class TagsRequest(Request):
    """Every tag with its count (the tag filter and the tags prompt's completion)."""

    channel: ClassVar[str] = "tags"


def first_requests(expo: Expo, terminal_lines: int) -> list[Request]:
    """What the explorer shows first for `expo`: its days, countries, the first show day's
    timeline and the overview. The start-up prefetch reads exactly these."""
    return [
        EventsRequest(expo, expo.start_date.isoformat(), None, first_page(terminal_lines)),
        CountriesRequest(expo),
        DaysRequest(expo),
        OverviewRequest(expo),
    ]
