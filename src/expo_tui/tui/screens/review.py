"""The review screen: the news ingest's candidates, grouped by article, newest first, and the
highlighted one in full (its proposal, its match against the store, its evidence).

Reads run in thread workers that only post results back (a page of the list, one candidate,
the counts); the list never holds the whole queue. Decisions go through `app.writes` (one
transaction each, via expo_tui.news.review); after a write every screen hears StoreChanged,
this one re-reads its page and the explorer its timeline and details.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from ..render.text import safe_text
from ..widgets.keybar import KeyBar
from ..widgets.review_detail import ReviewDetail
from ..widgets.review_list import ReviewList
from ..writing import StoreChanged

if TYPE_CHECKING:
    from ...records import EventRecord
    from ...store import Store
    from ...store.review import Candidate, MergeTarget, ReviewDocument, ReviewRow

PAGE = 25  # articles per page of the list


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
        self.next_before: int | None = None  # where the next page of articles starts

    def compose(self) -> ComposeResult:
        yield Static("Review", classes="view-title", id="review-title")
        with Horizontal():
            yield ReviewList()
            yield ReviewDetail(id="review-detail")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
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

        def first() -> tuple[Any, ...]:
            return self._page(store, None)

        self.read(
            "review-page",
            first,
            lambda page: self._show_page(generation, page, replace=True, keep=keep),
        )

    @staticmethod
    def _page(
        store: Store, before: int | None
    ) -> tuple[tuple[ReviewDocument, ...], tuple[ReviewRow, ...], str | None]:
        page = store.review.document_page(limit=PAGE, before=before)
        rows = store.review.document_rows([d.id for d in page.items])
        return page.items, rows, page.next_cursor

    def _show_page(self, generation: int, page: Any, *, replace: bool, keep: int | None) -> None:
        if generation != self.reading:
            return
        documents, rows, cursor = page
        self.next_before = int(cursor) if cursor else None
        listing = self.query_one(ReviewList)
        listing.show_page(documents, rows, cursor is not None, replace=replace, keep=keep)
        if not rows and replace:
            self.show_candidate((None, None))

    @on(ReviewList.MoreWanted)
    def _more(self) -> None:
        before, store, generation = self.next_before, self.store, self.reading
        if before is None:
            return
        self.read(
            "review-more",
            lambda: self._page(store, before),
            lambda page: self._show_page(generation, page, replace=False, keep=None),
        )

    def show_counts(self, counts: dict[str, int]) -> None:
        decided = counts.get("accepted", 0) + counts.get("rejected", 0)
        title = Text("Review · ", style="bold")
        title.append(f"{counts.get('pending', 0)} pending", style="bold")
        title.append(f" · {decided} decided", style="dim")
        if self.store.readonly:
            title.append(" · read-only: a decision is written to your own store", style="dim")
        self.query_one("#review-title", Static).update(title)

    @on(ReviewList.CandidateHighlighted)
    def _highlighted(self, message: ReviewList.CandidateHighlighted) -> None:
        if message.candidate_id == self.shown_id:
            return
        self.shown_id = message.candidate_id
        store, candidate_id = self.store, message.candidate_id

        def job() -> tuple[Candidate | None, EventRecord | None]:
            candidate = store.review.candidate(candidate_id)
            stored = None
            if candidate is not None and candidate.matched_event:
                expo = store.expo(candidate.expo_slug)
                if expo is not None:
                    stored = store.review.event_record(expo.id, candidate.matched_event)
            return candidate, stored

        self.read("review-candidate", job, self.show_candidate)

    def show_candidate(self, found: tuple[Candidate | None, EventRecord | None]) -> None:
        candidate, stored = found
        if candidate is not None and candidate.id != self.shown_id:
            return  # an older highlight
        self.candidate = candidate
        self.query_one(ReviewDetail).show(candidate, stored)

    @on(StoreChanged)
    def _store_changed(self, message: StoreChanged) -> None:
        self.store = message.store
        self.shown_id = None
        current = self.query_one(ReviewList).current()
        self.reload(keep=current[0] if current else None)

    # -- deciding (app.writes: one transaction each) ---------------------------------------
    def pending(self) -> Candidate | None:
        c = self.candidate
        if c is None:
            self.app.notify("No candidate is highlighted.", markup=False)
            return None
        if c.state != "pending":
            self.app.notify(f"Candidate #{c.id} is already {c.state}: u undoes.", markup=False)
            return None
        return c

    def write(self, job: Callable[[Store], Any], said: str, what: str) -> None:
        self.app.writes.run(  # type: ignore[attr-defined]
            job, done=lambda _: self.app.notify(said, markup=False), what=what
        )

    def action_accept(self) -> None:
        from ...news import review

        if (c := self.pending()) is not None:
            cid = c.id
            self.write(lambda s: review.accept(s, [cid]), f"Accepted #{cid}.", "Accepting")

    def action_reject(self) -> None:
        from ...news import review

        if (c := self.pending()) is not None:
            cid = c.id
            self.write(lambda s: review.reject(s, [cid]), f"Rejected #{cid}.", "Rejecting")

    def action_accept_article(self) -> None:
        from ...news import review

        current = self.query_one(ReviewList).current()
        if current is None:
            return
        document_id = current[1]

        def job(s: Store) -> int:
            ids: list[int] = []
            after = 0
            while True:  # an article proposes a handful; paged all the same
                page = s.review.candidates(document_id=document_id, after=after, limit=200)
                ids += [c.id for c in page.items]
                if page.next_cursor is None:
                    break
                after = int(page.next_cursor)
            if not ids:
                raise ValueError("This article has no pending candidate left.")
            review.accept(s, ids)
            return len(ids)

        self.app.writes.run(  # type: ignore[attr-defined]
            job,
            done=lambda n: self.app.notify(
                f"Accepted the article's {n} candidate(s).", markup=False
            ),
            what="Accepting the article",
        )

    def action_undo(self) -> None:
        from ...news import review

        def job(s: Store) -> Any:
            decision = review.undo(s)
            if decision is None:
                raise ValueError("There is no decision to undo.")
            return decision

        self.app.writes.run(  # type: ignore[attr-defined]
            job,
            done=lambda d: self.app.notify(
                f"Undid the {d.action} of {', '.join(f'#{i}' for i in d.candidates)}.",
                markup=False,
            ),
            what="Undoing",
        )

    def action_edit(self) -> None:
        from .review_forms import EditForm

        if (c := self.pending()) is None:
            return
        store, slug = self.store, c.expo_slug

        def opened(expo: Any) -> None:
            if expo is None:
                self.app.notify(f"The expo {slug} is not in the store.", markup=False)
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
            record, match = review.into_event(c.record, target.key), "updates"
        else:
            party = self._party_for(c, target)
            if party is None:
                self.app.notify("The candidate names no party to identify.", markup=False)
                return
            record, match = review.as_person(c.record, party, target.key), c.match
        said = f"Accepted #{c.id} as {safe_text(target.label, limit=60)}."
        self.write(lambda s: review.accept_as(s, c.id, record, match), said, "Merging")

    @staticmethod
    def _party_for(c: Candidate, target: MergeTarget) -> str | None:
        """The party a stored person is: the one of their country, else the first new one."""
        people = c.record.get("people", [])
        same = [p for p in people if target.detail and p.get("country") == target.detail]
        found = same or people
        return found[0].get("key") if found else None

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
