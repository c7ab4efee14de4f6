"""Errors the store raises, each with a message fit to show a user as it is."""

from __future__ import annotations


class StoreError(Exception):
    """Base class: str(error) is one plain sentence for the user."""


class StoreNotFoundError(StoreError):
    pass


class NotADatabaseError(StoreError):
    pass


class SchemaTooNewError(StoreError):
    pass


class ReadOnlyStoreError(StoreError):
    pass


class StoreLockedError(StoreError):
    pass


class DamagedStoreError(StoreError):
    """The store is damaged (see integrity.damage); nothing is written into it."""


class DataError(StoreError):
    """A record breaks the store's rules; names the record and field at fault."""
