"""Bar charts in text: events per day and per country in the expo overview.

One line per bar: a label, a bar of block characters (eighths of a cell, so small
differences show), the count. Plain Rich Text built from our own labels and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from .text import safe_text

BLOCKS = " ▏▎▍▌▋▊▉█"
BAR_CELLS = 24
LABEL_CELLS = 18  # "Day 2 · Thu 12 Jun"
BAR = Style(color="cyan")


def bar(value: int, largest: int, cells: int = BAR_CELLS) -> str:
    """`value` as a bar of at most `cells` cells; any value above zero shows a sliver."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * cells * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (BLOCKS[rest] if rest else "")


def bar_chart(text: Text, rows: Sequence[tuple[str, int]], *, cells: int = BAR_CELLS) -> None:
    """Append one line per (label, value) to `text`."""
    largest = max((value for _, value in rows), default=0)
    for label, value in rows:
        name = safe_text(label, limit=LABEL_CELLS)
        if len(name) > LABEL_CELLS:
            name = name[: LABEL_CELLS - 1] + "…"
        text.append(f"  {name:<{LABEL_CELLS}} ")
        drawn = bar(value, largest, cells)
        text.append(drawn, BAR)
        text.append(" " * (cells - len(drawn)) + f" {value:,}\n")
