"""The key bar at the bottom: the keys that work where the focus is, on one line.

Textual's `Footer` shows the same thing with a widget per key, and recomposes (mounts a dozen
widgets and lays out the screen) whenever the focus moves: ~80-120 ms on every pane switch and
on every `enter` that opens the details. This bar renders one line of `Content`, repaints only
when the text changes, and never mounts or lays anything out. Keys are grouped as the Footer
groups them (`Binding.Group`, e.g. "1…9 Day"); the palette key sits at the right. Clicking a key
presses it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEY_STYLE = "bold $footer-key-foreground on $footer-key-background"
DESCRIPTION_STYLE = "$footer-description-foreground on $footer-description-background"


@dataclass(frozen=True)
class KeyItem:
    """One entry of the bar: the key to press when clicked, what it shows, and whether it works."""

    key: str
    key_display: str
    description: str
    enabled: bool


@dataclass(frozen=True)
class KeySpan:
    start: int
    end: int
    key: str
    enabled: bool


def key_items(
    screen: Screen[object],
) -> tuple[list[KeyItem | tuple[list[KeyItem], str]], KeyItem | None]:
    """The bar's entries for the screen's active bindings (grouped runs as (items, label)), and
    the command palette's entry, shown apart at the right."""
    app = screen.app
    active = screen.active_bindings
    by_action: dict[str, list[tuple[Binding, bool]]] = {}
    for _node, binding, enabled, _tooltip in active.values():
        if binding.show:
            by_action.setdefault(binding.action, []).append((binding, enabled))
    entries: list[KeyItem | tuple[list[KeyItem], str]] = []
    for group, runs in groupby(by_action.values(), lambda bindings: bindings[0][0].group):
        run = list(runs)
        items = [
            KeyItem(b.key, app.get_key_display(b), b.description, enabled)
            for b, enabled in (bindings[0] for bindings in run)
        ]
        if group is not None and len(run) > 1:
            entries.append((items, group.description))
        else:
            entries.extend(items)
    palette = None
    if app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in active:
        _node, binding, enabled, _tooltip = active[app.COMMAND_PALETTE_BINDING]
        palette = KeyItem(binding.key, app.get_key_display(binding), binding.description, enabled)
    return entries, palette


def bar_content(
    entries: Iterable[KeyItem | tuple[list[KeyItem], str]], palette: KeyItem | None, width: int
) -> tuple[Content, tuple[KeySpan, ...]]:
    """One line: " key description  key description  [ … ]  ^p palette", with the spans of the
    keys for clicks. Entries that do not fit are left out from the right (the palette stays)."""
    parts: list[tuple[str, str]] = []
    spans: list[KeySpan] = []
    x = 0

    def add(text: str, style: str, item: KeyItem | None = None) -> None:
        nonlocal x
        if item is not None and not item.enabled:
            style = f"{style} dim"
        parts.append((text, style))
        if item is not None:
            spans.append(KeySpan(x, x + len(text), item.key, item.enabled))
        x += Content(text).cell_length

    right_width = (len(palette.key_display) + len(palette.description) + 4) if palette else 0
    room = width - right_width
    for entry in entries:
        if isinstance(entry, tuple):
            items, label = entry
            if x + sum(len(i.key_display) for i in items) + len(label) + 3 > room:
                break
            add(" ", "")
            for item in items:
                add(item.key_display, KEY_STYLE, item)
            add(f" {label} ", DESCRIPTION_STYLE)
        else:
            if x + len(entry.key_display) + len(entry.description) + 3 > room:
                break
            add(f" {entry.key_display} ", KEY_STYLE, entry)
            add(f"{entry.description} ", DESCRIPTION_STYLE, entry)
    if palette is not None and room >= x:
        add(" " * (room - x), "")
        add("▏", "$foreground 20%")
        add(f" {palette.key_display} ", KEY_STYLE, palette)
        add(f"{palette.description} ", DESCRIPTION_STYLE, palette)
    return Content.assemble(*parts), tuple(spans)


class KeyBar(Widget, can_focus=False):
    """The keys that work here, one line, docked at the bottom of the screen."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # what the bar shows (repainted only when these change), and where each key was drawn
        self.entries: tuple[list[KeyItem | tuple[list[KeyItem], str]], KeyItem | None] = ([], None)
        self.spans: tuple[KeySpan, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        entries = key_items(screen)
        if entries != self.entries:  # focus moved, but the keys may well be the same
            self.entries = entries
            self.refresh()

    def render(self) -> Content:
        content, self.spans = bar_content(*self.entries, self.content_region.width)
        return content

    def on_click(self, event: events.Click) -> None:
        for span in self.spans:
            if span.start <= event.x < span.end:
                event.stop()
                if span.enabled:
                    self.app.simulate_key(span.key)
                else:
                    self.app.bell()
                return
