"""The review screen's text: a list line, the proposed record, its match against the store, and
the evidence with the spans that fired highlighted. Rich `Text` built from sanitised strings,
never markup: a name such as ``[b]x[/b]`` or an escape sequence in an article shows inert."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.content import Content

from .rows import RowVisual
from .text import safe_text

if TYPE_CHECKING:
    from ...records import EventRecord
    from ...store.review import Candidate, ReviewDocument, ReviewRow

MATCH_WORDS = {
    "new": "new: not in the store",
    "adds_source": "adds a source to a stored event",
    "updates": "updates a stored event",
    "conflicts": "conflicts with a stored event",
}
STATE_MARKS = {"pending": "·", "accepted": "✓", "rejected": "✗"}
HIGHLIGHT = "bold underline #ffd75f"
TRIGGERS = re.compile(
    r"courtesy call|call(?:ed|s)? on|received|receives|met|meets|meeting|talks|signed|"
    r"bilateral|kunjungan kehormatan|menerima|bertemu|menandatangani",
    re.IGNORECASE,
)


def document_line(d: ReviewDocument) -> RowVisual:
    """An article's heading in the list: its title (cut with an ellipsis), its counts right.
    Built as Content straight away (no rich Text to convert): a page down paints ~45 rows."""
    name = d.title or (d.name.replace("\\", "/").rsplit("/", 1)[-1] if d.name else d.url)
    right = f"{d.pending} pending"
    if d.accepted or d.rejected:
        right += f" · {d.accepted + d.rejected} decided"
    return RowVisual(
        Content(""),
        Content.styled(safe_text(name, limit=90), "bold"),
        Content.styled(right, "dim"),
        Content.styled(f"{d.pending}", "dim"),
    )


def row_line(r: ReviewRow, edited: bool = False) -> RowVisual:
    """A candidate's line: state, id, day, title (cut with an ellipsis, never wrapped)."""
    left = Content.assemble(
        (f" {STATE_MARKS.get(r.state, '?')} ", "green" if r.state == "accepted" else ""),
        (f"#{r.id} ", "dim"),
        (safe_text(r.day or "undated", limit=10), "ansi_cyan"),
        " ",
    )
    title = Content.styled(
        safe_text(r.title, limit=110), "dim strike" if r.state == "rejected" else ""
    )
    right = Content.styled("as edited", "ansi_green") if edited and r.state == "accepted" else None
    return RowVisual(left, title, right or Content(""))


def _people(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p.get("key", ""): p for p in record.get("people", [])}


def summary(c: Candidate, edited: bool = False) -> Text:
    """The proposal in two lines: its title, then its state, kind, status, day and order."""
    event = c.record.get("event", {})
    out = Text(safe_text(c.title, limit=200) + "\n", style="bold")
    state = f"{c.state} as edited" if edited and c.state == "accepted" else c.state
    out.append(f"#{c.id} {state} · ", style="dim")
    out.append(safe_text(event.get("kind") or c.kind, limit=40))
    out.append(" · " + safe_text(event.get("status") or "?", limit=40))
    out.append(" · ")
    out.append(safe_text(event.get("date") or "undated", limit=20), style="cyan")
    if event.get("order") is not None:
        out.append(" · order " + safe_text(event["order"], limit=10))
    out.append(f" · confidence {c.confidence:.2f}\n", style="dim")
    return out


def parties(c: Candidate) -> Text:
    """Who takes part, one line each: role, rank, name, country, position."""
    record = c.record
    out = Text()
    people = _people(record)
    for p in record.get("event", {}).get("participants", []):
        person = people.get(p.get("person", ""), {})
        out.append(f"  {safe_text(p.get('role') or '', limit=12):<9} ", style="dim")
        if person.get("rank"):
            out.append(safe_text(person["rank"], limit=40) + " ")
        out.append(safe_text(person.get("name") or p.get("person") or "?", limit=80), style="bold")
        out.append(f" ({safe_text(person.get('country') or '?', limit=3)})", style="dim")
        if person.get("position"):
            out.append(" · " + safe_text(person["position"], limit=100), style="dim")
        if not person:
            out.append(" · in the store", style="dim")
        out.append("\n")
    return out


def detail(c: Candidate | None, stored: EventRecord | None, edited: bool = False) -> Text:
    """The detail pane: the proposal in two lines and the evidence first (at 80x24 both show
    without scrolling), then the parties and the match against the store."""
    if c is None:
        return Text("Nothing to review.", style="dim")
    out = summary(c, edited)
    out.append_text(evidence_text(c))
    out.append("\n")
    out.append_text(parties(c))
    out.append("\n")
    out.append_text(match_text(c, stored))
    return out


def match_text(c: Candidate, stored: EventRecord | None) -> Text:
    out = Text("Match: ", style="dim")
    style = "bold red" if c.match == "conflicts" else "bold"
    out.append(MATCH_WORDS.get(c.match, safe_text(c.match, limit=20)), style=style)
    out.append("\n")
    for note in c.record.get("event", {}).get("match_notes", []):
        out.append("  " + safe_text(note, limit=200) + "\n", style="dim")
    if stored is not None:
        out.append("Stored: ", style="dim")
        out.append(safe_text(stored.title, limit=160), style="bold")
        out.append("\n  ")
        out.append(f"{stored.kind} · {stored.status} · ", style="dim")
        out.append(safe_text(stored.date.isoformat() if stored.date else "undated"), style="cyan")
        if stored.order is not None:
            out.append(f" · order {stored.order}", style="dim")
        out.append(f"\n  {len(stored.participants)} people · {len(stored.sources)} source(s): ")
        out.append(", ".join(safe_text(p.person, limit=40) for p in stored.participants[:6]))
        out.append("\n")
    elif c.matched_event:
        out.append("Stored event " + safe_text(c.matched_event, limit=80) + " is gone.\n")
    return out


def evidence_text(c: Candidate) -> Text:
    """Each evidence sentence, the parties' names and the words that fired highlighted."""
    out = Text()
    names: list[str] = []
    for p in c.record.get("people", []):
        for name in (p.get("name"), *(p.get("variants") or [])):
            if name:
                names.append(safe_text(name, limit=120))
    for e in c.evidence:  # the sentence, then (dim) the rule that fired and the article
        quote = Text("“" + safe_text(e.quote, limit=1200) + "”\n")
        for name in sorted(set(names), key=len, reverse=True):
            quote.highlight_words([name], HIGHLIGHT, case_sensitive=False)
        quote.highlight_regex(TRIGGERS, "bold #87d7ff")
        out.append_text(quote)
        out.append(f"  {safe_text(e.rule, limit=60)}\n", style="dim")
        out.append(safe_text(e.url, limit=300) + "\n", style="dim")  # one line, cut in the middle
    if not c.evidence:
        out.append("No evidence kept for this candidate.\n", style="dim")
    return out


def around(text: str, start: int, end: int, width: int = 600) -> Text:
    """The article around the evidence [start, end), the evidence highlighted."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    out = Text("…" if lo else "")
    out.append(safe_text(text[lo:start], multiline=True))
    out.append(safe_text(text[start:end], multiline=True), style=HIGHLIGHT)
    out.append(safe_text(text[end:hi], multiline=True))
    if hi < len(text):
        out.append("…")
    return out
