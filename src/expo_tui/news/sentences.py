"""Sentences with their character offsets in the cleaned text.

A sentence ends at a line break (one paragraph per line), or at ".", "!" or "?" (with any
closing quotes or brackets) followed by a space and something that can start a sentence.
A full stop does not end one after an abbreviation: ranks ("Letjen.", "Lt. Gen.", "Gen."),
honorifics ("Dr.", "H."), initials ("Sigit P. Santosa"), "No.", "Jl." and the like; nor inside
numbers ("1.180", "Rp3,3 triliun") or dotted acronyms ("U.S.").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

# Candidate ends: terminal punctuation, closing quotes/brackets, then a space.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[^\W_a-z])")
_LAST_WORD = re.compile(r"(?:^|[\s(\"'“‘])([^\s(\"'“‘]+)$")

_ABBREVIATIONS = {
    # titles, honorifics and rank abbreviations (more come from the gazetteer)
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "mt",
    "ir",
    "drs",
    "dra",
    "h",
    "hj",
    "kh",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "cpt",
    "sgt",
    "cpl",
    "adm",
    "cdr",
    "cmdr",
    "brig",
    "cdre",
    "lieut",
    "gov",
    "sen",
    "rep",
    "rev",
    "hon",
    "pres",
    "purn",
    "ret",
    "kol",
    "jend",
    "mayj",
    "letj",
    "sdr",
    "yth",
    "bpk",
    "dato",
    "no",
    "nos",
    "jl",
    "jln",
    "vol",
    "hal",
    "tel",
    "fig",
    "vs",
    "etc",
    "approx",
    "dept",
    "est",
    "inc",
    "ltd",
    "co",
    "corp",
    "bros",
    "pt",
    "tbk",
    "kab",
    "kec",
    "kel",
    "prov",
    "ds",
    "a.n",
    "u.p",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "u.s",
    "u.k",
    "m.sc",
    "s.h",
    "m.h",
    "s.e",
    "m.m",
    "m.si",
    "ph.d",
    "m.han",
    "s.sos",
    "s.ip",
    "s.t",
    "m.t",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "agu",
    "sep",
    "sept",
    "oct",
    "okt",
    "nov",
    "dec",
    "des",
    "pol",
    "inf",
    "kav",
    "art",
    "pnb",
    "laks",
    "marsda",
    "bin",
}


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # 0-based index of the line it is on


@functools.cache
def _abbreviations() -> frozenset[str]:
    """The fixed list plus every dotted abbreviation the gazetteer spells."""
    from ..gazetteer import load
    from ..gazetteer.phrases import WORD

    gaz = load()
    extra: set[str] = set()
    spellings = [s for rank in gaz.ranks for s in rank.all_spellings()]
    for index in (gaz.honorific_index, gaz.postnominal_index, gaz.suffix_index):
        spellings.extend(s for entries in index._phrases.values() for s, _ in entries)
    for spelling in spellings:
        for word in re.findall(r"[^\s]+\.", spelling):
            words = WORD.findall(word)
            if words:
                extra.add(words[-1].casefold())
        if len(WORD.findall(spelling)) == 1 and len(spelling) <= 8:
            extra.add(WORD.findall(spelling)[0].casefold())  # "Letjen." as well as "Letjen"
    return frozenset(_ABBREVIATIONS | extra)


def _is_abbreviation(before: str) -> bool:
    match = _LAST_WORD.search(before)
    if match is None:
        return False
    word = match.group(1).rstrip(".")
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Sigit P. Santosa", "H. Prabowo"
    if re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word):
        return True  # dotted acronyms: "U.S", "a.n"
    return word.casefold() in _abbreviations() or word.casefold().split(".")[-1] in _abbreviations()


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of `text`, in order, stripped of surrounding spaces."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        start = 0
        for match in _END.finditer(line):
            if match.group(0).startswith(".") and _is_abbreviation(line[: match.start()]):
                continue
            _add(sentences, line, start, match.end(), offset, paragraph)
            start = match.end()
        _add(sentences, line, start, len(line), offset, paragraph)
        offset += len(line) + 1
    return sentences


def _add(out: list[Sentence], line: str, start: int, end: int, offset: int, paragraph: int) -> None:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if piece:
        begin = offset + start + lead
        out.append(Sentence(begin, begin + len(piece), piece, paragraph))
