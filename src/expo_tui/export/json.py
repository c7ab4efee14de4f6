"""`--format json`: the project's own document (format "expo-tui", version 1, docs/formats.md).

What `expo-tui import` reads back without loss: the expo, every selected event with its
participants, the people and sources they cite, and (for a whole-expo or one-country export) the
delegations, exhibitors and figures. People come sorted by key; sources, events, delegations,
exhibitors and figures in the store's order, so exporting an imported export gives the same
document.
"""

from __future__ import annotations

from typing import Any, TextIO

from ..ingest.project_format import FORMAT_NAME, FORMAT_VERSION
from ..observations import OBSERVATION_KIND, observed_text
from ..records import iso_text
from ..store import Store
from ..store.models import Person, Source
from .collect import Selection, iter_events
from .text import json_text


class _Collector:
    def __init__(self) -> None:
        self.people: dict[str, dict[str, Any]] = {}
        self.sources: dict[str, tuple[int, dict[str, Any]]] = {}

    def person(self, person: Person) -> str:
        self.people.setdefault(
            person.key,
            {
                "key": person.key,
                "name": person.name,
                "kind": person.kind,
                "variants": list(person.variants),
                "rank": person.rank,
                "position": person.position,
                "organization": person.organization,
                "country": person.country_code,
            },
        )
        return person.key

    def cite(self, sources: tuple[Source, ...]) -> list[str]:
        for s in sources:
            self.sources.setdefault(
                s.url,
                (
                    s.id,
                    _source_json(s),
                ),
            )
        return [s.url for s in sources]


def _source_json(s: Source) -> dict[str, Any]:
    """A source as the project format writes it: a URL's publisher, title, language and
    date, or an observation's observer and when (docs/formats.md)."""
    if s.kind == OBSERVATION_KIND and s.observed is not None:
        return {
            "kind": s.kind,
            "url": s.url,
            "observer": s.observer,
            "observed": observed_text(s.observed, s.observed_time),
        }
    return {
        "url": s.url,
        "publisher": s.publisher,
        "title": s.title,
        "language": s.language,
        "published": iso_text(s.published),
    }


def document(store: Store, selection: Selection) -> dict[str, Any]:
    """The export as a JSON-ready dict."""
    expo = selection.expo
    c = _Collector()
    expo_doc = {
        "slug": expo.slug,
        "name": expo.name,
        "short_name": expo.short_name,
        "edition": expo.edition,
        "venue": expo.venue,
        "city": expo.city,
        "country": expo.country_code,
        "start_date": iso_text(expo.start_date),
        "end_date": iso_text(expo.end_date),
        "timezone": expo.timezone,
        "organizer": expo.organizer,
        "theme": expo.theme,
        "notes": expo.notes,
        "sources": c.cite(store.expo_sources(expo)),
    }
    if expo.day_change is not None:
        expo_doc["day_change"] = iso_text(expo.day_change)
    events = []
    for detail in iter_events(store, selection):
        e = detail.event
        events.append(
            {
                "key": e.key,
                "date": iso_text(e.date),
                "date_range": [iso_text(e.date_from), iso_text(e.date_to)]
                if (e.date_from or e.date_to)
                else None,
                "start_time": iso_text(e.start_time),
                "end_time": iso_text(e.end_time),
                "order": e.order,
                "order_scope": e.order_scope,
                "kind": e.kind,
                "status": e.status,
                "title": e.title,
                "location": e.location,
                "track": e.track,
                "summary": detail.summary,
                "notes": detail.notes,
                "participants": [
                    {
                        "person": c.person(p.person),
                        "role": p.role,
                        "position": p.position,
                        "note": p.note,
                    }
                    for p in detail.participants
                ],
                "sources": c.cite(detail.sources),
            }
        )
    delegations, exhibitors, figures = [], [], []
    if selection.day is None and not selection.facets.active:
        for d in store.delegations(expo):
            if selection.country and d.country_code != selection.country:
                continue
            delegations.append(
                {
                    "country": d.country_code,
                    "kind": d.kind,
                    "head": c.person(d.head) if d.head else None,
                    "members": [
                        {
                            "name": m.name,
                            "role": m.role,
                            "person": c.person(m.person) if m.person else None,
                        }
                        for m in d.members
                    ],
                    "notes": d.notes,
                    "sources": c.cite(d.sources),
                }
            )
        cursor: str | None = None
        while True:
            page = store.exhibitors(expo, country=selection.country, limit=500, cursor=cursor)
            exhibitors += [
                {
                    "name": x.name,
                    "country": x.country_code,
                    "kind": x.kind,
                    "notes": x.notes,
                    "sources": c.cite(x.sources),
                }
                for x in page.items
            ]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        if selection.whole_expo:
            for f in store.figures(expo):
                figure: dict[str, Any] = {
                    "key": f.key,
                    "metric": f.metric,
                    "value": f.value,
                    "number": f.number,
                    "unit": f.unit,
                    "note": f.note,
                    "sources": c.cite(f.sources),
                }
                if f.event_key is not None:
                    figure["event"] = f.event_key
                figures.append(figure)
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "expo": expo_doc,
        # in the store's order, which is the order each record lists its sources in
        "sources": [doc for _, doc in sorted(c.sources.values(), key=lambda item: item[0])],
        "people": [c.people[k] for k in sorted(c.people)],
        "events": events,
        "delegations": delegations,
        "exhibitors": exhibitors,
        "figures": figures,
        "annotations": annotation_docs(store, expo.slug),
    }


def annotation_docs(store: Store, expo: str) -> list[dict[str, Any]]:
    """The user's own stars, notes and tags (docs/formats.md, "annotations"), apart from the
    sourced records: every country's and person's, and this expo's events' and delegations'."""
    field = {"country": "country", "delegation": "country", "person": "person", "event": "event"}
    out = []
    for a in store.annotations.iter_all(expo):
        item: dict[str, Any] = {"kind": a.subject.kind, field[a.subject.kind]: a.subject.ref}
        item |= {"starred": a.starred, "note": a.note, "tags": list(a.tags)}
        out.append(item)
    return out


def write(store: Store, selection: Selection, out: TextIO) -> int:
    """Write the document; returns the number of events."""
    doc = document(store, selection)
    out.write(json_text(doc))
    out.write("\n")
    return len(doc["events"])
