"""What an export covers: one expo, optionally one day and one country, read from the store in
pages so an export of a million events never holds more than a page of rows at once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..store import Store
from ..store.models import NO_FACETS, EventDetail, Expo, Facets

PAGE_SIZE = 200


@dataclass(frozen=True)
class Selection:
    expo: Expo
    day: str | None = None  # the store's day key (ISO date or UNDATED), None for every day
    country: str | None = None  # alpha-3
    facets: Facets = NO_FACETS  # kinds, statuses, a country group (--kind, --status, --group)
    notes: bool = False  # the brief (md) ends with the user's own stars, notes and tags

    @property
    def whole_expo(self) -> bool:
        return self.day is None and self.country is None and not self.facets.active


def iter_events(store: Store, selection: Selection) -> Iterator[EventDetail]:
    """Every selected event with its participants and sources, in timeline order."""
    cursor: str | None = None
    while True:
        page = store.events(
            selection.expo,
            selection.day,
            country=selection.country,
            facets=selection.facets,
            limit=PAGE_SIZE,
            cursor=cursor,
        )
        yield from store.event_details([e.id for e in page.items])
        if page.next_cursor is None:
            return
        cursor = page.next_cursor
