"""What the explorer's record forms (event, person) share: their Save and Cancel buttons
(classes `form-save` and `form-cancel`), esc closing with nothing written, and enter in a
field moving on to the next one."""

from __future__ import annotations

from typing import TypeVar

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Input

Saved = TypeVar("Saved")


class RecordForm(ModalScreen[Saved | None], inherit_bindings=False):
    def action_save(self) -> None:
        raise NotImplementedError

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, ".form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, ".form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()
