"""Finding gazetteer phrases in running text: words compared folded, dots and spacing ignored.

A phrase is stored as the tuple of its folded words ("Lt. Gen." -> ("lt", "gen")), so "Lt Gen",
"Lt.Gen." and "LT. GEN." are one key. Between two words of a match the text may hold only
spaces, dots, hyphens, apostrophes, "&" or brackets: a comma or a full stop followed by a new
sentence breaks it. Case is checked on the text as written, after the folded words agree:

* a spelling in capitals only (KSAD, RI, LTG) matches only in capitals;
* with `initial_capital`, a spelling that starts with a capital needs one in the text too
  ("General" the rank, not "general" the adjective).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# A word: letters and digits, with an apostrophe inside ("Ma'ruf") kept as part of it, but not
# an English possessive ("Canada's" is "Canada" and "s", so the country is found).
WORD = re.compile(r"[^\W_]+(?:['’](?![sS]\b)[^\W_]+)*")
# What may stand between two words of one phrase.
_GAP = re.compile(r"[ \t\u00a0.\-'’&()]*")
MAX_PHRASE_WORDS = 12


@functools.lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """A word without case or accents ("Görgün" -> "gorgun"); apostrophes dropped."""
    decomposed = unicodedata.normalize("NFKD", word)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return kept.casefold().replace("'", "").replace("’", "").replace("ı", "i")


def phrase_key(text: str) -> tuple[str, ...]:
    return tuple(fold_word(w) for w in WORD.findall(text))


def is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    folded: str
    start: int
    end: int


def tokens(text: str) -> list[Token]:
    return [Token(m.group(), fold_word(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """One phrase found: text[start:end], the entries it names, and the word indexes."""

    start: int
    end: int
    first: int  # index of its first token
    last: int  # index of its last token, inclusive
    entries: tuple[T, ...]

    @property
    def size(self) -> int:
        return self.last - self.first + 1


class PhraseIndex(Generic[T]):
    """Phrases -> entries, with the case rules above."""

    def __init__(self, *, initial_capital: bool = False) -> None:
        self.initial_capital = initial_capital
        # key -> [(spelling as written, entry)]
        self._phrases: dict[tuple[str, ...], list[tuple[str, T]]] = {}
        self._first_words: set[str] = set()
        self.longest = 1

    def add(self, spelling: str, entry: T) -> None:
        key = phrase_key(spelling)
        if not key or len(key) > MAX_PHRASE_WORDS:
            return
        found = self._phrases.setdefault(key, [])
        if all(e is not entry or s != spelling for s, e in found):
            found.append((spelling, entry))
        self._first_words.add(key[0])
        self.longest = max(self.longest, len(key))

    @property
    def first_words(self) -> frozenset[str]:
        """The folded words any phrase starts with: a word not among them starts none."""
        return frozenset(self._first_words)

    def lookup(self, text: str) -> tuple[T, ...]:
        """Entries whose spelling is exactly `text` (dots, spacing and case forgiven, except
        that a spelling in capitals matches only in capitals)."""
        found = self._phrases.get(phrase_key(text), [])
        return tuple(dict.fromkeys(e for s, e in found if self._case_fits(s, text)))

    def _case_fits(self, spelling: str, written: str) -> bool:
        if is_capitals(spelling):
            return [c for c in written if c.isalpha()] == [c for c in spelling if c.isalpha()]
        if self.initial_capital and spelling[:1].isupper():
            return written[:1].isupper()
        return True

    def find(self, text: str, words: list[Token] | None = None) -> Iterator[Hit[T]]:
        """Every longest match, left to right, never overlapping."""
        words = tokens(text) if words is None else words
        i = 0
        while i < len(words):
            hit = self.match_at(text, words, i)
            if hit is None:
                i += 1
                continue
            yield hit
            i = hit.last + 1

    def match_at(self, text: str, words: list[Token], i: int) -> Hit[T] | None:
        """The longest phrase starting at word `i`, or None."""
        if words[i].folded not in self._first_words:
            return None
        best: Hit[T] | None = None
        key: list[str] = []
        for j in range(i, min(len(words), i + self.longest)):
            if j > i and not _GAP.fullmatch(text, words[j - 1].end, words[j].start):
                break
            key.append(words[j].folded)
            found = self._phrases.get(tuple(key))
            if not found:
                continue
            written = text[words[i].start : words[j].end]
            entries = tuple(dict.fromkeys(e for s, e in found if self._case_fits(s, written)))
            if entries:
                end = words[j].end
                # an abbreviation's own full stop belongs to it ("Lt. Gen." ends after the dot)
                if text[end : end + 1] == "." and any(s.endswith(".") for s, _ in found):
                    end += 1
                best = Hit(words[i].start, end, i, j, entries)
        return best


def add_all(index: PhraseIndex[T], spellings: Iterable[str], entry: T) -> None:
    for spelling in spellings:
        index.add(spelling, entry)
