"""The day strip: pre-show dates, Day 1…N, later dates, undated and all days on one line."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content

from ...store.models import Day

# How each entry of the strip is labelled, from the widest form to the narrowest; the first
# form whose line fits the width is used. (chosen entry's form, other entries' form, whether
# runs of pre-show / after-show dates collapse into one entry)
STRIP_FORMS = (
    ("full", "full", False),
    ("full", "medium", False),
    ("compact", "medium", False),
    ("full", "medium", True),
    ("compact", "medium", True),
    ("compact", "short", True),
    ("tiny", "short", True),
)
GROUP_NAMES = {"pre": ("Pre-show", "Pre"), "post": ("After", "Aft")}


def strip_label(day: Day | None, form: str) -> str:
    """One day strip entry: "Day 2 · Thu 12 Jun" (full), "D2 · 12 Jun" (compact),
    "D2 12" (medium / tiny), "D2" (short); other dates "Tue 6 May" / "6 May"."""
    if day is None:
        return "All days" if form == "full" else "All"
    if day.date is None:
        return "Undated"
    if day.number is None:
        return (
            f"{day.date:%a} {day.date.day} {day.date:%b}"
            if form == "full"
            else f"{day.date.day} {day.date:%b}"
        )
    if form == "full":
        return f"Day {day.number} · {day.date:%a} {day.date.day} {day.date:%b}"
    if form == "compact":
        return f"D{day.number} · {day.date.day} {day.date:%b}"
    if form == "short":
        return f"D{day.number}"
    return f"D{day.number} {day.date.day}"


@dataclass(frozen=True)
class StripEntry:
    """A run of the strip: one day, or several collapsed pre-show / after-show dates."""

    keys: tuple[str | None, ...]
    start: int  # cell offsets in the rendered line
    end: int


def _strip_groups(
    entries: Sequence[tuple[str | None, Day | None]], collapse: bool
) -> list[list[tuple[str | None, Day | None]]]:
    groups: list[list[tuple[str | None, Day | None]]] = []
    for key, day in entries:
        phase = day.phase if day is not None else None
        if (
            collapse
            and phase in GROUP_NAMES
            and groups
            and groups[-1][0][1] is not None
            and groups[-1][0][1].phase == phase
        ):
            groups[-1].append((key, day))
        else:
            groups.append([(key, day)])
    return groups


def _strip_piece(
    group: list[tuple[str | None, Day | None]], chosen: str | None, chosen_form: str, form: str
) -> tuple[str, str]:
    """(label, style) of one entry of the strip."""
    keys = [k for k, _ in group]
    day = group[0][1]
    is_chosen = chosen in keys
    if len(group) > 1:
        assert day is not None
        long_name, short_name = GROUP_NAMES[day.phase]
        if is_chosen:
            index = keys.index(chosen)
            label = f"{strip_label(group[index][1], chosen_form)} {index + 1}/{len(group)}"
        else:
            label = f"{long_name if form != 'short' else short_name} ({len(group)})"
        empty = False
        style = "italic"
    else:
        label = strip_label(day, chosen_form if is_chosen else form)
        empty = day is not None and day.events == 0
        style = "italic" if day is not None and day.phase == "pre" else ""
    if is_chosen:
        return label, "bold reverse $accent"
    return label, f"{style} {'dim' if empty else ''} $text-muted".strip()


def day_strip(
    entries: Sequence[tuple[str | None, Day | None]], chosen: str | None, width: int
) -> tuple[Content, tuple[StripEntry, ...]]:
    """The day strip as one line no wider than `width`, and where each entry sits.

    `entries` are (key, day) in strip order; None is "All days". The chosen entry is shown in
    reverse and in its longest form that fits; the others shrink first, then runs of pre-show
    dates collapse into one "Pre-show (3)" entry; if even that is too wide, a window around the
    chosen entry is shown between "‹" and "›".
    """
    pieces: list[tuple[str, str, tuple[str | None, ...]]] = []
    for chosen_form, form, collapse in STRIP_FORMS:
        pieces = [
            (*_strip_piece(g, chosen, chosen_form, form), tuple(k for k, _ in g))
            for g in _strip_groups(entries, collapse)
        ]
        if sum(len(label) for label, _, _ in pieces) + len(pieces) - 1 <= width:
            break
    else:
        # the narrowest form still overflows: keep a window around the chosen entry
        at = next((i for i, p in enumerate(pieces) if chosen in p[2]), 0)
        lo = hi = at
        used = len(pieces[at][0]) + 4
        while True:
            grew = False
            for candidate in (hi + 1, lo - 1):
                if 0 <= candidate < len(pieces) and not lo <= candidate <= hi:
                    cost = len(pieces[candidate][0]) + 1
                    if used + cost <= width:
                        used += cost
                        lo, hi = min(lo, candidate), max(hi, candidate)
                        grew = True
            if not grew:
                break
        before, after = lo > 0, hi < len(pieces) - 1
        pieces = pieces[lo : hi + 1]
        return _assemble_strip(pieces, "‹ " if before else "", " ›" if after else "", width)
    return _assemble_strip(pieces, "", "", width)


def _assemble_strip(
    pieces: list[tuple[str, str, tuple[str | None, ...]]], lead: str, tail: str, width: int
) -> tuple[Content, tuple[StripEntry, ...]]:
    parts: list[str | tuple[str, str]] = [(lead, "$text-muted")] if lead else []
    spans: list[StripEntry] = []
    x = len(lead)
    for index, (label, style, keys) in enumerate(pieces):
        if index:
            parts.append(" ")
            x += 1
        parts.append((label, style))
        spans.append(StripEntry(keys, x, x + len(label)))
        x += len(label)
    if tail:
        parts.append((tail, "$text-muted"))
    line = Content.assemble(*parts)
    if line.cell_length > width:
        line = line.truncate(width, ellipsis=True)
    return line, tuple(spans)
