"""The store's schema version, apart from schema.py so that opening a current store (which only
compares versions) does not load the table declarations."""

SCHEMA_VERSION = 8  # raise it with a step in migrations.py
