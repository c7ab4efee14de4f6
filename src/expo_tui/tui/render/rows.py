"""List rows: one line each, with a right column (counts, country codes) that stays visible."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ...store.models import UNDATED, CountrySummary, Day, EventSummary, Expo
from .clock import EXPO_CLOCK, Clock
from .labels import (
    clock,
    compact_number,
    count_words,
    day_label,
    is_tentative,
    kind_label,
    time_label,
)
from .text import safe_text

MIN_TITLE = 14  # cells a row's title keeps before its right column is shortened or dropped
TITLE_FIRST = 40  # cells of title and right column under which a row drops its secondary left
TIME_WIDTH = 5
SPAN_WIDTH = 11  # "09:00–10:30"
KIND_WIDTH = 9


@dataclass(frozen=True)
class RowVisual(Visual):
    """One list row: fixed `left`, a `title` that is cut with an ellipsis, and `right`.

    The right part (counts, country codes) stays visible however long the title is; when the
    row is too narrow the short form `right_short` is used, and then nothing. In a narrow
    pane the title comes first: `left_short` (the time without the kind, say) takes the place
    of `left` when the full left part would leave the title fewer than TITLE_FIRST cells.
    """

    left: Content
    title: Content
    right: Content = field(default_factory=lambda: Content(""))
    right_short: Content | None = None
    min_title: int = MIN_TITLE  # cells the title keeps before `right` gives way to the short form
    left_short: Content | None = None

    def get_optimal_width(self, rules: object, container_width: int) -> int:
        return self.left.cell_length + self.title.cell_length + self.right.cell_length + 1

    def get_height(self, rules: object, width: int) -> int:
        return 1

    def fit(self, width: int) -> Content:
        left = self.left
        if self.left_short is not None and width - left.cell_length < TITLE_FIRST:
            left = self.left_short  # the form depends on the width only: every row agrees
        room = width - left.cell_length
        # the right column's form depends on the width only, so every row of a list agrees
        right = Content("")
        for candidate, keep in (
            (self.right, self.min_title),
            (self.right_short, self.min_title),
            (self.right, MIN_TITLE),
            (self.right_short, MIN_TITLE),
        ):
            if candidate is not None and room - candidate.cell_length - 1 >= keep:
                right = candidate
                break
        gap = 1 if right else 0
        title_room = max(room - right.cell_length - gap, 0)
        title = self.title
        if title.cell_length > title_room:
            title = title.truncate(title_room, ellipsis=True)
        padding = max(room - title.cell_length - right.cell_length, 0)
        row = Content.assemble(left, title, " " * padding, right)
        return row.truncate(width, ellipsis=True) if row.cell_length > width else row

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width <= 0:
            return []
        # One line, already cut to fit: render the spans straight to segments. Going through
        # Content.render_strips (wrap, justify, a line object per line) cost ~3x as much, and
        # a list repaints ~45 rows on a day change.
        row = self.fit(width)
        segments = [
            Segment(text, text_style.rich_style)
            for text, text_style in row.render(style, "", options.get_style)
        ]
        strip = Strip(segments, row.cell_length)
        if row.cell_length < width:
            strip = strip.extend_cell_length(width, style.rich_style)
        return [strip]

    @property
    def plain(self) -> str:
        return self.left.plain + self.title.plain + " " + self.right.plain

    def __str__(self) -> str:
        return self.plain


COUNT_COLUMNS = "del ev exh"  # the country pane's subtitle, over country_row's counts


STARRED = ("★ ", "bold $warning")  # the user's own star, before a row's title


def country_row(summary: CountrySummary, starred: bool = False) -> RowVisual:
    country = summary.country
    flag = safe_text(country.flag, limit=4) or "  "
    marker = ("⌂", "bold $warning") if summary.is_host else (" ", "")  # ★ is the user's star
    left = Content.assemble(marker, flag, " ")
    name = safe_text(country.name, limit=200)
    name_id = safe_text(country.name_id, limit=200)
    title_parts: list[str | tuple[str, str]] = [STARRED] if starred else []
    title_parts.append((name, "bold"))
    if name_id and name_id != name:
        title_parts += [" ", (name_id, "italic $text-muted")]
    if summary.is_host:
        title_parts += [" ", ("host", "$warning")]
    counts = [compact_number(n) for n in (summary.delegations, summary.events, summary.exhibitors)]
    # One form at every width, so the pane's subtitle (COUNT_COLUMNS) sits over its columns:
    # 1, 4 and 3 cells (more than 9 delegations or 999 exhibitors push the row left by a
    # cell or two), and a space between them whatever their length.
    right = Content.styled(f"{counts[0]:>1} {counts[1]:>4} {counts[2]:>3}", "$text-muted")
    # the English name keeps 20 cells ("United Arab Emirates") before the counts shorten it;
    # the Indonesian name after it is cut first
    return RowVisual(left, Content.assemble(*title_parts), right, None, min_title=20)


def no_match(search: str) -> Content:
    return Content.assemble(
        ("No country matches ", "italic"),
        (safe_text(search, limit=60), "bold"),
    )


def no_countries() -> Content:
    """The country list of an expo whose records name no country (a bare imported schedule)."""
    return Content.styled("No countries recorded at this expo", "italic $text-muted")


def event_row(
    event: EventSummary,
    focus_country: str | None = None,
    host_country: str | None = None,
    day_change: dt.time | None = None,
    *,
    schedule: bool = False,
    shown_on: Clock = EXPO_CLOCK,
    expo: Expo | None = None,
    starred: bool = False,
) -> RowVisual:
    """One timeline row (`starred`: the user starred it, a ★ before its title). The host country takes part in nearly every event, so its code is
    left out when other countries are involved (unless it is the country in focus): the
    codes that remain are the ones that tell rows apart. For a `schedule` (an imported
    conference, no countries anywhere) a row shows its end time, its track after the title and
    its room instead."""
    involved = focus_country is not None and focus_country in event.countries
    tentative = is_tentative(event)
    marker = ("▌", "bold $accent") if involved else (" ", "")
    time_text = time_label(event, day_change)
    if shown_on.mode != "expo" and expo is not None and event.start_time is not None:
        time_text = shown_on.label(expo, event.date, event.start_time)
    if schedule and event.start_time is not None and event.end_time is not None:
        time_text += f"–{clock(event.end_time, day_change)}"
    width = SPAN_WIDTH if schedule else TIME_WIDTH + (shown_on.mode != "expo")
    time_part = (
        time_text.rjust(width),
        "bold" if event.start_time else "",
    )
    kind = (kind_label(event.kind).ljust(KIND_WIDTH)[:KIND_WIDTH], "$text-muted")
    left = Content.assemble(marker, time_part, " ", kind, " ")
    left_short = Content.assemble(marker, time_part, " ")
    title_parts: list[str | tuple[str, str]] = [STARRED] if starred else []
    if event.clash:  # someone in it is double-booked (expo-tui check --overlaps)
        title_parts.append(("! ", "bold $error"))
    if tentative:
        title_parts.append((f"({safe_text(event.status)}) ", "bold $warning"))
    title_style = "italic $text-muted" if tentative else ("bold" if involved else "")
    title_parts.append((safe_text(event.title, limit=500), title_style))
    if schedule and event.track:
        # after the title, so a narrow pane shortens the track away before the title
        title_parts.append((f"  {safe_text(event.track, limit=60)}", "italic $text-muted"))
    if schedule:
        room = Content.styled(safe_text(event.location or "", limit=24), "$text-muted")
        return RowVisual(left, Content.assemble(*title_parts), room, left_short=left_short)
    visitors = [c for c in event.countries if c != host_country or c == focus_country]
    codes = [safe_text(c, limit=3) for c in (visitors or event.countries)]
    shown = codes[:3]
    right_parts: list[str | tuple[str, str]] = []
    for index, code in enumerate(shown):
        if index:
            right_parts.append(" ")
        right_parts.append((code, "bold $accent" if code == focus_country else "$text-muted"))
    if len(codes) > len(shown):
        right_parts.append((f" +{len(codes) - len(shown)}", "$text-muted"))
    right = Content.assemble(*right_parts)
    short = Content.styled(focus_country, "bold $accent") if involved and focus_country else None
    return RowVisual(left, Content.assemble(*title_parts), right, short, left_short=left_short)


def day_heading(day: Day | None, key: str | None, count: int | None = None) -> Content:
    if day is None:
        label = "Undated" if key in (None, UNDATED) else safe_text(key)
    else:
        label = day_label(day, long=True)
        if day.phase == "pre":
            label += " · before the show"
    parts: list[str | tuple[str, str]] = [("━━ ", "$accent"), (label, "bold $accent")]
    if count is not None:
        parts.append((f"  {count_words(count, 'event')}", "$text-muted"))
    return Content.assemble(*parts)


def scope_heading(scope: str | None) -> Content:
    if scope is None:
        return Content.styled("  time not reported", "italic $text-muted")
    return Content.assemble(("  ", ""), (safe_text(scope, limit=300), "italic $text-muted"))


def empty_timeline(day: Day | None, country_name: str | None) -> Content:
    where = day_label(day, long=True) if day is not None else "any day"
    if country_name:
        return Content.assemble(
            ("No events for ", "italic"),
            (safe_text(country_name, limit=80), "bold"),
            (f" on {where}.", "italic"),
        )
    return Content.styled(f"No events on {where}.", "italic")
