"""Terminal-safe output for the data commands: aligned tables and JSON, streamed."""

from __future__ import annotations

import itertools
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    pass


def echo_json(data: object) -> None:
    from ..export.text import json_text

    click.echo(json_text(data))


def _width(text: str) -> int:
    import unicodedata

    return sum(
        0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        for ch in text
    )


def _fit(text: str, width: int) -> str:
    if _width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = _width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


TABLE_SAMPLE = 500  # rows read before printing, to size the columns; the rest stream


def table(headers: list[str], rows: Iterable[list[object]], *, last_max: int | None = None) -> None:
    """Aligned plain-text columns; every cell is made terminal-safe first.

    Columns are sized from the first TABLE_SAMPLE rows and later rows stream through at those
    widths, so a million-row listing starts at once and never sits in memory.
    """
    import shutil

    from ..sanitize import clean

    def cells_of(row: list[object]) -> list[str]:
        return [" ".join(clean(c).split()) for c in row]

    stream = iter(rows)
    cells = [cells_of(row) for row in itertools.islice(stream, TABLE_SAMPLE)]
    widths = [_width(h) for h in headers]
    for row in cells:
        for i, c in enumerate(row[:-1]):
            widths[i] = min(max(widths[i], _width(c)), 40)
    if sys.stdout.isatty():
        room = shutil.get_terminal_size().columns - sum(w + 2 for w in widths[:-1])
        last_max = max(20, room) if last_max is None else min(last_max, max(20, room))

    def line(row: list[str]) -> str:
        parts = [
            _fit(c, widths[i]) + " " * (widths[i] - _width(_fit(c, widths[i])))
            for i, c in enumerate(row[:-1])
        ]
        last = row[-1] if last_max is None else _fit(row[-1], last_max)
        return "  ".join([*parts, last]).rstrip()

    click.echo(line(headers))
    for row in cells:
        click.echo(line(row))
    for rest in stream:
        click.echo(line(cells_of(rest)))


def stream_json_list(items: Iterable[object]) -> None:
    """A JSON array written item by item, one item per line.

    The list can run to a million events, so each is one compact line: Python's C encoder
    only writes unindented JSON (indented, the encoding took most of the command's time), and
    a line per item is what grep and line-based tools expect."""
    from ..export.text import json_text

    count = 0
    for item in items:
        click.echo(("[\n" if count == 0 else ",\n") + json_text(item, indent=None), nl=False)
        count += 1
    click.echo("\n]" if count else "[]")
