"""The one place where a request becomes store calls - and, for the details pane, text.

Details are rendered here, in the worker that read them (pure data work: a few ms for a busy
country), so the UI thread only wraps the lines it paints. This module imports no Textual, so
that the start-up prefetch can run it while Textual is still being imported; the renderers are
imported only when details are read.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ...store.models import UNDATED, Country, CountrySummary, Day, Figure, Person, Source
from ..render.clock import EXPO_CLOCK, Clock
from .requests import (
    PAGE,
    AgreementsRequest,
    AnnotationRequest,
    CountriesRequest,
    CountryDetailsRequest,
    DaysRequest,
    EventDetailsRequest,
    EventsRequest,
    ExposRequest,
    FacetCountsRequest,
    MatrixRequest,
    OverviewRequest,
    PairEventsRequest,
    PersonEventsRequest,
    PersonRequest,
    Request,
    StarredRequest,
    StarsRequest,
    Subject,
    TagsRequest,
)

if TYPE_CHECKING:
    from ...store import Store
    from ...store.annotations import Subject as Annotated
    from ..render.details import PreparedText

DETAIL_EVENTS = 40  # a country's events in its details (the rest: f on the timeline)
OVERVIEW_COUNTRIES = 10  # countries in the overview's bar chart
LEDGER_PAGE = 60  # signings read at a time, each with its participants, sources and figures


@dataclass(frozen=True)
class Overview:
    """What the expo overview shows besides the expo and its days."""

    host: Country | None
    figures: tuple[Figure, ...]
    sources: tuple[Source, ...]
    countries: tuple[CountrySummary, ...] = ()  # those with most events first (the bars)


@dataclass(frozen=True)
class DetailsView:
    """The details pane's content for one subject: its title and its text, ready to show."""

    subject: Subject
    title: str
    text: PreparedText
    sources: tuple[Source, ...] = ()  # what the text cites, in its order (`s` lists them)
    people: tuple[Person, ...] = ()  # who the text names (`p` opens one's record)
    # what the details pane's star, note and tags keys act on, and its name
    target: Annotated | None = None
    target_label: str = ""
    starred_people: frozenset[str] = frozenset()  # of `people`, those the user starred


@dataclass(frozen=True)
class Stars:
    """The refs the user starred: country codes, and event keys of one expo."""

    countries: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Reading:
    """The answer to a request, and answers to others read on the way (for the cache)."""

    answer: Any
    extras: tuple[tuple[Request, Any], ...] = ()


def read(
    store: Store, request: Request, days: Mapping[str, Day], clock: Clock = EXPO_CLOCK
) -> Reading:
    """Answer `request` from `store`; `days` names the days in the details text, `clock`
    says on which clock it shows times."""
    match request:
        case ExposRequest():
            return Reading(store.expos())
        case DaysRequest(expo=expo):
            return Reading(store.days(expo))
        case CountriesRequest(expo=expo, search=search, cursor=cursor, facets=facets):
            page = store.countries(expo, search, limit=PAGE, cursor=cursor, facets=facets)
            return Reading(page)
        case EventsRequest():
            return _events(store, request, days, clock)
        case OverviewRequest(expo=expo):
            host = store.country(expo.country_code) if expo.country_code else None
            listed = store.countries(expo, limit=PAGE).items
            busiest = tuple(sorted(listed, key=lambda c: -c.events)[:OVERVIEW_COUNTRIES])
            overview = Overview(host, store.figures(expo), store.expo_sources(expo), busiest)
            return Reading(overview)
        case CountryDetailsRequest() | EventDetailsRequest() | PersonRequest():
            return Reading(details(store, request, days, clock))
        case FacetCountsRequest(expo=expo, day=day, facets=facets, country=country):
            return Reading(store.facet_counts(expo, day, facets, country))
        case MatrixRequest(expo=expo, day=day, facets=facets):
            return Reading(store.matrix(expo, day, facets))
        case PairEventsRequest(expo=expo, a=a, b=b, day=day, facets=facets, cursor=cursor):
            return Reading(store.pair_events(expo, a, b, day, facets, limit=PAGE, cursor=cursor))
        case AgreementsRequest(expo=expo, day=day, facets=facets, cursor=cursor):
            ledger = store.agreements(expo, day, facets, limit=LEDGER_PAGE, cursor=cursor)
            return Reading(ledger)
        case StarsRequest(expo=expo):
            notes = store.annotations
            return Reading(Stars(frozenset(notes.starred_refs("country")),
                                 frozenset(notes.starred_refs("event", expo.slug))))  # fmt: skip
        case StarredRequest(tag=tag, cursor=cursor):
            found = store.annotations.starred(tag=tag, starred_only=tag is None, cursor=cursor)
            return Reading(found)
        case AnnotationRequest(subject=subject):
            notes = store.annotations
            return Reading((notes.get(subject), tuple(t for t, _ in notes.tags())))
        case TagsRequest():
            return Reading(store.annotations.tags())
        case PersonEventsRequest(key=key, cursor=cursor):
            return Reading((store.person(key), store.person_events(key, limit=PAGE, cursor=cursor)))
    raise TypeError(f"no reader for {request!r}")


