"""Ranks, honorifics, positions, institutions and country words, as editable data files.

The data lives in `gazetteer/data/*.toml` (shipped in the wheel; docs/ingest.md says how to
extend it). This package only reads it: no SQLite, no UI, nothing loaded until first asked.
Two users share it: the news ingest (finding who is who in an article) and search ("Letjen
Macaulay" finds Derek Macaulay, "Kemhan" the Ministry of Defence, "KSAD" the Army chief).

    gaz = gazetteer.load()
    gaz.strip_titles("Letjen TNI Macaulay")  # name "Macaulay", titles ("Letjen", "TNI")
    gaz.resolve("Kemhan").name                # "Ministry of Defence of Indonesia"
    gaz.rank("Lt. Gen.").key                  # "lieutenant-general", as for "Letjen"
"""

from __future__ import annotations

import functools

from .model import CountryWord, Gazetteer, Institution, NameQuery, Position, Rank

__all__ = [
    "CountryWord",
    "Gazetteer",
    "Institution",
    "NameQuery",
    "Position",
    "Rank",
    "load",
]


@functools.cache
def load() -> Gazetteer:
    """The shipped gazetteer, read once per process."""
    from .loader import read_shipped

    return read_shipped()
