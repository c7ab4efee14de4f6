"""The facets: narrow the timeline and the country list to kinds of event, statuses and a
group of countries. Each value shows how many events it would show with the other facets as
they are (from the summaries, read in a worker); several kinds and statuses at once, one group.
The counts follow every change at once; the timeline and the country list follow when the
dialog closes (esc), in one frame, rather than repainting behind it at every toggle."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...records import EVENT_KINDS, EVENT_STATUSES
from ...store.models import Expo, FacetCounts, Facets
from ..loading.loader import Loaded, Loader
from ..loading.requests import FacetCountsRequest
from ..render.labels import KIND_NAMES

if TYPE_CHECKING:
    from ...store import Store

ANY_GROUP = "group:"  # the option for "any country"


def _check(on: bool, label: str, count: int | None, radio: bool = False) -> Content:
    box = ("(•) " if on else "( ) ") if radio else ("[x] " if on else "[ ] ")
    number = "" if count is None else f"{count:>6,}"
    return Content.assemble(
        (box, "bold $accent" if on else "$text-muted"),
        (f"{label[:34]:<34}", "bold" if on else ""),
        (number, "$text-muted" if not count else ""),
    )


def facet_options(facets: Facets, counts: FacetCounts | None) -> list[Option]:
    """Kinds, statuses and groups, each checked or not, with its count."""
    options = [Option(Content.styled("Kind", "bold underline"), disabled=True)]
    for kind in EVENT_KINDS:
        count = counts.kinds.get(kind) if counts else None
        options.append(
            Option(_check(kind in facets.kinds, KIND_NAMES[kind], count), f"kind:{kind}")
        )
    options.append(Option(Content.styled("Status", "bold underline"), disabled=True))
    for status in EVENT_STATUSES:
        count = counts.statuses.get(status) if counts else None
        on = status in facets.statuses
        options.append(Option(_check(on, status, count), f"status:{status}"))
    options.append(Option(Content.styled("Country group", "bold underline"), disabled=True))
    options.append(Option(_check(facets.group is None, "any country", None, True), ANY_GROUP))
    for key, name in (counts.group_names if counts else {}).items():
        count = counts.groups.get(key) if counts else None
        options.append(Option(_check(facets.group == key, name, count, True), f"group:{key}"))
    return options


def toggled(facets: Facets, option_id: str) -> Facets:
    kind, _, value = option_id.partition(":")
    if kind == "kind":
        return replace(facets, kinds=facets.kinds ^ {value})
    if kind == "status":
        return replace(facets, statuses=facets.statuses ^ {value})
    return replace(facets, group=value or None)


class FacetsScreen(ModalScreen[Facets], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,F", "close", "Apply and close", id="facets.close"),
        Binding("space,enter,x", "flip", "Toggle", id="facets.toggle",
                tooltip="Check or uncheck the highlighted value (the counts follow at once)"),
        # esc: the timeline and the country list follow the facets as the dialog closes
        Binding("c", "clear", "Clear all", id="facets.clear", tooltip="Every kind, status and country"),
        Binding("down,j", "move(1)", "Down", show=False, id="facets.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="facets.up"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    FacetsScreen { align: center middle; }
    FacetsScreen > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface;
    }
    /* the list scrolls inside the box (a list taller than the box would be cut off, the
       cursor moving out of sight): room for the box's two borders within its 90% */
    FacetsScreen OptionList, FacetsScreen OptionList:focus {
        border: none; height: auto; max-height: 80vh;
    }
    """

    def __init__(
        self,
        store: Store,
        expo: Expo,
        day: str | None,
        facets: Facets,
        country: str | None,
        on_change: Callable[[Facets], None],
        where: str,
    ) -> None:
        super().__init__()
        self.expo, self.day, self.facets, self.country = expo, day, facets, country
        self.on_change = on_change
        self.where = where  # "Day 2 · Thu 12 Jun", "all days"
        self.counts: FacetCounts | None = None
        self.loader = Loader(self, store, self.counted)

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble(("Facets", "bold"), " · ", self.where)
            box.border_subtitle = "space toggles · c clears · esc closes"
            yield OptionList(*facet_options(self.facets, None), id="facet-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.count()

    def count(self) -> None:
        self.loader.load(FacetCountsRequest(self.expo, self.day, self.facets, self.country))

    @on(Loaded)
    def counted(self, message: Loaded) -> None:
        if self.loader.is_current(message):
            self.counts = message.answer
            self.redraw()

    def redraw(self) -> None:
        options = self.query_one(OptionList)
        fresh = facet_options(self.facets, self.counts)
        if options.option_count == len(fresh):  # the same entries: new prompts, no layout
            for index, option in enumerate(fresh):
                options.replace_option_prompt_at_index(index, option.prompt)
        else:
            highlighted = options.highlighted
            options.clear_options()
            options.add_options(fresh)
            options.highlighted = highlighted
        if self.counts is not None and self.counts.country_wide:
            box = self.query_one(Vertical)
            box.border_subtitle = "the country's counts over all days · esc closes"

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_flip(self) -> None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is not None:
            self.change(toggled(self.facets, option.id))

    def action_clear(self) -> None:
        self.change(Facets())

    def change(self, facets: Facets) -> None:
        self.facets = facets
        self.redraw()
        self.count()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # enter is bound to toggle; a click selects: toggle the same way
        if event.option.id is not None:
            self.change(toggled(self.facets, event.option.id))

    def action_close(self) -> None:
        self.on_change(self.facets)
        self.dismiss(self.facets)
