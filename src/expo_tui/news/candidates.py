"""Proposals become candidates: events in the project's JSON format, with the people and
sources they cite, their `evidence`, a `confidence` and a `match` against the store.

A candidate that matches a stored event is that event as stored, plus what the article adds
(its source; for an update the day, order or status it gives), so importing it changes the
stored event only by that. A new or conflicting candidate gets a key of its own. People the
store knows are cited by their key and copied as stored; others are new records, and a
possible store match that is not certain is named on the person (`match`) for the reviewer,
never merged.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..ingest.common import person_key, slugify, stable_hash
from ..records import iso_text
from .analyse import Reading
from .entities import Entity
from .matching import MatchResult, match_event, stored_events
from .proposals import Proposal

if TYPE_CHECKING:
    from ..records import ExpoRecord, SourceRecord
    from ..store import Store


@dataclass
class Candidate:
    fingerprint: str
    kind: str
    title: str
    event: dict[str, Any]
    people: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    match: str
    matched_event: str | None
    confidence: float
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """What the review queue keeps: the event and what it cites."""
        return {"event": self.event, "people": self.people, "sources": self.sources}

    def absorb(self, other: Candidate) -> None:
        """Another article's telling of the same event: its source and evidence join."""
        self.event["sources"] = list(
            dict.fromkeys([*self.event["sources"], *other.event["sources"]])
        )
        urls = {s["url"] for s in self.sources}
        self.sources.extend(s for s in other.sources if s["url"] not in urls)
        keys = {p["key"] for p in self.people}
        self.people.extend(p for p in other.people if p["key"] not in keys)
        self.evidence.extend(other.evidence)
        self.event["evidence"] = self.evidence
        self.confidence = max(self.confidence, other.confidence)
        self.event["confidence"] = self.confidence


def person_dict(p: Any) -> dict[str, Any]:
    return {
        "key": p.key,
        "name": p.name,
        "kind": p.kind,
        "variants": list(p.variants),
        "rank": p.rank,
        "position": p.position,
        "organization": p.organization,
        "country": p.country,
    }


def source_dict(s: SourceRecord) -> dict[str, Any]:
    return {
        "url": s.url,
        "publisher": s.publisher,
        "title": s.title,
        "language": s.language,
        "published": iso_text(s.published),
    }


def event_dict(e: Any) -> dict[str, Any]:
    """An EventRecord in the project format."""
    data: dict[str, Any] = {"key": e.key, "title": e.title, "kind": e.kind, "status": e.status}
    if e.date:
        data["date"] = iso_text(e.date)
    elif e.date_from and e.date_to:
        data["date_range"] = [iso_text(e.date_from), iso_text(e.date_to)]
    for name in ("start_time", "end_time"):
        if getattr(e, name):
            data[name] = iso_text(getattr(e, name))
    for name in ("order", "order_scope", "location", "summary", "notes"):
        if getattr(e, name) is not None:
            data[name] = getattr(e, name)
    data["participants"] = [
        {
            k: v
            for k, v in dataclasses.asdict(p).items()
            # `assumed` is bookkeeping for the store's merge, not a field of the project format
            if v is not None and k != "assumed"
        }
        for p in e.participants
    ]
    data["sources"] = list(e.sources)
    return data


