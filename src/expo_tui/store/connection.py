"""Opening a store: pragmas, version checks, migrations, and one lock for thread safety.

Textual runs store calls in thread workers, so the connection is opened with
`check_same_thread=False` and every use goes through `StoreConnection.lock`. Rows are
materialised inside the lock; nothing lazy escapes it.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import urllib.parse
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import (
    NotADatabaseError,
    ReadOnlyStoreError,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
)
from .version import SCHEMA_VERSION

BUSY_TIMEOUT_SECONDS = 3.0  # wait this long for another writer before saying it is locked


class StoreConnection:
    def __init__(self, conn: sqlite3.Connection, path: Path | None, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly
        self.lock = threading.RLock()
        self._db: Any = None
        self._wal = path is None  # switched on at the first write: reading changes no byte

    @property
    def db(self) -> Any:
        """A sqlite_utils view of the connection, for creating and migrating the schema.

        Made on first use: reading a store never needs it, and importing sqlite_utils costs
        ~40 ms of every start-up.
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False)
        return self._db

    def read(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        with self.lock, _translated_errors(self.path):
            return self.conn.execute(sql, params).fetchall()

    def conn_rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows as plain tuples (no sqlite3.Row per row): for reads of thousands of rows."""
        with self.lock, _translated_errors(self.path):
            cursor = self.conn.execute(sql, params)
            cursor.row_factory = None
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows

    def read_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Row | None:
        with self.lock, _translated_errors(self.path):
            row: sqlite3.Row | None = self.conn.execute(sql, params).fetchone()
            return row

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: everything inside lands together or not at all."""
        if self.readonly:
            raise ReadOnlyStoreError(f"{self.path} is open read-only; nothing was written.")
        with self.lock, _translated_errors(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.rollback()
                raise
            else:
                self.conn.commit()
            if not self._wal:
                # WAL lets the explorer keep reading while an import writes from elsewhere.
                # Switched on only after a write has landed: a dry run or a failed write must
                # leave the file byte-identical, journal-mode header included.
                self.conn.execute("PRAGMA journal_mode = WAL")
                self._wal = True

    def close(self) -> None:
        with self.lock:
            self.conn.close()


@contextlib.contextmanager
def _translated_errors(path: Path | None) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as error:
        text = str(error)
        if "locked" in text or "busy" in text:
            raise StoreLockedError(
                f"{path} is busy with another writer; try again when it has finished."
            ) from error
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyStoreError(f"{path} cannot be written to (read-only).") from error
        raise
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise NotADatabaseError(
                f"{path} is not an expo-tui database, or it is damaged."
            ) from error
        raise


def _connect(path: Path | None, readonly: bool) -> sqlite3.Connection:
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    elif readonly:
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro"
        conn = sqlite3.connect(
            uri,
            uri=True,
            check_same_thread=False,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
    else:
        conn = sqlite3.connect(
            str(path),
            check_same_thread=False,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_connection(
    path: str | Path | None, *, readonly: bool = False, create: bool = False
) -> StoreConnection:
    """Open (and if needed migrate) a store. `path=None` gives an empty in-memory store."""
    file = Path(path) if path is not None else None
    create = create or file is None
    if file is not None and not file.exists():
        if not create or readonly:
            raise StoreNotFoundError(f"No database at {file}.")
        file.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = _connect(file, readonly)
    except sqlite3.OperationalError as error:
        raise StoreError(f"Cannot open {file}: {error}.") from error
    store = StoreConnection(conn, file, readonly)
    try:
        _prepare(store, create=create)
    except BaseException:
        conn.close()
        raise
    return store


def _prepare(store: StoreConnection, *, create: bool) -> None:
    with _translated_errors(store.path):
        version = store.conn.execute("PRAGMA user_version").fetchone()[0]
        tables = store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{store.path} was written by a newer expo-tui (schema {version}; this release reads "
            f"up to {SCHEMA_VERSION}). Upgrade expo-tui to open it."
        )
    if version == SCHEMA_VERSION:
        return
    from . import migrations

    if version == 0 and tables == 0:
        if not create or store.readonly:
            raise NotADatabaseError(f"{store.path} is empty, not an expo-tui database.")
        with store.transaction():
            migrations.create_current(store.db)
            store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return
    if version == 0:
        raise NotADatabaseError(f"{store.path} is an SQLite file but not an expo-tui database.")
    if store.readonly:
        raise ReadOnlyStoreError(
            f"{store.path} uses an older schema ({version}) and is open read-only, so it cannot "
            f"be upgraded to schema {SCHEMA_VERSION}; open it once with write access."
        )
    backup = backup_path(store.path, version) if store.path else None
    if backup is not None and store.path is not None:
        shutil.copy2(store.path, backup)
    with store.transaction():
        migrations.migrate(store.db, version)
        store.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy made before upgrading a schema-`version` store goes."""
    return path.with_name(f"{path.name}.schema{version}.bak")


def compact_for_shipping(path: Path) -> None:
    """Rollback journal (no -wal file to ship) and no free pages: a smaller, stable file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("VACUUM")
    finally:
        conn.close()
