"""The one place where a request becomes store calls - and, for the details pane, text.

Details are rendered here, in the worker that read them (pure data work: a few ms for a busy
country), so the UI thread only wraps the lines it paints. This module imports no Textual, so
that the start-up prefetch can run it while Textual is still being imported; the renderers are
imported only when details are read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...store.models import UNDATED, Country, Day, Figure, Source
from .requests import (
    PAGE,
    CountriesRequest,
    CountryDetailsRequest,
    DaysRequest,
    EventDetailsRequest,
    EventsRequest,
    ExposRequest,
    OverviewRequest,
    PersonRequest,
    Request,
    Subject,
)

if TYPE_CHECKING:
    from ...store import Store
    from ..render.details import PreparedText

DETAIL_EVENTS = 40  # a country's events in its details (the rest: f on the timeline)


@dataclass(frozen=True)
class Overview:
    """What the expo overview shows besides the expo and its days."""

    host: Country | None
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class DetailsView:
    """The details pane's content for one subject: its title and its text, ready to show."""

    subject: Subject
    title: str
    text: PreparedText
    sources: tuple[Source, ...] = ()  # what the text cites, in its order (`s` lists them)


@dataclass(frozen=True)
class Reading:
    """The answer to a request, and answers to others read on the way (for the cache)."""

    answer: Any
    extras: tuple[tuple[Request, Any], ...] = ()


def read(store: Store, request: Request, days: Mapping[str, Day]) -> Reading:
    """Answer `request` from `store`; `days` names the days in the details text."""
    match request:
        case ExposRequest():
            return Reading(store.expos())
        case DaysRequest(expo=expo):
            return Reading(store.days(expo))
        case CountriesRequest(expo=expo, search=search, cursor=cursor):
            return Reading(store.countries(expo, search, limit=PAGE, cursor=cursor))
        case EventsRequest():
            return _events(store, request, days)
        case OverviewRequest(expo=expo):
            host = store.country(expo.country_code) if expo.country_code else None
            return Reading(Overview(host, store.figures(expo), store.expo_sources(expo)))
        case CountryDetailsRequest() | EventDetailsRequest() | PersonRequest():
            return Reading(details(store, request, days))
    raise TypeError(f"no reader for {request!r}")


def _events(store: Store, request: EventsRequest, days: Mapping[str, Day]) -> Reading:
    page = store.events(
        request.expo,
        request.day,
        country=request.country,
        limit=request.limit,
        cursor=request.cursor,
    )
    if not (request.with_first_details and page.items):
        return Reading(page)
    first = EventDetailsRequest(page.items[0].id)
    return Reading(page, ((first, details(store, first, days)),))


def details(
    store: Store,
    request: CountryDetailsRequest | EventDetailsRequest | PersonRequest,
    days: Mapping[str, Day],
) -> DetailsView:
    """A country's, an event's or a person's details, rendered and cut into lines."""
    from ..render import details as render

    subject = request.subject
    if isinstance(request, CountryDetailsRequest):
        country = store.country_detail(request.expo, request.code, event_limit=DETAIL_EVENTS)
        if country is None:
            return _missing(subject, "Nothing is recorded for this country.")
        text = render.country_details(country, dict(days))
        name = country.summary.country.name
        return DetailsView(subject, name, render.prepare(text), country.sources)
    if isinstance(request, EventDetailsRequest):
        event = store.event(request.event_id)
        if event is None:
            return _missing(subject, "This event is no longer in the store.")
        key = event.event.date.isoformat() if event.event.date else UNDATED
        text = render.event_details(event, days.get(key))
        return DetailsView(subject, event.event.title, render.prepare(text), event.sources)
    person = store.person(request.key)
    if person is None:
        return _missing(subject, "This person is no longer in the store.")
    return DetailsView(subject, person.name, render.prepare(render.person_details(person)))


def _missing(subject: Subject, message: str) -> DetailsView:
    from ..render import details as render

    return DetailsView(subject, "", render.prepare(render.message_text(message)))
