"""What a search query's words may also be written as: ranks, honorifics, positions and
institutions as the press writes them, in Indonesian, Malay and English.

"Letjen Macaulay" is the rank Lieutenant General (also Lt Gen, Letnan Jenderal, LTG…) and the
word "macaulay"; "Kemhan" is the Ministry of Defence of Indonesia (also Kementerian
Pertahanan RI, Indonesian Ministry of Defence…); "KSAD" is the Chief of Staff of the Indonesian
Army. `query_parts` splits a query into such parts, each with every spelling it stands for;
the store turns them into a search expression. Unlike the ingest's look-ups, case is never
checked: people type "ksad" and "mod".
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from .phrases import phrase_key, tokens

MIN_ABBREVIATION = 3  # shorter spellings ("P", "Jr", "AS") stand for nothing in a search


@dataclass(frozen=True)
class QueryPart:
    """Consecutive words of a query and what else they may be written as."""

    words: tuple[str, ...]  # folded, as typed
    spellings: tuple[tuple[str, ...], ...] = ()  # other spellings, folded words each
    title: bool = False  # a rank, rank suffix or honorific: a name search may do without it


@functools.cache
def _index() -> tuple[dict[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], bool]], int]:
    """Folded phrase -> (every spelling of what it names, whether it is a title)."""
    from . import load

    gazetteer = load()
    entries: list[tuple[tuple[str, ...], bool]] = []
    for rank in gazetteer.ranks:
        entries.append((rank.all_spellings(), True))
    for position in gazetteer.positions.values():
        entries.append(((position.title, *position.aliases), False))
    for institution in gazetteer.institutions.values():
        entries.append(((institution.name, *institution.aliases), False))
    index: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], ...], bool]] = {}
    for spellings, title in entries:
        keys = tuple(dict.fromkeys(k for s in spellings if (k := phrase_key(s))))
        for key in keys:
            if len(" ".join(key)) < MIN_ABBREVIATION:
                continue
            known, known_title = index.get(key, ((), title))
            index[key] = (tuple(dict.fromkeys((*known, *keys))), known_title and title)
    for word in gazetteer.honorific_index.first_words | gazetteer.suffix_index.first_words:
        key = (word,)
        if len(word) >= MIN_ABBREVIATION and key not in index:
            index[key] = ((key,), True)
    longest = max((len(k) for k in index), default=1)
    return index, longest


def query_parts(query: str) -> list[QueryPart]:
    """The query's words, the longest gazetteer phrases among them grouped with their other
    spellings; words the gazetteer does not know stand for themselves."""
    index, longest = _index()
    words = [t.folded for t in tokens(query)]
    parts: list[QueryPart] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(min(len(words), i + longest), i, -1):
            entry = index.get(tuple(words[i:j]))
            if entry is not None:
                found = (j, entry)
                break
        if found is None:
            parts.append(QueryPart((words[i],)))
            i += 1
            continue
        j, (spellings, title) = found
        parts.append(QueryPart(tuple(words[i:j]), spellings, title))
        i = j
    return parts
