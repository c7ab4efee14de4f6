"""The text each kind of record puts into the search index, defined once.

The writer indexes with these functions and `check` recomputes them to prove the index is in
step with the rows, so both must agree to the character.
"""

from __future__ import annotations

from collections.abc import Iterable

SEPARATOR = " | "


def _join(parts: Iterable[str | None]) -> str:
    return SEPARATOR.join(p for p in parts if p)


def clean_variants(name: str, variants: Iterable[str]) -> list[str]:
    """Distinct name variants other than the name itself, in a stable order."""
    return sorted({v for v in variants if v and v != name})


def person_text(
    name: str,
    variants: Iterable[str],
    rank: str | None,
    position: str | None,
    organization: str | None,
) -> str:
    return _join((name, *clean_variants(name, variants), rank, position, organization))


def event_text(title: str, location: str | None, summary: str | None) -> str:
    return _join((title, location, summary))


def country_text(names: Iterable[str]) -> str:
    return _join(names)