class CandidateBuilder:
    """Candidates for one expo, matched against `store` as it is."""

    def __init__(self, store: Store, expo: ExpoRecord, expo_id: int) -> None:
        self.store = store
        self.expo = expo
        self.expo_id = expo_id
        self.review = store.review
        self._people = {row[0]: row for row in self.review.people_for_matching()}

    def build(self, reading: Reading) -> list[Candidate]:
        article = reading.article
        source = {
            "url": article.url,
            "publisher": article.publisher,
            "title": article.title,
            "language": article.language,
            "published": iso_text(article.published),
        }
        return [self._candidate(reading, p, source) for p in reading.proposals]

    # -- people ----------------------------------------------------------------------------
    def _person(self, entity: Entity) -> dict[str, Any]:
        if entity.known is not None and entity.known.key in self._people:
            row = self._people[entity.known.key]
            return {
                "key": row[0],
                "name": row[1],
                "kind": row[7],
                "variants": list(row[2]),
                "rank": row[4],
                "position": row[5],
                "organization": row[6],
                "country": row[3],
            }
        if entity.kind == "group":
            name = entity.name if entity.how != "office" else f"{entity.name} (unnamed)"
            key = slugify(name) or "group-" + stable_hash(name)
            person: dict[str, Any] = {
                "key": key,
                "name": name,
                "kind": "group",
                "variants": [],
                "rank": None,
                "position": None,
                "organization": entity.organization,
                "country": entity.country,
            }
        else:
            key = person_key(entity.name)
            person = {
                "key": key,
                "name": entity.name,
                "kind": "person",
                "variants": [],
                "rank": entity.rank,
                "position": entity.position,
                "organization": entity.organization,
                "country": entity.country,
            }
        if person["key"] in self._people:  # a store key for someone else: keep them apart
            person["key"] = f"{person['key']}-{stable_hash(person['name'], person['country'])[:6]}"
        if entity.suggestion is not None:
            person["match"] = {
                "status": "uncertain",
                "person": entity.suggestion.person.key,
                "name": entity.suggestion.person.name,
                "score": round(entity.suggestion.score, 1),
            }
        return person

    # -- one candidate ---------------------------------------------------------------------
    def _candidate(self, reading: Reading, proposal: Proposal, source: dict[str, Any]) -> Candidate:
        entities = reading.entities
        people = {e: self._person(entities[e]) for e, _ in proposal.parties}
        parties = [(e, role) for e, role in proposal.parties if role != "attendee"]
        countries = frozenset(c for e, _ in parties if (c := entities[e].country) is not None)
        known = frozenset(people[e]["key"] for e, _ in parties if people[e]["key"] in self._people)
        stored = stored_events(self.review.events_for_matching(self.expo_id, countries))
        listed = {key for event in stored for key, _, _ in event.participants}
        # parties the store's events do not list: people, and named bodies (not "the
        # Indonesian delegation", which any party of that country already stands for)
        new_people = sum(
            1
            for e, _ in parties
            if people[e]["key"] not in listed
            and (entities[e].kind == "person" or entities[e].how in ("institution", "store"))
        )
        result = match_event(
            proposal.kind,
            proposal.status,
            countries,
            known,
            new_people,
            proposal.date,
            proposal.order,
            stored,
            {people[e]["key"]: role for e, role in parties},
        )
        title = _title(proposal, entities)
        evidence = [
            {
                "source": source["url"],
                "quote": e.quote,
                "start": e.start,
                "end": e.end,
                "rule": e.rule,
            }
            for e in proposal.evidence
        ]
        if proposal.date_rule:
            evidence[0]["rule"] += f"; day from {proposal.date_rule}"
        event = self._event(proposal, people, title, source, result)
        # what this article says, apart from what the store adds when the event is merged
        told: dict[str, Any] = {
            "kind": proposal.kind,
            "status": proposal.status,
            "date": iso_text(proposal.date),
            "order": proposal.order,
            "participants": [{"person": people[e]["key"], "role": r} for e, r in proposal.parties],
        }
        cited = {p["person"] for p in event["participants"]} | {
            p["person"] for p in told["participants"]
        }
        doc_people = [
            p for p in {d["key"]: d for d in people.values()}.values() if p["key"] in cited
        ]
        for key in cited - {p["key"] for p in doc_people}:
            if key in self._people:
                row = self._people[key]
                doc_people.append(
                    {
                        "key": row[0],
                        "name": row[1],
                        "kind": row[7],
                        "variants": list(row[2]),
                        "rank": row[4],
                        "position": row[5],
                        "organization": row[6],
                        "country": row[3],
                    }
                )
        sources = [source] + [
            source_dict(s)
            for s in self.review.source_records(event["sources"])
            if s.url != source["url"]
        ]
        event["evidence"] = evidence
        event["reading"] = told
        event["confidence"] = proposal.confidence
        event["match"] = result.match
        event["matched_event"] = result.event.key if result.event else None
        if result.changes:
            event["match_notes"] = result.changes
        if proposal.outside_expo:
            event["outside_expo"] = True
        sides = sorted(people[e]["key"] for e, role in proposal.parties if role != "attendee")
        if result.event is not None and result.match in ("adds_source", "updates"):
            # one stored event may hold several pairs ("talks between A, B and C"): each pair
            # the article states stays a candidate of its own
            fingerprint = stable_hash(self.expo.slug, "event", result.event.key, *sides)
        else:
            fingerprint = stable_hash(
                self.expo.slug,
                proposal.kind == "mou_signing",
                *sides,
                iso_text(proposal.date),
                proposal.status,
            )
        return Candidate(
            fingerprint,
            proposal.kind,
            title,
            event,
            sorted(doc_people, key=lambda p: p["key"]),
            sources,
            result.match,
            event["matched_event"],
            proposal.confidence,
            evidence,
        )

    def _event(
        self,
        proposal: Proposal,
        people: dict[int, dict[str, Any]],
        title: str,
        source: dict[str, Any],
        result: MatchResult,
    ) -> dict[str, Any]:
        participants = [{"person": people[e]["key"], "role": role} for e, role in proposal.parties]
        if result.match in ("adds_source", "updates") and result.event is not None:
            stored = self.review.event_record(self.expo_id, result.event.key)
            event = event_dict(stored)
            event["sources"] = list(dict.fromkeys([*event["sources"], source["url"]]))
            if result.match == "updates":
                if proposal.date and "date" not in event:
                    event.pop("date_range", None)
                    event["date"] = iso_text(proposal.date)
                if proposal.order and "order" not in event:
                    event["order"], event["order_scope"] = proposal.order, proposal.order_scope
                if proposal.status == "happened" and event["status"] == "planned":
                    event["status"] = "happened"
                elif proposal.status == "planned" and event["status"] == "unconfirmed":
                    event["status"] = "planned"
                listed = {p["person"] for p in event["participants"]}
                event["participants"] += [
                    p for p in participants if p["person"] not in listed and p["role"] != "attendee"
                ]
            return event
        key = (
            "news-"
            + stable_hash(
                self.expo.slug,
                proposal.kind,
                *sorted(p["person"] for p in participants),
                iso_text(proposal.date),
            )[:12]
        )
        event = {"key": key, "title": title, "kind": proposal.kind, "status": proposal.status}
        if proposal.date is not None:
            event["date"] = iso_text(proposal.date)
        else:
            event["date_range"] = [iso_text(self.expo.start_date), iso_text(self.expo.end_date)]
        if proposal.order is not None:
            event["order"], event["order_scope"] = proposal.order, proposal.order_scope
        event["participants"] = participants
        event["sources"] = [source["url"]]
        note = f"Proposed by the news ingest from {source['publisher'] or source['url']}."
        if result.match == "conflicts" and result.event is not None:
            note += f" Conflicts with event {result.event.key}: " + "; ".join(result.changes) + "."
        event["notes"] = note
        return event


