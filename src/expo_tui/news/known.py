"""The store's people (and the organisations of its group records), indexed for the ingest.

Built once per run from a snapshot the store hands over, and small enough to send to worker
processes. Names are compared folded (case and accents dropped). A name found exactly, as a
name or a listed variant, is certain; a close spelling is scored with rapidfuzz, and only a
high score in the same country counts as certain: anything less is left for the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..gazetteer import Gazetteer
from ..gazetteer.phrases import PhraseIndex, phrase_key

PREFIX = 3  # letters of a word that index close spellings
CERTAIN_SCORE = 90  # rapidfuzz ratio (0-100) from which a same-country spelling is the person
UNCERTAIN_SCORE = 80  # from here to CERTAIN_SCORE: proposed to the reviewer, never merged


@dataclass(frozen=True)
class KnownPerson:
    key: str
    name: str
    variants: tuple[str, ...] = ()
    country: str | None = None
    rank: str | None = None
    position: str | None = None
    organization: str | None = None
    kind: str = "person"


@dataclass(frozen=True)
class PersonMatch:
    person: KnownPerson
    score: float  # 100 for an exact name or variant
    certain: bool
    how: str  # "name", "variant", "surname", "fuzzy"


def fold_name(name: str) -> str:
    return " ".join(phrase_key(name))


class KnownPeople:
    def __init__(self, people: Iterable[KnownPerson], gazetteer: Gazetteer) -> None:
        self.people = tuple(people)
        self._exact: dict[str, list[tuple[KnownPerson, str]]] = {}
        self._by_word: dict[str, set[int]] = {}
        self._by_prefix: dict[str, set[int]] = {}  # first letters of a word: close spellings
        self._folded: list[tuple[str, ...]] = []  # each person's spellings, folded once
        self.names: PhraseIndex[KnownPerson] = PhraseIndex(initial_capital=True)
        self.organizations: PhraseIndex[KnownPerson] = PhraseIndex()
        self._positions: dict[str, list[KnownPerson]] = {}
        for number, person in enumerate(self.people):
            self._folded.append(tuple(fold_name(s) for s in (person.name, *person.variants)))
            if person.kind == "group":
                for org in (person.organization, person.name):
                    for spelling in (org, _without_brackets(org)):
                        if spelling and len(spelling) >= 3:
                            self.organizations.add(spelling, person)
                continue
            for spelling, how in (
                (person.name, "name"),
                *((v, "variant") for v in person.variants),
            ):
                folded = fold_name(spelling)
                if not folded:
                    continue
                self._exact.setdefault(folded, []).append((person, how))
                self.names.add(spelling, person)
                for word in folded.split():
                    if len(word) >= 3:
                        self._by_word.setdefault(word, set()).add(number)
                        self._by_prefix.setdefault(word[:PREFIX], set()).add(number)
            for hit in gazetteer.position_index.find(person.position or ""):
                for position in hit.entries:
                    if position.country:
                        self._positions.setdefault(position.key, []).append(person)

    def holders(self, position_key: str) -> tuple[KnownPerson, ...]:
        """People whose recorded position is this one (KSAD -> the Army chief on record)."""
        return tuple(dict.fromkeys(self._positions.get(position_key, ())))

    def find(
        self, name: str, country: str | None = None, *, fuzzy: bool = True
    ) -> PersonMatch | None:
        """The known person `name` most likely is, if any (close spellings too, unless
        `fuzzy` is off)."""
        folded = fold_name(name)
        if not folded:
            return None
        exact = [(p, how) for p, how in self._exact.get(folded, ()) if _same_country(p, country)]
        if len({p.key for p, _ in exact}) == 1:
            person, how = exact[0]
            return PersonMatch(person, 100.0, True, how)
        words = folded.split()
        numbers = set().union(*(self._by_word.get(w, set()) for w in words))
        if len(words) == 1 and len(words[0]) >= 4:
            same = [
                self.people[n]
                for n in numbers
                if _same_country(self.people[n], country)
                and words[0] in fold_name(self.people[n].name).split()
            ]
            if len({p.key for p in same}) == 1:
                return PersonMatch(same[0], 95.0, country is not None, "surname")
        if not fuzzy:
            return None
        near = numbers.union(
            *(self._by_prefix.get(w[:PREFIX], set()) for w in words if len(w) >= 3)
        )
        return self._fuzzy(folded, country, near)

    def _fuzzy(self, folded: str, country: str | None, near: set[int]) -> PersonMatch | None:
        """Only among people sharing a word, or a word's first letters: a close spelling
        keeps its start ("Pethukov", "Petukhov"), and comparing every name is too slow."""
        from rapidfuzz import fuzz

        best: tuple[float, KnownPerson] | None = None
        for number in near:
            person = self.people[number]
            if person.kind == "group" or not _same_country(person, country):
                continue
            for other in self._folded[number]:
                score = max(fuzz.ratio(folded, other), _words_score(folded, other))
                if best is None or score > best[0]:
                    best = (score, person)
        if best is None or best[0] < UNCERTAIN_SCORE:
            return None
        score, person = best
        certain = score >= CERTAIN_SCORE and country is not None and person.country == country
        return PersonMatch(person, score, certain, "fuzzy")

    def organization(self, text: str) -> KnownPerson | None:
        found = self.organizations.lookup(text)
        return found[0] if found else None

    def organization_like(self, text: str) -> KnownPerson | None:
        """A stored body whose name is a close spelling of `text` ("Ellipse Project UK" for
        "Ellips Project(s) UK")."""
        from rapidfuzz import fuzz

        folded = fold_name(text)
        best: tuple[float, KnownPerson] | None = None
        for person in self.people:
            if person.kind != "group":
                continue
            for name in (person.organization, _without_brackets(person.organization)):
                if name:
                    score = fuzz.ratio(folded, fold_name(name))
                    if score >= CERTAIN_SCORE and (best is None or score > best[0]):
                        best = (score, person)
        return best[1] if best else None


def _same_country(person: KnownPerson, country: str | None) -> bool:
    return country is None or person.country is None or person.country == country


def _words_score(short: str, long: str) -> float:
    """Every word of the shorter name close to a word of the longer ("Pethukov" in "Mikhail
    Petukhov"), scored by the weakest such word; first names must agree when both have one."""
    from rapidfuzz import fuzz

    a, b = short.split(), long.split()
    if len(a) > len(b):
        a, b = b, a
    if not a or (len(a) == 1 and len(a[0]) < 4):
        return 0.0
    scores = [max(fuzz.ratio(w, v) for v in b) for w in a]
    return min(scores) if len(a) > 1 or len(b) == 1 else min(scores) - 5


def _without_brackets(text: str | None) -> str | None:
    """ "TAIS (Turkish shipyard)" -> "TAIS": what an article calls it."""
    if not text:
        return None
    return re.sub(r"\s*\([^)]*\)", "", text).strip() or None
