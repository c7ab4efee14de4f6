"""Deciding on candidates: accept (write them into the store), reject, undo. The CLI's
`review` commands call these; a review screen will too.

An accepted candidate is merged with the store as it is at that moment, not as it was when the
article was read: a candidate that adds a source to a stored event adds it to the event as it
stands now (another accepted article may have added one since), and an update fills only what
the event still lacks. The article becomes a source with its publisher, title, language and
publication date; the evidence stays with the candidate in the queue.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from ..records import ParticipantRecord

if TYPE_CHECKING:
    from ..records import EventRecord, ExpoBundle
    from ..store import Store
    from ..store.review import Candidate

_EVENT_EXTRAS = (
    "evidence",
    "reading",
    "confidence",
    "match",
    "matched_event",
    "match_notes",
    "outside_expo",
)


class ReviewError(ValueError):
    pass


def _candidates(store: Store, ids: list[int]) -> list[Candidate]:
    found = []
    for candidate_id in ids:
        candidate = store.review.candidate(candidate_id)
        if candidate is None:
            raise ReviewError(f"There is no candidate {candidate_id} in the review queue.")
        if candidate.state != "pending":
            raise ReviewError(
                f"Candidate {candidate_id} is already {candidate.state}; nothing was changed."
            )
        found.append(candidate)
    return found


def _bundle(store: Store, candidates: list[Candidate]) -> ExpoBundle:
    """One bundle for the candidates (of one expo), merged with the store as it is now."""
    from ..ingest.project_format import read_document

    slugs = {c.expo_slug for c in candidates}
    if len(slugs) != 1:
        raise ReviewError("Accept the candidates of one expo at a time.")
    (slug,) = slugs
    expo = store.review.expo_record(slug)
    found = store.expo(slug)
    if expo is None or found is None:
        raise ReviewError(f"The expo {slug!r} is no longer in the store.")
    sources: dict[str, dict[str, Any]] = {}
    people: dict[str, dict[str, Any]] = {}
    events: list[dict[str, Any]] = []
    for candidate in candidates:
        record = candidate.record
        for s in record.get("sources", []):
            sources.setdefault(s["url"], s)
        for p in record.get("people", []):
            people.setdefault(p["key"], {k: v for k, v in p.items() if k != "match"})
        events.append({k: v for k, v in record["event"].items() if k not in _EVENT_EXTRAS})
    document = {
        "format": "expo-tui",
        "version": 1,
        "expo": {
            "slug": slug,
            "name": expo.name,
            "start_date": expo.start_date.isoformat(),
            "end_date": expo.end_date.isoformat(),
            "timezone": expo.timezone,
        },
        "sources": list(sources.values()),
        "people": list(people.values()),
        "events": events,
    }
    bundle = read_document(
        document, f"review candidate(s) {', '.join(str(c.id) for c in candidates)}"
    )
    merged = [
        _merge_with_store(store, found.id, event, candidate.match)
        for event, candidate in zip(bundle.events, candidates, strict=True)
    ]
    known_people = store.known_person_keys(p.key for p in bundle.people)
    known_sources = store.known_source_urls(s.url for s in bundle.sources)
    return dataclasses.replace(
        bundle,
        expo=expo,
        events=tuple(merged),
        people=tuple(p for p in bundle.people if p.key not in known_people),
        sources=tuple(s for s in bundle.sources if s.url not in known_sources),
    )


def _merge_with_store(store: Store, expo_id: int, event: EventRecord, match: str) -> EventRecord:
    current = store.review.event_record(expo_id, event.key)
    if current is None or match not in ("adds_source", "updates"):
        return event
    sources = tuple(dict.fromkeys((*current.sources, *event.sources)))
    merged = dataclasses.replace(current, sources=sources)
    if match == "updates":
        changes: dict[str, Any] = {}
        if current.date is None and event.date is not None:
            changes.update(date=event.date, date_from=None, date_to=None)
        if current.order is None and event.order is not None:
            changes.update(order=event.order, order_scope=event.order_scope)
        if current.status == "planned" and event.status == "happened":
            changes["status"] = "happened"
        elif current.status == "unconfirmed" and event.status == "planned":
            changes["status"] = "planned"
        listed = {p.person for p in current.participants}
        extra = tuple(
            ParticipantRecord(p.person, p.role, p.position, p.note)
            for p in event.participants
            if p.person not in listed
        )
        merged = dataclasses.replace(merged, participants=current.participants + extra, **changes)
    return merged


def accept(store: Store, ids: list[int]) -> int:
    """Write the candidates into the store, all or none; returns the decision's id."""
    candidates = _candidates(store, list(dict.fromkeys(ids)))
    return store.review.accept([c.id for c in candidates], _bundle(store, candidates))


def reject(store: Store, ids: list[int]) -> int:
    candidates = _candidates(store, list(dict.fromkeys(ids)))
    return store.review.reject([c.id for c in candidates])


def undo(store: Store):  # type: ignore[no-untyped-def]
    """Undo the last decision; None when there was none."""
    return store.review.undo()


def accept_as(store: Store, candidate_id: int, record: dict[str, Any], match: str) -> int:
    """Accept candidate `candidate_id` as `record` (its proposal edited, or merged into a stored
    event or person), matched against the store as `match`; all or none."""
    from ..store.review import AcceptedAs

    (candidate,) = _candidates(store, [candidate_id])
    changed = dataclasses.replace(candidate, record=record, match=match)
    # merged into a stored event, the candidate now stands for that event
    into = record.get("event", {}).get("key") if match == "updates" else None
    accepted = AcceptedAs(record, match, into or candidate.matched_event)
    return store.review.accept(
        [candidate.id], _bundle(store, [changed]), accepted_as={candidate.id: accepted}
    )


def into_event(record: dict[str, Any], event_key: str) -> dict[str, Any]:
    """The proposal as the stored event `event_key`: accepted, the article becomes one more
    of its sources (and what the event lacks is filled in, its people added)."""
    event = dict(record.get("event", {}), key=event_key)
    return {**record, "event": event}


def as_person(record: dict[str, Any], party: str, person_key: str) -> dict[str, Any]:
    """The proposal with its party `party` identified as the stored person `person_key`."""
    event = dict(record.get("event", {}))
    event["participants"] = [
        dict(p, person=person_key) if p.get("person") == party else p
        for p in event.get("participants", [])
    ]
    # the stored person stands in for the party: named here only so the proposal reads as a
    # document; being in the store already, they are not written again
    people = [
        {"key": person_key, "name": p.get("name") or person_key, "kind": "person"}
        if p.get("key") == party
        else p
        for p in record.get("people", [])
    ]
    people = list({p.get("key"): p for p in people}.values())
    return {**record, "event": event, "people": people}


def edited(
    record: dict[str, Any],
    *,
    kind: str,
    status: str,
    date: str | None,
    order: int | None,
    people: dict[str, dict[str, str | None]],
) -> dict[str, Any]:
    """The proposal with its kind, status, day, order and parties' rank, position and country
    as the reviewer corrected them (`people`: key -> the fields changed)."""
    event = dict(record.get("event", {}), kind=kind, status=status, date=date)
    event.pop("date_from", None)
    event.pop("date_to", None)
    if order is None:
        event.pop("order", None)
    else:
        event["order"] = order
    changed = [dict(p, **people.get(p.get("key", ""), {})) for p in record.get("people", [])]
    return {**record, "event": event, "people": changed}
