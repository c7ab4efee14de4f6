"""The review list: articles newest first, each followed by its candidates, a page at a time.

An article is a disabled heading option; a candidate an option whose id is its id. The screen
reads pages (in workers) and appends them; when the highlight nears the end the list asks for
the next page (`MoreWanted`). It never holds the whole queue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..render.review import document_line, row_line

if TYPE_CHECKING:
    from ...store.review import ReviewDocument, ReviewRow

NEAR_END = 15  # options from the end at which the next page is asked for


class ReviewList(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="review.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="review.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="review.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="review.page-up"),
        Binding("home,g", "first", "First", show=False, id="review.first"),
        Binding("end,G", "last", "Last", show=False, id="review.last"),
    ]

    class CandidateHighlighted(Message):
        def __init__(self, candidate_id: int, document_id: int) -> None:
            super().__init__()
            self.candidate_id = candidate_id
            self.document_id = document_id

    class MoreWanted(Message):
        pass

    def __init__(self) -> None:
        super().__init__(id="review-list")
        self.more = False  # another page can be read
        self.asked = False
        self.documents: dict[int, ReviewDocument] = {}

    def show_page(
        self,
        documents: tuple[ReviewDocument, ...],
        rows: tuple[ReviewRow, ...],
        more: bool,
        *,
        replace: bool,
        keep: int | None = None,
    ) -> None:
        """Append a page (or show it instead of what was there, keeping candidate `keep`)."""
        previous = self.highlighted
        if replace:
            self.clear_options()
            self.documents = {}
        by_document: dict[int, list[ReviewRow]] = {}
        for r in rows:
            by_document.setdefault(r.document_id, []).append(r)
        options: list[Option] = []
        for d in documents:
            self.documents[d.id] = d
            options.append(Option(document_line(d), id=f"d{d.id}", disabled=True))
            options += [
                Option(row_line(r), id=f"c{r.id}.{d.id}") for r in by_document.get(d.id, [])
            ]
        self.add_options(options)
        self.more, self.asked = more, False
        if replace:
            self._restore(keep, previous)
        elif self.highlighted is None:
            self.action_first()

    def _restore(self, keep: int | None, previous: int | None) -> None:
        if keep is not None:
            for index, option in enumerate(self.options):
                if option.id and option.id.startswith(f"c{keep}."):
                    self.highlighted = index
                    return
        if previous is not None and self.option_count:
            self.highlighted = min(previous, self.option_count - 1)
            if self.get_option_at_index(self.highlighted).disabled:
                self.action_cursor_down()
        else:
            self.action_first()

    def current(self) -> tuple[int, int] | None:
        """(candidate id, document id) highlighted."""
        if self.highlighted is None:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        if not option_id.startswith("c"):
            return None
        candidate, document = option_id[1:].split(".")
        return int(candidate), int(document)

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        found = self.current()
        if found is not None:
            self.post_message(self.CandidateHighlighted(*found))
        if (
            highlighted is not None
            and self.more
            and not self.asked
            and highlighted >= self.option_count - NEAR_END
        ):
            self.asked = True
            self.post_message(self.MoreWanted())
