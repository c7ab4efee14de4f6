"""The highlighted candidate: what it proposes, how it matches the store (with the stored
event beside it), and the evidence. The screen reads them in a worker and calls `show`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Static

from ..render.review import evidence_text, match_text, proposed

if TYPE_CHECKING:
    from ...records import EventRecord
    from ...store.review import Candidate


class ReviewDetail(VerticalScroll, can_focus=True):
    DEFAULT_CSS = """
    ReviewDetail { padding: 0 1; }
    ReviewDetail #review-record { height: auto; }
    ReviewDetail > Vertical { height: auto; }
    ReviewDetail #review-proposed, ReviewDetail #review-match { height: auto; }
    ReviewDetail #review-evidence { height: auto; margin-top: 1; }
    ReviewDetail > #review-match { height: auto; margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Nothing to review.", style="dim"), id="review-proposed")
            yield Static("", id="review-evidence")
        yield Static("", id="review-match")

    def show(self, candidate: Candidate | None, stored: EventRecord | None) -> None:
        proposed_pane = self.query_one("#review-proposed", Static)
        if candidate is None:
            proposed_pane.update(Text("Nothing to review.", style="dim"))
            self.query_one("#review-match", Static).update("")
            self.query_one("#review-evidence", Static).update("")
            return
        proposed_pane.update(proposed(candidate))
        self.query_one("#review-match", Static).update(match_text(candidate, stored))
        self.query_one("#review-evidence", Static).update(evidence_text(candidate))
        self.scroll_home(animate=False)
