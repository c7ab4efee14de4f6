"""The bilateral matrix as lines of text: a header of country codes, then one row per country
with the number of events it shares with each other country, and its total.

Only the window on screen is rendered (rows and columns from an offset), so a matrix of 200
countries costs what a screenful costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from ...store.models import Country, Matrix
from .labels import KIND_NAMES, compact_number, count_words
from .text import safe_text

NAME_CELLS = 18  # flag, name, total
CELL = 5  # one column: a count right-aligned in four cells and a space


@dataclass(frozen=True)
class MatrixView:
    """The matrix in the order shown: `order` rows (and the same columns), by name or count."""

    matrix: Matrix
    order: tuple[Country, ...]

    @property
    def size(self) -> int:
        return len(self.order)

    def code(self, index: int) -> str:
        return self.order[index].code


def ordered(matrix: Matrix, by_count: bool) -> MatrixView:
    """The host first, then by English name, or by events with any counterpart (most first)."""
    countries = list(matrix.countries)
    if by_count:
        totals = matrix.totals
        countries.sort(key=lambda c: (c.code != matrix.host, -totals.get(c.code, 0), c.name))
    return MatrixView(matrix, tuple(countries))


def header(view: MatrixView, first_column: int, columns: int) -> Content:
    codes = view.order[first_column : first_column + columns]
    parts: list[str | tuple[str, str]] = [(" " * NAME_CELLS + "  total", "$text-muted")]
    for country in codes:
        style = "bold $warning" if country.code == view.matrix.host else "bold"
        parts.append((f"{safe_text(country.code, limit=3):>{CELL}}", style))
    return Content.assemble(*parts)


def row(
    view: MatrixView, index: int, first_column: int, columns: int, cursor: tuple[int, int] | None
) -> Content:
    """One country's row; `cursor` (row, column) is highlighted where it falls in this row."""
    country = view.order[index]
    name = f"{safe_text(country.flag, limit=4)} {safe_text(country.name, limit=80)}".strip()
    if len(name) > NAME_CELLS:
        name = name[: NAME_CELLS - 1] + "…"
    on_row = cursor is not None and cursor[0] == index
    name_style = "bold $warning" if country.code == view.matrix.host else ("bold" if on_row else "")
    total = view.matrix.totals.get(country.code, 0)
    parts: list[str | tuple[str, str]] = [
        (f"{name:<{NAME_CELLS}}", name_style),
        (f"{compact_number(total):>7}", "$text-muted"),
    ]
    for column in range(first_column, min(first_column + columns, view.size)):
        other = view.order[column]
        if other.code == country.code:
            text, style = "·", "$text-disabled"
        else:
            cell = view.matrix.cell(country.code, other.code)
            text = compact_number(cell.total) if cell else ""
            style = "bold $accent" if cell else ""
        if cursor == (index, column):
            style = "reverse bold"
            text = text or "0"
        parts.append((f"{text:>{CELL - 1}} ", style))
    return Content.assemble(*parts)


def cell_summary(view: MatrixView, cursor: tuple[int, int]) -> Content:
    """What the highlighted cell holds: "Indonesia × Russia: 1 bilateral meeting"."""
    a, b = view.order[cursor[0]], view.order[cursor[1]]
    if a.code == b.code:
        return Content.styled(f"{safe_text(a.name, limit=60)}: its own row and column", "italic")
    cell = view.matrix.cell(a.code, b.code)
    pair = f"{safe_text(a.name, limit=40)} × {safe_text(b.name, limit=40)}"
    if cell is None:
        return Content.assemble((pair, "bold"), ": no event together")
    if cell.kinds:
        kinds = ", ".join(count_words(n, kind_words(k)) for k, n in sorted(cell.kinds.items()))
    else:
        kinds = count_words(cell.total, "event") + " together"
    return Content.assemble((pair, "bold"), f": {kinds} · enter lists them")


def kind_words(kind: str) -> str:
    """A kind as counted in a sentence: "2 signings", "1 bilateral meeting"."""
    if kind == "mou_signing":
        return "signing"
    return KIND_NAMES.get(kind, kind).lower()


def window_for(cursor: int, first: int, visible: int, size: int) -> int:
    """The first row (or column) to show so that `cursor` stays in a window of `visible`."""
    if visible <= 0:
        return 0
    if cursor < first:
        return cursor
    if cursor >= first + visible:
        return cursor - visible + 1
    return max(0, min(first, size - visible))


def columns_fitting(width: int) -> int:
    return max(1, (width - NAME_CELLS - 7) // CELL)


def empty_matrix(what: Sequence[str]) -> Content:
    return Content.styled("No two countries took part in the same event" + "".join(what), "italic")