def _events(store: Store, request: EventsRequest, days: Mapping[str, Day], clock: Clock) -> Reading:
    page = store.events(
        request.expo,
        request.day,
        country=request.country,
        limit=request.limit,
        cursor=request.cursor,
        facets=request.facets,
        clashes=True,
    )
    if not (request.with_first_details and page.items):
        return Reading(page)
    first = EventDetailsRequest(page.items[0].id)
    return Reading(page, ((first, details(store, first, days, clock)),))


def details(
    store: Store,
    request: CountryDetailsRequest | EventDetailsRequest | PersonRequest,
    days: Mapping[str, Day],
    clock: Clock = EXPO_CLOCK,
) -> DetailsView:
    """A country's, an event's or a person's details, rendered and cut into lines."""
    view = _details(store, request, days, clock)
    if view.target is None:
        return view
    return _annotated(store, view, request)


def _annotated(
    store: Store,
    view: DetailsView,
    request: CountryDetailsRequest | EventDetailsRequest | PersonRequest,
) -> DetailsView:
    """`view` with the user's own star, note and tags above the sourced facts."""
    from dataclasses import replace

    from ...store.annotations import Annotation
    from ...store.annotations import Subject as Annotated
    from ..render import annotations as own
    from ..render import details as render

    notes = store.annotations
    parts: list[tuple[str, Annotated]] = []
    if isinstance(request, CountryDetailsRequest):
        parts.append(("", Annotated.country(request.code)))
        if view.target is not None and view.target.kind == "delegation":
            parts.append(("the delegation", view.target))
    else:
        assert view.target is not None
        parts.append(("", view.target))
    people = [Annotated.person(p.key) for p in view.people]
    found = notes.get_many([s for _, s in parts] + people)
    block = own.own_block([(about, found.get(s) or Annotation(s)) for about, s in parts])
    starred = frozenset(s.ref for s in people if s in found and found[s].starred)
    if not block.plain and not starred:
        return view
    text = render.prepare(own.with_own(block, view.text.text)) if block.plain else view.text
    return replace(view, text=text, starred_people=starred)


def _details(
    store: Store,
    request: CountryDetailsRequest | EventDetailsRequest | PersonRequest,
    days: Mapping[str, Day],
    clock: Clock = EXPO_CLOCK,
) -> DetailsView:
    from ...store.annotations import Subject as Annotated
    from ..render import details as render

    subject = request.subject
    if isinstance(request, CountryDetailsRequest):
        country = store.country_detail(request.expo, request.code, event_limit=DETAIL_EVENTS)
        if country is None:
            return _missing(subject, "Nothing is recorded for this country.")
        text = render.country_details(country, dict(days))
        name = country.summary.country.name
        named = _people(
            (country.delegation.head,) if country.delegation and country.delegation.head else (),
            (m.person for m in country.delegation.members if m.person)
            if country.delegation
            else (),
            country.people,
        )
        slug = request.expo.slug
        target = (
            Annotated.delegation(slug, request.code)
            if country.delegation
            else Annotated.country(request.code)
        )
        label = f"{name}'s delegation" if country.delegation else name
        return DetailsView(subject, name, render.prepare(text), country.sources, named,
                           target, label)  # fmt: skip
    if isinstance(request, EventDetailsRequest):
        event = store.event(request.event_id)
        if event is None:
            return _missing(subject, "This event is no longer in the store.")
        key = event.event.date.isoformat() if event.event.date else UNDATED
        expo = store.expo(event.event.expo_id)
        text = render.event_details(event, days.get(key), clock, expo)
        named = _people(p.person for p in event.participants)
        on = Annotated.event(expo.slug, event.event.key) if expo is not None else None
        title = event.event.title
        return DetailsView(subject, title, render.prepare(text), event.sources, named,
                           on, title)  # fmt: skip
    person = store.person(request.key)
    if person is None:
        return _missing(subject, "This person is no longer in the store.")
    shown = render.prepare(render.person_details(person))
    return DetailsView(
        subject, person.name, shown, (), (), Annotated.person(person.key), person.name
    )


def _people(*groups: Iterable[Person]) -> tuple[Person, ...]:
    """The people named, each once, in the order they are named."""
    seen: dict[str, Person] = {}
    for group in groups:
        for person in group:
            seen.setdefault(person.key, person)
    return tuple(seen.values())


def _missing(subject: Subject, message: str) -> DetailsView:
    from ..render import details as render

    return DetailsView(subject, "", render.prepare(render.message_text(message)))
