"""A scrollable view of prepared text: the details pane and the help screen.

A Line API widget (`ScrollView` + `render_line`): showing text wraps it to the view's width
lazily, top down (only what is on screen, and what a scroll reaches), and repaints the view
only. Lines that wrap keep a hanging indent (under a bullet, a field label, or their own
indent), and a line that is a URL is never wrapped: it is shortened in the middle, and stays
one clickable link.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from ..render.details import PreparedText, prepare
from ..render.text import ELLIPSIS
from .scrolling import set_virtual_size

MARGIN = 1  # blank columns left and right of the text
MIN_HANGING = 20  # cells a wrapped line's continuation keeps, however deep its indent


def shorten_middle(line: Text, width: int, console: Console) -> Text:
    """`line` in `width` cells, its middle replaced by an ellipsis; styles (a link) kept."""
    if line.cell_len <= width:
        return line
    keep = max(width - 1, 0)
    head, tail = keep - keep // 3, keep // 3
    plain = line.plain
    ellipsis = Text(ELLIPSIS, style=line.get_style_at_offset(console, head) if plain else "")
    return line[:head] + ellipsis + (line[len(plain) - tail :] if tail else Text())


class TextView(ScrollView, can_focus=True):
    DEFAULT_CSS = """
    TextView { overflow-y: scroll; overflow-x: hidden; scrollbar-size-vertical: 1; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text()
        self._prepared = prepare(Text())
        # Wrapped lazily, top down: _lines holds the strips of paragraphs [0, _done); the rest
        # count as their estimated height (_rest) until a render or a scroll reaches them.
        self._lines: list[Strip] = []
        self._done = 0
        self._rest = 0
        # (width, visual style) of _lines: a theme or CSS change re-wraps, a focus change that
        # leaves the text's colours alone does not
        self._wrapped_for: tuple[int, object] | None = None

    def show_text(self, text: Text | PreparedText, *, keep_scroll: bool = False) -> None:
        prepared = text if isinstance(text, PreparedText) else prepare(text)
        self.text = prepared.text
        self._prepared = prepared
        self._wrapped_for = None
        if not keep_scroll:
            self.scroll_home(animate=False, immediate=True)
        self._prepare()
        self.refresh()

    def _wrap_width(self) -> int:
        """The text's width: the view less its scrollbar and a column of margin either side
        (not CSS padding, which would put the scrollbar inside the margin)."""
        return max(1, self.scrollable_content_region.width - 2 * MARGIN)

    def _prepare(self) -> None:
        """Restart the wrap if the width or style changed; wrap what the view shows now."""
        if not self.is_mounted or self.size.width <= 0:
            return
        key = (self._wrap_width(), self.visual_style)
        if key != self._wrapped_for:
            self._wrapped_for = key
            self._lines = []
            self._done = 0
            self._rest = sum(self._estimate(i, key[0]) for i in range(len(self._prepared.widths)))
        self._wrap_to(int(self.scroll_y) + self.size.height)
        self._sync_virtual_size()

    def _estimate(self, index: int, width: int) -> int:
        """Lines paragraph `index` takes at `width` (exact for what fits or never wraps)."""
        prepared = self._prepared
        cells = prepared.widths[index]
        if cells <= width or (prepared.one_line and prepared.one_line[index]):
            return 1
        hang = self._hang(index, width)
        return 1 + max(1, -(-(cells - (width - hang)) // (width - hang)))

    def _hang(self, index: int, width: int) -> int:
        hangs = self._prepared.hangs
        return max(0, min(hangs[index], width - MIN_HANGING)) if hangs else 0

    def _wrap_to(self, line_count: int) -> None:
        """Wrap paragraphs until at least `line_count` lines are known (or all are). Lines
        that fit are rendered together (each render has a setup cost; a country has ~100
        lines); a line that must wrap with a hanging indent, or be shortened, on its own."""
        assert self._wrapped_for is not None
        width, _ = self._wrapped_for
        prepared = self._prepared
        paragraphs = prepared.paragraphs
        batch: list[Text] = []
        while self._done < len(paragraphs) and len(self._lines) + len(batch) < line_count:
            index = self._done
            self._done += 1
            self._rest -= self._estimate(index, width)
            paragraph = paragraphs[index]
            if prepared.widths[index] <= width:
                batch.append(paragraph)
                continue
            self._append_wrapped(batch, width)
            batch = []
            if prepared.one_line and prepared.one_line[index]:
                self._append_wrapped([shorten_middle(paragraph, width, self.app.console)], width)
            else:
                self._append_hanging(paragraph, width, self._hang(index, width))
        self._append_wrapped(batch, width)

    def _strips(self, paragraphs: list[Text], width: int) -> list[Strip]:
        content = Content.from_rich_text(Text("\n").join(paragraphs), console=self.app.console)
        return Visual.to_strips(self, content, width, None, self.visual_style, pad=True)

    def _append_wrapped(self, paragraphs: list[Text], width: int) -> None:
        if paragraphs:
            self._append(self._strips(paragraphs, width), width)

    def _append_hanging(self, paragraph: Text, width: int, hang: int) -> None:
        """A paragraph that wraps: its first line as wide as the view, the rest indented."""
        first = self._strips([paragraph], width)[0]
        if not hang:
            self._append([first, *self._strips([paragraph], width)[1:]], width)
            return
        used = len(first.text.rstrip())
        plain = paragraph.plain
        while used < len(plain) and plain[used] == " ":
            used += 1  # the spaces the line broke at
        indent = Segment(" " * hang, self.rich_style)
        rest = [
            Strip([indent, *strip], width)
            for strip in self._strips([paragraph[used:]], width - hang)
        ]
        self._append([first, *rest], width)

    def _append(self, strips: list[Strip], width: int) -> None:
        margin = Segment(" " * MARGIN, self.rich_style)
        full = width + 2 * MARGIN
        self._lines.extend(Strip([margin, *strip, margin], full) for strip in strips)

    def _wrap_all(self) -> None:
        self._prepare()
        if self._wrapped_for is not None:
            self._wrap_to(sys.maxsize)
            self._sync_virtual_size()

    def _sync_virtual_size(self) -> None:
        if self._wrapped_for is None:
            return
        size = Size(self._wrapped_for[0] + 2 * MARGIN, len(self._lines) + self._rest)
        set_virtual_size(self, size)

    def on_resize(self, event: events.Resize) -> None:
        self._prepare()
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._wrapped_for is not None:
            self._wrap_to(int(new_value) + self.size.height)
            self._sync_virtual_size()

    def action_scroll_end(self) -> None:
        self._wrap_all()  # the true length first, or "end" would stop at an estimate
        super().action_scroll_end()

    # -- Line API ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        if self._wrapped_for is None or self._wrapped_for[1] != self.visual_style:
            self._prepare()
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if index >= len(self._lines) and self._wrapped_for is not None:
            known = len(self._lines) + self._rest
            self._wrap_to(index + 1)
            if len(self._lines) + self._rest != known:
                self.call_later(self._sync_virtual_size)
        if 0 <= index < len(self._lines):
            strip = self._lines[index]
            return strip.crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return Strip.blank(width, self.rich_style)
