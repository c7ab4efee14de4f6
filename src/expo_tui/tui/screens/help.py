"""The help screen: every binding, generated from the bindings (with keymap overrides)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..keys import KeyRow


def help_content(rows: list[KeyRow]) -> Content:
    width = max((len(" ".join(r.keys)) for r in rows), default=10) + 2
    id_width = max((len(r.id or "") for r in rows), default=10) + 2
    parts: list[str | tuple[str, str]] = []
    scope = None
    for row in rows:
        if row.scope != scope:
            if scope is not None:
                parts.append("\n")
            scope = row.scope
            parts += [(scope, "bold underline $accent"), "\n"]
        keys = " ".join(row.keys)
        parts += [
            (f"  {keys:<{width}}", "bold"),
            (f"{row.id or '':<{id_width}}", "$text-muted"),
            row.description,
            "\n",
        ]
    return Content.assemble(*parts)


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
    HelpScreen VerticalScroll { padding: 0 1; }
    """

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self.rows = rows  # as the app's keymap has them

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes"
            with VerticalScroll(id="help-scroll"):
                yield Static(help_content(self.rows), id="help-body")

    def action_scroll(self, how: str) -> None:
        scroller = self.query_one("#help-scroll", VerticalScroll)
        getattr(scroller, f"scroll_{how}" if how in ("up", "down") else f"action_{how}")()

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
