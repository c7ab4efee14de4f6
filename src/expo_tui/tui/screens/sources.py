"""The sources of what the details pane shows: open one in the browser or copy its URL.

A modal list, one entry per source: publisher, title, date, language, and the URL shortened in
the middle when it is long. `enter` opens the highlighted source (web links only), `y` copies
its URL to the clipboard (the terminal's, by OSC 52: it works over ssh too).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...observations import OBSERVATION_KIND, observation_of
from ...store.models import Source
from ..render.text import ELLIPSIS, is_web_url, safe_text

URL_CELLS = 96  # a URL longer than this is shown shortened in the middle (the box is 110 wide)


def short_url(url: str, cells: int = URL_CELLS) -> str:
    text = safe_text(url, limit=4000)
    if len(text) <= cells:
        return text
    tail = cells // 3
    return text[: cells - tail - 1] + ELLIPSIS + text[-tail:]


def source_option(number: int, source: Source, url_cells: int = URL_CELLS) -> Option:
    observation = observation_of(source)
    if observation is not None:  # the user's own: who and when, nothing to open
        return Option(
            Content.assemble(
                (f"[{number}] ", "bold"),
                (safe_text(observation, limit=300), "italic"),
                ("\n    no link to open", "$text-muted"),
            )
        )
    about = " — ".join(safe_text(b, limit=200) for b in (source.publisher, source.title) if b)
    when = f" ({source.published:%d %b %Y})" if source.published else ""
    language = f" [{safe_text(source.language, limit=8)}]" if source.language else ""
    prompt = Content.assemble(
        (f"[{number}] ", "bold"),
        about or "untitled",
        (when + language, "$text-muted"),
        "\n    ",
        (
            short_url(source.url, url_cells),
            "underline" if is_web_url(source.url) else "$text-muted",
        ),
    )
    return Option(prompt)


class SourcesScreen(ModalScreen[None], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "close", "Close", id="sources.close"),
        Binding("enter,o", "open", "Open in the browser", id="sources.open"),
        Binding("y,c", "copy", "Copy the URL", id="sources.copy"),
        Binding("down,j", "move(1)", "Down", show=False, id="sources.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="sources.up"),
    ]

    DEFAULT_CSS = """
    SourcesScreen { align: center middle; }
    SourcesScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 80%;
        border: round $accent; background: $surface;
    }
    SourcesScreen OptionList, SourcesScreen OptionList:focus {
        border: none; height: auto; max-height: 30;
    }
    """

    def __init__(self, sources: tuple[Source, ...], title: str) -> None:
        super().__init__()
        self.sources = sources
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble("Sources · ", safe_text(self.title_text, limit=60))
            box.border_subtitle = "enter opens · y copies the URL · esc closes"
            yield OptionList(id="source-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_resize(self) -> None:
        """List the sources with each URL on one line, shortened to the list's width."""
        options = self.query_one(OptionList)
        cells = max(20, min(URL_CELLS, options.content_region.width - 6))
        highlighted = options.highlighted or 0
        options.clear_options()
        options.add_options(source_option(n, s, cells) for n, s in enumerate(self.sources, 1))
        options.highlighted = highlighted

    @property
    def source(self) -> Source | None:
        index = self.query_one(OptionList).highlighted
        return self.sources[index] if index is not None else None

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_open(self) -> None:
        source = self.source
        if source is None:
            return
        if is_web_url(source.url):
            self.app.open_url(source.url)
        elif source.kind == OBSERVATION_KIND:
            self.app.notify("An own observation has no page to open.", markup=False)
        else:
            self.app.notify("Only web (http, https) links open.", severity="warning", markup=False)

    def action_copy(self) -> None:
        source = self.source
        if source is not None and source.kind == OBSERVATION_KIND:
            self.app.notify("An own observation has no URL to copy.", markup=False)
        elif source is not None:
            self.app.copy_to_clipboard(source.url)
            self.app.notify(f"Copied {short_url(source.url, 60)}", markup=False, timeout=3)

    def action_close(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()
