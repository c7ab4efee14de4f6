"""Exporting a selection of an expo: to a stream, or to a file that is replaced only when the
export is complete.

The writers themselves live in `expo_tui.export` (one module a format); this is what a
command does with them. Nothing here prints: showing an export on a terminal (sanitised) is
the caller's business.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from ..export.collect import Selection
    from ..store import Store
    from ..store.models import Matrix

EXPORT_FORMATS = ("ics", "csv", "json", "md")


class ExportTargetError(ValueError):
    """The file cannot be written where it was asked for (nothing was written)."""


def selects_nothing(store: Store, selection: Selection) -> bool:
    """Whether a day or country selection matches no event (a whole expo never does: its
    expo record, delegations and figures are worth exporting even without events)."""
    if selection.whole_expo:
        return False
    page = store.events(
        selection.expo,
        selection.day,
        country=selection.country,
        facets=selection.facets,
        limit=1,
    )
    return not page.items


def write_export(store: Store, selection: Selection, file_format: str, out: BinaryIO) -> int:
    """Write the selection to a binary stream (text formats as UTF-8); returns the number of
    events written. Every page is read from one snapshot of the store: an export taken while
    an import writes holds the store as it was before that import, or after it, not a mix."""
    if file_format == "ics":
        from ..export import ics

        with store.snapshot():
            return ics.write(store, selection, out)
    from ..export import csv, json, markdown

    writers = {"csv": csv.write, "json": json.write, "md": markdown.write}
    if file_format not in writers:
        raise ValueError(f"unknown export format {file_format!r}")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    try:
        with store.snapshot():
            count = writers[file_format](store, selection, text)
        text.flush()
    finally:
        text.detach()  # `out` stays open: it is the caller's
    return count


def export_to_file(store: Store, selection: Selection, file_format: str, path: Path) -> int:
    """Write the selection to `path`, which is replaced only once the export is complete (a
    failed export leaves an existing file as it was). The file gets the usual permissions for
    a new file (0666 less the umask)."""
    import tempfile

    if not path.parent.is_dir():
        raise ExportTargetError(f"Cannot write {path}: folder {path.parent} does not exist.")
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", dir=path.parent if str(path.parent) else "."
    )
    try:
        with os.fdopen(handle, "wb") as out:
            count = write_export(store, selection, file_format, out)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, path)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return count


def export_matrix(matrix: Matrix, path: Path) -> int:
    """Write the bilateral matrix as CSV to `path` (replaced only once complete); returns the
    number of countries."""
    import tempfile

    from ..export.matrix_csv import write

    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = write(matrix, out)
        os.chmod(temp_name, 0o644)
        os.replace(temp_name, path)
    finally:
        Path(temp_name).unlink(missing_ok=True)
    return count
