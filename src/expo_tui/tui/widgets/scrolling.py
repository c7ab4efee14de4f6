"""Virtual sizes for the Line API panes, without a layout of the screen on every change.

`virtual_size` is a layout reactive: setting it lays out the whole screen and, after that,
repaints the scrollbars in a frame of their own. A list that shows a new page or a details
pane that shows new text changes only its own scrollable height, and the screen's layout
cannot change unless its scrollbar appears or goes. So the height is set without the layout
and the scrollbar is given its new window, all through public Textual APIs; only a scrollbar
that must appear or go takes the layout.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(widget: ScrollView, size: Size) -> None:
    if size == widget.virtual_size:
        return
    height = widget.container_size.height
    overflow = widget.styles.overflow_y
    shown = overflow == "scroll" or (overflow == "auto" and size.height > height)
    if not widget.container_size or shown != widget.show_vertical_scrollbar:
        widget.virtual_size = size  # the scrollbar appears or goes: the layout changes
        return
    widget.set_reactive(ScrollView.virtual_size, size)
    if shown:
        bar = widget.vertical_scrollbar
        bar.window_virtual_size = size.height
        bar.window_size = height - widget.scrollbar_size_horizontal
    widget.scroll_y = widget.validate_scroll_y(widget.scroll_y)
