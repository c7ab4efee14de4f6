"""Meetings, courtesy calls and signings read from sentences, with who stood on which side.

For each trigger (lexicon.py) in a sentence the parties are found around it:

* before it, the subject: the first person or office of the clause (an institution or a
  country only when there is none), leaving out whoever is "didampingi"/"accompanied by";
  a pronoun, or no one, is the subject the article was last speaking of;
* after it, the other side: every party up to where the clause moves on to a purpose, a
  place or a time ("untuk", "di", "to discuss", "in"), picked up again after a sequence word
  ("..., kemudian dengan B"); a passive's host (or signer) follows "oleh"/"by";
* a noun form ("pertemuan dengan X", "meeting between A and B") takes its other side after it
  and its subject from the rest of the sentence.

One bilateral meeting is proposed per other side ("met A, B and C" is three), only between two
countries. A signing takes every side as a signatory; a witness ("menyaksikan penandatanganan",
"witnessed by") attends and never signs. A planned marker ("akan", "dijadwalkan", "will",
"is set to") shortly before the trigger makes it planned; a negation drops it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entities import Entity
from .lexicon import (
    AGREEMENT,
    CONJUNCTION,
    NEGATED,
    OBJECT_STOP,
    PLANNED,
    SEQUENCE,
    TOTAL,
    TRIGGER_RE,
    trigger_info,
)
from .mentions import Mention
from .sentences import Sentence

PARTY_KINDS = ("person", "position", "organisation", "country", "short")
PLANNED_WINDOW = 60  # characters before a trigger in which "akan"/"will" makes it planned
_CONTINUE = re.compile(
    r"\b(?:kemudian|selanjutnya|lalu|setelah\s+itu|berikutnya|disusul|dilanjutkan|then|next"
    r"|followed\s+by|and\s+then|dan\s+(?:kemudian|selanjutnya|terakhir)|terakhir|finally)\b",
    re.IGNORECASE,
)


@dataclass
class Trigger:
    start: int  # offsets in the sentence
    end: int
    family: str
    voice: str
    rule: str


@dataclass
class Relation:
    family: str  # meet, courtesy, sign
    rule: str
    sentence: Sentence
    trigger: Trigger
    hosts: list[int] = field(default_factory=list)  # entity ids; for a signing, every side
    guests: list[int] = field(default_factory=list)
    symmetric: bool = False
    attendees: list[int] = field(default_factory=list)
    planned: bool = False
    sequence: str | None = None  # first, next, last: how the text orders it in a chain
    subject: int | None = None  # whose chain it belongs to (the side the sentence is about)
    inherited_subject: bool = False
    sides: list[list[int]] = field(default_factory=list)  # the other sides, one per country


@dataclass
class _Party:
    mention: Mention
    start: int  # offsets in the sentence
    end: int

    @property
    def kind(self) -> str:
        """person, position, organisation, country or pronoun (a short name is a person)."""
        return "person" if self.mention.kind == "short" else self.mention.kind


class RelationReader:
    def __init__(self, entities: list[Entity], host_country: str | None) -> None:
        self.entities = entities
        self.host_country = host_country
        self.last_subject: int | None = None
        self.last_subject_sentence = -10

    def country(self, entity_id: int) -> str | None:
        return self.entities[entity_id].country

    def read(self, number: int, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
        parties = [
            _Party(m, m.start - sentence.start, m.end - sentence.start)
            for m in mentions
            if (m.kind in PARTY_KINDS and m.entity is not None) or m.kind == "pronoun"
        ]
        triggers = self._triggers(sentence.text)
        relations: list[Relation] = []
        taken_attendees: set[int] = set()
        for n, trigger in enumerate(triggers):
            if trigger.family not in ("witness", "accompany"):
                continue
            end = triggers[n + 1].start if n + 1 < len(triggers) else len(sentence.text)
            for party in self._right(sentence.text, parties, trigger.end, end):
                if party.mention.entity is not None:
                    taken_attendees.add(party.mention.entity)
            if trigger.family == "witness":
                for party in self._left_parties(sentence.text, parties, triggers, n):
                    if party.mention.entity is not None:
                        taken_attendees.add(party.mention.entity)
        for n, trigger in enumerate(triggers):
            if trigger.family in ("witness", "accompany"):
                continue
            relation = self._relation(number, sentence, parties, triggers, n, taken_attendees)
            if relation is not None:
                relations.append(relation)
        return relations

    # -- triggers --------------------------------------------------------------------------
    @staticmethod
    def _triggers(text: str) -> list[Trigger]:
        found = []
        for match in TRIGGER_RE.finditer(text):
            family, voice, rule = trigger_info(match)
            found.append(Trigger(match.start(), match.end(), family, voice, rule))
        return found

    # -- regions ---------------------------------------------------------------------------
    def _left_parties(
        self, text: str, parties: list[_Party], triggers: list[Trigger], n: int
    ) -> list[_Party]:
        start = 0
        for previous in triggers[:n]:
            if previous.family in ("meet", "courtesy", "sign"):
                start = previous.end
        left = [p for p in parties if p.start >= start and p.end <= triggers[n].start]
        # drop whoever comes along: "didampingi X", "bersama X" before the trigger
        for previous in triggers[:n]:
            if previous.family == "accompany" and previous.start >= start:
                stop = text.find(",", previous.end)
                stop = triggers[n].start if stop < 0 or stop > triggers[n].start else stop
                left = [p for p in left if not (previous.end <= p.start < stop)]
        return left

    def _right(self, text: str, parties: list[_Party], start: int, end: int) -> list[_Party]:
        """Parties after a trigger: up to the first stop, and again after a sequence word."""
        spans = []
        position = start
        while position < end:
            stop = OBJECT_STOP.search(text, position, end)
            stop_at = stop.start() if stop else end
            # a stop before any party is the trigger's own preposition ("paid a call on")
            if stop and not any(position <= p.start < stop_at for p in parties):
                if not spans and stop.end() < end and stop_at - position < 3:
                    position = stop.end()
                    continue
            spans.append((position, stop_at))
            resume = _CONTINUE.search(text, stop_at, end)
            if resume is None or stop is None:
                break
            position = resume.start()
        return [p for p in parties if any(a <= p.start < b for a, b in spans)]

    # -- one trigger -----------------------------------------------------------------------
    def _relation(
        self,
        number: int,
        sentence: Sentence,
        parties: list[_Party],
        triggers: list[Trigger],
        n: int,
        attendees: set[int],
    ) -> Relation | None:
        text = sentence.text
        trigger = triggers[n]
        next_start = len(text)
        for later in triggers[n + 1 :]:
            if later.family in ("meet", "courtesy", "sign", "witness", "accompany"):
                next_start = later.start
                break
        window = text[max(0, trigger.start - PLANNED_WINDOW) : trigger.start]
        if NEGATED.search(window.split(",")[-1]):
            return None
        if trigger.family == "sign" and not AGREEMENT.search(text):
            return None
        if trigger.family == "sign" and TOTAL.search(text):
            return None
        left = [p for p in self._left_parties(text, parties, triggers, n) if p.mention.entity not in attendees]
        right = [p for p in self._right(text, parties, trigger.end, next_start) if p.mention.entity not in attendees]
        relation = Relation(trigger.family, trigger.rule, sentence, trigger)
        relation.planned = bool(PLANNED.search(window))
        relation.attendees = sorted(attendees)
        relation.sequence = _sequence(text[max(0, trigger.start - 40) : trigger.start]) or _sequence(
            text[trigger.start : trigger.end]
        )
        if trigger.family == "sign":
            return self._signing(relation, left, right, number)
        return self._meeting(relation, left, right, parties, number)

    def _subject(self, left: list[_Party], number: int) -> tuple[list[int], bool]:
        """The side the clause is about, and whether it was carried over from before."""
        if any(p.kind == "pronoun" for p in left) or not left:
            people = [p for p in left if p.kind in ("person", "position")]
            if not people:
                if self.last_subject is not None and number - self.last_subject_sentence <= 4:
                    return [self.last_subject], True
                return [], False
            left = people
        ranked = sorted(
            (p for p in left if p.kind != "pronoun"),
            key=lambda p: ("person position organisation country".split().index(p.kind), p.start),
        )
        if not ranked:
            return [], False
        first = ranked[0]
        side = [first.mention.entity]
        for other in left:
            if other is first or other.mention.entity in side or other.kind == "pronoun":
                continue
            if other.kind == first.kind and self._conjoined(left, first, other):
                side.append(other.mention.entity)
        return [e for e in side if e is not None], False

    @staticmethod
    def _conjoined(left: list[_Party], a: _Party, b: _Party) -> bool:
        return abs(left.index(a) - left.index(b)) == 1

    def _sides(self, parties: list[_Party]) -> list[list[int]]:
        """The other side(s): one per country, people before bodies of the same country."""
        by_country: dict[str | None, list[int]] = {}
        kinds: dict[int, str] = {}
        for party in parties:
            entity = party.mention.entity
            if entity is None or party.kind == "pronoun":
                continue
            kinds[entity] = party.kind
            by_country.setdefault(self.country(entity), [])
            if entity not in by_country[self.country(entity)]:
                by_country[self.country(entity)].append(entity)
        sides = []
        for country, members in by_country.items():
            people = [e for e in members if kinds[e] in ("person", "position")]
            if country is None:
                sides.extend([[e] for e in people])
                continue
            sides.append(people or [e for e in members if kinds[e] == "organisation"] or members)
        return sides

    def _meeting(
        self,
        relation: Relation,
        left: list[_Party],
        right: list[_Party],
        parties: list[_Party],
        number: int,
    ) -> Relation | None:
        voice = relation.trigger.voice
        if voice == "noun":
            between = relation.trigger.rule.endswith("noun") and re.search(
                r"antara|between", relation.sentence.text[relation.trigger.start : relation.trigger.end], re.I
            )
            if between and len(right) >= 2:
                subject, others, inherited = [right[0].mention.entity], right[1:], False
            else:
                rest = [p for p in parties if p not in right and p.mention.entity not in relation.attendees]
                subject, inherited = self._subject(rest, number)
                others = right
        elif voice == "passive":
            subject, inherited = self._subject(right[:1], number) if right else ([], False)
            others = left
        else:
            subject, inherited = self._subject(left, number)
            others = right
        subject = [e for e in subject if e is not None]
        if not subject:
            return None
        sides = [s for s in self._sides([p for p in others if p.mention.entity not in subject]) if s]
        subject_country = self.country(subject[0])
        sides = [s for s in sides if self.country(s[0]) not in (None, subject_country)]
        if subject_country is None or not sides:
            return None
        relation.subject = subject[0]
        relation.inherited_subject = inherited
        self._remember(subject[0], number)
        relation.hosts = subject
        relation.guests = [e for side in sides for e in side]
        relation.symmetric = voice in ("symmetric", "noun")
        if voice == "visit":
            relation.hosts, relation.guests = relation.guests, subject
        relation.sides = sides
        return relation

    def _signing(
        self, relation: Relation, left: list[_Party], right: list[_Party], number: int
    ) -> Relation | None:
        voice = relation.trigger.voice
        pool = right if voice in ("passive", "noun") and right else left + right
        if voice == "active" and not left:
            subject, inherited = self._subject(left, number)
            pool = [*right]
            signatories = subject + [p.mention.entity for p in pool if p.mention.entity is not None]
        else:
            signatories = [p.mention.entity for p in pool if p.kind != "pronoun" and p.mention.entity is not None]
            inherited = False
        signatories = list(dict.fromkeys(e for e in signatories if e is not None))
        if not signatories:
            return None
        countries = {self.country(e) for e in signatories}
        # a country named alongside one of its own bodies is that body, not another signer
        kept = [
            e
            for e in signatories
            if self.entities[e].how != "country"
            or not any(self.country(o) == self.country(e) and o != e for o in signatories)
        ]
        relation.hosts = kept
        relation.subject = kept[0]
        relation.inherited_subject = inherited
        relation.sides = [[e] for e in kept]
        if len(countries - {None}) == 0:
            return None
        return relation

    def _remember(self, subject: int, number: int) -> None:
        self.last_subject = subject
        self.last_subject_sentence = number


def _sequence(text: str) -> str | None:
    found = None
    for match in SEQUENCE.finditer(text):
        found = match.lastgroup
    return found


def object_sequences(relation: Relation, guests: list[int], mentions: list[Mention]) -> dict[int, str | None]:
    """For "bertemu A, kemudian B, dan selanjutnya C": the sequence word before each side."""
    text = relation.sentence.text
    result: dict[int, str | None] = {}
    position = relation.trigger.end
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.entity in guests and mention.entity not in result:
            local_start = mention.start - relation.sentence.start
            if local_start < relation.trigger.end:
                continue
            result[mention.entity] = _sequence(text[position:local_start])
            position = mention.end - relation.sentence.start
    return result
