"""The highlighted candidate: what it proposes (in two lines), the evidence, its parties, and
how it matches the store (with the stored event beside it). The screen reads them (ahead, with
the list's page, or in a worker) and calls `show`.

A Line API view (TextView): showing another candidate repaints the pane only, with no layout
of the screen, so a move in the list is one cheap frame.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..render.review import detail
from .text_view import TextView

if TYPE_CHECKING:
    from ...records import EventRecord
    from ...store.review import Candidate


class ReviewDetail(TextView):
    def on_mount(self) -> None:
        self.show_text(Text("Nothing to review.", style="dim"))

    def show(
        self, candidate: Candidate | None, stored: EventRecord | None, *, edited: bool = False
    ) -> None:
        self.show_text(detail(candidate, stored, edited))
