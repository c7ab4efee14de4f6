"""Groups of countries (ASEAN, NATO, EU, GCC, African Union, SCO, BRICS, Quad, Five Eyes…) read
from `country_groups.toml`, each with its members as of a date and the source that lists them.

The store copies the groups into its own tables when a store is made or migrated, and derives
from them which groups every event involves (see store/schema_views.py); the CLI and the
explorer read `--group asean` here. No I/O at import: the file is read on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from typing import Any


class CountryGroupError(ValueError):
    """The groups file is malformed, or a text names no group."""


@dataclass(frozen=True)
class Membership:
    country: str  # ISO 3166-1 alpha-3
    joined: dt.date | None = None  # None: a member at any date before `left`
    left: dt.date | None = None

    def on(self, date: dt.date) -> bool:
        """Whether the country was a member on `date`."""
        return (self.joined is None or self.joined <= date) and (
            self.left is None or date < self.left
        )


@dataclass(frozen=True)
class CountryGroup:
    key: str
    name: str
    as_of: dt.date
    source: str
    members: tuple[Membership, ...]
    aliases: tuple[str, ...] = field(default=(), compare=False)
    note: str | None = None

    def members_on(self, date: dt.date) -> frozenset[str]:
        return frozenset(m.country for m in self.members if m.on(date))

    @property
    def codes(self) -> frozenset[str]:
        """Every country ever listed as a member (whatever the date)."""
        return frozenset(m.country for m in self.members)


def _date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CountryGroupError(f"country_groups.toml, {where}: {value!r} is not an ISO date")


def _group(entry: dict[str, Any], number: int, known: set[str]) -> CountryGroup:
    where = f"group {number}"
    key, name, source = entry.get("key"), entry.get("name"), entry.get("source")
    if not (isinstance(key, str) and isinstance(name, str) and isinstance(source, str)):
        raise CountryGroupError(f"country_groups.toml, {where}: key, name and source are needed")
    codes = entry.get("members") or []
    joined, left = entry.get("joined") or {}, entry.get("left") or {}
    for code in (*codes, *joined, *left):
        if code not in known:
            raise CountryGroupError(f"country_groups.toml, {key}: {code!r} is not an alpha-3 code")
    for code in (*joined, *left):
        if code not in codes:
            raise CountryGroupError(f"country_groups.toml, {key}: {code} has dates, not a member")
    members = tuple(
        Membership(
            code,
            _date(joined[code], f"{key}.joined.{code}") if code in joined else None,
            _date(left[code], f"{key}.left.{code}") if code in left else None,
        )
        for code in codes
    )
    return CountryGroup(
        key=key,
        name=name,
        as_of=_date(entry.get("as_of"), f"{key}.as_of"),
        source=source,
        members=members,
        aliases=tuple(entry.get("aliases") or ()),
        note=entry.get("note"),
    )


def parse(text: str) -> tuple[CountryGroup, ...]:
    """The groups a file of this layout defines (CountryGroupError names what is wrong)."""
    from .countries import all_countries

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CountryGroupError(f"country_groups.toml: {error}") from None
    known = {c.code for c in all_countries()}
    groups = tuple(_group(entry, n, known) for n, entry in enumerate(data.get("group", []), 1))
    keys = [g.key for g in groups]
    if len(set(keys)) != len(keys):
        raise CountryGroupError("country_groups.toml: a group key is used twice")
    return groups


@functools.cache
def all_groups() -> tuple[CountryGroup, ...]:
    """The shipped groups, in the file's order."""
    text = resources.files("expo_tui").joinpath("country_groups.toml").read_text("utf-8")
    return parse(text)


def group_by_key(key: str) -> CountryGroup | None:
    return next((g for g in all_groups() if g.key == key), None)


def resolve_group(text: str) -> str:
    """The key of the group `text` names (its key, name or an alias, any case), else
    CountryGroupError listing the keys there are."""
    wanted = " ".join((text or "").split()).casefold()
    for group in all_groups():
        if wanted in {group.key, group.name.casefold(), *(a.casefold() for a in group.aliases)}:
            return group.key
    keys = ", ".join(g.key for g in all_groups())
    raise CountryGroupError(f"{text!r} is not a country group expo-tui knows ({keys}).")
