"""Which store a command opens, and making the user's own store on the first import.

Reading: the store named (`--db`), else `$EXPO_TUI_DB`, else the user's own store, else the
shipped data, read-only. Importing: the same, except that with nothing named and no store of
their own yet, the user's store is made from a copy of the shipped data, so the shipped expo
stays beside what they import.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store import Store


def open_for_reading(db: str | None) -> Store:
    """Open the named store (read-only unless it can be written), or the default one."""
    from ..store import open_store

    if db:
        path = Path(db).expanduser()
        return open_store(path, readonly=not _writable(path), create=False)
    from .. import paths

    path, readonly = paths.default_db()
    return open_store(path, readonly=readonly, create=False)


def _writable(path: Path) -> bool:
    return path.exists() and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


@dataclass(frozen=True)
class ImportTarget:
    """The store an import writes into."""

    store: Store
    where: str  # the path to name in the report
    created: bool  # made by this import from the shipped data (nothing was there before)


@contextmanager
def store_for_import(db: str | None, *, dry_run: bool) -> Iterator[ImportTarget]:
    """The store to import into, open for writing, closed afterwards.

    `db` (else $EXPO_TUI_DB) is opened, or created when missing. With neither, that is the
    user's own store; on the first import it is made as a copy of the shipped data, in a
    temporary file that replaces the user's store only when the import has succeeded. A dry run
    uses a throwaway copy instead and leaves nothing behind.
    """
    import shutil
    import tempfile

    from .. import paths
    from ..store import open_store

    named = db or os.environ.get(paths.ENV_DB)
    if named:
        path = Path(named).expanduser()
        store = open_store(path, create=True)
        try:
            yield ImportTarget(store, str(path), created=False)
        finally:
            store.close()
        return
    user = paths.user_db()
    if user.exists():
        store = open_store(user)
        try:
            yield ImportTarget(store, str(user), created=False)
        finally:
            store.close()
        return
    shipped = paths.shipped_db()
    folder = Path(tempfile.mkdtemp(prefix="expo-tui-")) if dry_run else user.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".expo-import-", suffix=".db", dir=folder)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if shipped.exists():
            shutil.copyfile(shipped, temp)
            os.chmod(temp, 0o644)
        else:
            temp.unlink()
        store = open_store(temp, create=True)
        try:
            yield ImportTarget(store, str(user), created=True)
        finally:
            store.close()
        if not dry_run:
            os.replace(temp, user)
    finally:
        temp.unlink(missing_ok=True)
        for extra in (Path(f"{temp}-wal"), Path(f"{temp}-shm")):
            extra.unlink(missing_ok=True)
        if dry_run:
            shutil.rmtree(folder, ignore_errors=True)
