"""Merge a candidate into a stored event of its expo or identify a party as a stored person:
type to narrow (the store is asked in a worker), enter picks. When which party the stored
person is cannot be told from their country, the reviewer picks it too (PartyPicker)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..render.text import safe_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.app import App

    from ...store import Store
    from ...store.review import MergeTarget


def target_option(t: MergeTarget) -> Option:
    line = Text("event  " if t.what == "event" else "person ", style="dim")
    line.append(safe_text(t.label, limit=110), style="bold")
    if t.detail:
        line.append(
            f"  {safe_text(t.detail, limit=20)}", style="cyan" if t.what == "event" else "dim"
        )
    return Option(line)


class MergePicker(ModalScreen["MergeTarget | None"], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="merge.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="merge.down"),
        Binding("up", "move(-1)", "Up", show=False, id="merge.up"),
        Binding("enter", "choose", "Merge into it", id="merge.choose", priority=True),
    ]
    DEFAULT_CSS = """
    MergePicker { align: center middle; }
    MergePicker > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 85%;
        border: round $accent; background: $surface;
    }
    MergePicker OptionList { border: none; height: auto; max-height: 24; }
    """

    def __init__(self, store: Store, expo_slug: str, text: str, title: str) -> None:
        super().__init__()
        self.store = store
        self.expo_slug = expo_slug
        self.first_text = text
        self.title_text = title
        self.targets: tuple[MergeTarget, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text("Merge · " + safe_text(self.title_text, limit=60))
            box.border_subtitle = "type to narrow · enter merges · esc cancels"
            yield Input(
                self.first_text, placeholder="an event's title or a person's name", id="merge-text"
            )
            yield OptionList(id="merge-list")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        self.read(self.first_text)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self.read(event.value)

    @work(thread=True, exclusive=True, group="merge-targets")
    def read(self, text: str) -> None:
        found = self.store.review.merge_targets(self.expo_slug, text.strip())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, found)

    def show(self, found: tuple[MergeTarget, ...]) -> None:
        self.targets = found
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options([target_option(t) for t in found])
        if found:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.targets):
            self.dismiss(self.targets[index])

    def action_cancel(self) -> None:
        self.dismiss(None)


def party_option(party: dict[str, Any]) -> Option:
    line = Text(safe_text(str(party.get("name") or party.get("key") or "?"), limit=90))
    line.stylize("bold")
    details = [str(party[f]) for f in ("country", "rank", "position") if party.get(f)]
    if details:
        line.append("  " + safe_text(", ".join(details), limit=60), style="dim")
    return Option(line)


class PartyPicker(ModalScreen["str | None"], inherit_bindings=False):
    """Which of the candidate's parties the chosen stored person is: enter picks, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="party.cancel"),
        Binding("enter", "choose", "This party", id="party.choose", priority=True),
    ]
    DEFAULT_CSS = """
    PartyPicker { align: center middle; }
    PartyPicker > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 85%;
        border: round $accent; background: $surface;
    }
    PartyPicker OptionList, PartyPicker OptionList:focus {
        border: none; height: auto; max-height: 20;
    }
    """

    def __init__(self, parties: list[dict[str, Any]], person: str) -> None:
        super().__init__()
        self.parties = parties
        self.person = person

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text("Which party is " + safe_text(self.person, limit=60) + "?")
            box.border_subtitle = "enter picks · esc cancels"
            yield OptionList(*(party_option(p) for p in self.parties), id="party-list")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.parties):
            self.dismiss(self.parties[index].get("key"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def choose_party(
    app: App[Any], parties: list[dict[str, Any]], person: str, then: Callable[[str], None]
) -> None:
    """Call `then` with the key of the party the stored person `person` is: the only one, or,
    when their country does not tell, the one the reviewer picks (nothing if they cancel)."""
    if len(parties) == 1:
        then(str(parties[0]["key"]))
        return

    def picked(key: str | None) -> None:
        if key is not None:
            then(key)

    app.push_screen(PartyPicker(parties, person), picked)
