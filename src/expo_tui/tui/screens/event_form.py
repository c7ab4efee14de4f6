"""The event form: a new event, or the highlighted one edited.

Day (as the CLI reads days), time, kind and status, title, place and summary, participants
(widgets/participants.py) and a source: the user's own observation (who, when) or a web page.
An edited event lists the sources it cites, each ticked: space unticks one, which the event then
no longer cites (a wrong link can be taken back), as long as one source is left.
`ctrl+s` checks everything (form_checks.check_event) and says in plain words what to fix;
only a form without problems is written, in one transaction, through `app.writes`: the shipped
database is never written (the first write makes the user's own store from a copy). The
form closes once the write has landed, and the explorer shows the event on its day.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from ...observations import OBSERVATION_KIND, URL_KIND, observation_of
from ...records import EVENT_KINDS, EVENT_STATUSES
from ...store.edits import EditableEvent
from ...store.models import EventDetail, Expo
from ..form_checks import EventDraft, FormProblems, ParticipantDraft, check_event
from ..render.labels import KIND_NAMES
from ..render.text import safe_text
from ..widgets.participants import FindPeople, ParticipantsField
from .record_form import RecordForm

if TYPE_CHECKING:
    from collections.abc import Callable

    from ...store import Store
    from ..app import ExpoApp

TEXT_FIELDS = ("day", "time", "title", "location", "summary", "observer", "observed-day",
               "observed-time", "url")  # fmt: skip


class EventForm(RecordForm[EventDetail], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save",
                tooltip="Check the form and, if nothing is wrong, save the event"),
        Binding("escape", "cancel", "Cancel", id="form.cancel",
                tooltip="Close the form; nothing is written"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="form.next"),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False,
                id="form.previous"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    EventForm { align: center middle; }
    EventForm > Vertical {
        width: 100%; max-width: 110; height: auto; max-height: 100%;
        border: round $accent; background: $surface;
    }
    EventForm VerticalScroll { height: auto; max-height: 100%; padding: 0 1; }
    EventForm #problems { color: $error; height: auto; display: none; }
    EventForm #problems.-shown { display: block; }
    EventForm Horizontal { height: auto; }
    EventForm Label { width: 9; color: $text-muted; }
    EventForm Label.second { width: 8; padding-left: 1; }
    EventForm Input, EventForm Select { width: 1fr; }
    EventForm #observed-day, EventForm #observed-time { margin-left: 1; }
    EventForm .heading { color: $text-muted; text-style: bold; margin-top: 1; }
    EventForm #kept { height: auto; max-height: 8; border: none; padding: 0; }
    EventForm #kept-heading { color: $text-muted; }
    EventForm #buttons { height: auto; align-horizontal: right; margin-top: 1; }
    EventForm #buttons Button { margin-left: 1; }
    """

    def __init__(
        self,
        expo: Expo,
        key: str | None,
        day: str | None,
        *,
        on_saved: Callable[[EventDetail | None], None] | None = None,
    ) -> None:
        super().__init__()
        self.expo = expo
        self.key = key
        self.day = day
        self.on_saved = on_saved
        self.editing: EditableEvent | None = None
        self.saving = False

    # -- layout -----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Edit the event" if self.key else "New event")
            box.border_subtitle = "ctrl+s saves · esc cancels · tab next field"
            with VerticalScroll():
                yield Static(id="problems")
                with Horizontal():
                    yield Label(Content("Day"))
                    yield Input(placeholder="2, 12 Juni 2025, 2025-06-12, undated", id="day",
                                compact=True)  # fmt: skip
                    yield Label(Content("Time"), classes="second")
                    yield Input(placeholder="10:30 (optional)", id="time", compact=True)
                with Horizontal():
                    yield Label(Content("Kind"))
                    kinds = [(Content(KIND_NAMES.get(k, k)), k) for k in EVENT_KINDS]
                    yield Select(kinds, value="other", allow_blank=False, id="kind", compact=True)
                    yield Label(Content("Status"), classes="second")
                    statuses = [(Content(s), s) for s in EVENT_STATUSES]
                    yield Select(statuses, value="happened", allow_blank=False, id="status",
                                 compact=True)  # fmt: skip
                for name, label, hint in (
                    ("title", "Title", "what happened"),
                    ("location", "Place", "a hall, stand or room (optional)"),
                    ("summary", "Summary", "(optional)"),
                ):
                    with Horizontal():
                        yield Label(Content(label))
                        yield Input(placeholder=hint, id=name, compact=True)
                yield ParticipantsField(id="participants", find_people=self._people_finder())
                yield Static(Content("Source: at least one"), classes="heading")
                yield Static(Content("Cited now (space unticks one to drop it):"),
                             id="kept-heading")  # fmt: skip
                yield SelectionList[str](id="kept", compact=True)
                kinds_of_source = [
                    (Content("my own observation"), OBSERVATION_KIND),
                    (Content("a web page (URL)"), URL_KIND),
                ]
                with Horizontal():
                    yield Label(Content("Kind"))
                    yield Select(kinds_of_source, value=OBSERVATION_KIND, allow_blank=False,
                                 id="source-kind", compact=True)  # fmt: skip
                with Horizontal(id="observation"):
                    yield Label(Content("Seen by"))
                    yield Input(placeholder="your name", id="observer", compact=True)
                    yield Input(placeholder="day seen (blank: its day)", id="observed-day",
                                compact=True)  # fmt: skip
                    yield Input(placeholder="at (time)", id="observed-time", compact=True)
                with Horizontal(id="url-row"):
                    yield Label(Content("URL"))
                    yield Input(placeholder="https://…", id="url", compact=True)
                with Horizontal(id="buttons"):
                    yield Button(
                        Content("Save (ctrl+s)"),
                        variant="primary",
                        id="save",
                        classes="form-save",
                        compact=True,
                    )
                    yield Button(
                        Content("Cancel (esc)"), id="cancel", classes="form-cancel", compact=True
                    )

    def on_mount(self) -> None:
        self.query_one("#url-row").display = False
        for hidden in ("#kept", "#kept-heading"):  # until an edited event's sources are read
            self.query_one(hidden).display = False
        if self.day:
            self.query_one("#day", Input).value = self._day_number(self.day)
        if self.key is None:
            self.query_one("#day", Input).focus()
        self._read()

    def _day_number(self, day: str) -> str:
        """The day as the user would type it: its number in the expo, else the date."""
        from datetime import date

        number = (date.fromisoformat(day) - self.expo.start_date).days + 1
        span = (self.expo.end_date - self.expo.start_date).days + 1
        return str(number) if 1 <= number <= span else day

    # -- reading ----------------------------------------------------------------------------
    def _people_finder(self) -> FindPeople:
        """What the participants' completion calls, on a thread, with what is typed: the
        people of the store the app shows then (the user's own after a first edit)."""
        app = cast("ExpoApp", self.app)
        return lambda typed: app.store.edits.people(typed)

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-read")
    def _read(self) -> None:
        store = cast("ExpoApp", self.app).store
        editing = store.edits.event(self.expo.slug, self.key) if self.key else None
        self.app.call_from_thread(self._show_read, editing)

    def _show_read(self, editing: EditableEvent | None) -> None:
        if self.key is not None and editing is None:
            self._problems({"event": "This event is no longer in the store."})
            return
        if editing is not None:
            self._fill(editing)

    def _fill(self, editing: EditableEvent) -> None:
        self.editing = editing
        event = editing.record
        values = {
            "day": self._day_number(event.date.isoformat()) if event.date else "undated",
            "time": event.start_time.strftime("%H:%M") if event.start_time else "",
            "title": event.title,
            "location": event.location or "",
            "summary": event.summary or "",
        }
        for name, value in values.items():
            self.query_one(f"#{name}", Input).value = value
        self.query_one("#kind", Select).value = event.kind
        self.query_one("#status", Select).value = event.status
        people = {p.key: p for p in editing.people}
        field = self.query_one(ParticipantsField)
        for participant in event.participants:
            person = people.get(participant.person)
            name = person.name if person else participant.person
            draft = ParticipantDraft(name, participant.role, participant.person,
                                     (person.rank or "") if person else "")  # fmt: skip
            field.append(draft)
        self.query_one("#title", Input).focus()  # once it holds the stored title
        kept = self.query_one("#kept", SelectionList)
        kept.add_options(
            [(Content(safe_text(observation_of(s) or s.url, limit=120)), s.url, True)
             for s in editing.sources]
        )  # fmt: skip
        for shown in ("#kept", "#kept-heading"):
            self.query_one(shown).display = bool(editing.sources)

    # -- the source kind --------------------------------------------------------------------
    @on(Select.Changed, "#source-kind")
    def _source_kind(self, event: Select.Changed) -> None:
        observation = event.value == OBSERVATION_KIND
        self.query_one("#observation").display = observation
        self.query_one("#url-row").display = not observation

    # -- saving -----------------------------------------------------------------------------
    def draft(self) -> EventDraft:
        """What the form holds, as typed."""
        text = {name: self.query_one(f"#{name}", Input).value for name in TEXT_FIELDS}

        def chosen(name: str) -> str:
            value = self.query_one(f"#{name}", Select).value
            return value if isinstance(value, str) else ""

        editing = self.editing
        return EventDraft(
            day=text["day"],
            time=text["time"],
            kind=chosen("kind"),
            status=chosen("status"),
            title=text["title"],
            summary=text["summary"],
            location=text["location"],
            participants=tuple(self.query_one(ParticipantsField).drafts),
            source_kind=chosen("source-kind"),
            url=text["url"],
            observer=text["observer"],
            observed_day=text["observed-day"],
            observed_time=text["observed-time"],
            kept_sources=self._kept(editing),
            key=editing.record.key if editing else "",
            base=editing.record if editing else None,
        )

    def _kept(self, editing: EditableEvent | None) -> tuple[str, ...]:
        """The edited event's sources still ticked, in the order the event cites them."""
        if editing is None:
            return ()
        ticked = set(self.query_one("#kept", SelectionList).selected)
        return tuple(url for url in editing.record.sources if url in ticked)

    def action_save(self) -> None:
        if self.saving or (self.key is not None and self.editing is None):
            return
        try:
            checked = check_event(self.expo, self.draft())
        except FormProblems as problems:
            self._problems(problems.problems)
            return
        self._problems({})
        self.saving = True
        slug = self.expo.slug

        def job(store: Store) -> EventDetail | None:
            key = store.edits.save_event(slug, checked.event, checked.people, checked.sources)
            expo = store.expo(slug)
            return store.event_by_key(expo, key) if expo is not None else None

        cast("ExpoApp", self.app).writes.run(
            job, done=self._saved, failed=self._failed, what="Saving the event"
        )

    def _saved(self, detail: EventDetail | None) -> None:
        self.saving = False
        if self.on_saved is not None:
            self.on_saved(detail)
        self.app.notify("Event saved.", markup=False, timeout=3)
        self.dismiss(detail)

    def _failed(self, message: str) -> None:
        self.saving = False
        self._problems({"store": message})

    def _problems(self, problems: dict[str, str]) -> None:
        shown = self.query_one("#problems", Static)
        shown.update(Content("\n".join(safe_text(p, limit=300) for p in problems.values())))
        shown.set_class(bool(problems), "-shown")
        if problems:
            self.query_one(VerticalScroll).scroll_home(animate=False)
