"""Opening a store: pragmas, version checks, migrations, and one lock for thread safety.

Textual runs store calls in thread workers, so the connection is opened with
`check_same_thread=False` and every use goes through `StoreConnection.lock`. Rows are
materialised inside the lock; nothing lazy escapes it.
"""

from __future__ import annotations

import contextlib
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
        # The schema version the file has when it was opened with migrate=False and is older
        # than this release's (0: an empty file): the next transaction upgrades it first, so
        # the upgrade lands with that transaction's writes, or with them is rolled back.
        self.pending_upgrade: int | None = None
        self.in_snapshot = False  # a read transaction is held (see snapshot())

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
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees the store as it was at the first: one read transaction, so
        an export or a listing taken while an import writes is wholly before it or wholly
        after it (WAL readers never block the writer; a store in rollback-journal mode makes
        a writer wait until it ends). Inside a transaction or snapshot it adds nothing."""
        with self.lock:
            started = self.hold_snapshot()
            try:
                yield
            finally:
                if started:
                    self.end_snapshot()

    def hold_snapshot(self) -> bool:
        """Start the snapshot of snapshot() and keep it until end_snapshot() or close();
        False when a transaction or snapshot is already open (it is the one read)."""
        with self.lock:
            if self.conn.in_transaction:
                return False
            with _translated_errors(self.path):
                self.conn.execute("BEGIN")
                self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            self.in_snapshot = True
            return True

    def end_snapshot(self) -> None:
        with self.lock:
            if self.in_snapshot:
                self.in_snapshot = False
                self.conn.rollback()  # nothing was written: ending it is all

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All-or-nothing: everything inside lands together or not at all.

        Inside another transaction of this connection it is a savepoint: its writes are undone
        alone if it fails, and land only with the outer transaction. The outer one holds
        SQLite's write lock from its start (BEGIN IMMEDIATE), so what is read inside it is
        what the writes build on: no other writer can commit in between.
        """
        if self.readonly:
            raise ReadOnlyStoreError(f"{self.path} is open read-only; nothing was written.")
        with self.lock, _translated_errors(self.path):
            if self.in_snapshot:  # a write would have to see past the snapshot it reads
                raise StoreError(f"{self.path}: cannot write while reading one snapshot.")
            if self.conn.in_transaction:
                with self._savepoint():
                    yield self.conn
                return
            backup = self._copy_before_upgrade()
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                backup = self._upgrade_pending(backup)
                yield self.conn
                if backup is not None:  # the copy of the file as it was, now that it is kept
                    backup.replace(backup.with_suffix(""))
                self.conn.commit()
            except BaseException:
                self.conn.rollback()
                if backup is not None:
                    backup.unlink(missing_ok=True)
                raise
            self.pending_upgrade = None
            if not self._wal:
                # WAL lets the explorer keep reading while an import writes from elsewhere.
                # Switched on only after a write has landed: a dry run or a failed write must
                # leave the file byte-identical, journal-mode header included.
                self.conn.execute("PRAGMA journal_mode = WAL")
                self._wal = True

    @contextlib.contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.conn.execute("SAVEPOINT nested")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO nested")
            self.conn.execute("RELEASE nested")
            raise
        self.conn.execute("RELEASE nested")

    def _copy_before_upgrade(self) -> Path | None:
        """When the schema's upgrade was put off (see open_connection's `migrate`): a copy of
        the file as it is, `<backup>.partial`, which becomes the backup only if the
        transaction that upgrades it commits. Made before that transaction begins: SQLite
        cannot copy a database from the connection that holds its write lock."""
        version = self.pending_upgrade
        if not version or self.path is None:
            return None
        partial = Path(f"{backup_path(self.path, version)}.partial")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)  # a consistent copy, whatever the journal mode
        finally:
            copy.close()
        return partial

    def _upgrade_pending(self, backup: Path | None) -> Path | None:
        """Inside the outer transaction: create or upgrade the schema if that was put off,
        unless another process has done it since the file was opened; returns the backup
        still to keep if this transaction commits."""
        if self.pending_upgrade is None:
            return None
        from . import migrations

        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            if backup is not None:
                backup.unlink(missing_ok=True)
            return None
        if version == 0:
            migrations.create_current(self.db)
        else:
            migrations.migrate(self.db, version)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return backup

    def close(self) -> None:
        with self.lock:
            self.end_snapshot()
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
        if "unable to open" in text:  # a journal or shared-memory file SQLite cannot make
            raise StoreError(
                f"{path} cannot be opened: SQLite cannot create the files it keeps beside it "
                "(is its folder read-only?)."
            ) from error
        raise
    except sqlite3.DatabaseError as error:
        if "not a database" in str(error) or "malformed" in str(error):
            raise NotADatabaseError(
                f"{path} is not an expo-tui database, or it is damaged."
            ) from error
        raise


