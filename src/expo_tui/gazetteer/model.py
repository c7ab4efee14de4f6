"""The gazetteer's entries and the index over them (the data files are read by loader.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .phrases import PhraseIndex, Token, tokens


@dataclass(frozen=True)
class Rank:
    key: str  # "lieutenant-general"
    grade: str  # NATO code, "OF-8": equal grades are equivalent ranks
    service: str  # army, navy, air, police
    spellings: dict[str, tuple[str, ...]] = field(compare=False, hash=False, repr=False)

    @property
    def english(self) -> str:
        return (self.spellings.get("en") or (self.key,))[0]

    def all_spellings(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s for names in self.spellings.values() for s in names))


@dataclass(frozen=True)
class Position:
    key: str
    title: str  # English title, as the store writes positions
    country: str | None  # None: the country comes from the context
    institution: str | None = None  # Institution.key
    aliases: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Institution:
    key: str
    name: str
    country: str | None
    kind: str  # ministry, forces, agency, company, organisation
    aliases: tuple[str, ...] = field(default=(), compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class CountryWord:
    """A country named in text: by name ("Kanada") or by an adjective ("Canadian")."""

    code: str
    demonym: bool = False


@dataclass(frozen=True)
class NameQuery:
    """A name with the titles in front of it (and degrees after it) taken off."""

    name: str
    titles: tuple[str, ...] = ()
    ranks: tuple[Rank, ...] = ()
    positions: tuple[Position, ...] = ()


class Gazetteer:
    """Every entry of the data files, indexed for exact look-ups and for scanning text."""

    def __init__(
        self,
        ranks: list[Rank],
        rank_suffixes: list[str],
        suffix_country: dict[str, str],
        honorifics_before: list[str],
        honorifics_after: list[str],
        positions: list[Position],
        institutions: list[Institution],
        countries: list[tuple[str, CountryWord]],
    ) -> None:
        self.ranks = tuple(ranks)
        self.positions = {p.key: p for p in positions}
        self.institutions = {i.key: i for i in institutions}
        self.suffix_country = dict(suffix_country)
        self.rank_index: PhraseIndex[Rank] = PhraseIndex(initial_capital=True)
        for rank in ranks:
            for spelling in rank.all_spellings():
                self.rank_index.add(spelling, rank)
        self.suffix_index: PhraseIndex[str] = PhraseIndex(initial_capital=True)
        for suffix in rank_suffixes:
            self.suffix_index.add(suffix, suffix)
        self.honorific_index: PhraseIndex[str] = PhraseIndex(initial_capital=True)
        for honorific in honorifics_before:
            self.honorific_index.add(honorific, honorific)
        self.postnominal_index: PhraseIndex[str] = PhraseIndex(initial_capital=True)
        for degree in honorifics_after:
            self.postnominal_index.add(degree, degree)
        self.position_index: PhraseIndex[Position] = PhraseIndex()
        for position in positions:
            for alias in (position.title, *position.aliases):
                self.position_index.add(alias, position)
        self.institution_index: PhraseIndex[Institution] = PhraseIndex()
        for institution in institutions:
            for alias in (institution.name, *institution.aliases):
                self.institution_index.add(alias, institution)
        self.country_index: PhraseIndex[CountryWord] = PhraseIndex(initial_capital=True)
        for spelling, word in countries:
            self.country_index.add(spelling, word)

    # -- look-ups ---------------------------------------------------------------------------
    def rank(self, text: str) -> Rank | None:
        """The rank `text` spells ("Letjen", "Lt. Gen.", "Lieutenant General"), or None."""
        found = self.rank_index.lookup(text.strip())
        return found[0] if found else None

    def equivalent_ranks(self, text: str) -> tuple[Rank, ...]:
        """Ranks of the same grade as `text`'s, in every service: Letjen, Laksdya, Marsdya."""
        rank = self.rank(text)
        if rank is None:
            return ()
        return tuple(r for r in self.ranks if r.grade == rank.grade)

    def resolve(self, text: str) -> Position | Institution | None:
        """The position or institution an acronym or name stands for ("KSAD", "Kemhan",
        "Kementerian Pertahanan RI", "DAPA"); a country-specific entry before a generic one."""
        found: list[Position | Institution] = [
            *self.position_index.lookup(text.strip()),
            *self.institution_index.lookup(text.strip()),
        ]
        if not found:
            return None
        return sorted(found, key=lambda e: e.country is None)[0]

    def country(self, text: str) -> str | None:
        """The alpha-3 code a country name or adjective stands for ("Kanada", "Canadian")."""
        found = self.country_index.lookup(text.strip())
        return found[0].code if found else None

    def strip_titles(self, query: str) -> NameQuery:
        """`query` without the ranks, rank suffixes, honorifics and positions in front of the
        name and the degrees after it: what a name search should look for."""
        words = tokens(query)
        titles: list[str] = []
        ranks: list[Rank] = []
        positions: list[Position] = []
        i = 0
        while i < len(words):
            hit = self._title_at(query, words, i)
            if hit is None:
                break
            kind, end_word, entries = hit
            titles.append(query[words[i].start : words[end_word].end])
            if kind == "rank":
                ranks.extend(entries)
            elif kind == "position":
                positions.extend(entries)
            i = end_word + 1
        last = len(words) - 1
        while last >= i:
            degree = next(
                (
                    j
                    for j in range(i, last + 1)
                    if (h := self.postnominal_index.match_at(query, words, j)) and h.last == last
                ),
                None,
            )
            if degree is None:
                break
            last = degree - 1
        name = query[words[i].start : words[last].end] if i <= last else ""
        return NameQuery(name.strip(" ,"), tuple(titles), tuple(ranks), tuple(positions))

    def _title_at(
        self, text: str, words: list[Token], i: int
    ) -> tuple[str, int, tuple[Any, ...]] | None:
        best: tuple[str, int, tuple[Any, ...]] | None = None
        for kind, index in (
            ("rank", self.rank_index),
            ("suffix", self.suffix_index),
            ("honorific", self.honorific_index),
            ("position", self.position_index),
        ):
            hit = index.match_at(text, words, i)
            if hit is not None and (best is None or hit.last > best[1]):
                best = (kind, hit.last, hit.entries)
        if best is not None and best[0] == "position" and best[1] == len(words) - 1 and i == 0:
            return best  # the whole query is a title ("KSAD"): report it, leave no name
        return best
