"""The starred view: every subject the user starred (countries, people, events, delegations),
or with `t` every subject carrying one tag, starred or not. The highlighted one's note and tags
below; `enter` shows it in the explorer, `*` unstars it. Only the user's own layer is listed:
what the sources say is in the explorer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.content import Content

from ...store.annotations import AnnotatedSubject
from ..loading.requests import Request, StarredRequest, TagsRequest
from ..render.annotations import own_block
from ..render.rows import RowVisual
from ..render.text import safe_text
from ..widgets.paged_list import PagedList
from .ledger import ListView

if TYPE_CHECKING:
    from ...store import Store
    from ..app import ExpoApp
    from ..render.clock import Clock

KIND_WORDS = {"country": "country", "person": "person", "event": "event",
              "delegation": "deleg."}  # fmt: skip


def starred_row(item: AnnotatedSubject) -> RowVisual:
    a = item.annotation
    star = ("★ ", "bold $warning") if a.starred else ("  ", "")
    kind = (KIND_WORDS[a.subject.kind].ljust(8), "$text-muted")
    title: list[str | tuple[str, str]] = [(safe_text(item.label, limit=200), "bold")]
    if not item.present:
        title.append(("  not in the store", "italic $error"))
    if a.note:
        first = safe_text(a.note, limit=200).split("\n", 1)[0]
        title.append((f"  {first}", "italic $text-muted"))
    where = item.event_date or item.country_code or ""  # an event's day, else its country
    right = Content.styled(
        safe_text(", ".join(a.tags), limit=60) if a.tags else safe_text(where, limit=20),
        "$text-muted",
    )
    return RowVisual(Content.assemble(star, kind), Content.assemble(*title), right, None)


class StarredScreen(ListView, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", id="starred.close", tooltip="Back to the explorer"),
        Binding("enter", "open", "Show in explorer", id="starred.open",
                tooltip="Close this view and show the highlighted subject in the explorer"),
        Binding("t", "tag_filter", "Tag filter", id="starred.tag",
                tooltip="Only the subjects with one tag (starred or not), or every starred one"),
        Binding("asterisk", "unstar", "Star/unstar", id="starred.star",
                tooltip="Star or unstar the highlighted subject"),
        Binding("tab", "switch", "List/details", show=False, id="starred.switch",
                tooltip="Between the list and the details"),
    ]  # fmt: skip

    def __init__(self, store: Store, clock: Clock, tag: str | None = None) -> None:
        super().__init__(store, clock)
        self.tag = tag
        self.chosen: AnnotatedSubject | None = None  # shown in the explorer once closed

    def first_request(self) -> Request:
        return StarredRequest(self.tag)

    def retitle(self) -> None:
        what = (
            Content.assemble("tagged ", (safe_text(self.tag, limit=40), "bold"))
            if self.tag
            else Content("every starred subject")
        )
        self.title_line().update(
            Content.assemble(
                ("Starred", "bold"), " · ", what, ("  (your own notes)", "$text-muted")
            )
        )

    def show_answer(self, request: Request, answer: Any) -> None:
        if isinstance(request, StarredRequest):
            empty = (
                "Nothing carries this tag." if self.tag else
                "Nothing starred yet: * stars the highlighted country, event or person."
            )  # fmt: skip
            self.show_page(answer, request.cursor is None, starred_row, empty)
        elif isinstance(request, TagsRequest):
            self._pick_tag(answer)

    def on_paged_list_need_more(self, message: PagedList.NeedMore) -> None:
        self.load(StarredRequest(self.tag, message.cursor))

    def row_text(self, item: Any) -> Any:
        assert isinstance(item, AnnotatedSubject)
        text = Text(safe_text(item.label, limit=200), style="bold")
        text.append(f"  ({item.annotation.subject.kind})\n\n", style="dim")
        block = own_block([("", item.annotation)])
        text.append_text(block if block.plain else Text("No note or tags.", style="dim italic"))
        if not item.present:
            text.append("\nIt is not in this store (deleted, or not imported yet): your note "
                        "is kept, and shows again when it is back.", style="italic")  # fmt: skip
        return text

    def action_open(self) -> None:
        item = self.rows.highlighted_item
        if isinstance(item, AnnotatedSubject):
            if not item.present:
                self.app.notify("It is not in this store: nothing to show.", markup=False)
                return
            self.chosen = item
            self.dismiss(None)

    def action_tag_filter(self) -> None:
        self.load(TagsRequest())

    def _pick_tag(self, tags: tuple[tuple[str, int], ...]) -> None:
        from .annotate import TagPicker

        if not tags:
            self.app.notify("No tags yet: t in the explorer tags what is highlighted.",
                            markup=False)  # fmt: skip
            return

        def chosen(tag: str | None) -> None:
            if tag is None:
                return
            self.tag = tag or None
            self.retitle()
            self.load(self.first_request())

        self.app.push_screen(TagPicker(tags), chosen)

    def action_unstar(self) -> None:
        item = self.rows.highlighted_item
        if not isinstance(item, AnnotatedSubject):
            return
        subject = item.annotation.subject
        app: ExpoApp = self.app  # type: ignore[assignment]
        app.writes.run(lambda store: store.annotations.toggle_star(subject),
                       done=lambda _: self.load(self.first_request()), what="Starring")  # fmt: skip
