"""A proposal against the store's events: is it new, the same event told again, more about
one, or at odds with one?

Two events are the same when they are of one kind (meetings and courtesy calls alike, or
signings) and have the same sides: the same set of countries, and every person the proposal
knows from the store among the stored event's participants. Then:

* adds_source: nothing new but the article (same day, or no day given by the article);
* updates: the article adds what the store lacks (the day of an undated event, the order, the
  status "happened" for a planned one, a participant);
* conflicts: the article says otherwise (another day, another order): kept side by side,
  the stored event is never overwritten;
* new: no stored event has these sides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..store.matching import EventRow

KIND_CLASS = {"bilateral_meeting": "meet", "courtesy_call": "meet", "mou_signing": "sign"}
PARTY_ROLES = ("host", "guest", "signatory")


@dataclass(frozen=True)
class StoredEvent:
    key: str
    kind: str
    status: str
    date: dt.date | None
    date_from: dt.date | None
    date_to: dt.date | None
    order: int | None
    participants: tuple[tuple[str, str, str | None], ...]  # (person key, role, country)

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(c for _, role, c in self.participants if role in PARTY_ROLES and c)

    @property
    def people(self) -> frozenset[str]:
        return frozenset(k for k, role, _ in self.participants if role in PARTY_ROLES)


@dataclass
class MatchResult:
    match: str  # new, adds_source, updates, conflicts
    event: StoredEvent | None = None
    changes: list[str] = field(default_factory=list)  # what an update adds, or what conflicts


def stored_events(rows: list[EventRow]) -> list[StoredEvent]:
    def day(value: str | None) -> dt.date | None:
        return dt.date.fromisoformat(value) if value else None

    return [
        StoredEvent(r[0], r[1], r[2], day(r[3]), day(r[4]), day(r[5]), r[6], tuple(r[7]))
        for r in rows
    ]


def match_event(
    kind: str,
    status: str,
    countries: frozenset[str],
    known_people: frozenset[str],
    new_people: int,
    date: dt.date | None,
    order: int | None,
    candidates: list[StoredEvent],
    roles: dict[str, str] | None = None,
) -> MatchResult:
    """The best of `candidates` for a proposal, or new. A proposal that names no one the
    store knows is matched to nothing: countries alone do not make two events the same."""
    same_kind = [
        e
        for e in candidates
        if KIND_CLASS.get(e.kind) == KIND_CLASS.get(kind) and e.countries == countries
    ]
    same_sides = [e for e in same_kind if known_people and known_people <= e.people]
    by_countries = False
    if not same_sides and not known_people and not new_people and len(same_kind) == 1:
        # no one named, but the store has exactly one such event of these countries
        same_sides, by_countries = same_kind, True
    if not same_sides:
        return MatchResult("new")
    # prefer the stored event of the same day, then one without a day
    same_sides.sort(key=lambda e: (e.date != date, e.date is not None and date is not None))
    event = same_sides[0]
    changes: list[str] = []
    conflicts: list[str] = []
    if date is not None and event.date is not None and date != event.date:
        conflicts.append(
            f"the store dates it {event.date.isoformat()}, the article {date.isoformat()}"
        )
    elif date is not None and event.date is None:
        if event.date_from and event.date_to and not event.date_from <= date <= event.date_to:
            conflicts.append(f"the article's day {date.isoformat()} is outside the store's range")
        else:
            changes.append(f"day {date.isoformat()}")
    if order is not None and event.order is not None and order != event.order:
        conflicts.append(f"the store orders it {event.order}, the article {order}")
    elif order is not None and event.order is None:
        changes.append(f"order {order}")
    if status == "happened" and event.status == "planned":
        changes.append("status happened")
    elif status == "planned" and event.status == "unconfirmed":
        changes.append("status planned (announced or scheduled)")
    elif status == "planned" and event.status == "happened":
        conflicts.append("the store says it happened, the article that it is planned")
    if new_people:
        changes.append(f"{new_people} participant(s) the store does not list")
    for key, role in (roles or {}).items():
        stored = next((r for k, r, _ in event.participants if k == key), None)
        if role == "signatory" and stored is not None and stored != "signatory":
            conflicts.append(f"the store lists {key} as {stored}, the article as a signatory")
    if by_countries:
        changes.insert(
            0, "matched by its countries alone: the article names no one the store knows"
        )
        if KIND_CLASS.get(kind) == "sign":
            signing = {c for _, r, c in event.participants if r == "signatory"}
            unsigned = sorted(countries - signing)
            if unsigned:
                conflicts.append(f"the store lists no signatory of {', '.join(unsigned)}")
    if conflicts:
        return MatchResult("conflicts", event, conflicts)
    if by_countries and len(changes) == 1:
        return MatchResult("adds_source", event, changes)
    if changes:
        return MatchResult("updates", event, changes)
    return MatchResult("adds_source", event, [])
