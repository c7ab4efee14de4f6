"""The user's own layer in the details pane: their star, note and tags, in a block of its own
above the sourced facts, styled apart and headed "Your note", so it is never read as one of
them. Plain `Text` from the data (never markup), every word sanitised."""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style as RichStyle
from rich.text import Text

from ...store.annotations import Annotation
from .text import safe_text

OWN = RichStyle(color="magenta", italic=True)  # the user's words: apart from the sources'
OWN_HEADING = RichStyle(color="magenta", bold=True)
STAR = "★"


def own_block(parts: Sequence[tuple[str, Annotation]]) -> Text:
    """`parts`: (what it is on, e.g. "the delegation", its annotation); the empty ones are
    left out, and nothing at all when every one is empty."""
    text = Text()
    for about, annotation in parts:
        if annotation.empty:
            continue
        on = f" on {about}" if about else ""
        if annotation.starred:
            text.append("▍", OWN_HEADING)
            text.append(f"{STAR} Starred by you{on}\n", RichStyle(color="yellow", bold=True))
        if annotation.note or annotation.tags:
            text.append("▍", OWN_HEADING)
            text.append(f"Your note{on}", OWN_HEADING)
            text.append("  (yours, not from a source)\n", RichStyle(dim=True, italic=True))
        if annotation.tags:
            text.append("▍", OWN_HEADING)
            text.append("Tags: ", OWN_HEADING)
            text.append(", ".join(safe_text(t, limit=60) for t in annotation.tags), OWN)
            text.append("\n")
        for line in safe_text(annotation.note, multiline=True, limit=20_000).splitlines():
            text.append("▍", OWN_HEADING)
            text.append(line, OWN)
            text.append("\n")
        text.append("\n")
    return text


def with_own(own: Text, facts: Text) -> Text:
    """The user's block, then the sourced details (unchanged)."""
    if not own.plain:
        return facts
    combined = own.copy()
    combined.append_text(facts)
    return combined
