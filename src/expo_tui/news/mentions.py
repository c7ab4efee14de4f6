"""Who and what a sentence names: people with their titles, positions, institutions, countries.

The sentence's words are labelled by the gazetteer (ranks, rank suffixes, honorifics, degrees,
positions, institutions, country names and adjectives) and by the store (people's names and
variants, organisations). Then a small grammar groups them, left to right:

    [title chain] NAME [degrees] [qualifier]   -> a person
    title chain with a position, no NAME        -> a position (a person named only by office)
    title chain with an institution             -> an organisation
    a country on its own                        -> a country ("delegasi Kanada", "Iran")

A title chain is a run of positions, institutions, countries, ranks, suffixes and honorifics
joined by spaces, brackets, "of", "dari", "'s" or "delegasi"; a comma may stand between a
chain that holds a position and the name ("Menteri DAPA Korea Selatan, Seok Jong-gun"). A
qualifier after the name adds its country or office: "dari Rusia", "(Kanada)", ", Deputy
Director of FSMTC". The person's country is the first of: a country in the chain or the
qualifier, the store's record, the office's own country, the institution's, the rank's suffix
(TNI), else unknown (settled later from the article, or left out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from ..gazetteer import Gazetteer, Institution, Position, Rank
from ..gazetteer.phrases import Token, tokens
from .known import KnownPeople, KnownPerson
from .words import (
    ACCREDITED_TO,
    ANAPHORA,
    CHAIN_JOINERS,
    COUNTERPART,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    ORG_WORDS,
    PRONOUNS,
)

_GAP_IN_CHAIN = re.compile(r"[\s()\-–—'’.]*")
_GAP_BEFORE_NAME = re.compile(r"[\s()'’.]*,?[\s]*")
_QUALIFIER = re.compile(r"\s*(?:,\s*)?(?:\(|dari\s+|asal\s+|from\s+|of\s+(?:the\s+)?)", re.I)


@dataclass
class Mention:
    kind: str  # person, position, organisation, country, pronoun
    start: int  # offsets in the article text
    end: int
    text: str
    name: str | None = None  # a person's name without titles
    country: str | None = None
    country_from: str | None = None  # what gave the country (chain, qualifier, store, ...)
    rank: Rank | None = None
    positions: tuple[Position, ...] = ()
    institution: Institution | None = None
    known: KnownPerson | None = None  # the store's record, when the name is one of its people
    titles: tuple[str, ...] = ()
    bare: bool = False  # a name with no title, found only by its capitals
    entity: int | None = field(default=None)  # set by coreference

    @property
    def position(self) -> Position | None:
        specific = [p for p in self.positions if p.country]
        return (specific or list(self.positions) or [None])[0]  # type: ignore[list-item]


@dataclass
class _Segment:
    kind: str  # known, rank, suffix, honorific, degree, position, institution, country, org, name, word
    first: int
    last: int
    start: int
    end: int
    entries: tuple[Any, ...] = ()


class MentionFinder:
    def __init__(self, gazetteer: Gazetteer, known: KnownPeople, not_names: set[str]) -> None:
        self.gaz = gazetteer
        self.known = known
        self.not_names = NOT_NAME_WORDS | not_names
        self._indexes = (  # priority order when two phrases are equally long
            ("known", known.names),
            ("org", known.organizations),
            ("institution", gazetteer.institution_index),
            ("position", gazetteer.position_index),
            ("country", gazetteer.country_index),
            ("rank", gazetteer.rank_index),
            ("suffix", gazetteer.suffix_index),
            ("honorific", gazetteer.honorific_index),
            ("degree", gazetteer.postnominal_index),
        )
        self._first_words = frozenset().union(*(index.first_words for _, index in self._indexes))

    # -- labelling ----------------------------------------------------------------------------
    def _segments(self, text: str, words: list[Token]) -> list[_Segment]:
        segments: list[_Segment] = []
        i = 0
        while i < len(words):
            best: _Segment | None = None
            if words[i].folded not in self._first_words:  # starts no phrase of any index
                kind = self._word_kind(words, i)
                segments.append(_Segment(kind, i, i, words[i].start, words[i].end))
                i += 1
                continue
            for kind, index in self._indexes:
                hit = index.match_at(text, words, i)
                if hit is not None and (best is None or hit.last > best.last):
                    best = _Segment(kind, hit.first, hit.last, hit.start, hit.end, hit.entries)
            if best is None:
                best = _Segment(self._word_kind(words, i), i, i, words[i].start, words[i].end)
            segments.append(best)
            i = best.last + 1
        return _fix_suffixes(segments)

    def _word_kind(self, words: list[Token], i: int) -> str:
        word = words[i]
        if word.folded in PRONOUNS:
            return "pronoun"
        if word.text[:1].isupper() and not word.text.isdigit():
            return "word" if word.folded in self.not_names else "name"
        between_names = 0 < i < len(words) - 1 and (
            words[i - 1].text[:1].isupper() and words[i + 1].text[:1].isupper()
        )
        if word.folded in NAME_PARTICLES and between_names:
            return "name"
        return "word"

    # -- grouping -----------------------------------------------------------------------------
    def find(self, text: str, offset: int) -> list[Mention]:
        words = tokens(text)
        if _is_heading(text, words):
            return []  # a headline or subheading in title case: every word has a capital
        segments = self._segments(text, words)
        mentions: list[Mention] = []
        i = 0
        while i < len(segments):
            mention, i = self._unit(text, words, segments, i)
            if mention is not None:
                mention.start += offset
                mention.end += offset
                mentions.append(mention)
        return mentions

    def _unit(
        self, text: str, words: list[Token], segs: list[_Segment], i: int
    ) -> tuple[Mention | None, int]:
        seg = segs[i]
        if seg.kind == "pronoun":
            return Mention("pronoun", seg.start, seg.end, text[seg.start : seg.end]), i + 1
        if seg.kind == "word" and i + 1 < len(segs):
            folded = words[seg.first].folded
            if folded in ANAPHORA and words[segs[i + 1].first].folded in (
                "tersebut",
                "itu",
                "ini",
            ):
                end = segs[i + 1].end  # "badan tersebut", "perusahaan itu": the body just named
                return Mention("anaphor", seg.start, end, text[seg.start : end]), i + 2
            if words[seg.first].text in _COMPANY_PREFIXES and segs[i + 1].kind == "name":
                return self._company(text, segs, i)
        chain: list[_Segment] = []
        j = i
        accredited = False
        while j < len(segs) and segs[j].kind in (
            "rank",
            "suffix",
            "honorific",
            "position",
            "institution",
            "country",
            "org",
            "word",
            "name",
        ):
            s = segs[j]
            if s.kind == "name":
                # capitalised words between two titles name a body the gazetteer does not
                # know ("Wakil Komandan Komando Pasukan X Letjen Y"): part of the chain
                run = self._unknown_body(text, segs, j, chain)
                if run is None:
                    break
                j = run
                continue
            if s.kind == "word":
                folded = words[s.first].folded
                if not chain or folded not in CHAIN_JOINERS | ACCREDITED_TO:
                    break
                if folded in ACCREDITED_TO:
                    accredited = True
                j += 1
                continue
            if chain and not _GAP_IN_CHAIN.fullmatch(text, _end(segs, j - 1), s.start):
                # "Panglima Angkatan Bersenjata X, Air Chief Marshal Y": one comma before a rank
                gap = text[_end(segs, j - 1) : s.start]
                if not (
                    s.kind in ("rank", "honorific")
                    and gap.strip() == ","
                    and any(c.kind == "position" for c in chain)
                ):
                    break
            if accredited and s.kind == "country":
                s = replace(s, kind="accredited")
            chain.append(s)
            j += 1
        introduced = (
            chain
            and j < len(segs)
            and segs[j - 1].kind == "word"
            and words[segs[j - 1].first].folded in COUNTERPART
            and segs[j].kind in ("name", "known")
        )
        if introduced:
            # "his Pakistani counterpart Khawaja Asif": the country and the name are one
            return self._person(text, words, segs, chain, j)
        while chain and segs[j - 1].kind == "word":  # joiners at the end belong to nothing
            j -= 1
        name_at = j
        has_position = any(s.kind == "position" for s in chain)
        if (
            name_at < len(segs)
            and segs[name_at].kind in ("name", "known")
            and (
                not chain
                or self._name_follows(text, chain[-1].end, segs[name_at].start, has_position)
            )
        ):
            return self._person(text, words, segs, chain, name_at)
        if not chain:
            return None, i + 1
        return self._titled_thing(text, chain), max(j, i + 1)

    @staticmethod
    def _unknown_body(text: str, segs: list[_Segment], j: int, chain: list[_Segment]) -> int | None:
        """The index after a run of name words that sits between titles, or None."""
        if not any(s.kind in ("position", "institution", "org") for s in chain):
            return None
        end = j
        while end + 1 < len(segs) and segs[end + 1].kind == "name":
            end += 1
        after = end + 1
        if after >= len(segs) or not _GAP_IN_CHAIN.fullmatch(
            text, segs[end].end, segs[after].start
        ):
            return None
        if segs[after].kind not in (
            "rank",
            "position",
            "institution",
            "country",
            "org",
            "suffix",
            "honorific",
        ):
            return None
        return after

    @staticmethod
    def _name_follows(text: str, chain_end: int, name_start: int, has_position: bool) -> bool:
        gap = text[chain_end:name_start]
        if _GAP_IN_CHAIN.fullmatch(gap):
            return True
        return has_position and bool(_GAP_BEFORE_NAME.fullmatch(gap)) and gap.count(",") == 1

    def _person(
        self, text: str, words: list[Token], segs: list[_Segment], chain: list[_Segment], k: int
    ) -> tuple[Mention, int]:
        name_seg = segs[k]
        known: KnownPerson | None = None
        end = k
        if name_seg.kind == "known":
            known = name_seg.entries[0]
        else:
            while (
                end + 1 < len(segs)
                and segs[end + 1].kind == "name"
                and _GAP_IN_CHAIN.fullmatch(text, segs[end].end, segs[end + 1].start)
            ):
                end += 1
        name = text[name_seg.start : segs[end].end].strip(" -")
        while end + 1 < len(segs) and segs[end + 1].kind == "degree":
            end += 1
        start = chain[0].start if chain else name_seg.start
        bare = not chain and known is None
        if bare and any(
            words[n].folded in ORG_WORDS for n in range(name_seg.first, segs[end].last + 1)
        ):
            return self._body(text, words, segs, k, end)
        if bare and end == k and name_seg.kind == "name":
            # one capitalised word with no title: a short name for coreference, if anything
            return Mention("short", name_seg.start, name_seg.end, name, name=name), k + 1
        mention = Mention("person", start, segs[end].end, "", name=name, known=known)
        mention.bare = bare
        self._apply_chain(mention, chain)
        after = end + 1
        after = self._qualifier(text, words, segs, after, mention)
        mention.text = text[mention.start : mention.end]
        if known is not None:
            mention.name = known.name
            if mention.country is None and known.country:
                mention.country, mention.country_from = known.country, "store"
        self._default_country(mention)
        return mention, after

    def _apply_chain(self, mention: Mention, chain: list[_Segment]) -> None:
        titles = []
        positions: list[Position] = []
        for seg in chain:
            if seg.kind == "rank" and mention.rank is None:
                mention.rank = seg.entries[0]
            elif seg.kind == "suffix":
                code = self.gaz.suffix_country.get(seg.entries[0])
                if code and mention.country is None:
                    mention.country, mention.country_from = code, "rank suffix"
            elif seg.kind == "position":
                positions.extend(seg.entries)
            elif seg.kind in ("institution", "org") and mention.institution is None:
                entry = seg.entries[0]
                if isinstance(entry, Institution):
                    mention.institution = entry
                elif entry.country and mention.country is None:
                    mention.country, mention.country_from = entry.country, "organisation"
            elif seg.kind == "country":
                code = seg.entries[0].code
                if mention.country is None or mention.country_from == "rank suffix":
                    mention.country, mention.country_from = code, "chain"
            if seg.kind != "accredited":
                titles.append(seg)
        mention.positions = tuple(dict.fromkeys(positions))
        mention.titles = tuple(dict.fromkeys(f"{s.kind}" for s in titles))

    def _qualifier(
        self, text: str, words: list[Token], segs: list[_Segment], k: int, mention: Mention
    ) -> int:
        """ "dari Rusia", "(Kanada)", ", Deputy Director of FSMTC": what follows the name."""
        if k >= len(segs):
            return k
        lead = _QUALIFIER.match(text, segs[k - 1].end)
        gap_ok = lead is not None and lead.end() <= segs[k].start + 1
        gap = text[segs[k - 1].end : segs[k].start]
        if gap.strip() == "," and segs[k].kind == "position" and not mention.positions:
            # an appositive office: "X, Wakil Panglima Komando PBB dari Kanada,"
            j = k
            while j < len(segs) and segs[j].kind in (
                "position",
                "institution",
                "org",
                "country",
                "name",
                "word",
            ):
                if segs[j].kind == "word" and words[segs[j].first].folded not in CHAIN_JOINERS:
                    break
                if j > k and "," in text[segs[j - 1].end : segs[j].start]:
                    break
                if segs[j].kind in ("position", "institution", "org", "country"):
                    self._apply_qualifier(mention, segs[j])
                    mention.end = segs[j].end
                j += 1
            return j
        if segs[k].kind == "word" and words[segs[k].first].folded in ("dari", "asal", "from", "of"):
            k2 = k + 1
            while (
                k2 < len(segs) and segs[k2].kind == "word" and words[segs[k2].first].folded == "the"
            ):
                k2 += 1
            if k2 < len(segs) and segs[k2].kind in ("country", "institution", "org"):
                self._apply_qualifier(mention, segs[k2])
                mention.end = segs[k2].end
                return k2 + 1
            return k
        if gap_ok and segs[k].kind in ("country", "institution", "org", "position"):
            chain = []
            j = k
            while j < len(segs) and segs[j].kind in (
                "country",
                "institution",
                "org",
                "position",
                "word",
            ):
                if segs[j].kind == "word" and words[segs[j].first].folded not in CHAIN_JOINERS:
                    break
                if segs[j].kind != "word":
                    chain.append(segs[j])
                j += 1
            if not chain or (
                segs[k].kind == "country"
                and "(" not in text[segs[k - 1].end : segs[k].start]
                and "," not in text[segs[k - 1].end : segs[k].start]
            ):
                return k
            for seg in chain:
                self._apply_qualifier(mention, seg)
            mention.end = chain[-1].end + (
                1 if text[chain[-1].end : chain[-1].end + 1] == ")" else 0
            )
            return j
        return k

    def _company(self, text: str, segs: list[_Segment], i: int) -> tuple[Mention, int]:
        """ "PT Praba Cipta Mandiri": a company under Indonesian law, named by its capitals."""
        end = i + 1
        while (
            end + 1 < len(segs)
            and segs[end + 1].kind == "name"
            and _GAP_IN_CHAIN.fullmatch(text, segs[end].end, segs[end + 1].start)
        ):
            end += 1
        name = text[segs[i].start : segs[end].end]
        mention = Mention("organisation", segs[i].start, segs[end].end, name, name=name)
        mention.country, mention.country_from = "IDN", "company form"
        after = end + 1
        if (
            after < len(segs)
            and segs[after].kind == "country"
            and _GAP_IN_CHAIN.fullmatch(text, segs[end].end, segs[after].start)
        ):  # "PT X UK": the country written with the name wins over the company form
            mention.country, mention.country_from = segs[after].entries[0].code, "name"
            mention.end = segs[after].end
            mention.text = text[mention.start : mention.end]
            after += 1
        return mention, after

    def _body(
        self, text: str, words: list[Token], segs: list[_Segment], k: int, end: int
    ) -> tuple[Mention, int]:
        """Capitalised words with "Project", "Systems", "Shipyard" ...: a company or a body;
        a country right after it is its own ("Ellips Project UK", "X Group dari Prancis")."""
        name = text[segs[k].start : segs[end].end]
        mention = Mention("organisation", segs[k].start, segs[end].end, name, name=name)
        after = end + 1
        mention.known = self.known.organization(name) or self.known.organization_like(name)
        if (
            after < len(segs)
            and segs[after].kind == "country"
            and _GAP_IN_CHAIN.fullmatch(text, segs[end].end, segs[after].start)
        ):
            mention.country, mention.country_from = segs[after].entries[0].code, "name"
            mention.end = segs[after].end
            after += 1
        else:
            after = self._qualifier(text, words, segs, after, mention)
        if mention.country is None and mention.known is not None:
            mention.country, mention.country_from = mention.known.country, "store"
        mention.text = text[mention.start : mention.end]
        return mention, after

    def _apply_qualifier(self, mention: Mention, seg: _Segment) -> None:
        entry = seg.entries[0]
        if seg.kind == "country":
            if mention.country is None or mention.country_from in ("rank suffix", None):
                mention.country, mention.country_from = entry.code, "qualifier"
        elif seg.kind == "position":
            if not mention.positions:
                mention.positions = tuple(seg.entries)
        elif seg.kind == "institution":
            mention.institution = mention.institution or entry
        elif seg.kind == "org" and entry.country and mention.country is None:
            mention.country, mention.country_from = entry.country, "organisation"

    def _default_country(self, mention: Mention) -> None:
        if mention.country is not None:
            return
        position = mention.position
        if position is not None and position.country:
            mention.country, mention.country_from = position.country, "position"
        elif mention.institution is not None and mention.institution.country:
            mention.country, mention.country_from = mention.institution.country, "institution"
        elif position is not None and position.institution:
            inst = self.gaz.institutions.get(position.institution)
            if inst is not None and inst.country:
                mention.country, mention.country_from = inst.country, "institution"

    def _titled_thing(self, text: str, chain: list[_Segment]) -> Mention | None:
        kinds = {s.kind for s in chain}
        start, end = chain[0].start, chain[-1].end
        if "position" in kinds:
            mention = Mention("position", start, end, text[start:end])
        elif kinds & {"institution", "org"}:
            mention = Mention("organisation", start, end, text[start:end])
        elif "country" in kinds:
            seg = next(s for s in chain if s.kind == "country")
            return Mention(
                "country",
                seg.start,
                seg.end,
                text[seg.start : seg.end],
                country=seg.entries[0].code,
                country_from="name",
            )
        else:
            return None
        self._apply_chain(mention, chain)
        for seg in chain:
            if seg.kind == "org" and mention.known is None:
                mention.known = seg.entries[0]
                mention.name = seg.entries[0].name
        self._default_country(mention)
        return mention


_COMPANY_PREFIXES = {"PT", "CV", "Pt."}


def _is_heading(text: str, words: list[Token]) -> bool:
    """A title-case line without a full stop: "Serangkaian Pertemuan Bilateral dengan ..."."""
    if text.rstrip().endswith((".", "!", "?", '"', "”")) or len(words) < 4:
        return False
    if words[0].text in _COMPANY_PREFIXES:
        return False  # one item of a list of companies, laid out a line each
    lettered = [w for w in words if w.text[:1].isalpha()]
    capitals = sum(1 for w in lettered if w.text[:1].isupper())
    return bool(lettered) and capitals / len(lettered) >= 0.7


def _end(segs: list[_Segment], j: int) -> int:
    return segs[j].end


def _fix_suffixes(segments: list[_Segment]) -> list[_Segment]:
    """ "TNI" right after a rank is the rank's suffix ("Letjen TNI"), not the armed forces."""
    for n in range(1, len(segments)):
        seg = segments[n]
        if seg.kind == "institution" and segments[n - 1].kind in ("rank", "suffix"):
            entry = seg.entries[0]
            if isinstance(entry, Institution) and entry.key.startswith("idn-tni"):
                segments[n] = replace(seg, kind="suffix", entries=("TNI",))
    return segments
