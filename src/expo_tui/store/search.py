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
