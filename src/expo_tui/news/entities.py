"""Coreference: the mentions of one article that name the same person or body become one
entity.

People named in full come first (in text order), each matched to the store's people. Then:
a short name ("Maruli", "Pethukov") joins the person whose name holds it, else the store's
person it names; a bare title ("KSAD", "the Army chief") joins the person seen with that
office in the article, else the one the store records in it, else stands for the office
itself; an institution or a country on its own is a body of that country.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .known import KnownPeople, KnownPerson, PersonMatch, fold_name
from .mentions import Mention


@dataclass
class Entity:
    id: int
    kind: str  # person or group
    name: str
    country: str | None
    known: KnownPerson | None = None  # the store's record, when the match is certain
    suggestion: PersonMatch | None = None  # a possible store match left for the reviewer
    position: str | None = None  # English title of the office, when the article gives one
    position_keys: set[str] = field(default_factory=set)
    rank: str | None = None
    organization: str | None = None
    how: str = "named"  # named, store, office holder, office, institution, country
    mentions: list[Mention] = field(default_factory=list)

    @property
    def words(self) -> set[str]:
        return set(fold_name(self.name).split())


def _compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


class EntityTable:
    def __init__(self, known: KnownPeople, host_country: str | None) -> None:
        self.known = known
        self.host_country = host_country
        self.entities: list[Entity] = []
        self._by_store_key: dict[str, Entity] = {}
        self._by_group: dict[tuple[str, str | None], Entity] = {}

    def _new(self, kind: str, name: str, country: str | None, **extra: object) -> Entity:
        entity = Entity(len(self.entities), kind, name, country, **extra)  # type: ignore[arg-type]
        self.entities.append(entity)
        if entity.known is not None:
            self._by_store_key[entity.known.key] = entity
        return entity

    def _link(self, mention: Mention, entity: Entity) -> None:
        mention.entity = entity.id
        entity.mentions.append(mention)
        if mention.position is not None:
            entity.position_keys.update(p.key for p in mention.positions)
            if entity.position is None:
                entity.position = _title(mention)
        if entity.rank is None and mention.rank is not None:
            entity.rank = mention.rank.english
        if entity.country is None and mention.country is not None:
            entity.country = mention.country

    def _store_entity(self, person: KnownPerson, how: str) -> Entity:
        entity = self._by_store_key.get(person.key)
        if entity is None:
            kind = "group" if person.kind == "group" else "person"
            entity = self._new(kind, person.name, person.country, known=person, how=how)
        return entity

    def resolve(self, mentions: list[Mention]) -> None:
        """Set `entity` on every mention that names someone or something."""
        for mention in mentions:
            if mention.kind == "person":
                self._person(mention)
        last_body: Entity | None = None
        for mention in mentions:
            if mention.kind == "anaphor":
                if last_body is not None:
                    mention.kind = "organisation"
                    self._link(mention, last_body)
                continue
            if mention.kind == "short":
                self._short(mention)
            elif mention.kind == "position":
                self._position(mention)
            elif mention.kind == "organisation":
                self._organisation(mention)
                if mention.entity is not None:
                    last_body = self.entities[mention.entity]
            elif mention.kind == "country":
                self._country(mention)

    def _person(self, mention: Mention) -> None:
        name = mention.name or ""
        if mention.known is not None:
            self._link(mention, self._store_entity(mention.known, "store"))
            return
        found = self.known.find(name, mention.country)
        if found is not None and found.certain:
            self._link(mention, self._store_entity(found.person, "store"))
            return
        words = set(fold_name(name).split())
        for entity in reversed(self.entities):
            same = entity.kind == "person" and _compatible(entity.country, mention.country)
            if same and words and (words <= entity.words or entity.words <= words):
                if entity.words < words:
                    entity.name = name  # the fuller spelling names the person
                self._link(mention, entity)
                return
        if mention.bare and mention.country is None and found is None:
            return  # capitalised words and nothing else: not enough to call them a person
        country = mention.country
        if country is None and mention.positions and self.host_country is not None:
            # "Defence Minister Rajnath Singh" at Aero India, "Menhan Sjafrie" at Indo Defence:
            # the press names the host's officials by office alone, and foreigners with their
            # country ("Menhan Australia", "Brazil's defence minister")
            country = self.host_country
        entity = self._new("person", name, country, suggestion=found)
        self._link(mention, entity)

    def _short(self, mention: Mention) -> None:
        word = fold_name(mention.name or "")
        if len(word) < 3:
            return
        for entity in reversed(self.entities):
            if entity.kind == "person" and word in entity.words:
                self._link(mention, entity)
                return
        found = self.known.find(mention.name or "", fuzzy=False)
        if found is not None and found.score >= 95:
            self._link(mention, self._store_entity(found.person, "store"))

    def _position(self, mention: Mention) -> None:
        keys = [p.key for p in mention.positions]
        country = mention.country
        if country is None:
            return  # "the minister", "Panglima" of no known country names nobody
        for entity in reversed(self.entities):
            held = entity.kind == "person" and entity.position_keys & set(keys)
            if held and _compatible(entity.country, country):
                self._link(mention, entity)
                return
        position = mention.position
        if position is not None and position.country is None:
            # "the Indonesian minister": the person of that country last named as a minister
            head = position.title.split()[-1].casefold()
            for person in reversed(self.entities):
                office = person.position if person.kind == "person" else None
                if office and person.country == country and head in office.casefold():
                    self._link(mention, person)
                    return
        if position is not None and position.country:
            holders = self.known.holders(position.key)
            if len(holders) == 1:
                self._link(mention, self._store_entity(holders[0], "office holder"))
                return
        title = _title(mention)
        key: tuple[str, str | None] = ("office", f"{title}|{country}")
        group = self._by_group.get(key)
        if group is None:
            group = self._new("group", title, country, how="office", position=title)
            self._by_group[key] = group
        self._link(mention, group)

    def _organisation(self, mention: Mention) -> None:
        if mention.known is not None:
            self._link(mention, self._store_entity(mention.known, "store"))
            return
        institution = mention.institution
        if institution is None:
            if mention.name:  # a company the gazetteer does not know ("PT X", "Y Shipyard")
                body: tuple[str, str | None] = (
                    "body",
                    f"{fold_name(mention.name)}|{mention.country}",
                )
                entity = self._by_group.get(body)
                if entity is None:
                    entity = self._new(
                        "group",
                        mention.name,
                        mention.country,
                        how="institution",
                        organization=mention.name,
                    )
                    self._by_group[body] = entity
                self._link(mention, entity)
            return
        country = mention.country or institution.country or self.host_country
        key = (institution.key, country)
        entity = self._by_group.get(key)
        # a generic body ("Kementerian Pertahanan", "BUMN") whose country is only assumed
        how = (
            "generic" if institution.country is None and mention.country is None else "institution"
        )
        if entity is None:
            name = institution.name
            if institution.country is None and country:
                from ..countries import country_info

                info = country_info(country)
                name = f"{institution.name} of {info.name}" if info else name
            entity = self._new("group", name, country, how=how, organization=name)
            self._by_group[key] = entity
        self._link(mention, entity)

    def domestic_industry(self) -> Entity:
        """The host country's industry as one body: the unnamed side of a collective signing."""
        from ..gazetteer import load

        institution = load().institutions["domestic-industry"]
        key = (institution.key, self.host_country)
        entity = self._by_group.get(key)
        if entity is None:
            entity = self._new(
                "group",
                institution.name,
                self.host_country,
                how="generic",
                organization=institution.name,
            )
            self._by_group[key] = entity
        return entity

    def _country(self, mention: Mention) -> None:
        code = mention.country
        if code is None:
            return
        self._link(mention, self.country_entity(code))

    def country_entity(self, code: str) -> Entity:
        """The country as a side ("the Turkish side"), one entity per country."""
        key: tuple[str, str | None] = ("country", code)
        entity = self._by_group.get(key)
        if entity is None:
            from ..countries import country_info

            info = country_info(code)
            name = f"{info.name if info else code} delegation"
            entity = self._new("group", name, code, how="country")
            self._by_group[key] = entity
        return entity


def _title(mention: Mention) -> str:
    """The office as the article gives it, in English where the gazetteer knows it."""
    position = mention.position
    if position is None:
        return mention.text
    if position.country is None and mention.country:
        from ..countries import country_info

        info = country_info(mention.country)
        if info is not None:
            return f"{position.title}, {info.name}"
    return position.title
