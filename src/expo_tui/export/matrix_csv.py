"""The bilateral matrix as CSV: a header row of country codes, then one row per country (the
host first) with the events it shares with each, its name first and its total last.

Cells are clean and formula-safe (`text.csv_cell`), UTF-8 with a BOM, comma separated, CRLF,
as every CSV expo-tui writes.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..store.models import Matrix
from .text import csv_cell


def rows(matrix: Matrix) -> list[list[str]]:
    codes = [c.code for c in matrix.countries]
    table = [["country", "name", *codes, "total"]]
    for country in matrix.countries:
        cells = []
        for other in codes:
            cell = matrix.cell(country.code, other) if other != country.code else None
            cells.append(str(cell.total) if cell else "")
        total = matrix.totals.get(country.code, 0)
        table.append([country.code, country.name, *cells, str(total)])
    return table


def write(matrix: Matrix, out: TextIO) -> int:
    """Write the matrix; returns the number of countries."""
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows(matrix):
        writer.writerow([csv_cell(c) for c in row])
    return len(matrix.countries)
