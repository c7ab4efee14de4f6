"""The explorer's ways into the analyst's views: facets, the bilateral matrix, the agreements
ledger, a person's record, and which clock times are shown on.

A mixin of ExplorerScreen, so that the screen stays a table of contents: the facets and the
clock are reactives here, bound down into the panes like the screen's own; each view is a
screen of its own that reads through a loader of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.dom import DOMNode
from textual.reactive import var

from ..store.models import NO_FACETS, Facets
from .render.clock import EXPO_CLOCK, Clock

if TYPE_CHECKING:
    from ..store.annotations import AnnotatedSubject
    from .app import ExpoApp
    from .screens.explorer import ExplorerScreen
    from .screens.matrix import MatrixScreen
    from .screens.view_base import ViewScreen

VIEW_BINDINGS = [
    Binding("F", "facets", "Facets", id="facets",
            tooltip="Facets: only some kinds of event, statuses, or a group of countries (ASEAN, NATO…)"),
    Binding("m", "matrix", "Matrix", id="matrix",
            tooltip="The bilateral matrix: who met whom across countries, over the expo or a day"),
    Binding("a", "agreements", "Ledger", id="agreements",
            tooltip="The agreements ledger: every signing, its parties, signatories and value"),
    Binding("p", "people", "Person", show=False, id="person",
            tooltip="The record of a person the details name: everything they did, across expos"),
    Binding("R", "review", "Review", id="review",
            tooltip="The review queue: the news ingest's candidates, to accept, edit, merge or reject"),
    Binding("S", "starred", "Starred", show=False, id="starred",
            tooltip="Your starred countries, people, events and delegations; t filters by a tag"),
    Binding("z", "clock", "Clock", show=False, id="clock",
            tooltip="Show times on the expo's clock, yours, or UTC"),
]  # fmt: skip


class ViewActions(DOMNode):
    facets: var[Facets] = var(NO_FACETS, init=False)
    clock: var[Clock] = var(EXPO_CLOCK, init=False)

    @property
    def explorer(self) -> ExplorerScreen:
        return cast("ExplorerScreen", self)

    def watch_facets(self) -> None:
        screen = self.explorer
        screen.timeline.load()
        screen.country_loads.load()

    def watch_clock(self, clock: Clock) -> None:
        screen = self.explorer
        screen.loader.set_clock(clock)
        subject = screen.details.subject
        request = screen.follow.request_for(subject) if subject is not None else None
        if request is not None:
            screen.loader.load(request)  # the details again, on the new clock

    def group_name(self) -> str | None:
        group = self.facets.group
        if group is None:
            return None
        from ..country_groups import group_by_key

        found = group_by_key(group)
        return found.name if found else group

    def action_facets(self) -> None:
        from .screens.facets import FacetsScreen

        screen = self.explorer
        if screen.expo is None:
            return
        country = screen.country.code if screen.filtered and screen.country else None
        from .render.labels import day_label
        from .widgets.timeline import TimelinePane

        day = day_label(screen.query_one(TimelinePane).chosen_day())
        screen.app.push_screen(
            FacetsScreen(
                screen.store, screen.expo, screen.day, self.facets, country, self.set_facets, day
            )
        )

    def set_facets(self, facets: Facets) -> None:
        self.facets = facets

    def action_matrix(self) -> None:
        from .screens.matrix import MatrixScreen

        screen = self.explorer
        if screen.expo is None:
            return
        # One matrix screen per expo, kept (installed) between visits: opening it again is a
        # push, not a compose and mount of its widgets.
        name = f"matrix-{screen.expo.id}"
        if screen.app.is_screen_installed(name):
            view = cast("MatrixScreen", screen.app.get_screen(name))
            view.reopen(screen.days, self.facets, self.clock, self.group_name())
        else:
            view = MatrixScreen(
                screen.store,
                screen.expo,
                screen.days,
                None,  # the whole expo first: [ and ] step through the days
                self.facets,
                self.clock,
                self.group_name(),
                screen.loader.cache,
            )
            screen.app.install_screen(view, name)
            cast("ExpoApp", screen.app).kept_views.add(name)  # made anew for another store
        self.open_view(view)

    def action_agreements(self) -> None:
        from .screens.ledger import LedgerScreen

        screen = self.explorer
        if screen.expo is not None:
            view = LedgerScreen(
                screen.store,
                screen.expo,
                screen.days,
                None,
                self.facets,
                self.clock,
                self.group_name(),
            )
            self.open_view(view)

    def action_people(self) -> None:
        from .screens.people import PeoplePicker

        screen = self.explorer
        people = screen.details.people
        if not people:
            screen.app.notify("The details name no one: open an event or a country.", markup=False)
        elif len(people) == 1:
            self.open_person(people[0].key)
        else:
            title = screen.details.subject_title or "Details"
            picker = PeoplePicker(people, title, starred=screen.details.starred_people)
            screen.app.push_screen(picker, self.open_person)

    def open_person(self, key: str | None) -> None:
        from .screens.ledger import PersonScreen

        if key is None:
            return
        person = next((p for p in self.explorer.details.people if p.key == key), None)
        name = person.name if person else key
        self.open_view(PersonScreen(self.explorer.store, key, name, self.clock))

    def open_view(self, view: ViewScreen) -> None:
        view.chosen_event = None

        def closed(_: Any) -> None:
            event = view.chosen_event
            screen = self.explorer
            if event is None:
                return
            if screen.expo is not None and event.expo_id != screen.expo.id:
                other = next((e for e in screen.expos if e.id == event.expo_id), None)
                if other is None:
                    return
                screen.open_expo(other)
            screen.jump_to_event(event.id, event.date.isoformat() if event.date else None)

        self.explorer.app.push_screen(view, closed)

    def action_review(self) -> None:
        from .screens.review import ReviewScreen

        self.explorer.app.push_screen(ReviewScreen(self.explorer.store))

    def action_starred(self) -> None:
        from .screens.starred import StarredScreen

        view = StarredScreen(self.explorer.store, self.clock)

        def closed(_: Any) -> None:
            if view.chosen is not None:
                self.jump_to_annotated(view.chosen)

        self.explorer.app.push_screen(view, closed)

    def jump_to_annotated(self, found: AnnotatedSubject) -> None:
        """Show a starred or tagged subject in the explorer: a country (or a delegation's),
        an event on its day (in its expo), a person's details."""
        from .loading.requests import PersonRequest

        screen = self.explorer
        subject = found.annotation.subject
        if subject.expo and screen.expo is not None and subject.expo != screen.expo.slug:
            other = next((e for e in screen.expos if e.slug == subject.expo), None)
            if other is None:
                return
            screen.open_expo(other)
        if subject.kind == "event" and found.event_id is not None:
            screen.jump_to_event(found.event_id, found.event_date)
        elif subject.kind in ("country", "delegation"):
            screen.jump_to_country(subject.ref)
        elif subject.kind == "person":
            screen.follow.load(PersonRequest(subject.ref), focus=True)

    def action_clock(self) -> None:
        screen = self.explorer
        self.clock = self.clock.next()
        if screen.expo is not None:
            zone = self.clock.abbreviation(screen.expo)
            words = {"expo": "the expo's clock", "local": "your clock", "utc": "UTC"}
            screen.app.notify(f"Times on {words[self.clock.mode]} ({zone})", markup=False)
