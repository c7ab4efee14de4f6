"""The one-line header: expo name, dates, venue, and a read-only marker."""

from __future__ import annotations

from textual.reactive import var
from textual.widgets import Static

from ...store.models import Expo
from ..render.labels import header_content


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

    expo: var[Expo | None] = var(None)
    expos: var[tuple[Expo, ...]] = var(())
    readonly: var[bool] = var(False)

    def _show(self) -> None:
        self.update(header_content(self.expo, readonly=self.readonly, expo_count=len(self.expos)))

    watch_expo = watch_expos = watch_readonly = _show
