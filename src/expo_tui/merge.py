"""What the store holds once a record from a file meets the record it already has.

One rule for every reader and every kind of record: what the file says replaces what the store
has; what it does not say (None, an empty list, or a value the reader only assumed, see
records.py) leaves the store's value as it is. "The file knows a name, the store may know
rank": a file that knows less never erases what the store knows. Lists only grow: the store's
name variants, sources, participants and delegation members stay, in their order, and the
file's new ones follow (a participant or member the store has is updated by what the file says
of it). An import never removes anything.

Some fields make sense only together, and a file that gives one of a group gives the whole
group: an event's day (a date, or the range of days it lies in), its times (start and end), its
place in a chain of meetings (the order and whose chain), an expo's dates. And a file that
moves an event to another day gives its times and its place in a chain with it.

The store's writer applies this to every record that already exists (store/writer.py); the
import workflow applies it to the expo records of earlier files in one import, so a later file
is read against the expo as the import will leave it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import fields, replace
from typing import Any, Protocol, TypeVar

from .records import NOTHING_ASSUMED, EventRecord, ExpoRecord

_Record = TypeVar("_Record")


class Merge(Protocol):
    """How the writer combines a stored record with the incoming one (`merged`, or taking the
    incoming one as it is)."""

    def __call__(self, stored: _Record | None, incoming: _Record, /) -> _Record: ...


_DAY = ("date", "date_from", "date_to")
_GROUPS: dict[type, tuple[tuple[str, ...], ...]] = {
    EventRecord: (_DAY, ("start_time", "end_time"), ("order", "order_scope")),
    ExpoRecord: (("start_date", "end_date"),),
}
# Groups that belong to another: a file that moves an event to another day says its times and
# its place in that day's chain too (none, when it gives none), as a time is stored only where
# a source gave one for that day.
_FOLLOW: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {
    EventRecord: (_DAY, ("start_time", "end_time", "order", "order_scope")),
}
# List fields, and what identifies an item of each (None: the item itself).
_LISTS: dict[str, Callable[[Any], Hashable] | None] = {
    "variants": None,
    "sources": None,
    "participants": lambda participant: participant.person,
    "members": lambda member: member.name,
}
_EMPTY = (None, "", ())


_NAMES: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    """A record type's field names but `assumed` (found once per type: a re-import merges
    every event it has)."""
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(f.name for f in fields(kind) if f.name != "assumed")
    return names


def said_by(record: object) -> set[str]:
    """The fields `record` gives a value of its own (not empty, not assumed)."""
    assumed = getattr(record, "assumed", NOTHING_ASSUMED)
    return {
        name
        for name in _names(type(record))
        if name not in assumed and getattr(record, name) not in _EMPTY
    }


def merged(stored: _Record | None, incoming: _Record) -> _Record:
    """`incoming` over `stored` by the rule above; `incoming` itself when nothing is stored."""
    if stored is None:
        return incoming
    said = said_by(incoming)
    for group in _GROUPS.get(type(incoming), ()):
        if said.intersection(group):
            said.update(group)
    if type(incoming) in _FOLLOW:
        leader, followers = _FOLLOW[type(incoming)]
        if said.issuperset(leader) and any(
            getattr(stored, name) != getattr(incoming, name) for name in leader
        ):
            said.update(followers)
    values: dict[str, object] = {}
    for name in _names(type(incoming)):
        old, new = getattr(stored, name), getattr(incoming, name)
        if name in _LISTS:
            values[name] = _grown(old, new, _LISTS[name])
        else:
            values[name] = new if name in said else old
    if hasattr(incoming, "assumed"):
        values["assumed"] = NOTHING_ASSUMED
    return replace(incoming, **values)  # type: ignore[type-var]


def _grown(
    old: tuple[Any, ...], new: tuple[Any, ...], identity: Callable[[Any], Hashable] | None
) -> tuple[Any, ...]:
    """The stored items in their order, each updated by the file's item of the same identity,
    then the file's items the store did not have. The n-th item of an identity matches the
    n-th of the same identity (one person can take part in an event twice, in two roles)."""
    if not new:
        return old
    incoming = dict(zip(_keys(new, identity), new, strict=True))
    stored_keys = _keys(old, identity)
    kept = [
        merged(item, incoming[key]) if identity and key in incoming else item
        for key, item in zip(stored_keys, old, strict=True)
    ]
    known = set(stored_keys)
    return (*kept, *(item for key, item in incoming.items() if key not in known))


def _keys(
    items: tuple[Any, ...], identity: Callable[[Any], Hashable] | None
) -> list[tuple[Hashable, int]]:
    """Each item's identity with its occurrence: (identity, 0), (identity, 1)..."""
    seen: dict[Hashable, int] = {}
    keys = []
    for item in items:
        key = identity(item) if identity else item
        keys.append((key, seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return keys
