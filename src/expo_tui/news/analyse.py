"""One article read end to end, with no store: sentences, mentions, entities, relations, days
and order, giving the events it proposes (Proposal) in terms of the article's entities.

This part runs in worker processes (`--jobs N`): it needs only the gazetteer and a snapshot of
the store's people, and returns plain picklable values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from .entities import Entity, EntityTable
from .extract import Article
from .known import KnownPeople
from .mentions import Mention, MentionFinder
from .relations import Relation, RelationReader, object_sequences
from .sentences import Sentence, split_sentences
from .when import DateContext, DateMention, find_dates

KINDS = {"meet": "bilateral_meeting", "courtesy": "courtesy_call", "sign": "mou_signing"}
BASE_CONFIDENCE = {"symmetric": 0.8, "receive": 0.85, "visit": 0.8, "passive": 0.8, "noun": 0.7, "active": 0.8}


@dataclass(frozen=True)
class ExpoFrame:
    """What the reading needs to know of the expo the article is about."""

    slug: str
    start: dt.date
    end: dt.date
    country: str | None
    names: tuple[str, ...] = ()  # its name, short name and slug, as an article may write them


@dataclass
class Evidence:
    quote: str
    start: int
    end: int
    rule: str


@dataclass
class Proposal:
    kind: str  # bilateral_meeting, courtesy_call, mou_signing
    status: str  # happened or planned
    parties: list[tuple[int, str]]  # (entity id, role)
    evidence: list[Evidence]
    date: dt.date | None = None
    date_rule: str | None = None
    order: int | None = None
    order_scope: str | None = None
    confidence: float = 0.5
    outside_expo: bool = False
    subject: int | None = None
    sequence: str | None = None


@dataclass
class Reading:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)


def read(article: Article, frame: ExpoFrame, gazetteer: Gazetteer, known: KnownPeople) -> Reading:
    sentences = split_sentences(article.text)
    not_names = {w.casefold() for name in frame.names for w in name.replace("-", " ").split()}
    finder = MentionFinder(gazetteer, known, not_names)
    by_sentence = [finder.find(s.text, s.start) for s in sentences]
    table = EntityTable(known, frame.country)
    table.resolve([m for ms in by_sentence for m in ms])
    ctx = DateContext(article.published, frame.start, frame.end)
    reader = RelationReader(table.entities, frame.country)
    proposals: list[Proposal] = []
    # the last dated sentence: its paragraph, its date, and who it speaks of
    carried: tuple[int, DateMention, set[int]] | None = None
    for number, (sentence, mentions) in enumerate(zip(sentences, by_sentence, strict=True)):
        dates = [d for d in find_dates(sentence.text, sentence.start, ctx) if not d.statement]
        for relation in reader.read(number, sentence, mentions):
            date = _nearest(dates, relation)
            if relation.planned and date is not None and date.how == "weekday":
                planned = find_dates(sentence.text, sentence.start, ctx, planned=True)
                date = _nearest([d for d in planned if not d.statement], relation) or date
            rule = date.how if date else None
            if date is None and carried is not None:
                if carried[0] == sentence.paragraph:
                    date, rule = carried[1], f"{carried[1].how}, earlier in the paragraph"
                elif relation.subject in carried[2]:
                    date, rule = carried[1], f"{carried[1].how}, given earlier for the same person"
            proposals.extend(_proposals(relation, mentions, date, rule, table.entities, frame))
        if dates:
            who = {m.entity for m in mentions if m.entity is not None}
            carried = (sentence.paragraph, dates[-1], who)
    _carry_along_chains(proposals)
    _order(proposals, table.entities)
    return Reading(article, table.entities, _merged(proposals))


def _nearest(dates: list[DateMention], relation: Relation) -> DateMention | None:
    if not dates:
        return None
    anchor = relation.sentence.start + relation.trigger.start
    return min(dates, key=lambda d: abs(d.start - anchor))


def _proposals(
    relation: Relation,
    mentions: list[Mention],
    date: DateMention | None,
    date_rule: str | None,
    entities: list[Entity],
    frame: ExpoFrame,
) -> list[Proposal]:
    sentence: Sentence = relation.sentence
    def evidence() -> list[Evidence]:
        return [Evidence(sentence.text, sentence.start, sentence.end, relation.rule)]

    status = "planned" if relation.planned else "happened"
    day = date.date if date else None
    base = BASE_CONFIDENCE.get(relation.trigger.voice, 0.7)
    if relation.inherited_subject:
        base -= 0.15
    if day is None:
        base -= 0.05
    outside = day is not None and not (frame.start <= day <= frame.end)
    if outside:
        base -= 0.2
    if relation.family == "sign":
        parties = [(e, "signatory") for e in relation.hosts]
        return [
            Proposal(KINDS["sign"], status, parties, evidence(), day, date_rule, None, None,
                     _confidence(base, parties, entities), outside, relation.subject, relation.sequence)
        ]
    sequences = object_sequences(relation, relation.guests if relation.trigger.voice != "visit" else relation.hosts, mentions)
    result = []
    for n, side in enumerate(relation.sides):
        sequence = sequences.get(side[0]) or (relation.sequence if n == 0 else None)
        subject = relation.subject
        if relation.trigger.voice == "visit":
            hosts, guests = side, [e for e in relation.guests if e not in side]
        else:
            hosts, guests = [e for e in relation.hosts if e not in side], side
        if relation.symmetric and frame.country is not None:
            guest_country = entities[guests[0]].country if guests else None
            if guest_country == frame.country and entities[hosts[0]].country != frame.country:
                hosts, guests = guests, hosts
        parties = [(e, "host") for e in hosts] + [(e, "guest") for e in guests]
        parties += [(e, "attendee") for e in relation.attendees if e not in hosts + guests]
        result.append(
            Proposal(KINDS[relation.family], status, parties, evidence(), day, date_rule, None,
                     None, _confidence(base, parties, entities), outside, subject, sequence)
        )
    return result


def _confidence(base: float, parties: list[tuple[int, str]], entities: list[Entity]) -> float:
    named = [entities[e] for e, role in parties if role != "attendee"]
    if named and all(e.known is not None for e in named):
        base += 0.1
    if any(e.kind == "person" and e.known is None for e in named):
        base -= 0.05
    return round(min(0.99, max(0.05, base)), 2)


def _carry_along_chains(proposals: list[Proposal]) -> None:
    """An undated meeting told as the next in one host's chain took place that day too."""
    for previous, current in zip(proposals, proposals[1:], strict=False):
        if (
            current.date is None
            and previous.date is not None
            and current.subject == previous.subject
            and current.sequence in ("next", "last")
        ):
            current.date = previous.date
            current.date_rule = "the day of the meeting before it in the chain"


