"""A yes-or-no question before something that cannot be taken back (deleting an event)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from ..render.text import safe_text


class ConfirmScreen(ModalScreen[bool], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("escape,n", "answer(False)", "No, keep it", id="confirm.no"),
    ]
    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 90%; max-width: 70; height: auto; border: round $error; background: $surface;
        padding: 0 1;
    }
    ConfirmScreen #question { margin: 1 0; }
    ConfirmScreen Horizontal { height: auto; align-horizontal: right; }
    ConfirmScreen Button { margin-left: 1; }
    """

    def __init__(self, question: str, verb: str) -> None:
        super().__init__()
        self.question = question
        self.verb = verb

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content(self.verb)
            box.border_subtitle = "y: yes · n or esc: no"
            yield Static(Content(safe_text(self.question, limit=400)), id="question")
            with Horizontal():
                yield Button(Content(f"{self.verb} (y)"), variant="error", id="yes")
                yield Button(Content("Keep it (n)"), id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()  # the safe answer is the one enter gives

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
