"""Which store a command opens, and making the user's own store on the first import.

Reading: the store named (`--db`), else `$EXPO_TUI_DB`, else the user's own store, else the
shipped data, read-only. Importing: the same, except that with nothing named and no store of
their own yet, the user's store is made from a copy of the shipped data, so the shipped expo
stays beside what they import. A store an import makes appears only once the import has
succeeded, and never in place of one another import made at the same time.
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


class StoreMadeMeanwhile(Exception):
    """The store an import was making in a temporary file was made meanwhile by another
    import. Nothing of this import was kept: import again, into that store."""


TEMPORARY_PREFIX = ".expo-import-"  # + pid + "-": a store being made, beside where it goes


@contextmanager
def store_for_import(db: str | None, *, dry_run: bool) -> Iterator[ImportTarget]:
    """The store to import into, open for writing, closed afterwards.

    `db` (else $EXPO_TUI_DB), else the user's own store. An older schema is upgraded by the
    import's own transaction (open_store's `migrate=False`), so a dry run or a refused file
    leaves it as it was. A store that does not exist yet (the user's, on the first import, is
    a copy of the shipped data) is made in a temporary file beside it and put in place only
    when the import has succeeded, and never over a store another import made meanwhile:
    then StoreMadeMeanwhile is raised and nothing of this import is kept. A dry run leaves
    nothing behind.
    """
    from .. import paths
    from ..store import open_store

    named = db or os.environ.get(paths.ENV_DB)
    path = Path(named).expanduser() if named else paths.user_db()
    if path.exists():
        store = open_store(path, migrate=False)
        try:
            yield ImportTarget(store, str(path), created=False)
        finally:
            store.close()
        return
    template = None if named else paths.shipped_db()
    with _made_beside(path, template, dry_run=dry_run) as store:
        yield ImportTarget(store, str(path), created=not named)


@contextmanager
def _made_beside(path: Path, template: Path | None, *, dry_run: bool) -> Iterator[Store]:
    """A new store for `path`, made in a temporary file in its folder (a throwaway folder for
    a dry run) from a copy of `template`, and linked to `path` once the caller is done."""
    import shutil
    import tempfile

    from ..store import open_store

    folder = Path(tempfile.mkdtemp(prefix="expo-tui-")) if dry_run else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    handle, temp_name = tempfile.mkstemp(
        prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-", suffix=".db", dir=folder
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        if template is not None and template.exists():
            shutil.copyfile(template, temp)
            os.chmod(temp, 0o644)
        store = open_store(temp, create=True, migrate=False)
        try:
            yield store
        finally:
            store.close()
        if not dry_run:
            _place(temp, path)
    finally:
        _remove_with_journals(temp)
        if dry_run:
            shutil.rmtree(folder, ignore_errors=True)


def _place(temp: Path, path: Path) -> None:
    """Give the finished store at `temp` the name `path`, unless something has it by now."""
    try:
        os.link(temp, path)  # atomic, and never replaces: of two first imports, one wins
    except FileExistsError:
        raise StoreMadeMeanwhile(str(path)) from None
    except OSError:  # a file system without hard links: the next best, checked first
        if path.exists():
            raise StoreMadeMeanwhile(str(path)) from None
        os.replace(temp, path)


def _remove_with_journals(db: Path) -> None:
    for extra in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{extra}").unlink(missing_ok=True)


def remove_stale_temporaries(folder: Path) -> None:
    """Remove the temporary stores (and their journals) that imports killed before they
    could finish left in `folder`: those whose process is gone."""
    for leftover in folder.glob(f"{TEMPORARY_PREFIX}*"):
        pid_text = leftover.name[len(TEMPORARY_PREFIX) :].partition("-")[0]
        if pid_text.isdigit() and not _running(int(pid_text)):
            leftover.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # signal 0 is a probe only on POSIX; elsewhere leave files be
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, but another user's
        return True
    return True


def writable_store(db: str | None = None) -> Store:
    """The store an edit from the explorer writes into, open for writing.

    `db` (else $EXPO_TUI_DB), else the user's own store. The user's store that does not exist
    yet is made from a copy of the shipped data, as the first import makes it (and if another
    process made it meanwhile, that one is opened): the shipped database is never written.
    """
    from .. import paths
    from ..store import open_store

    named = db or os.environ.get(paths.ENV_DB)
    path = Path(named).expanduser() if named else paths.user_db()
    if not path.exists() and not named:
        try:
            with _made_beside(path, paths.shipped_db(), dry_run=False):
                pass  # the copy as it is; opening it below brings it to this schema
        except StoreMadeMeanwhile:
            pass  # another process made it: write into that one
    return open_store(path, create=bool(named))
