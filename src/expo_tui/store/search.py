"""Turning what a user types into a safe FTS5 query.

User text is never handed to MATCH as it is: FTS5 gives meaning to quotes, AND/OR/NOT, `-`, `*`,
`^`, `:` and parentheses, and a stray one raises a syntax error. We keep only the words (letters
and digits in any script), quote each one, and make the last a prefix so results narrow as the
user types.
"""

from __future__ import annotations

import re
import unicodedata

MAX_TERMS = 8  # more words than this only slow the query down; nobody types them
MAX_TERM_LENGTH = 64

_WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of `text` as FTS5 would tokenise them, punctuation and operators dropped."""
    normalised = unicodedata.normalize("NFKC", text or "")
    words = [w.replace("_", " ").strip() for w in _WORD.findall(normalised)]
    terms = [w[:MAX_TERM_LENGTH] for w in words if w]
    return terms[:MAX_TERMS]


def match_expression(text: str, *, prefix: bool = True) -> str | None:
    """An FTS5 MATCH string for `text` (every word must match), or None if it has no words.

    Each term is a quoted string, so FTS5 reads it literally ("AND" is the word "and"); every
    term is a prefix match, which is what a live search box needs ("rus" finds Russia).
    """
    terms = search_terms(text)
    if not terms:
        return None
    parts = []
    for term in terms:
        for piece in term.split():
            quoted = '"' + piece.replace('"', '""') + '"'
            parts.append(quoted + "*" if prefix else quoted)
    return " ".join(parts) if parts else None


def _quoted(words: tuple[str, ...] | list[str], prefix: bool) -> str:
    phrase = " ".join(words)[: MAX_TERM_LENGTH * 4]
    return '"' + phrase.replace('"', '""') + '"' + ("*" if prefix else "")


def forgiving_expressions(text: str) -> list[str]:
    """FTS5 MATCH strings for `text`, the strictest first: each word, or each rank, title,
    position or institution the gazetteer knows, as any of its spellings ("Letjen" finds
    "Lieutenant General", "Kemhan" the "Ministry of Defence of Indonesia"), all required;
    then, if the query names someone with a title, the same without the titles (a rank the
    store does not record must not hide the person). Empty when `text` has no words."""
    strict = match_expression(text)
    if strict is None:
        return []
    try:
        from ..gazetteer.search_words import query_parts

        parts = query_parts(" ".join(search_terms(text)))
    except Exception:  # a broken gazetteer file must not break searching
        return [strict]
    if not any(p.spellings for p in parts):
        return [strict]

    def expression(keep_titles: bool) -> str | None:
        groups = []
        for index, part in enumerate(parts):
            if part.title and not keep_titles:
                continue
            last = index == len(parts) - 1
            own = _quoted(part.words, prefix=last)
            alternatives = [own, *(_quoted(s, prefix=False) for s in part.spellings)]
            unique = list(dict.fromkeys(alternatives))
            groups.append(unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")")
        return " AND ".join(groups) if groups else None

    found = [e for e in (expression(True), expression(False)) if e is not None]
    return list(dict.fromkeys(found)) or [strict]
