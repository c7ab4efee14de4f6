"""The explorer's ways to change the store: a new event, edit the highlighted event, delete it,
edit a person the details name. Mixed into ExplorerScreen like the views (views.py): the keys
live here, each form is a screen of its own, and every write goes through `app.writes`.

After a write the explorer re-reads the store (StoreChanged); `saved` tells that re-read which
event to show, on its day, so a saved event is in front of the user with its sources.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.dom import DOMNode

from ..store.models import UNDATED, EventDetail

if TYPE_CHECKING:
    from .app import ExpoApp
    from .screens.explorer import ExplorerScreen

EDIT_BINDINGS = [
    Binding("N", "new_event", "New", show=False, id="edit.new",
            tooltip="Add an event: day, time, who took part, and a source (a URL or your own observation)"),
    Binding("E", "edit_event", "Edit", show=False, id="edit.event",
            tooltip="Edit the highlighted event in a form"),
    Binding("D", "delete_event", "Delete", show=False, id="edit.delete",
            tooltip="Delete the highlighted event (asks first)"),
    Binding("P", "edit_person", "Edit person", show=False, id="edit.person",
            tooltip="Edit a person the details name: rank, position, other spellings"),
]  # fmt: skip


class EditActions(DOMNode):
    # (event id, day key) the re-read after a write shows; (None, day): that day, no event
    saved: tuple[int | None, str] | None = None

    @property
    def _explorer(self) -> ExplorerScreen:
        return cast("ExplorerScreen", self)

    def action_new_event(self) -> None:
        from .screens.event_form import EventForm

        screen = self._explorer
        if screen.expo is None:
            return
        day = screen.day if screen.day not in (None, UNDATED) else None
        screen.app.push_screen(EventForm(screen.expo, None, day, on_saved=self.event_saved))

    def _highlighted(self, what: str) -> tuple[str, str] | None:
        screen = self._explorer
        event = screen.events.event
        if screen.expo is None or event is None:
            screen.app.notify(f"Highlight an event in the timeline first: {what}.", markup=False)
            return None
        return screen.expo.slug, event.key

    def action_edit_event(self) -> None:
        from .screens.event_form import EventForm

        screen = self._explorer
        found = self._highlighted("E edits it")
        if found is not None and screen.expo is not None:
            screen.app.push_screen(
                EventForm(screen.expo, found[1], None, on_saved=self.event_saved)
            )

    def event_saved(self, detail: EventDetail | None) -> None:
        """Called as a write lands, before the explorer re-reads: show this event then."""
        if detail is not None:
            event = detail.event
            self.saved = (event.id, event.date.isoformat() if event.date else UNDATED)

    def show_edited(self, event_id: int | None, day: str) -> None:
        """After the re-read: the saved event highlighted on its day, its details open (or,
        after a delete, that day)."""
        from .loading.requests import EventDetailsRequest
        from .panes import TIMELINE

        screen = self._explorer
        screen.timeline.pending_event = event_id
        if screen.day != day:
            screen.day = day
        screen.focus_pane(TIMELINE)  # the timeline's highlight is what the details follow
        if event_id is not None:
            screen.follow.load(EventDetailsRequest(event_id))

    def action_delete_event(self) -> None:
        from .screens.confirm import ConfirmScreen

        screen = self._explorer
        found = self._highlighted("D deletes it")
        event = screen.events.event
        if found is None or event is None:
            return
        slug, key = found
        day = event.date.isoformat() if event.date else UNDATED

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.saved = (None, day)  # the day again, once the store is re-read
            cast("ExpoApp", screen.app).writes.run(
                lambda store: store.edits.delete_event(slug, key),
                done=lambda _: screen.app.notify("Event deleted.", markup=False),
                failed=lambda _: setattr(self, "saved", None),
                what="Deleting the event",
            )

        question = f"Delete “{event.title}”? Its participants and the sources only it cites go."
        screen.app.push_screen(ConfirmScreen(question, "Delete"), answered)

    def action_edit_person(self) -> None:
        from .screens.people import PeoplePicker

        screen = self._explorer
        people = screen.details.people
        if not people:
            screen.app.notify("The details name no one: open an event or a country.", markup=False)
        elif len(people) == 1:
            self.edit_person(people[0].key)
        else:
            title = f"Edit · {screen.details.subject_title or 'Details'}"
            picker = PeoplePicker(people, title, "enter edits the person · esc closes")
            screen.app.push_screen(picker, self.edit_person)

    def edit_person(self, key: str | None) -> None:
        from .screens.person_form import PersonForm

        screen = self._explorer
        if key is not None and screen.expo is not None:
            screen.app.push_screen(PersonForm(screen.expo.slug, key))
