"""The one-line header: expo name, dates, venue, and a read-only marker."""

from __future__ import annotations

from textual.widgets import Static


class ExpoHeader(Static):
    DEFAULT_CSS = """
    ExpoHeader {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
