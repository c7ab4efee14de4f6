"""The store: the only code that talks to SQLite. No Textual or Rich imports here.

store = open_store(path)          # or open_store(None) for an empty in-memory store
expo = store.expos()[0]
store.days(expo); store.countries(expo, "rus"); store.events(expo, "2025-06-12")
"""

from __future__ import annotations

from pathlib import Path

from .connection import open_connection
from .errors import (
    DamagedStoreError,
    DataError,
    NotADatabaseError,
    ReadOnlyStoreError,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
)
from .models import UNDATED
from .queries import Store
from .version import SCHEMA_VERSION

__all__ = [
    "SCHEMA_VERSION",
    "UNDATED",
    "DamagedStoreError",
    "DataError",
    "NotADatabaseError",
    "ReadOnlyStoreError",
    "SchemaTooNewError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
    "open_store",
]


def open_store(
    path: str | Path | None,
    *,
    readonly: bool = False,
    create: bool = False,
    migrate: bool = True,
) -> Store:
    """Open the store at `path` (migrating an older schema); None gives an in-memory store.

    With `migrate=False` an older schema is upgraded by the first `Store.transaction()`, and
    only if it commits (see connection.open_connection): what an import uses, so that a dry run
    or a refused file leaves an older store exactly as it was.
    """
    return Store(open_connection(path, readonly=readonly, create=create, migrate=migrate))
