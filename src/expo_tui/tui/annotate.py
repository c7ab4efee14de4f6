"""The explorer's keys for the user's own layer: star (`*`), a private note (`n`) and tags
(`t`) on what is highlighted - the country in the country list, the event in the timeline, and
in the details pane the person or delegation (or event) shown - and the ★ marks in the lists.

A mixin of ExplorerScreen, like views.py. Reads go through the screen's loader (workers);
writes through `app.writes` (tui/writing.py), each one transaction; after one, the screen
re-reads what it shows (StoreChanged) and the stars again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.binding import Binding
from textual.dom import DOMNode

from ..store.annotations import Annotation, Subject
from .loading.requests import AnnotationRequest, StarsRequest
from .panes import COUNTRIES, DETAILS, TIMELINE
from .render.text import safe_text

if TYPE_CHECKING:
    from ..store import Store
    from .app import ExpoApp
    from .loading.reader import Stars
    from .screens.explorer import ExplorerScreen

ANNOTATION_BINDINGS = [
    Binding("asterisk", "star", "Star", show=False, id="star",
            tooltip="Star or unstar the highlighted country or event (in the details: the "
                    "person or delegation shown)"),
    Binding("n", "note", "Note", show=False, id="note",
            tooltip="Write your private note on the highlighted country, event, person or "
                    "delegation"),
    Binding("t", "tags", "Tags", show=False, id="tags",
            tooltip="Tag the highlighted country, event, person or delegation"),
]  # fmt: skip


class AnnotationActions(DOMNode):
    @property
    def _screen(self) -> ExplorerScreen:
        return cast("ExplorerScreen", self)

    def annotation_target(self) -> tuple[Subject, str] | None:
        """What the keys act on, and its name; None (and a hint) when nothing is."""
        screen = self._screen
        pane = screen.panes.focused
        if pane == COUNTRIES and screen.countries.country is not None:
            country = screen.countries.country.country
            return Subject.country(country.code), country.name
        if pane == TIMELINE and screen.events.event is not None and screen.expo is not None:
            event = screen.events.event
            return Subject.event(screen.expo.slug, event.key), event.title
        if pane == DETAILS and screen.details.target is not None:
            return screen.details.target, screen.details.target_label
        screen.app.notify(
            "Highlight a country or an event first (or open one's details).", markup=False
        )
        return None

    def load_stars(self) -> None:
        screen = self._screen
        if screen.expo is not None:
            screen.loader.load(StarsRequest(screen.expo))

    def show_stars(self, stars: Stars) -> None:
        self._screen.countries.set_starred(stars.countries)
        self._screen.events.set_starred(stars.events)

    def action_star(self) -> None:
        found = self.annotation_target()
        if found is None:
            return
        subject, label = found

        def done(annotation: Annotation) -> None:
            words = "Starred" if annotation.starred else "Unstarred"
            self._screen.app.notify(f"{words}: {safe_text(label, limit=80)}", markup=False)

        self.write(lambda store: store.annotations.toggle_star(subject), done, "Starring")

    def action_note(self) -> None:
        if (found := self.annotation_target()) is not None:
            self._screen.loader.load(AnnotationRequest(found[0], found[1], "note"))

    def action_tags(self) -> None:
        if (found := self.annotation_target()) is not None:
            self._screen.loader.load(AnnotationRequest(found[0], found[1], "tags"))

    def annotation_read(self, request: AnnotationRequest, answer: Any) -> None:
        """The subject's annotation is read: open the note or tags dialog on it."""
        from .screens.annotate import NoteScreen, TagsScreen

        annotation, known = cast("tuple[Annotation, tuple[str, ...]]", answer)
        subject, label = annotation.subject, request.label
        app = self._screen.app
        if request.action == "note":

            def note_given(note: str | None) -> None:
                if note is not None and note != annotation.note:
                    self.write(lambda store: store.annotations.set_note(subject, note),
                               lambda _: app.notify("Note saved.", markup=False),
                               "Saving the note")  # fmt: skip

            app.push_screen(NoteScreen(label, annotation.note), note_given)
            return

        def tags_given(tags: list[str] | None) -> None:
            if tags is not None and tuple(tags) != annotation.tags:
                self.write(lambda store: store.annotations.set_tags(subject, tags),
                           lambda _: app.notify("Tags saved.", markup=False),
                           "Saving the tags")  # fmt: skip

        app.push_screen(TagsScreen(label, annotation.tags, known), tags_given)

    def write(self, job: Any, done: Any, what: str) -> None:
        """Through app.writes; the refresh that follows (StoreChanged) reads the stars."""

        def run(store: Store) -> Any:
            return job(store)

        cast("ExpoApp", self._screen.app).writes.run(run, done=done, what=what)
