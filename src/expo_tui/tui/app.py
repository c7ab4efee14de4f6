"""The explorer application: `ExpoApp(store, expo_slug=...)`, as the CLI builds it."""

from __future__ import annotations

import gc
import threading
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from .keys import KeyScope
from .render.text import safe_text
from .screens.explorer import ExplorerScreen
from .writing import StoreWrites

if TYPE_CHECKING:
    from ..store import Store
    from .loading.prefetch import Prefetch

STARTUP_GC_LIMIT = 3.0  # s: garbage collection is on again this long after mount at the latest


def _explorer_commands():  # type: ignore[no-untyped-def]
    """The palette's provider, imported when the palette first opens (not at start-up)."""
    from .commands import ExplorerCommands

    return ExplorerCommands


class ExpoApp(App[None], inherit_bindings=False):
    """Three linked panes over one store: countries, a day timeline, and details."""

    CSS_PATH = "app.tcss"
    TITLE = "expo-tui"
    COMMANDS = App.COMMANDS | {_explorer_commands}
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 - Textual declares it an instance attribute
        (0, "-compact"),
        (60, "-narrow"),
        (120, "-medium"),
        (160, "-wide"),
    ]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", id="help", tooltip="List every key"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Quit expo-tui"),
        Binding(
            "ctrl+p",
            "command_palette",
            "Palette",
            show=False,
            priority=True,
            id="command-palette",
            tooltip="Jump to a country, person, event or day",
        ),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="quit.ctrl-q"),
        Binding("ctrl+c", "help_quit", "How to quit", show=False, system=True, id="quit.ctrl-c"),
    ]

    def __init__(
        self,
        store: Store,
        expo_slug: str | None = None,
        *,
        keymap: dict[str, str] | None = None,
        prefetch: Prefetch | None = None,
        review: bool = False,
    ) -> None:
        super().__init__()
        self.store = store
        self.expo_slug = expo_slug
        self.prefetch = prefetch
        self.start_on_review = review  # `expo-tui review`: the review screen over the explorer
        self.keymap = dict(keymap or {})  # binding id -> keys, as the help screen shows them
        self._gc_frozen = False
        self.writes = StoreWrites(self)  # every write from a screen goes through it
        self.kept_views: set[str] = set()  # installed view screens, made anew for another store
        if keymap:
            self.set_keymap(keymap)

    def on_mount(self) -> None:
        # in case the explorer never paints its panes (an error on the way): collect anyway
        self.set_timer(STARTUP_GC_LIMIT, self.freeze_startup_objects)
        if self.store.readonly:
            self.sub_title = "read-only"
        # Pushed once the app's mount is over: Textual holds every paint until then (its
        # start-up batch), so a screen pushed here would be laid out and rendered once for
        # nothing, then painted again (~30 ms at 160x48).
        self.call_later(self.push_screen, ExplorerScreen(self.store, self.expo_slug, self.prefetch))
        if self.start_on_review:
            from .screens.review import ReviewScreen

            self.call_later(lambda: self.push_screen(ReviewScreen(self.store)))

    def use_store(self, store: Store) -> None:
        """Show `store` from now on: the first edit moved the app off the shipped data into
        the user's own store. Screens take it with StoreChanged; kept views are made anew."""
        self.store = store
        for name in self.kept_views:
            if not any(screen is self.get_screen(name) for screen in self.screen_stack):
                self.uninstall_screen(name)
        self.kept_views.clear()

    def freeze_startup_objects(self) -> None:
        """Move everything alive after the first paint into the permanent GC generation.

        The app's start leaves ~60k long-lived objects (modules, CSS, widgets). A full
        (generation 2) collection walks all of them: 25-40 ms, every few keys while frames
        allocate strips, which was most of the slow keys at p95. Frozen, they are not walked
        again (full collections: ~5 ms); new objects are collected as before. No collection
        runs first: it would cost ~40 ms just as the first frame is being written, for the
        little garbage a start leaves. Called once, after the explorer's first paint with data
        (or STARTUP_GC_LIMIT seconds in). Collection, which `expo-tui` turns off until then
        (cli/launch.py), is on again from here.
        """
        if not self._gc_frozen:
            self._gc_frozen = True
            gc.freeze()
            gc.enable()
            # The search's gazetteer takes ~0.1 s to read: read it now, while nothing is asked,
            # not on the first letter typed into the search box.
            threading.Thread(target=warm_search_words, name="gazetteer", daemon=True).start()

    def action_help(self) -> None:
        from .keys import for_days, key_rows
        from .screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        rows = key_rows(binding_scopes(), self.keymap)
        expo = next((s.expo for s in self.screen_stack if isinstance(s, ExplorerScreen)), None)
        if expo is not None:  # only the keys of days this expo has
            rows = for_days(rows, expo.span_days)
        self.push_screen(HelpScreen(rows))

    @on(Worker.StateChanged)
    def _worker_state_changed(self, event: Worker.StateChanged) -> None:
        self.report_worker_state(event.worker, event.state)

    def report_worker_state(self, worker: Worker[object], state: WorkerState) -> None:
        """The one place worker errors surface: a notification, shown literally.

        Worker.StateChanged does not bubble, so screens that run workers forward it here.
        """
        if state != WorkerState.ERROR:
            return
        error = worker.error
        self.notify(
            safe_text(f"{type(error).__name__}: {error}", limit=300),
            title="Could not load data",
            severity="error",
            markup=False,
            timeout=8,
        )


