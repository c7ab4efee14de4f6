"""The review list: articles newest first, each followed by its candidates, a page at a time.

A PagedList (the explorer's Line API list): an article is a disabled heading row, a candidate
a row whose record is its `ReviewRow`; each is one line, its title cut with an ellipsis. The
screen reads pages (in workers) and appends them; when the highlight nears the end the list
asks for the next page (`NeedMore`). It never holds the whole queue. A move repaints the two
rows concerned; a new page sets the list's height without a layout of the screen; a decision
repaints the rows it changed (`decided`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.visual import VisualType

from ...store.review import ReviewDocument, ReviewRow
from ..render.review import document_line, row_line
from .paged_list import PagedList, Row


class ReviewList(PagedList, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False, id="review.down"),
        Binding("up,k", "cursor_up", "Up", show=False, id="review.up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="review.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="review.page-up"),
        Binding("home,g", "first", "First", show=False, id="review.first"),
        Binding("end,G", "last", "Last", show=False, id="review.last"),
    ]

    class CandidateHighlighted(Message):
        def __init__(self, candidate_id: int, document_id: int, more: bool = False) -> None:
            super().__init__()
            self.candidate_id = candidate_id
            self.document_id = document_id
            self.more = more  # the move asked for the next page too (NeedMore is on its way)

    def __init__(self) -> None:
        super().__init__(id="review-list")
        self.documents: dict[int, ReviewDocument] = {}
        self.rows: dict[int, ReviewRow] = {}  # the shown candidates' lines, by candidate id
        self.edited: set[int] = set()  # accepted as edited in this session

    def _prompt(self, item: Any) -> VisualType:
        if isinstance(item, ReviewDocument):
            return document_line(item)
        return row_line(item, item.id in self.edited)

    def _rows(
        self, documents: tuple[ReviewDocument, ...], rows: tuple[ReviewRow, ...]
    ) -> list[Row]:
        by_document: dict[int, list[ReviewRow]] = {}
        for r in rows:
            by_document.setdefault(r.document_id, []).append(r)
            self.rows[r.id] = r
        out: list[Row] = []
        for d in documents:
            self.documents[d.id] = d
            out.append(Row(None, d, disabled=True, make=self._prompt))
            out += [Row(None, r, make=self._prompt) for r in by_document.get(d.id, [])]
        return out

    def show_page(
        self,
        documents: tuple[ReviewDocument, ...],
        rows: tuple[ReviewRow, ...],
        cursor: str | None,
        *,
        replace: bool,
        keep: int | None = None,
    ) -> None:
        """Append a page (or show it instead of what was there, keeping candidate `keep`)."""
        if not replace:
            self.append_rows(self._rows(documents, rows), cursor)
            return
        previous = self.highlighted
        self.documents, self.rows = {}, {}
        self.replace_rows(self._rows(documents, rows), cursor)
        if keep is not None and self.highlight_where(
            lambda item: isinstance(item, ReviewRow) and item.id == keep
        ):
            return
        if previous is not None and self.option_count:
            self.highlighted = min(previous, self.option_count - 1)
            if self.options[self.highlighted].disabled:
                self.action_cursor_down()

    def current(self) -> tuple[int, int] | None:
        """(candidate id, document id) highlighted."""
        item = self.highlighted_item
        return (item.id, item.document_id) if isinstance(item, ReviewRow) else None

    def decided(
        self, ids: Iterable[int], state: str, changed: dict[int, ReviewRow] | None = None
    ) -> None:
        """Show candidates `ids` in `state` (their rows as `changed` gives them, if it does),
        and their articles' counts, in place: what a decision changed, without a re-read."""
        new_rows: dict[int, ReviewRow] = {}
        for cid in ids:
            old = self.rows.get(cid)
            if old is not None:  # else not on a page read yet: it will be read as it is
                new_rows[cid] = (changed or {}).get(cid) or dataclasses.replace(old, state=state)
        if not new_rows:
            return
        tally: dict[int, dict[str, int]] = {}
        for row in self.options:
            item = row.item
            if isinstance(item, ReviewRow) and item.id in new_rows:
                old, new = (
                    item,
                    dataclasses.replace(new_rows[item.id], document_id=item.document_id),
                )
                row.item = new
                counts = tally.setdefault(item.document_id, {})
                counts[old.state] = counts.get(old.state, 0) - 1
                counts[new.state] = counts.get(new.state, 0) + 1
        self.rows.update(new_rows)
        for row in self.options:
            d = row.item
            if isinstance(d, ReviewDocument) and d.id in tally:
                counts = tally[d.id]
                row.item = self.documents[d.id] = dataclasses.replace(
                    d,
                    pending=d.pending + counts.get("pending", 0),
                    accepted=d.accepted + counts.get("accepted", 0),
                    rejected=d.rejected + counts.get("rejected", 0),
                )
        self.restyle(
            lambda item: (
                (isinstance(item, ReviewRow) and item.id in new_rows)
                or (isinstance(item, ReviewDocument) and item.id in tally)
            )
        )

    def watch_highlighted(self, old: int | None, index: int | None) -> None:
        asked = self._requested
        super().watch_highlighted(old, index)
        found = self.current()
        if found is not None:  # to the screen at once: it holds the frame for the detail
            more = self._requested is not None and self._requested != asked
            self.screen.post_message(self.CandidateHighlighted(*found, more=more))