def _writable(path: Path) -> bool:
    """Whether SQLite can write `path` and the journals it keeps in the same folder."""
    import os

    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path | None, readonly: bool) -> sqlite3.Connection:
    if path is None:
        conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    elif readonly:
        conn = _connect_readonly(path)
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


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection to `path`, on a read-only file system too.

    A store that has been written to is in WAL mode, and SQLite reads one only with a shared-
    memory file (`-shm`) beside it, which it cannot create where nothing can be written: then
    the file is opened immutable (SQLite reads it as it is, without that file and without
    locks), which is right there, since nothing can change it. Unless changes still wait in
    its `-wal` journal, which an immutable read would not see: that is said, not hidden.
    """

    def connect(query: str) -> sqlite3.Connection:
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + query
        conn = sqlite3.connect(
            uri,
            uri=True,
            check_same_thread=False,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_SECONDS,
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except BaseException:
            conn.close()
            raise
        return conn

    try:
        return connect("?mode=ro")
    except sqlite3.OperationalError as error:
        if "unable to open" not in str(error):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} has changes not yet saved into the file (in {wal.name}) and is where "
            "nothing can be written, so they cannot be read; open it once where it can be "
            "written, or copy the folder somewhere writable."
        )
    return connect("?mode=ro&immutable=1")


def open_connection(
    path: str | Path | None,
    *,
    readonly: bool = False,
    create: bool = False,
    migrate: bool = True,
) -> StoreConnection:
    """Open (and if needed migrate) a store. `path=None` gives an empty in-memory store.

    With `migrate=False` a file of an older schema (or an empty file, with `create`) is not
    upgraded now but by the first transaction, together with its writes: an import that is
    refused or only a dry run then leaves the file, and every file beside it, as it was. Until
    that transaction such a store can be read only inside it.
    """
    file = Path(path) if path is not None else None
    create = create or file is None
    if file is not None and not file.exists():
        if not create or readonly:
            raise StoreNotFoundError(f"No database at {file}.")
        file.parent.mkdir(parents=True, exist_ok=True)
    elif file is not None and not readonly and not _writable(file):
        raise ReadOnlyStoreError(
            f"{file} cannot be written (it, or its folder, is read-only); nothing was written."
        )
    try:
        with _translated_errors(file):  # a damaged file can fail the read-only probe
            conn = _connect(file, readonly)
    except sqlite3.OperationalError as error:
        raise StoreError(f"Cannot open {file}: {error}.") from error
    store = StoreConnection(conn, file, readonly)
    try:
        _prepare(store, create=create, migrate=migrate)
    except BaseException:
        conn.close()
        raise
    return store


def _prepare(store: StoreConnection, *, create: bool, migrate: bool = True) -> None:
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
    if version == 0 and tables == 0:
        if not create or store.readonly:
            raise NotADatabaseError(f"{store.path} is empty, not an expo-tui database.")
    elif version == 0:
        raise NotADatabaseError(f"{store.path} is an SQLite file but not an expo-tui database.")
    elif store.readonly:
        raise ReadOnlyStoreError(
            f"{store.path} uses an older schema ({version}) and is open read-only, so it cannot "
            f"be upgraded to schema {SCHEMA_VERSION}; open it once with write access."
        )
    store.pending_upgrade = version
    if migrate:
        with store.transaction():
            pass  # the upgrade (and its backup, for a file of an older schema) is all it does


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