def warm_search_words() -> None:
    from ..gazetteer.search_words import query_parts

    query_parts("Letjen")


def binding_scopes() -> list[KeyScope]:
    """Every binding of the explorer, by where it works (the help screen, docs/keys.md)."""
    from .screens.annotate import NoteScreen, TagPicker, TagsScreen
    from .screens.confirm import ConfirmScreen
    from .screens.event_form import EventForm
    from .screens.expos import ExpoPicker
    from .screens.facets import FacetsScreen
    from .screens.help import HelpScreen
    from .screens.ledger import ListView
    from .screens.matrix import MatrixScreen
    from .screens.people import PeoplePicker
    from .screens.person_form import PersonForm
    from .screens.review import ReviewScreen
    from .screens.review_forms import EditForm
    from .screens.review_merge import MergePicker, PartyPicker
    from .screens.sources import SourcesScreen
    from .screens.starred import StarredScreen
    from .widgets.countries import SearchInput
    from .widgets.details import DetailsPane
    from .widgets.matrix_grid import MatrixGrid
    from .widgets.paged_list import PagedList
    from .widgets.participants import ParticipantsField
    from .widgets.review_list import ReviewList

    return [
        KeyScope("Anywhere", ExpoApp.BINDINGS),
        KeyScope("Explorer", ExplorerScreen.BINDINGS),
        KeyScope("Country and timeline lists", PagedList.BINDINGS),
        KeyScope("Search box (besides the usual editing keys)", SearchInput.BINDINGS),
        KeyScope("Details pane", DetailsPane.BINDINGS),
        KeyScope("Help screen", HelpScreen.BINDINGS),
        KeyScope("Expo picker", ExpoPicker.BINDINGS),
        KeyScope("Sources list", SourcesScreen.BINDINGS),
        KeyScope("Facets", FacetsScreen.BINDINGS),
        KeyScope("Bilateral matrix", [*MatrixScreen.BINDINGS, *MatrixGrid.BINDINGS]),
        KeyScope("Agreements ledger and a person's record", ListView.BINDINGS),
        KeyScope("People the details name", PeoplePicker.BINDINGS),
        KeyScope("Event form", [*EventForm.BINDINGS, *ParticipantsField.BINDINGS]),
        KeyScope("Person form", PersonForm.BINDINGS),
        KeyScope("Confirmation", ConfirmScreen.BINDINGS),
        KeyScope("Review queue", [*ReviewScreen.BINDINGS, *ReviewList.BINDINGS]),
        KeyScope("Editing a candidate", EditForm.BINDINGS),
        KeyScope("Merging a candidate", MergePicker.BINDINGS),
        KeyScope("Which party the stored person is", PartyPicker.BINDINGS),
        KeyScope("Starred view", StarredScreen.BINDINGS),
        KeyScope("Your note", NoteScreen.BINDINGS),
        KeyScope("Tags", TagsScreen.BINDINGS),
        KeyScope("Tag filter", TagPicker.BINDINGS),
    ]
