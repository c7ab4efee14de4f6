"""One article read end to end, with no store: sentences, mentions, entities, relations, days
and order, giving the events it proposes (Proposal) in terms of the article's entities.

This part runs in worker processes (`--jobs N`): it needs only the gazetteer and a snapshot of
the store's people, and returns plain picklable values.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer
from .entities import Entity, EntityTable
from .extract import Article
from .known import KnownPeople
from .lexicon import ELSEWHERE_IN_TIME
from .mentions import Mention, MentionFinder
from .proposals import Evidence, Proposal
from .relations import Relation, RelationReader, object_sequences
from .sentences import Sentence, split_sentences
from .signings import collective_signings, enumerated_signings
from .triggers import triggers_in
from .when import DateContext, DateMention, find_dates

KINDS = {"meet": "bilateral_meeting", "courtesy": "courtesy_call", "sign": "mou_signing"}
_FAMILY_CLASS = {"meet": "meet", "courtesy": "meet", "sign": "sign", "witness": "sign"}
BASE_CONFIDENCE = {
    "symmetric": 0.8,
    "receive": 0.85,
    "visit": 0.8,
    "passive": 0.8,
    "noun": 0.7,
    "active": 0.8,
}


@dataclass(frozen=True)
class ExpoFrame:
    """What the reading needs to know of the expo the article is about."""

    slug: str
    start: dt.date
    end: dt.date
    country: str | None
    names: tuple[str, ...] = ()  # its name, short name and slug, as an article may write them
    places: tuple[str, ...] = ()  # its city and its country's names


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
    all_dates = [
        [d for d in find_dates(s.text, s.start, ctx) if not d.statement] for s in sentences
    ]
    days = {d.date for ds in all_dates for d in ds}
    only_day = next(iter(days)) if len(days) == 1 else None
    reader = RelationReader(table.entities, frame.country, table.country_entity)
    found: list[tuple[Relation, list[Mention], DateMention | None, str | None]] = []
    # the last dated sentence: its paragraph, its date, and who it speaks of
    carried: tuple[int, DateMention, set[int]] | None = None
    topic: int | None = None  # whom the article was last speaking of
    scenes: dict[str, DateMention] = {}  # the day given with the latest signing, meeting
    for number, (sentence, mentions) in enumerate(zip(sentences, by_sentence, strict=True)):
        dates = all_dates[number]
        elsewhere = ELSEWHERE_IN_TIME.search(sentence.text)
        for relation in reader.read(number, sentence, mentions):
            date = _nearest(dates, relation)
            if relation.planned and date is not None and date.how == "weekday":
                planned = find_dates(sentence.text, sentence.start, ctx, planned=True)
                date = _nearest([d for d in planned if not d.statement], relation) or date
            rule = date.how if date else None
            if date is None and not elsewhere:
                date, rule = _carried(relation, sentence, carried, scenes, only_day, all_dates)
            found.append((relation, mentions, date, rule))
        if dates:
            for family in {_FAMILY_CLASS.get(t.family) for t in triggers_in(sentence.text)} - {
                None
            }:
                scenes[family] = dates[-1]  # type: ignore[index]
        people = [
            m.entity
            for m in mentions
            if m.entity is not None and m.kind in ("person", "position", "short")
        ]
        if people:
            topic = people[0]
        if dates:
            who = {m.entity for m in mentions if m.entity is not None} or (
                {topic} if topic is not None else set()
            )
            carried = (sentence.paragraph, dates[-1], who)
    # built once every sentence is read: a later one may name who signed ("diwakili oleh")
    proposals = [
        p
        for relation, mentions, date, rule in found
        for p in _proposals(relation, mentions, date, rule, table.entities, frame)
    ]
    proposals = enumerated_signings(proposals, sentences, by_sentence)
    proposals += collective_signings(
        proposals, sentences, by_sentence, table, frame.country, all_dates
    )
    _carry_along_chains(proposals)
    # merged before they are numbered: a second telling of one meeting ("Diskusi dengan
    # perwakilan Iran ini ...") is no step of its own in the host's chain
    proposals = _merged(proposals, table.entities)
    _order(proposals, table.entities)
    return Reading(article, table.entities, proposals)


def _carried(
    relation: Relation,
    sentence: Sentence,
    carried: tuple[int, DateMention, set[int]] | None,
    scenes: dict[str, DateMention],
    only_day: dt.date | None,
    all_dates: list[list[DateMention]],
) -> tuple[DateMention | None, str | None]:
    """The day an undated relation takes from earlier in the article, if the text gives one:
    the paragraph's, its subject's, its kind of event's, or the only day the article names."""
    if carried is not None:
        if carried[0] == sentence.paragraph:
            return carried[1], f"{carried[1].how}, earlier in the paragraph"
        if relation.subject in carried[2]:
            return carried[1], f"{carried[1].how}, given earlier for the same person"
    scene = "sign" if relation.family == "sign" else "meet"
    if scene in scenes:
        what = "signings" if scene == "sign" else "meetings"
        return scenes[scene], f"{scenes[scene].how}, the day the article gives its {what}"
    if only_day is not None:
        mention = next(d for ds in all_dates for d in ds if d.date == only_day)
        return mention, f"{mention.how}, the only day the article names"
    return None, None


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
        parties += [(e, "attendee") for e in relation.attendees if e not in relation.hosts]
        return [
            Proposal(
                KINDS["sign"],
                status,
                parties,
                evidence(),
                day,
                date_rule,
                None,
                None,
                _confidence(base, parties, entities),
                outside,
                relation.subject,
                relation.sequence,
            )
        ]
    sequences = object_sequences(
        relation, relation.guests if relation.trigger.voice != "visit" else relation.hosts, mentions
    )
    result = []
    visit = relation.trigger.voice == "visit"
    subject_side = [
        e
        for e in (relation.guests if visit else relation.hosts)
        if not any(e in s for s in relation.sides)
    ]
    # one meeting per pair of people: "met A, B and C" is three, and so is "A and B met C"
    pairs: list[tuple[int, list[int]]] = []
    for mine in subject_side:
        for side in relation.sides:
            if len(side) > 1 and all(entities[e].kind == "person" for e in side):
                pairs.extend((mine, [other]) for other in side)  # two people: two meetings
            else:
                pairs.append((mine, side))
    for n, (mine, side) in enumerate(pairs):
        sequence = sequences.get(side[0]) or (relation.sequence if n == 0 else None)
        subject = relation.subject
        if visit:
            hosts, guests = side, [mine]
        else:
            hosts, guests = [mine], side
        if relation.symmetric and frame.country is not None:
            guest_country = entities[guests[0]].country if guests else None
            if guest_country == frame.country and entities[hosts[0]].country != frame.country:
                hosts, guests = guests, hosts
        parties = [(e, "host") for e in hosts] + [(e, "guest") for e in guests]
        parties += [(e, "attendee") for e in relation.attendees if e not in hosts + guests]
        result.append(
            Proposal(
                KINDS[relation.family],
                status,
                parties,
                evidence(),
                day,
                date_rule,
                None,
                None,
                _confidence(base, parties, entities),
                outside,
                subject,
                sequence,
            )
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
    for previous, current in itertools.pairwise(proposals):
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
        # what is only planned is no step in the day's sequence
        if proposal.kind != "mou_signing" and proposal.status == "happened":
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
        for number, proposal in enumerate(chain[start:], start=1):
            if number > 1 and proposal.sequence not in ("next", "last"):
                break
            proposal.order = number
            who = entities[subject].name
            proposal.order_scope = (
                f"{who}'s meetings, {day.isoformat()}" if day else f"{who}'s meetings"
            )
            proposal.evidence[0].rule += f"; order {number} (sequence words)"


def _merged(proposals: list[Proposal], entities: list[Entity]) -> list[Proposal]:
    """One proposal per pair of sides: two tellings of a meeting (or a signing) of the same
    countries on the same day, whose named people do not differ, are one event, with every
    piece of evidence and the most specific parties (a person over "the Iranian delegation").
    A meeting the article announces and also reports is the one that happened."""

    def countries(p: Proposal) -> frozenset[str | None]:
        return frozenset(entities[e].country for e, role in p.parties if role != "attendee")

    def named(p: Proposal, kind: str) -> dict[str | None, set[int]]:
        """The named sides of one kind: people, or bodies named as such (not "the
        delegation"). A person and a body never contradict: one signs for the other."""
        found: dict[str | None, set[int]] = {}
        for e, role in p.parties:
            entity = entities[e]
            if role == "attendee" or entity.kind != kind:
                continue
            if kind == "person" or entity.how in ("institution", "store"):
                found.setdefault(entity.country, set()).add(e)
        return found

    def compatible(a: Proposal, b: Proposal) -> bool:
        for kind in ("person", "group"):
            na, nb = named(a, kind), named(b, kind)
            if any(na.get(c) and nb.get(c) and na[c] != nb[c] for c in set(na) | set(nb)):
                return False
        return True

    happened = [p for p in proposals if p.status == "happened"]
    kept: list[Proposal] = []
    for proposal in proposals:
        if proposal.status == "planned" and any(
            (h.kind == "mou_signing") == (proposal.kind == "mou_signing")
            and h.subject == proposal.subject
            and countries(h) == countries(proposal)
            for h in happened
        ):
            continue
        same = next(
            (
                k
                for k in kept
                if (k.kind == "mou_signing") == (proposal.kind == "mou_signing")
                and (k.date == proposal.date or None in (k.date, proposal.date))
                and k.status == proposal.status
                and countries(k) == countries(proposal)
                and compatible(k, proposal)
            ),
            None,
        )
        if same is None:
            kept.append(proposal)
            continue
        _absorb(same, proposal, entities)
    return kept


def _absorb(into: Proposal, other: Proposal, entities: list[Entity]) -> None:
    into.evidence.extend(e for e in other.evidence if e not in into.evidence)
    if into.date is None and other.date is not None:
        into.date, into.date_rule, into.outside_expo = (
            other.date,
            other.date_rule,
            other.outside_expo,
        )
    into.order = into.order or other.order
    into.order_scope = into.order_scope or other.order_scope
    into.confidence = max(into.confidence, other.confidence)
    named = {
        entities[e].country
        for e, r in into.parties
        if r != "attendee" and entities[e].kind == "person"
    }
    for e, role in other.parties:
        if any(e == k for k, _ in into.parties):
            continue
        entity = entities[e]
        if entity.kind == "person" and entity.country not in named:
            # a named person replaces the bare delegation of their country
            into.parties = [
                (k, r)
                for k, r in into.parties
                if not (entities[k].kind == "group" and entities[k].country == entity.country)
            ]
            into.parties.append((e, role))
        elif role == "attendee":
            into.parties.append((e, role))
