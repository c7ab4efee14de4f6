"""The expo picker: a modal list of the expos in the store."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...store.models import Expo
from ..render.labels import date_span
from ..render.text import safe_text


class ExpoPicker(ModalScreen[str | None], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close without switching", id="expos.close"),
        Binding("enter", "choose", "Open the highlighted expo", id="expos.choose"),
        Binding("down,j", "move(1)", "Down", show=False, id="expos.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="expos.up"),
    ]

    DEFAULT_CSS = """
    ExpoPicker { align: center middle; }
    ExpoPicker > Vertical {
        width: 80%; max-width: 90; height: auto; max-height: 80%;
        border: round $accent; background: $surface;
    }
    ExpoPicker OptionList, ExpoPicker OptionList:focus {
        border: none; height: auto; max-height: 20;
    }
    """

    def __init__(self, expos: tuple[Expo, ...], current: str | None) -> None:
        super().__init__()
        self.expos = expos
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    (safe_text(e.display_name, limit=80), "bold"),
                    "  ",
                    (date_span(e.start_date, e.end_date), "$text-muted"),
                    "  ",
                    (safe_text(e.city or e.venue or "", limit=60), "$text-muted"),
                ),
                id=f"expo-{index}",
            )
            for index, e in enumerate(self.expos)
        ]
        with Vertical() as box:
            box.border_title = "Switch expo"
            yield OptionList(*options, markup=False, id="expo-list")

    def on_mount(self) -> None:
        option_list = self.query_one(OptionList)
        for index, expo in enumerate(self.expos):
            if expo.slug == self.current:
                option_list.highlighted = index
        option_list.focus()

    def action_move(self, step: int) -> None:
        option_list = self.query_one(OptionList)
        option_list.action_cursor_down() if step > 0 else option_list.action_cursor_up()

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.expos[index].slug if index is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.expos[event.option_index].slug)
