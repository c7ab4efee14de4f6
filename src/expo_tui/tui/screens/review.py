"""The review screen: the news ingest's candidates, grouped by article, newest first, and the
highlighted one in full (its proposal, its match against the store, its evidence).

Reads run in thread workers that only post results back (a page of the list with its
candidates in full, one candidate, the counts); the list never holds the whole queue. A page's
candidates are kept (the last KNOWN of them: tui/review_reads.py), so a move in the list shows
the next one in the same frame, with no worker. Decisions go through `app.writes` (one transaction each, via
expo_tui.news.review); what a decision changed (its rows, their articles' counts, the title's
counts, the detail) is then updated in place, without a re-read; any other write (an ingest)
re-reads the first page. The explorer below re-reads when it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ..frames import FrameHold
from ..render.text import safe_text
from ..review_reads import (
    Known,
    Shown,
    parties_for,
    pending_of,
    read_page,
    row_as,
    with_stored,
)
from ..widgets.keybar import KeyBar
from ..widgets.paged_list import PagedList
from ..widgets.review_detail import ReviewDetail
from ..widgets.review_list import ReviewList
from ..writing import StoreChanged

if TYPE_CHECKING:
    from ...store import Store
    from ...store.review import Candidate, MergeTarget


class ReviewScreen(Screen[None], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="review.close", tooltip="Back to the explorer"),
        Binding("a", "accept", "Accept", id="review.accept",
                tooltip="Accept the candidate: write it into the store, citing its article"),
        Binding("x", "reject", "Reject", id="review.reject", tooltip="Reject the candidate"),
        Binding("e", "edit", "Edit", id="review.edit",
                tooltip="Edit the proposal (kind, status, day, order, parties), then accept it"),
        Binding("m", "merge", "Merge", id="review.merge",
                tooltip="Merge into a stored event (adds the article as a source) or identify a party as a stored person"),
        Binding("A", "accept_article", "Accept article", id="review.accept-article",
                tooltip="Accept every pending candidate of the highlighted article"),
        Binding("u", "undo", "Undo", id="review.undo", tooltip="Undo the last accept or reject"),
        Binding("o", "source", "Source", id="review.source",
                tooltip="Open the article's URL and show its text around the evidence"),
        Binding("i", "ingest", "Ingest", id="review.ingest",
                tooltip="Read an article or a folder of them into the queue"),
        Binding("tab", "focus_next", "Next pane", show=False, id="review.pane"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    ReviewScreen { layout: vertical; }
    ReviewScreen > .view-title {
        height: 1; padding: 0 1; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    ReviewScreen > Horizontal { height: 1fr; }
    ReviewScreen ReviewList { width: 2fr; height: 1fr; border: round $panel-lighten-2; }
    ReviewScreen ReviewDetail { width: 3fr; height: 1fr; border: round $panel-lighten-2; }
    ReviewScreen ReviewList:focus, ReviewScreen ReviewDetail:focus { border: round $accent; }
    ReviewScreen.-narrow > Horizontal { layout: vertical; }
    ReviewScreen.-narrow ReviewList { width: 1fr; height: 2fr; }
    ReviewScreen.-narrow ReviewDetail { width: 1fr; height: 3fr; }
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.candidate: Candidate | None = None
        self.shown_id: int | None = None
        self.reading = 0  # generation of the list; a page of an older one is dropped
        self.known = Known()
        self.counts: dict[str, int] = {}
        self.said = ""  # what the last decision did, in the title (a toast would cost a layout)
        self.own_decision = False  # the StoreChanged to come is for a decision shown in place
        self.frames = FrameHold(self, lambda: None, "#review-panes")  # a key: one frame

    def compose(self) -> ComposeResult:
        yield Static("Review", classes="view-title", id="review-title")
        with Horizontal(id="review-panes"):
            yield ReviewList()
            yield ReviewDetail(id="review-detail")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.set_class(self.app.size.width < 100, "-narrow")  # no Resize comes at first
        self.query_one(ReviewList).focus()
        self.reload()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 100, "-narrow")

    # -- reading (thread workers; results come back on the UI thread) ----------------------
    def read(self, name: str, job: Callable[[], Any], then: Callable[[Any], None]) -> None:
        def work() -> None:
            result = job()
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(then, result)

        self.run_worker(work, name=name, group=name, thread=True, exclusive=True)

    def reload(self, keep: int | None = None) -> None:
        """Read the counts and the first page again (after a write), keeping the highlight."""
        self.reading += 1
        generation = self.reading
        store = self.store
        self.read("review-counts", store.review.counts, self.show_counts)

        self.read(
            "review-page",
            lambda: read_page(store, None),
            lambda page: self._show_page(generation, page, replace=True, keep=keep),
        )

    def _show_page(self, generation: int, page: Any, *, replace: bool, keep: int | None) -> None:
        if generation != self.reading:
            return
        documents, rows, cursor, full = page
        if replace:
            self.known.clear()
        for shown in full:
            self.known.remember(shown)
        listing = self.query_one(ReviewList)
        listing.show_page(documents, rows, cursor, replace=replace, keep=keep)
        self.frames.release()
        if not rows and replace:
            self.show_candidate((None, None))

    @on(PagedList.NeedMore)
    def _more(self, message: PagedList.NeedMore) -> None:
        before, store, generation = int(message.cursor), self.store, self.reading
        self.read(
            "review-more",
            lambda: read_page(store, before),
            lambda page: self._show_page(generation, page, replace=False, keep=None),
        )

    def show_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        decided = counts.get("accepted", 0) + counts.get("rejected", 0)
        title = Text("Review · ", style="bold")
        title.append(f"{counts.get('pending', 0)} pending", style="bold")
        title.append(f" · {decided} decided", style="dim")
        if self.said:
            title.append(" · ")
            title.append(safe_text(self.said, limit=200), style="green")
        if self.store.readonly:
            title.append(" · read-only: a decision is written to your own store", style="dim")
        # one line, always: no layout of the screen for new words in it
        self.query_one("#review-title", Static).update(title, layout=False)

    @on(ReviewList.CandidateHighlighted)
    def _highlighted(self, message: ReviewList.CandidateHighlighted) -> None:
        if message.candidate_id == self.shown_id:
            return
        self.shown_id = message.candidate_id
        self.frames.hold()  # the list's move and the candidate it shows: one frame
        self._show(message.candidate_id)
        if message.more:
            self.frames.hold()  # and the next page, read now: the same frame

    def _show(self, candidate_id: int) -> None:
        """Show the candidate: at once if it is known (read with its page), else once read."""
        known = self.known.get(candidate_id)
        if known is not None:
            self.show_candidate(known)
            return
        store = self.store

        def job() -> Shown:
            return with_stored(store, store.review.candidates_by_id([candidate_id]))[0]

        def read(shown: Shown) -> None:
            self.known.remember(shown)
            self.show_candidate(shown)

        self.read("review-candidate", job, read)

    def show_candidate(self, found: Shown) -> None:
        candidate, stored = found
        if candidate is not None and candidate.id != self.shown_id:
            return  # an older highlight
        self.candidate = candidate
        edited = candidate is not None and candidate.id in self.query_one(ReviewList).edited
        self.query_one(ReviewDetail).show(candidate, stored, edited=edited)
        self.frames.release()

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        if self.own_decision and message.store is self.store:
            self.own_decision = False  # shown in place already
            return
        self.own_decision = False
        self.store = message.store
        self.shown_id = None
        current = self.query_one(ReviewList).current()
        self.reload(keep=current[0] if current else None)

    def decided(
        self,
        ids: Sequence[int],
        state: str,
        was: str = "pending",
        record: dict[str, Any] | None = None,
    ) -> None:
        """Show a decision in place: its rows and their articles' counts, the title's counts,
        the candidates kept (and the detail, if it shows one of them). `record`: the one
        candidate was accepted as this record (edited)."""
        self.own_decision = True
        listing = self.query_one(ReviewList)
        changed = {}
        if record is not None:
            listing.edited.update(ids)
            changed = {i: row_as(listing.rows[i], record) for i in ids if i in listing.rows}
        else:
            listing.edited.difference_update(ids)
        listing.decided(ids, state, changed)
        if self.counts:
            counts = dict(self.counts)
            counts[was] = max(0, counts.get(was, 0) - len(ids))
            counts[state] = counts.get(state, 0) + len(ids)
            self.show_counts(counts)
        self.known.decided(ids, state, record)
        if self.shown_id is not None and self.shown_id in ids:
            self._show(self.shown_id)

    # -- deciding (app.writes: one transaction each) ---------------------------------------
    def pending(self) -> Candidate | None:
        """The highlighted candidate, if pending. The list's highlight decides, not the detail:
        a key typed right after a move acts on the row it moved to."""
        current = self.query_one(ReviewList).current()
        if current is None:
            self.app.notify("No candidate is highlighted.", markup=False)
            return None
        c = (self.known.get(current[0]) or (None, None))[0]
        if c is None and self.candidate is not None and self.candidate.id == current[0]:
            c = self.candidate
        if c is None:
            self.app.notify(f"Candidate #{current[0]} is still being read.", markup=False)
            return None
        if c.state != "pending":
            self.app.notify(f"Candidate #{c.id} is already {c.state}: u undoes.", markup=False)
            return None
        return c

    def write(
        self, job: Callable[[Store], Any], said: str, what: str, then: Callable[[], None]
    ) -> None:
        def done(_: Any) -> None:
            self.said = said
            then()

        self.app.writes.run(job, done=done, what=what)  # type: ignore[attr-defined]

    def action_accept(self) -> None:
        self._decide_highlighted("accepted")

    def action_reject(self) -> None:
        self._decide_highlighted("rejected")

    def _decide_highlighted(self, state: str) -> None:
        """Accept or reject the highlighted candidate, written at once."""
        from ...news import review

        if (c := self.pending()) is None:
            return
        cid = c.id
        decide, said, what = (
            (review.accept, "Accepted", "Accepting")
            if state == "accepted"
            else (review.reject, "Rejected", "Rejecting")
        )
        self.write(
            lambda s: decide(s, [cid]), f"{said} #{cid}.", what, lambda: self.decided([cid], state)
        )

    def action_accept_article(self) -> None:
        from ...news import review

        current = self.query_one(ReviewList).current()
        if current is None:
            return
        document_id = current[1]

        def job(s: Store) -> list[int]:
            ids = pending_of(s, document_id)
            review.accept(s, ids)
            return ids

        def done(ids: list[int]) -> None:
            self.said = f"Accepted the article's {len(ids)} candidate(s)."
            self.decided(ids, "accepted")

        self.app.writes.run(  # type: ignore[attr-defined]
            job, done=done, what="Accepting the article"
        )

    def action_undo(self) -> None:
        from ...news import review

        def job(s: Store) -> Any:
            decision = review.undo(s)
            if decision is None:
                raise ValueError("There is no decision to undo.")
            return decision

        def done(d: Any) -> None:
            was = "accepted" if d.action == "accept" else "rejected"
            self.said = f"Undid the {d.action} of {', '.join(f'#{i}' for i in d.candidates)}."
            self.decided(d.candidates, "pending", was)

        self.app.writes.run(job, done=done, what="Undoing")  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        from .review_forms import EditForm

        if (c := self.pending()) is None:
            return
        store, slug = self.store, c.expo_slug

        def opened(expo: Any) -> None:
            if expo is None:
                self.app.notify(
                    f"The expo {safe_text(slug, limit=60)} is not in the store.", markup=False
                )
                return
            self.app.push_screen(EditForm(c, expo), lambda values: self._edited(c, values))

        self.read("review-expo", lambda: store.expo(slug), opened)

    def _edited(self, c: Candidate, values: dict[str, Any] | None) -> None:
        from ...news import review

        if values is None:
            return
        record = review.edited(c.record, **values)
        self.write(
            lambda s: review.accept_as(s, c.id, record, c.match),
            f"Accepted #{c.id} as edited.",
            "Accepting as edited",
            lambda: self.decided([c.id], "accepted", record=record),
        )

    def action_merge(self) -> None:
        from .review_merge import MergePicker

        if (c := self.pending()) is None:
            return
        self.app.push_screen(
            MergePicker(self.store, c.expo_slug, "", c.title), lambda t: self._merge(c, t)
        )

    def _merge(self, c: Candidate, target: MergeTarget | None) -> None:
        from ...news import review

        if target is None:
            return
        if target.what == "event":
            self._merge_as(c, target, review.into_event(c.record, target.key), "updates")
            return
        parties = parties_for(c, target)
        if not parties:
            self.app.notify("The candidate names no party to identify.", markup=False)
            return
        from .review_merge import choose_party

        def merge(party: str) -> None:
            self._merge_as(c, target, review.as_person(c.record, party, target.key))

        choose_party(self.app, parties, target.label, merge)

    def _merge_as(
        self, c: Candidate, target: MergeTarget, record: dict[str, Any], match: str | None = None
    ) -> None:
        from ...news import review

        said = f"Accepted #{c.id} as {safe_text(target.label, limit=60)}."
        self.write(
            lambda s: review.accept_as(s, c.id, record, match or c.match),
            said,
            "Merging",
            lambda: self.decided([c.id], "accepted", record=record),
        )

    def action_source(self) -> None:
        from ..render.review import around
        from .review_forms import ArticleText

        c = self.candidate
        if c is None or not c.evidence:
            return
        evidence, store = c.evidence[0], self.store
        if evidence.url.startswith(("http://", "https://")):
            self.app.open_url(evidence.url)

        def shown(text: str | None) -> None:
            body = (
                around(text or evidence.quote, evidence.start, evidence.end)
                if text
                else Text(safe_text(evidence.quote, limit=1200))
            )
            self.app.push_screen(ArticleText(evidence.url, body))

        self.read("review-article", lambda: store.review.document_text(evidence.document_id), shown)

    def action_ingest(self) -> None:
        from .review_forms import PathPrompt

        self.app.push_screen(PathPrompt(), self._ingest)

    def _ingest(self, path: str | None) -> None:
        if path is None:
            return

        def job(s: Store) -> tuple[int, list[str]]:
            from ...news.pipeline import ingest

            report = ingest(s, [path])
            queued = sum(len(d.queued) for d in report.documents)
            return queued, [f"{d.name}: {d.problem}" for d in report.failed]

        def done(result: tuple[int, list[str]]) -> None:
            queued, failed = result
            words = f"{queued} candidate(s) came into the queue."
            if failed:
                words += f" {len(failed)} could not be read: " + "; ".join(failed[:3])
            self.app.notify(safe_text(words, limit=400), markup=False, timeout=8)

        self.app.writes.run(job, done=done, what="Ingesting")  # type: ignore[attr-defined]

    def action_close(self) -> None:
        self.dismiss(None)
