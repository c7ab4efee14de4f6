"""Two list views over the store: the agreements ledger (every signing, its parties and value)
and a person's record (everything they took part in, across days and expos). Each is a paged
list above the details of its highlighted row; `enter` shows the event in the explorer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from ...store.models import Agreement, Day, Expo, Facets, PersonEvent
from ..loading.requests import AgreementsRequest, PersonEventsRequest, Request
from ..render import labels
from ..render.details import prepare
from ..render.ledger import (
    agreement_details,
    agreement_row,
    person_event_details,
    person_event_row,
    person_header,
)
from ..render.text import safe_text
from ..widgets.keybar import KeyBar
from ..widgets.paged_list import PagedList, Row, heading
from ..widgets.text_view import TextView
from .matrix import facets_words
from .view_base import ViewScreen

if TYPE_CHECKING:
    from ...store import Store
    from ...store.models import Page, Person
    from ..render.clock import Clock


class ListView(ViewScreen, inherit_bindings=False):
    """A paged list with the highlighted row's details below it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="view.close", tooltip="Back to the explorer"),
        Binding("enter", "open", "Show in explorer", id="view.open",
                tooltip="Close this view and show the highlighted event in the explorer"),
        Binding("tab", "switch", "List/details", show=False, id="view.switch",
                tooltip="Between the list and the details"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    ListView #rows { height: 1fr; }
    ListView #row-details { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="view-title")
        yield PagedList(id="rows").add_class("view-pane")
        yield TextView(id="row-details").add_class("view-pane")
        yield KeyBar(id="keys")

    @property
    def rows(self) -> PagedList:
        return self.query_one("#rows", PagedList)

    def on_mount(self) -> None:
        self.watch(self.rows, "highlighted", self.row_moved, init=False)
        self.rows.focus()
        self.retitle()
        self.load(self.first_request())

    def first_request(self) -> Request:
        raise NotImplementedError

    def retitle(self) -> None:
        """Set the title line (a view overrides it)."""

    def row_text(self, item: Any) -> Any:
        raise NotImplementedError

    def row_moved(self) -> None:
        item = self.rows.highlighted_item
        view = self.query_one(TextView)
        if item is None:
            view.show_text(prepare(labels_text("Nothing to show.")))
        else:
            view.show_text(prepare(self.row_text(item)))

    def show_page(self, page: Page[Any], first: bool, make: Any, empty: str) -> None:
        rows = [Row(None, item, make=make) for item in page.items]
        if not first:
            self.rows.append_rows(rows, page.next_cursor)
            return
        if not rows:
            rows = [heading(Content.styled(empty, "italic"))]
        self.rows.replace_rows(rows, page.next_cursor)
        self.row_moved()

    def action_switch(self) -> None:
        target = self.query_one(TextView) if self.focused is self.rows else self.rows
        target.focus()

    def action_open(self) -> None:
        item = self.rows.highlighted_item
        if item is not None:
            self.open_event(item.detail.event if isinstance(item, Agreement) else item.event)


def labels_text(message: str) -> Any:
    from ..render.details import message_text

    return message_text(message)


class LedgerScreen(ListView, inherit_bindings=False):
    """Every signing: date, title, value and parties; the details below."""

    BINDINGS: ClassVar[list[BindingType]] = ListView.BINDINGS

    def __init__(
        self,
        store: Store,
        expo: Expo,
        days: tuple[Day, ...],
        day: str | None,
        facets: Facets,
        clock: Clock,
        group_name: str | None = None,
    ) -> None:
        super().__init__(store, clock)
        self.expo, self.days, self.day, self.facets = expo, days, day, facets
        self.group_name = group_name

    def first_request(self) -> Request:
        return AgreementsRequest(self.expo, self.day, self.facets)

    def retitle(self) -> None:
        day = next((d for d in self.days if d.key == self.day), None)
        when = labels.day_label(day, long=True) if self.day is not None else "all days"
        others = Facets(statuses=self.facets.statuses, group=self.facets.group)
        narrowed = facets_words(others, self.group_name) if others.active else "every status"
        self.title_line().update(
            Content.assemble(
                ("Agreements ledger", "bold"),
                " · ",
                safe_text(self.expo.display_name, limit=60),
                " · ",
                when,
                (f" · {narrowed}", "$text-muted"),
            )
        )

    def show_answer(self, request: Request, answer: Any) -> None:
        if isinstance(request, AgreementsRequest):
            self.show_page(answer, request.cursor is None, agreement_row, "No signing recorded.")

    def on_paged_list_need_more(self, message: PagedList.NeedMore) -> None:
        self.load(AgreementsRequest(self.expo, self.day, self.facets, message.cursor))

    def row_text(self, item: Any) -> Any:
        return agreement_details(item)


class PersonScreen(ListView, inherit_bindings=False):
    """A person's record: every event across days and expos, the part and position held."""

    BINDINGS: ClassVar[list[BindingType]] = ListView.BINDINGS

    def __init__(self, store: Store, key: str, name: str, clock: Clock) -> None:
        super().__init__(store, clock)
        self.key, self.person_name = key, name
        self.person: Person | None = None
        self.several_expos = False

    def first_request(self) -> Request:
        return PersonEventsRequest(self.key)

    def retitle(self) -> None:
        self.title_line().update(
            Content.assemble(("Person", "bold"), " · ", safe_text(self.person_name, limit=100))
        )

    def show_answer(self, request: Request, answer: Any) -> None:
        if not isinstance(request, PersonEventsRequest):
            return
        person, page = answer
        self.person = person
        # the expo is named on each row once the record runs over more than one
        self.several_expos = self.several_expos or len({i.expo_slug for i in page.items}) > 1

        def make(item: PersonEvent) -> Any:
            return person_event_row(item, expo_shown=self.several_expos)

        self.show_page(page, request.cursor is None, make, "No event recorded for this person.")

    def on_paged_list_need_more(self, message: PagedList.NeedMore) -> None:
        self.load(PersonEventsRequest(self.key, message.cursor))

    def row_text(self, item: Any) -> Any:
        text = person_header(self.person, len(self.rows.items()), self.rows.next_cursor is not None)
        text.append("\n")
        text.append_text(person_event_details(item))
        return text