def _order(proposals: list[Proposal], entities: list[Entity]) -> None:
    """Number a host's meetings of one day only where sequence words link them."""
    chains: dict[tuple[int | None, dt.date | None], list[Proposal]] = {}
    for proposal in proposals:
        if proposal.kind != "mou_signing":
            chains.setdefault((proposal.subject, proposal.date), []).append(proposal)
    for (subject, day), chain in chains.items():
        if subject is None or len(chain) < 2:
            continue
        start = next(
            (
                n
                for n, p in enumerate(chain)
                if p.sequence == "first"
                or (n + 1 < len(chain) and chain[n + 1].sequence in ("next", "last"))
            ),
            None,
        )
        if start is None:
            continue
        number = 0
        for n, proposal in enumerate(chain[start:]):
            if n > 0 and proposal.sequence not in ("next", "last"):
                break
            number += 1
            proposal.order = number
            who = entities[subject].name
            proposal.order_scope = f"{who}'s meetings, {day.isoformat()}" if day else f"{who}'s meetings"
            proposal.evidence[0].rule += f"; order {number} (sequence words)"


def _merged(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per pair of sides and day: repeated mentions add their evidence. A
    meeting the article first announces and then reports is the one that happened."""
    happened = {
        frozenset(e for e, role in p.parties if role != "attendee")
        for p in proposals
        if p.status == "happened"
    }
    merged: dict[tuple, Proposal] = {}
    for proposal in proposals:
        sides = frozenset(e for e, role in proposal.parties if role != "attendee")
        if proposal.status == "planned" and sides in happened:
            continue
        sides = frozenset(e for e, role in proposal.parties if role != "attendee")
        key = (proposal.kind == "mou_signing", sides, proposal.date, proposal.status)
        found = merged.get(key)
        if found is None:
            merged[key] = proposal
            continue
        found.evidence.extend(e for e in proposal.evidence if e not in found.evidence)
        found.order = found.order or proposal.order
        found.order_scope = found.order_scope or proposal.order_scope
        found.confidence = max(found.confidence, proposal.confidence)
        known = {e for e, _ in found.parties}
        found.parties.extend(p for p in proposal.parties if p[0] not in known)
    return list(merged.values())
