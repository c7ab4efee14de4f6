"""Meetings, courtesy calls and signings read from sentences, with who stood on which side.

For each trigger (lexicon.py) in a sentence the parties are found around it:

* before it, the subject: the first person or office of the clause (an institution or a
  country only when there is none), leaving out whoever is "didampingi"/"accompanied by",
  and, before "yang <trigger>", the party the relative clause is about; a pronoun, or no one,
  is the subject the article was last speaking of;
* after it, the other side: every party up to where the clause moves on to a purpose, a
  place or a time ("untuk", "di", "to discuss", "in"), picked up again after a sequence word
  ("..., kemudian dengan B"); a passive's host (or signer) follows "oleh"/"by";
* a noun form ("pertemuan dengan X", "meeting between A and B") takes its other side after it
  and its subject from the rest of the sentence.

Whoever is quoted ("kata X", "according to X", a name after a closing quote) or witnesses
("menyaksikan", "witnessed by") is never a side; a witness attends. One bilateral meeting is
proposed per other side ("met A, B and C" is three), only between two countries. A signing
takes every side as a signatory; "X diwakili oleh Y" right after one names who signed for X.
A planned marker shortly before the trigger makes it planned; a negation drops it; a visit
to a pavilion or a stand is not a meeting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .entities import Entity
from .lexicon import (
    AGREEMENT,
    BOTH_SIDES,
    NEGATED,
    OBJECT_STOP,
    PLACE_VISITED,
    PLANNED,
    SIGNING_LINK,
    TOTAL,
)
from .mentions import Mention
from .sentences import Sentence
from .triggers import Trigger, clause_end, next_start, sequence_word, triggers_in

PARTY_KINDS = ("person", "position", "organisation", "country", "short")
_RANK = ("person", "position", "organisation", "country")
PLANNED_WINDOW = 60  # characters before a trigger in which "akan"/"will" makes it planned
MEMORY = 4  # sentences a subject is remembered for, when a later one names none
_EVENTS = ("meet", "courtesy", "sign")
_CONTINUE = re.compile(
    r"\b(?:kemudian|selanjutnya|lalu|setelah\s+itu|berikutnya|disusul|dilanjutkan|then|next"
    r"|followed\s+by|and\s+then|dan\s+(?:kemudian|selanjutnya|terakhir)|terakhir|finally"
    r"|(?:yang\s+)?(?:dipimpin|diketuai|dikepalai)(?:\s+oleh)?|led\s+by|headed\s+by"
    r"|bersama\s+dengan|together\s+with)\b",
    re.IGNORECASE,
)
_LED_BY = re.compile(
    r"\b(?:yang\s+)?(?:dipimpin|diketuai|dikepalai)(?:\s+(?:langsung\s+)?oleh)?|\b(?:led|headed)\s+by\b",
    re.IGNORECASE,
)
# A clause that goes on with the sentence's subject: "..., before holding talks with",
# "lalu bertemu", "dan menerima".
_SAME_SUBJECT = re.compile(
    r"(?:,\s*|\b)(?:before|after|while|then|and\s+then|later|sebelum|setelah|usai|seusai|sambil"
    r"|lalu|kemudian|dan\s+(?:kemudian|lalu|juga)|serta)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
THIS_AGREEMENT = re.compile(
    r"\b(?:perjanjian|kesepakatan|kontrak|MoU|nota\s+kesepahaman|kerja\s*sama)\s+(?:ini|tersebut|itu)\b"
    r"|\b(?:this|that|the\s+said)\s+(?:agreement|deal|contract|memorandum|MoU)\b",
    re.IGNORECASE,
)
_BETWEEN = re.compile(r"\b(?:antara|between)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^\s*,?\s*(?:yang|who|which)\b(?:\s+\w+){0,2}\s*$", re.IGNORECASE)
_DESCRIBES = re.compile(r"\b(?:yang|who|which|mewakili|representing|selaku|as)\b", re.IGNORECASE)
_QUOTE_CLOSE = re.compile(r"[”\"]\s*,?\s*$|[,.]\s*[”\"]")


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

    @property
    def entity(self) -> int | None:
        return self.mention.entity


class RelationReader:
    def __init__(
        self,
        entities: list[Entity],
        host_country: str | None,
        country_side: Callable[[str], Entity] | None = None,
    ) -> None:
        self.entities = entities
        self.host_country = host_country
        self.country_side = country_side
        # (sentence number, countries of its parties) of every sentence that tells of a signing
        self.signing_mentions: list[tuple[int, set[str]]] = []
        self.last_subject: int | None = None
        self.last_subject_sentence = -10
        self.last_signing: tuple[int, Relation] | None = None
        self.last_relation: tuple[int, Relation] | None = None
        self.in_sentence: Relation | None = None  # the relation read last in this sentence

    def country(self, entity_id: int) -> str | None:
        return self.entities[entity_id].country

    def read(self, number: int, sentence: Sentence, mentions: list[Mention]) -> list[Relation]:
        text = sentence.text
        parties = [
            _Party(m, m.start - sentence.start, m.end - sentence.start)
            for m in mentions
            if (m.kind in PARTY_KINDS and m.entity is not None) or m.kind == "pronoun"
        ]
        remembered = self.last_subject is not None and number - self.last_subject_sentence <= MEMORY
        if not parties and not remembered:
            return []  # no one named here or just before: nothing to read between
        self._leaders_take_their_delegations_country(text, parties)
        triggers = triggers_in(text)
        signing_at = next((t.start for t in triggers if t.family == "sign"), None)
        aside: set[int] = set()  # witnesses, company, speakers: never a side
        attendees: set[int] = set()
        for n, trigger in enumerate(triggers):
            if trigger.family not in ("witness", "accompany", "speech"):
                continue
            if (
                trigger.family == "accompany"
                and signing_at is not None
                and trigger.start > signing_at
            ):
                continue  # "menandatangani ... bersama dengan X": X signs too
            end = next_start(triggers, n, len(text))
            if trigger.family == "speech":
                end = min(end, clause_end(text, trigger.end))
                following = [p for p in parties if trigger.end <= p.start < end][:1]
            else:  # "di hadapan Prabowo adalah perjanjian antara ...": only Prabowo
                following = self._right(text, parties, trigger.end, end)
            for party in following:
                if party.entity is not None:
                    aside.add(party.entity)
                    if trigger.family != "speech":
                        attendees.add(party.entity)
            if trigger.family == "witness" and trigger.voice == "witness":  # "X menyaksikan ..."
                for party in self._left(text, parties, triggers, n):
                    if party.entity is not None:
                        aside.add(party.entity)
                        attendees.add(party.entity)
        for party in parties:  # '"...," X said': a name right after a closing quote speaks
            if party.entity is not None and _QUOTE_CLOSE.search(
                text[max(0, party.start - 4) : party.start]
            ):
                aside.add(party.entity)
        relations = []
        self.in_sentence = None
        for n, trigger in enumerate(triggers):
            if trigger.family in _EVENTS:
                relation = self._relation(number, sentence, parties, triggers, n, aside, attendees)
                if relation is not None:
                    relations.append(relation)
                    self.last_relation = (number, relation)
                    self.in_sentence = relation
                    if relation.family == "sign":
                        self.last_signing = (number, relation)
            elif trigger.family == "represent":
                self._represent(number, text, parties, trigger)
            elif trigger.family == "lead":
                self._led_by(number, parties, trigger)
        return relations

    def _leaders_take_their_delegations_country(self, text: str, parties: list[_Party]) -> None:
        """ "delegasi Jepang yang dipimpin Jenderal Kenji Mori", "a Brazilian team led by X":
        the leader is of the delegation's country when nothing else says whose he is."""
        for match in _LED_BY.finditer(text):
            before = [
                p
                for p in parties
                if p.end <= match.start() and p.kind in ("country", "organisation")
            ]
            after = [
                p for p in parties if p.start >= match.end() and p.kind in ("person", "position")
            ]
            if not before or not after or before[-1].entity is None or after[0].entity is None:
                continue
            if match.start() - before[-1].end > 30:
                continue
            leader, delegation = self.entities[after[0].entity], self.entities[before[-1].entity]
            if leader.country is None and delegation.country is not None:
                leader.country = delegation.country

    # -- regions ---------------------------------------------------------------------------
    def _left(
        self, text: str, parties: list[_Party], triggers: list[Trigger], n: int
    ) -> list[_Party]:
        start = 0
        for previous in triggers[:n]:
            if previous.family in _EVENTS or previous.family == "speech":
                start = previous.end
        left = [p for p in parties if p.start >= start and p.end <= triggers[n].start]
        for previous in triggers[:n]:  # whoever comes along: "didampingi X," before the trigger
            if previous.family == "accompany" and previous.start >= start:
                stop = text.find(",", previous.end)
                stop = triggers[n].start if stop < 0 or stop > triggers[n].start else stop
                left = [p for p in left if not (previous.end <= p.start < stop)]
        return left

    def _right(self, text: str, parties: list[_Party], start: int, end: int) -> list[_Party]:
        """Parties after a trigger: up to the first stop, and again after a sequence word."""
        spans: list[tuple[int, int]] = []
        position = start
        while position < end:
            stop = OBJECT_STOP.search(text, position, end)
            stop_at = stop.start() if stop else end
            empty = not spans and not any(position <= p.start < stop_at for p in parties)
            if stop and empty and stop_at - position < 3 and stop.end() < end:
                position = stop.end()  # the trigger's own preposition ("paid a call on")
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
        aside: set[int],
        attendees: set[int],
    ) -> Relation | None:
        text = sentence.text
        trigger = triggers[n]
        window = text[max(0, trigger.start - PLANNED_WINDOW) : trigger.start]
        if NEGATED.search(re.split(r"[,;]", window)[-1]):
            return None
        if trigger.family == "sign" and (not AGREEMENT.search(text) or TOTAL.search(text)):
            return None
        if trigger.voice == "visit" and PLACE_VISITED.match(text, trigger.end):
            return None
        usable = [p for p in parties if p.entity not in aside or p.kind == "pronoun"]
        left = self._left(text, usable, triggers, n)
        if self.in_sentence is not None and _SAME_SUBJECT.search(text, 0, trigger.start):
            # "X received A, before holding talks with B": X holds the talks too
            left = [p for p in usable if p.entity == self.in_sentence.subject][:1] or left
        right = self._right(text, usable, trigger.end, next_start(triggers, n, len(text)))
        relation = Relation(trigger.family, trigger.rule, sentence, trigger)
        relation.planned = bool(PLANNED.search(window))
        relation.attendees = sorted(attendees)
        relation.sequence = sequence_word(
            text[max(0, trigger.start - 40) : trigger.start]
        ) or sequence_word(text[trigger.start : trigger.end])
        if trigger.family == "sign":
            named = {c for p in usable if p.entity is not None and (c := self.country(p.entity))}
            self.signing_mentions.append((number, named))
            # an "antara"/"between" of a later trigger ("talks between A and B") is not this one's
            limit = next(
                (t.start for t in triggers[n + 1 :] if t.family in ("meet", "courtesy")), len(text)
            )
            return self._signing(relation, left, right, usable, number, limit)
        return self._meeting(relation, left, right, usable, number)

    def _subject(
        self, text: str, left: list[_Party], trigger_start: int, number: int
    ) -> tuple[list[int | None], bool]:
        """The side the clause is about, and whether it was carried over from before."""
        named = [p for p in left if p.kind != "pronoun"]
        if named and _RELATIVE.match(text[named[-1].end : trigger_start]):
            return [
                e for e in [named[-1].entity] if e is not None
            ], False  # "X yang menandatangani"
        if any(p.kind == "pronoun" for p in left) or not named:
            people = [p for p in named if p.kind in ("person", "position")]
            if not people:
                if self.last_subject is not None and number - self.last_subject_sentence <= MEMORY:
                    return [self.last_subject], True
                return [], False
            named = people
        ranked = sorted(named, key=lambda p: (_RANK.index(p.kind), p.start))
        first = ranked[0]
        side = [first.entity]
        index = named.index(first)
        for other in named[index + 1 : index + 3]:  # "A dan B bertemu ...": both, same country
            if other.kind == first.kind and other.entity not in side and other.entity is not None:
                side.append(other.entity)
        return [e for e in side if e is not None], False

    @staticmethod
    def _noun_subjects(
        text: str, parties: list[_Party], left: list[_Party], right: list[_Party]
    ) -> list[_Party]:
        """Who a noun form ("pertemuan dengan X") is about: someone before it, else someone
        after the other side's phrase ("Dalam pertemuan dengan X, KSAD ..."), never a party
        of a relative clause that describes the other side ("X, yang mewakili Y")."""
        if left:
            return left
        if not right:
            return []
        after = [p for p in parties if p.start > right[-1].end]
        return [p for p in after if not _DESCRIBES.search(text[right[-1].end : p.start])]

    def _sides(self, parties: list[_Party]) -> list[list[int]]:
        """The other side(s): one per country, people before bodies of the same country."""
        by_country: dict[str | None, list[int]] = {}
        kinds: dict[int, str] = {}
        for party in parties:
            entity = party.entity
            if entity is None or party.kind == "pronoun":
                continue
            kinds[entity] = party.kind
            members = by_country.setdefault(self.country(entity), [])
            if entity not in members:
                members.append(entity)
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
        trigger = relation.trigger
        text = relation.sentence.text
        voice = trigger.voice
        found: list[int | None]
        if voice == "noun":
            between = _BETWEEN.search(text[trigger.start : trigger.end])
            if between and len(right) >= 2:
                found, others, inherited = [right[0].entity], right[1:], False
            else:
                found, inherited = self._subject(
                    text, self._noun_subjects(text, parties, left, right), trigger.start, number
                )
                others = right
        elif voice == "passive":
            found, inherited = (
                self._subject(text, right[:1], trigger.start, number) if right else ([], False)
            )
            others = left
        else:
            found, inherited = self._subject(text, left, trigger.start, number)
            others = right
        subject = [e for e in found if e is not None]
        if not subject:
            return None
        self._remember(subject[0], number, inherited)
        sides = [s for s in self._sides([p for p in others if p.entity not in subject]) if s]
        subject_countries = {self.country(e) for e in subject}
        if len(subject_countries) > 1 and len(sides) == 1:
            # "Delegations of A, B and C will meet X": X is the one side, A, B, C the others
            subject, sides = sides[0], [[e] for e in subject]
            subject_countries = {self.country(subject[0])}
        subject_country = self.country(subject[0])
        sides = [s for s in sides if self.country(s[0]) not in (None, subject_country)]
        if subject_country is None or not sides:
            return None
        relation.subject = subject[0]
        relation.inherited_subject = inherited
        relation.hosts = subject
        relation.guests = [e for side in sides for e in side]
        relation.sides = sides
        relation.symmetric = voice in ("symmetric", "noun")
        if voice == "visit":
            relation.hosts, relation.guests = relation.guests, subject
        return relation

    def _signing(
        self,
        relation: Relation,
        left: list[_Party],
        right: list[_Party],
        parties: list[_Party],
        number: int,
        limit: int,
    ) -> Relation | None:
        voice = relation.trigger.voice
        text = relation.sentence.text
        inherited = False
        if (
            voice == "noun"
            and right
            and not SIGNING_LINK.search(text, relation.trigger.end, right[0].start)
        ):
            right = []  # "the signing of the agreement, X ...": X is not named as a party
        both = self._both_sides(text, relation.trigger.start, number)
        if both and voice == "active":
            pool = right  # "The two officials later signed ...": the sides just told
        elif voice in ("passive", "noun"):
            pool = right
        else:
            subject, inherited = self._subject(text, left, relation.trigger.start, number)
            pool = [p for p in left if p.entity in subject] + right
            if inherited:
                pool = right
        signatories = [p.entity for p in pool if p.kind != "pronoun" and p.entity is not None]
        if both and voice == "active":
            signatories = both + signatories
        if voice == "active" and inherited and self.last_subject is not None:
            signatories.insert(0, self.last_subject)
        if not signatories:  # "Salah satu MoU ... adalah perjanjian antara A dan B"
            between = _BETWEEN.search(text, 0, limit)
            if between:
                found = self._right(text, parties, between.end(), len(text))
                signatories = [
                    p.entity for p in found if p.kind != "pronoun" and p.entity is not None
                ]
        signatories = list(dict.fromkeys(e for e in signatories if e is not None))
        # a country named beside one of its own bodies or people is them, not another signer
        kept = [
            e
            for e in signatories
            if self.entities[e].how != "country"
            or not any(self.country(o) == self.country(e) and o != e for o in signatories)
        ]
        if not kept or not {self.country(e) for e in kept} - {None}:
            return None
        if all(self.entities[e].how == "generic" for e in kept):
            return None  # "BUMN, swasta, dan perusahaan asing": no one in particular
        kept += self._sides_of_the_agreement_told_before(text, kept, number)
        relation.hosts = kept
        relation.subject = kept[0]
        relation.inherited_subject = inherited
        relation.sides = [[e] for e in kept]
        return relation

    def _sides_of_the_agreement_told_before(
        self, text: str, kept: list[int], number: int
    ) -> list[int]:
        """ "... X, yang telah menandatangani perjanjian ini": one side named, the agreement
        pointed back to; its other side is the country told with it before."""
        mine = {self.country(e) for e in kept}
        if len(mine) != 1 or self.country_side is None or not THIS_AGREEMENT.search(text):
            return []
        for earlier, countries in reversed(self.signing_mentions[:-1]):
            if number - earlier > MEMORY + 2:
                break
            others = sorted(countries - mine)
            if others:
                return [self.country_side(code).id for code in others]
        return []

    def _both_sides(self, text: str, trigger_start: int, number: int) -> list[int]:
        """The parties of the relation just told, when the clause names "both sides"."""
        if self.last_relation is None or number - self.last_relation[0] > MEMORY:
            return []
        if not BOTH_SIDES.search(text, 0, trigger_start):
            return []
        last = self.last_relation[1]
        return list(dict.fromkeys([*last.hosts, *last.guests]))

    def _represent(self, number: int, text: str, parties: list[_Party], trigger: Trigger) -> None:
        """ "Pemerintah Turki diwakili oleh Presiden SSB, Haluk Görgün": Görgün signed for
        Türkiye in the signing told just before."""
        if self.last_signing is None or number - self.last_signing[0] > 2:
            return
        relation = self.last_signing[1]
        people = [
            p
            for p in parties
            if p.start >= trigger.end and p.kind in ("person", "position") and p.entity is not None
        ]
        for party in people[:1]:
            country = self.country(party.entity)  # type: ignore[arg-type]
            if country is None or party.entity in relation.hosts:
                continue
            if country not in {self.country(e) for e in relation.hosts}:
                continue  # someone of another country: not who signed that one
            relation.hosts = [
                e
                for e in relation.hosts
                if not (self.country(e) == country and self.entities[e].kind == "group")
            ] + [party.entity]  # type: ignore[list-item]
            relation.sides = [[e] for e in relation.hosts]

    def _led_by(self, number: int, parties: list[_Party], trigger: Trigger) -> None:
        """ "Upacara tersebut dipimpin langsung oleh Menhan X": X hosted the reception told
        just before; whoever the article had as its subject there attended."""
        if self.last_relation is None or number - self.last_relation[0] > 2:
            return
        relation = self.last_relation[1]
        if relation.family != "courtesy":
            return
        leaders = [
            p.entity for p in parties if p.start >= trigger.end and p.kind in ("person", "position")
        ]
        leader = next((e for e in leaders if e is not None), None)
        if leader is None or leader in relation.guests:
            return
        if self.country(leader) in {self.country(g) for g in relation.guests}:
            return
        relation.attendees = sorted(
            {*relation.attendees, *(h for h in relation.hosts if h != leader)}
        )
        relation.hosts = [leader]
        relation.subject = leader

    def _remember(self, subject: int, number: int, inherited: bool) -> None:
        if not inherited:
            self.last_subject = subject
        self.last_subject_sentence = number


def object_sequences(
    relation: Relation, guests: list[int], mentions: list[Mention]
) -> dict[int, str | None]:
    """For "bertemu A, kemudian B, dan selanjutnya C": the sequence word before each side."""
    text = relation.sentence.text
    result: dict[int, str | None] = {}
    position = relation.trigger.end
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.entity in guests and mention.entity not in result:
            local_start = mention.start - relation.sentence.start
            if local_start < relation.trigger.end:
                continue
            result[mention.entity] = sequence_word(text[position:local_start])
            position = mention.end - relation.sentence.start
    return result
