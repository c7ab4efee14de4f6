"""What the review screen reads in its workers, and the candidates it keeps.

A page of the list is read with its candidates in full (and the stored events they match), so
that a move shows the next candidate in the key's own handler; `Known` keeps the last KNOWN of
them and follows the screen's decisions. Everything here but `Known` runs in a worker.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..records import EventRecord
    from ..store import Store
    from ..store.review import Candidate, MergeTarget, ReviewDocument, ReviewRow

PAGE = 25  # articles per page of the list
KNOWN = 400  # candidates kept read in full (with their stored event): the last pages shown
Shown = tuple["Candidate | None", "EventRecord | None"]
Page = tuple[tuple["ReviewDocument", ...], tuple["ReviewRow", ...], "str | None", list[Shown]]


def read_page(store: Store, before: int | None) -> Page:
    """Articles (before the article id `before`), their candidates' lines and the candidates
    in full, and where the next page starts."""
    page = store.review.document_page(limit=PAGE, before=before)
    rows = store.review.document_rows([d.id for d in page.items])
    full = store.review.candidates_by_id(list(dict.fromkeys(r.id for r in rows)))
    return page.items, rows, page.next_cursor, with_stored(store, full)


def with_stored(store: Store, candidates: Sequence[Candidate]) -> list[Shown]:
    """Each candidate with the stored event it matches (if it names one that is stored)."""
    expos: dict[str, Any] = {}
    out: list[Shown] = []
    for c in candidates:
        stored = None
        if c.matched_event:
            if c.expo_slug not in expos:
                expos[c.expo_slug] = store.expo(c.expo_slug)
            expo = expos[c.expo_slug]
            if expo is not None:
                stored = store.review.event_record(expo.id, c.matched_event)
        out.append((c, stored))
    return out or [(None, None)]


def pending_of(store: Store, document_id: int) -> list[int]:
    """The ids of an article's pending candidates (paged all the same: a handful)."""
    ids: list[int] = []
    after = 0
    while True:
        page = store.review.candidates(document_id=document_id, after=after, limit=200)
        ids += [c.id for c in page.items]
        if page.next_cursor is None:
            break
        after = int(page.next_cursor)
    if not ids:
        raise ValueError("This article has no pending candidate left.")
    return ids


def row_as(row: ReviewRow, record: dict[str, Any]) -> ReviewRow:
    """The list line of a candidate accepted as `record`: its corrected kind, title and day."""
    event = record.get("event", {})
    return dataclasses.replace(
        row,
        state="accepted",
        kind=event.get("kind") or row.kind,
        title=event.get("title") or row.title,
        day=event.get("date"),
    )


def parties_for(c: Candidate, target: MergeTarget) -> list[dict[str, Any]]:
    """The parties the stored person `target` may be: the one of their country when just one
    is; else every party of that country, else every party (the reviewer then picks)."""
    people = [p for p in c.record.get("people", []) if p.get("key")]
    same = [p for p in people if target.detail and p.get("country") == target.detail]
    return same or people


class Known:
    """The candidates read lately, by id (the last KNOWN), as the screen's decisions left them."""

    def __init__(self) -> None:
        self._shown: OrderedDict[int, Shown] = OrderedDict()

    def remember(self, shown: Shown) -> None:
        candidate = shown[0]
        if candidate is not None:
            self._shown[candidate.id] = shown
            self._shown.move_to_end(candidate.id)
            while len(self._shown) > KNOWN:
                self._shown.popitem(last=False)

    def get(self, candidate_id: int) -> Shown | None:
        found = self._shown.get(candidate_id)
        if found is not None:
            self._shown.move_to_end(candidate_id)
        return found

    def decided(self, ids: Iterable[int], state: str, record: dict[str, Any] | None) -> None:
        """Candidates `ids` are now in `state` (accepted as `record`, if given)."""
        for i in ids:
            known = self._shown.get(i)
            if known is not None and known[0] is not None:
                fields: dict[str, Any] = {"state": state}
                if record is not None:
                    fields["record"] = record
                self._shown[i] = (dataclasses.replace(known[0], **fields), known[1])

    def clear(self) -> None:
        self._shown.clear()

    def __len__(self) -> int:
        return len(self._shown)
