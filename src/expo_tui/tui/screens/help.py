"""The help screen: every binding, generated from the bindings (with keymap overrides)."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen

from ..keys import KeyRow
from ..render.details import BOLD, HEADING, MUTED, PreparedText, prepare
from ..widgets.text_view import TextView


def help_text(rows: list[KeyRow]) -> PreparedText:
    """The key table: per scope, each binding's keys, id and what it does. A description that
    wraps continues under itself (the keys and ids stay a column of their own)."""
    width = max((len(" ".join(r.keys)) for r in rows), default=10) + 2
    id_width = max((len(r.id or "") for r in rows), default=10) + 2
    text = Text()
    hangs: list[int] = []
    scope = None
    for row in rows:
        if row.scope != scope:
            if scope is not None:
                text.append("\n")
                hangs.append(0)
            scope = row.scope
            text.append(scope, HEADING)
            text.append("\n")
            hangs.append(0)
        text.append(f"  {' '.join(row.keys):<{width}}", BOLD)
        text.append(f"{row.id or '':<{id_width}}", MUTED)
        text.append(row.description + "\n")
        hangs.append(2 + width + id_width)
    return replace(prepare(text), hangs=tuple(hangs))


class HelpScreen(ModalScreen[None], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("down,j", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("up,k", "scroll('up')", "Scroll up", show=False, id="help.up"),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False, id="help.page-down"),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, id="help.page-up"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 100; height: 90%;
        border: round $accent; border-title-style: bold; background: $surface;
    }
    HelpScreen TextView { height: 1fr; background: $surface; }
    """

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows  # as the app's keymap has them

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes"
            yield TextView(id="help-body")

    def on_mount(self) -> None:
        self.query_one(TextView).show_text(help_text(self.rows))

    def action_scroll(self, how: str) -> None:
        view = self.query_one(TextView)
        getattr(view, f"scroll_{how}" if how in ("up", "down") else f"action_{how}")()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