def _title(proposal: Proposal, entities: list[Entity]) -> str:
    def who(e: int) -> str:
        entity = entities[e]
        if entity.kind == "group" or entity.country is None:
            return entity.name
        from ..countries import country_info

        info = country_info(entity.country)
        return f"{entity.name} ({info.name})" if info else entity.name

    hosts = [e for e, r in proposal.parties if r == "host"]
    guests = [e for e, r in proposal.parties if r == "guest"]
    signers = [e for e, r in proposal.parties if r == "signatory"]
    if proposal.kind == "mou_signing":
        return "Signing: " + " and ".join(who(e) for e in signers)

    def names(ids: list[int]) -> str:
        return " and ".join(who(e) for e in ids)

    if proposal.kind == "courtesy_call":
        return f"{names(guests)} calls on {names(hosts)}"
    return f"{names(hosts)} meets {names(guests)}"


def document(
    expo: ExpoRecord, expo_sources: list[SourceRecord], candidates: list[Candidate]
) -> dict[str, Any]:
    """The candidates as one document of the project's format (`expo-tui import` reads it)."""
    sources: dict[str, dict[str, Any]] = {s.url: source_dict(s) for s in expo_sources}
    people: dict[str, dict[str, Any]] = {}
    for c in candidates:
        for s in c.sources:
            sources.setdefault(s["url"], s)
        for p in c.people:
            people.setdefault(p["key"], p)
    return {
        "format": "expo-tui",
        "version": 1,
        "expo": {
            "slug": expo.slug,
            "name": expo.name,
            "short_name": expo.short_name,
            "edition": expo.edition,
            "venue": expo.venue,
            "city": expo.city,
            "country": expo.country,
            "start_date": iso_text(expo.start_date),
            "end_date": iso_text(expo.end_date),
            "timezone": expo.timezone,
            "organizer": expo.organizer,
            "theme": expo.theme,
            "notes": expo.notes,
            "sources": list(expo.sources),
            "day_change": iso_text(expo.day_change),
        },
        "sources": list(sources.values()),
        "people": sorted(people.values(), key=lambda p: p["key"]),
        "events": [c.event for c in candidates],
    }
