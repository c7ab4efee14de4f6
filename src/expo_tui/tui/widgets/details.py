"""The details pane: everything about the highlighted country or event, with its sources.

The text arrives rendered and cut into lines (`render.details.PreparedText`), read and built
in the worker that loaded the data; the pane wraps what it paints (see TextView). Clicking a
source link opens it (web links only).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType

from ..render.details import PreparedText
from ..render.labels import pane_title
from ..render.text import is_web_url
from .text_view import TextView

if TYPE_CHECKING:
    from ...store.annotations import Subject as Annotated
    from ...store.models import Person, Source
    from ..loading.reader import DetailsView
    from ..loading.requests import Subject


class DetailsPane(TextView, inherit_bindings=False):
    """The details of one subject: a country, an event, a person, the expo."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="details.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="details.up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="details.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="details.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="details.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="details.page-up"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.subject: Subject | None = None
        self.subject_title = ""  # the subject's name, in the pane's title
        self.sources: tuple[Source, ...] = ()  # what the text cites
        self.people: tuple[Person, ...] = ()  # who the text names (`p` opens one)
        self.target: Annotated | None = None  # what the star, note and tags keys act on
        self.target_label = ""
        self.starred_people: frozenset[str] = frozenset()

    def on_mount(self) -> None:
        self.border_title = pane_title("Details")

    def show_view(self, view: DetailsView) -> None:
        """A subject's details, with its name in the pane's title."""
        self.show(view.text, view.subject)
        same_title = view.title == self.subject_title
        self.subject_title, self.sources = view.title, view.sources
        self.people = view.people
        self.target, self.target_label = view.target, view.target_label
        self.starred_people = view.starred_people
        if not same_title:  # setting it repaints the pane's border
            self.border_title = pane_title("Details", view.title or None)

    def show(self, text: Text | PreparedText, subject: Subject | None = None) -> None:
        same = subject is not None and subject == self.subject  # e.g. after a refresh
        self.subject = subject
        self.sources = ()
        self.people = ()
        self.target, self.target_label, self.starred_people = None, "", frozenset()
        self.show_text(text, keep_scroll=same)

    def on_click(self, event: events.Click) -> None:
        link = event.style.link
        if link and is_web_url(link):
            event.stop()
            self.app.open_url(link)
