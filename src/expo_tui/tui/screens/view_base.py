"""What the analyst's view screens (matrix, ledger, a person's record) share: a loader of their
own (every store call in a thread worker, its answer posted back as `Loaded`), a title line, a
key bar, and the way back to an event in the explorer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from ...store.models import EventSummary
from ..loading.cache import ResultCache
from ..loading.loader import Loaded, Loader
from ..loading.requests import Request
from ..render.clock import EXPO_CLOCK, Clock
from ..writing import StoreChanged

if TYPE_CHECKING:
    from ...store import Store


class ViewScreen(Screen[None], inherit_bindings=False):
    """A full screen over the store; esc goes back to the explorer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="view.close", tooltip="Back to the explorer"),
    ]
    DEFAULT_CSS = """
    ViewScreen { layout: vertical; }
    ViewScreen > .view-title {
        height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ViewScreen > .view-status {
        height: 1; padding: 0 1; color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ViewScreen .view-pane { border: round $panel-lighten-2; background: $surface; }
    ViewScreen .view-pane:focus-within { border: round $accent; }
    """

    def __init__(
        self, store: Store, clock: Clock = EXPO_CLOCK, cache: ResultCache | None = None
    ) -> None:
        super().__init__()
        self.store = store
        self.clock = clock
        self.loader = Loader(self, store, self.answer, cache=cache)
        self.loader.set_clock(clock)
        self.chosen_event: EventSummary | None = None  # shown in the explorer once closed

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        """Read from the store written (the user's own, after a first edit) from now on."""
        self.store = self.loader.store = message.store
        self.loader.reload()

    def load(self, request: Request) -> None:
        self.loader.load(request)

    @on(Loaded)
    def loaded_message(self, message: Loaded) -> None:
        self.answer(message)

    def answer(self, message: Loaded) -> None:
        """Show an answer (a screen overrides it)."""
        if self.loader.is_current(message):
            self.show_answer(message.request, message.answer)

    def show_answer(self, request: Request, answer: Any) -> None:
        raise NotImplementedError

    def title_line(self) -> Static:
        return self.query_one(".view-title", Static)

    def open_event(self, event: EventSummary) -> None:
        """Close the view and show `event` in the explorer."""
        self.chosen_event = event
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)
