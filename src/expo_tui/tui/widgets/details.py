"""The details pane: everything about the highlighted country or event, with its sources."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..render import is_web_url


class DetailsPane(VerticalScroll, can_focus=True, inherit_bindings=False):
    """A scrollable text view. Clicking a source link opens it (web links only)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="details.down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="details.up"),
        Binding("home,g", "scroll_home", "Top", show=False, id="details.top"),
        Binding("end,G", "scroll_end", "Bottom", show=False, id="details.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="details.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="details.page-up"),
    ]

    DEFAULT_CSS = """
    DetailsPane { overflow-y: scroll; }
    DetailsPane > Static { width: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        self.subject: tuple[str, object] | None = None  # ("country", code) / ("event", id)

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static(self.text, id="details-body")

    def show(self, text: Text, subject: tuple[str, object] | None = None) -> None:
        same = subject is not None and subject == self.subject  # e.g. after a refresh
        self.text = text
        self.subject = subject
        self.query_one("#details-body", Static).update(text)
        if not same:
            self.scroll_home(animate=False, immediate=True)

    def _on_click(self, event: events.Click) -> None:
        link = event.style.link
        if link and is_web_url(link):
            event.stop()
            self.app.open_url(link)
