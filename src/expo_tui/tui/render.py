"""The only place where data from the store becomes something the terminal shows.

Every string that came from a database or a file goes through `safe_text()` and is then wrapped
in `Content` (lists, titles, palette) or Rich `Text` (the details pane, whose source links are
`Style(link=url)` spans). Nothing here builds markup strings, so a name such as
``[@click=app.quit]x[/]`` is shown literally and does nothing, and escape sequences hidden in
data never reach the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rich.segment import Segment
from rich.style import Style as RichStyle
from rich.text import Text
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from ..store.models import (
    UNDATED,
    Country,
    CountryDetail,
    CountrySummary,
    Day,
    EventDetail,
    EventSummary,
    Expo,
    Figure,
    Person,
    SearchHit,
    Source,
)

# -- neutralising hostile text --------------------------------------------------------------

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]                        # CSI: colours, cursor moves
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|\Z)         # OSC (links, clipboard), DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                                # two-character and nF escapes
    | \x9b[0-?]*[ -/]*[@-~]                          # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|\Z)  # 8-bit OSC, DCS, SOS, PM, APC
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"
MIN_TITLE = 14  # cells a row's title keeps before its right column is shortened or dropped
ELLIPSIS = "…"


def safe_text(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """`value` as text that is safe to put on a terminal.

    Escape sequences (ANSI colours, OSC 8 links, OSC 52 clipboard writes, DCS...) are removed;
    any other C0/C1 control character becomes U+FFFD. Tabs become spaces; line breaks are kept
    only when `multiline`, else they become spaces. `limit` clips to that many characters with
    an ellipsis. Markup needs no treatment here: callers wrap the result in Content/Text.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit * 4 + 64:
        text = text[: limit * 4 + 64]  # bound the work on enormous values
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    text = _CONTROL.sub(REPLACEMENT, text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + ELLIPSIS
    return text


def content(value: object, style: str | Style = "", *, limit: int | None = None) -> Content:
    """Data as one line of Content: never parsed as markup."""
    text = safe_text(value, limit=limit)
    return Content.styled(text, style) if style else Content(text)


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


# -- a one-line row that keeps its right column visible ---------------------------------------


@dataclass(frozen=True)
class RowVisual(Visual):
    """One list row: fixed `left`, a `title` that is cut with an ellipsis, and `right`.

    The right part (counts, country codes) stays visible however long the title is; when the
    row is too narrow the short form `right_short` is used, and then nothing.
    """

    left: Content
    title: Content
    right: Content = field(default_factory=lambda: Content(""))
    right_short: Content | None = None
    min_title: int = MIN_TITLE  # cells the title keeps before `right` gives way to the short form

    def get_optimal_width(self, rules: object, container_width: int) -> int:
        return self.left.cell_length + self.title.cell_length + self.right.cell_length + 1

    def get_height(self, rules: object, width: int) -> int:
        return 1

    def _fit(self, width: int) -> Content:
        room = width - self.left.cell_length
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
        row = Content.assemble(self.left, title, " " * padding, right)
        return row.truncate(width, ellipsis=True) if row.cell_length > width else row

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width <= 0:
            return []
        # One line, already cut to fit: render the spans straight to segments. Going through
        # Content.render_strips (wrap, justify, a line object per line) cost ~3x as much, and
        # a list repaints ~45 rows on a day change.
        row = self._fit(width)
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


# -- header and day strip -------------------------------------------------------------------


def date_span(start: dt.date, end: dt.date) -> str:
    if start == end:
        return f"{start:%d %b %Y}".lstrip("0")
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start:%d %b %Y} – {end:%d %b %Y}"


def header_content(expo: Expo | None, *, readonly: bool, expo_count: int) -> Content:
    if expo is None:
        parts: list[Content | str | tuple[str, str]] = [("expo-tui", "bold"), " · no expo loaded"]
    else:
        place = ", ".join(safe_text(p, limit=120) for p in (expo.venue, expo.city) if p)
        parts = [
            (safe_text(expo.display_name, limit=80), "bold"),
            "  ",
            date_span(expo.start_date, expo.end_date),
        ]
        if place:
            parts += ["  ·  ", place]
    if readonly:
        parts += ["  ", (" read-only ", "reverse")]
    if expo_count > 1:
        parts += ["  ", (f"{expo_count} expos · e to switch", "dim")]
    return Content.assemble(*parts)


def expo_title(expo: Expo) -> str:
    return safe_text(expo.display_name, limit=80)


def day_label(day: Day | None, *, long: bool = False) -> str:
    """The day strip's words for a day; None is "All days"."""
    if day is None:
        return "All days"
    if day.date is None:
        return "Undated"
    if day.number is not None:
        text = f"Day {day.number} · {day.date:%a %d %b}"
    else:
        text = f"{day.date:%a %d %b}"
    return text + (f" {day.date:%Y}" if long else "")


# -- the day strip ---------------------------------------------------------------------------

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

    keys: tuple[str, ...]
    start: int  # cell offsets in the rendered line
    end: int


def _strip_groups(
    entries: Sequence[tuple[str, Day | None]], collapse: bool
) -> list[list[tuple[str, Day | None]]]:
    groups: list[list[tuple[str, Day | None]]] = []
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
    group: list[tuple[str, Day | None]], chosen: str, chosen_form: str, form: str
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
    entries: Sequence[tuple[str, Day | None]], chosen: str, width: int
) -> tuple[Content, tuple[StripEntry, ...]]:
    """The day strip as one line no wider than `width`, and where each entry sits.

    `entries` are (key, day) in strip order; None is "All days". The chosen entry is shown in
    reverse and in its longest form that fits; the others shrink first, then runs of pre-show
    dates collapse into one "Pre-show (3)" entry; if even that is too wide, a window around the
    chosen entry is shown between "‹" and "›".
    """
    pieces: list[tuple[str, str, tuple[str, ...]]] = []
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
    pieces: list[tuple[str, str, tuple[str, ...]]], lead: str, tail: str, width: int
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


# -- countries ------------------------------------------------------------------------------


def count_words(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def compact_number(n: int) -> str:
    """A count in at most four characters: 999, 5.7k, 13k, 999k, 1.2M, 13M, 1.5B."""
    if n < 1000:
        return str(n)
    for unit, size in (("k", 1e3), ("M", 1e6), ("B", 1e9), ("T", 1e12)):
        value = n / size
        if value < 999.5 or unit == "T":
            digits = f"{value:.1f}" if value < 9.95 else f"{value:.0f}"
            return digits.removesuffix(".0") + unit
    raise AssertionError("unreachable")


COUNT_COLUMNS = "del ev exh"  # the country pane's subtitle, over country_row's counts


def country_row(summary: CountrySummary) -> RowVisual:
    country = summary.country
    flag = safe_text(country.flag, limit=4) or "  "
    marker = ("★", "bold $warning") if summary.is_host else (" ", "")
    left = Content.assemble(marker, flag, " ")
    name = safe_text(country.name, limit=200)
    name_id = safe_text(country.name_id, limit=200)
    title_parts: list[str | tuple[str, str]] = [(name, "bold")]
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


# -- timeline -------------------------------------------------------------------------------

KIND_LABELS = {
    "opening": "opening",
    "closing": "closing",
    "bilateral_meeting": "bilateral",
    "courtesy_call": "courtesy",
    "mou_signing": "MoU",
    "pavilion_visit": "visit",
    "forum_session": "forum",
    "launch": "launch",
    "public_day": "public",
    "other": "other",
}
KIND_NAMES = {
    "opening": "Opening",
    "closing": "Closing",
    "bilateral_meeting": "Bilateral meeting",
    "courtesy_call": "Courtesy call",
    "mou_signing": "Signing (MoU / contract)",
    "pavilion_visit": "Pavilion visit",
    "forum_session": "Forum session",
    "launch": "Launch",
    "public_day": "Public day",
    "other": "Other",
}
TIME_WIDTH = 5
KIND_WIDTH = 9


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind) or safe_text(kind, limit=KIND_WIDTH)


def time_label(event: EventSummary, day_change: dt.time | None = None) -> str:
    """Clock time, else "#n" within its host's chain, else an em dash (not reported).

    A time before the schedule's day change is shown as schedules print it, "24:30": the
    event is listed under its day but happens after that day's midnight."""
    if event.start_time is not None:
        if day_change is not None and event.start_time < day_change:
            return f"{event.start_time.hour + 24:02d}:{event.start_time:%M}"
        return f"{event.start_time:%H:%M}"
    if event.order is not None:
        return f"#{event.order}"
    return "—"


def is_tentative(event: EventSummary) -> bool:
    return event.status in ("planned", "unconfirmed")


def event_row(
    event: EventSummary,
    focus_country: str | None = None,
    host_country: str | None = None,
    day_change: dt.time | None = None,
) -> RowVisual:
    """One timeline row. The host country takes part in nearly every event, so its code is
    left out when other countries are involved (unless it is the country in focus): the
    codes that remain are the ones that tell rows apart."""
    involved = focus_country is not None and focus_country in event.countries
    tentative = is_tentative(event)
    marker = ("▌", "bold $accent") if involved else (" ", "")
    time_text = time_label(event, day_change).rjust(TIME_WIDTH)
    left = Content.assemble(
        marker,
        (time_text, "bold" if event.start_time else ""),
        " ",
        (kind_label(event.kind).ljust(KIND_WIDTH)[:KIND_WIDTH], "$text-muted"),
        " ",
    )
    title_parts: list[str | tuple[str, str]] = []
    if tentative:
        title_parts.append((f"({safe_text(event.status)}) ", "bold $warning"))
    title_style = "italic $text-muted" if tentative else ("bold" if involved else "")
    title_parts.append((safe_text(event.title, limit=500), title_style))
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
    return RowVisual(left, Content.assemble(*title_parts), right, short)


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


def timeline_title(day: Day | None) -> Content:
    return Content.assemble(("Timeline", "bold"), " · ", day_label(day))


def timeline_subtitle(country_name: str | None, filtered: bool) -> Content:
    if filtered and country_name:
        return Content.assemble(
            "only ", (safe_text(country_name, limit=40), "bold"), " · f shows all"
        )
    return Content("")


def pane_title(title: str, detail: str | None = None) -> Content:
    if not detail:
        return Content.styled(title, "bold")
    return Content.assemble((title, "bold"), " · ", safe_text(detail, limit=60))


# -- details (Rich Text: source links are Style(link=url) spans) -----------------------------

HEADING = RichStyle(bold=True, underline=True)
LABEL = RichStyle(bold=True)
MUTED = RichStyle(dim=True)
BOLD = RichStyle(bold=True)
WARNING = RichStyle(bold=True, color="yellow")
TENTATIVE = RichStyle(italic=True, dim=True)


def _t(value: object, *, limit: int | None = 2000) -> str:
    return safe_text(value, multiline=True, limit=limit)


def _line(text: Text, *parts: tuple[str, RichStyle | str] | str) -> None:
    for part in parts:
        if isinstance(part, tuple):
            text.append(part[0], part[1])
        else:
            text.append(part)
    text.append("\n")


def _field(text: Text, label: str, value: object) -> None:
    if value is None or value == "":
        return
    _line(text, (f"{label}: ", LABEL), _t(value))


def person_line(person: Person, *, role: str | None = None, position: str | None = None) -> Text:
    line = Text()
    if role:
        line.append(f"{safe_text(role)}: ", LABEL)
    if person.rank:
        line.append(_t(person.rank, limit=120) + " ")
    line.append(_t(person.name, limit=300), RichStyle(bold=True))
    if person.country_code:
        line.append(f" ({safe_text(person.country_code, limit=3)})", MUTED)
    extra = [p for p in (position or person.position, person.organization) if p]
    if extra:
        line.append("\n    " + "\n    ".join(_t(p, limit=400) for p in extra), MUTED)
    return line


def sources_block(text: Text, sources: Sequence[Source]) -> None:
    if not sources:
        _line(text, ("Sources: ", LABEL), ("none recorded", MUTED))
        return
    _line(text, ("Sources", HEADING))
    for number, source in enumerate(sources, 1):
        bits = [b for b in (source.publisher, source.title) if b]
        description = " — ".join(_t(b, limit=300) for b in bits) or "untitled"
        text.append(f"[{number}] ", LABEL)
        text.append(description)
        if source.published:
            text.append(f" ({source.published:%d %b %Y})", MUTED)
        if source.language:
            text.append(f" [{safe_text(source.language, limit=8)}]", MUTED)
        text.append("\n    ")
        url = safe_text(source.url, limit=2000)
        if is_web_url(url) and url == source.url:
            text.append(url, RichStyle(link=url, underline=True, color="bright_blue"))
        else:
            text.append(url, MUTED)
        text.append("\n")


def event_when(event: EventSummary, day: Day | None = None) -> str:
    if event.date is not None:
        when = f"{event.date:%A %d %B %Y}"
        if day is not None and day.number is not None:
            when += f" (Day {day.number})"
        return when
    if event.date_from or event.date_to:
        start = f"{event.date_from:%d %b %Y}" if event.date_from else "?"
        end = f"{event.date_to:%d %b %Y}" if event.date_to else "?"
        return f"not reported; between {start} and {end}"
    return "not reported"


def event_time(event: EventSummary) -> str:
    if event.start_time is not None:
        text = f"{event.start_time:%H:%M}"
        if event.end_time is not None:
            text += f"–{event.end_time:%H:%M}"
        if event.order is not None:
            text += f" (#{event.order} in {safe_text(event.order_scope or 'the day')})"
        return text
    if event.order is not None:
        scope = safe_text(event.order_scope, limit=300) if event.order_scope else "the day"
        return f"not reported; #{event.order} in {scope}"
    return "time not reported"


def event_details(detail: EventDetail, day: Day | None = None) -> Text:
    event = detail.event
    text = Text()
    title_style = TENTATIVE if is_tentative(event) else RichStyle(bold=True)
    _line(text, (_t(event.title, limit=1000), title_style))
    if is_tentative(event):
        _line(
            text,
            (f"{event.status.upper()}: ", RichStyle(bold=True, color="yellow")),
            ("reported as planned or not confirmed by the sources", MUTED),
        )
    text.append("\n")
    _field(text, "Date", event_when(event, day))
    _field(text, "Time", event_time(event))
    _field(text, "Kind", KIND_NAMES.get(event.kind) or safe_text(event.kind))
    _field(text, "Status", event.status)
    _field(text, "Location", event.location or "not reported")
    if event.countries:
        _field(text, "Countries", ", ".join(safe_text(c, limit=3) for c in event.countries))
    text.append("\n")
    if detail.participants:
        _line(text, ("Participants", HEADING))
        for participant in detail.participants:
            text.append_text(
                person_line(
                    participant.person, role=participant.role, position=participant.position
                )
            )
            if participant.note:
                text.append("\n    " + _t(participant.note, limit=600), MUTED)
            text.append("\n")
        text.append("\n")
    if detail.summary:
        _line(text, ("Summary", HEADING))
        _line(text, _t(detail.summary, limit=8000))
        text.append("\n")
    if detail.notes:
        _line(text, ("Notes", HEADING))
        _line(text, (_t(detail.notes, limit=8000), MUTED))
        text.append("\n")
    sources_block(text, detail.sources)
    return text


def _event_brief(text: Text, event: EventSummary) -> None:
    style = TENTATIVE if is_tentative(event) else RichStyle()
    text.append(f"  {time_label(event):>{TIME_WIDTH}} ", LABEL)
    text.append(f"{kind_label(event.kind)}: ", MUTED)
    if is_tentative(event):
        text.append(f"({safe_text(event.status)}) ", RichStyle(bold=True, color="yellow"))
    text.append(_t(event.title, limit=500), style)
    text.append("\n")


def country_details(detail: CountryDetail, days: dict[str, Day]) -> Text:
    summary = detail.summary
    country = summary.country
    text = Text()
    name = _t(country.name, limit=300)
    _line(
        text,
        (f"{safe_text(country.flag, limit=4)} ".lstrip(), ""),
        (name, RichStyle(bold=True)),
        (f" · {_t(country.name_id, limit=300)}" if country.name_id != country.name else "", ""),
        (f" ({safe_text(country.code, limit=3)})", MUTED),
        ("  host country" if summary.is_host else "", RichStyle(bold=True, color="yellow")),
    )
    counts = " · ".join(
        (
            count_words(summary.delegations, "delegation"),
            count_words(summary.events, "event"),
            count_words(summary.exhibitors, "exhibitor"),
        )
    )
    _line(text, (counts, MUTED))
    text.append("\n")
    delegation = detail.delegation
    if delegation is not None:
        kind = f" ({safe_text(delegation.kind)})" if delegation.kind else ""
        _line(text, (f"Delegation{kind}", HEADING))
        if delegation.head is not None:
            text.append_text(person_line(delegation.head, role="Head"))
            text.append("\n")
        else:
            _line(text, ("Head: ", LABEL), ("not reported", MUTED))
        if delegation.members:
            _line(text, ("Members", LABEL))
            for member in delegation.members:
                role = f"{_t(member.role, limit=80)}: " if member.role else ""
                _line(text, "  • ", (role, MUTED), _t(member.name, limit=400))
        text.append("\n")
    _line(text, ("Events", HEADING))
    if not detail.events:
        _line(text, ("  none recorded at this expo", MUTED))
    last_key: object = object()
    for event in detail.events:
        key = event.date.isoformat() if event.date else UNDATED
        if key != last_key:
            last_key = key
            day = days.get(key)
            label = day_label(day, long=True) if day else "Undated"
            _line(text, (label, LABEL))
        _event_brief(text, event)
    if detail.more_events:
        more = "  … more events: press f to show only this country on the timeline"
        _line(text, (more, MUTED))
    text.append("\n")
    if detail.exhibitors:
        _line(text, ("Exhibitors", HEADING))
        for exhibitor in detail.exhibitors:
            kind = f" ({safe_text(exhibitor.kind)})" if exhibitor.kind else ""
            _line(
                text, "  • ", (_t(exhibitor.name, limit=400), RichStyle(bold=True)), (kind, MUTED)
            )
            if exhibitor.notes:
                _line(text, ("    " + _t(exhibitor.notes, limit=1000), MUTED))
        text.append("\n")
    if delegation is not None and delegation.notes:
        _line(text, ("Notes", HEADING))
        _line(text, (_t(delegation.notes, limit=8000), MUTED))
        text.append("\n")
    head_id = delegation.head.id if delegation is not None and delegation.head else None
    people = [p for p in detail.people if p.id != head_id]
    if people:
        _line(text, ("Others at the expo's events", HEADING))
        for person in people:
            text.append_text(person_line(person))
            text.append("\n")
        text.append("\n")
    sources_block(text, detail.sources)
    return text


def figure_value(figure: Figure) -> str:
    """ "1,180 companies"; a value that is not a plain number is shown as reported."""
    value = safe_text(figure.value, limit=80)
    if figure.number is not None and value.replace(",", "").replace(".", "", 1).isdigit():
        number = figure.number
        value = f"{number:,.0f}" if number == int(number) else f"{number:,}"
    unit = safe_text(figure.unit, limit=40) if figure.unit else ""
    return f"{value} {unit}".strip()


def figure_groups(figures: Sequence[Figure]) -> list[list[Figure]]:
    """Figures that count the same thing, together, in first-seen order.

    Two figures count the same thing when their keys start with the same word and they share a
    unit ("companies-opening" and "companies-closing", both in companies), so reports that
    disagree (1,180 vs 1,182 companies) sit side by side.
    """
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        stem = figure.key.split("-", 1)[0].lower()
        groups.setdefault((stem, (figure.unit or "").lower()), []).append(figure)
    return list(groups.values())


def expo_overview(
    expo: Expo,
    host: Country | None,
    figures: Sequence[Figure],
    sources: Sequence[Source],
    days: Sequence[Day] = (),
) -> Text:
    """The details pane at launch (and on `o`): the expo, its published figures and sources."""
    text = Text()
    _line(text, (_t(expo.display_name, limit=300), BOLD))
    if expo.name and expo.name != expo.display_name:
        _line(text, (_t(expo.name, limit=300), MUTED))
    span = (expo.end_date - expo.start_date).days + 1
    when = f"{date_span(expo.start_date, expo.end_date)} ({count_words(span, 'day')})"
    if expo.edition:
        when = f"{_t(expo.edition, limit=40)} edition · {when}"
    _line(text, (when, ""))
    text.append("\n")
    _field(text, "Venue", expo.venue)
    _field(text, "City", expo.city)
    if host is not None:
        _line(
            text,
            ("Country: ", LABEL),
            f"{safe_text(host.flag, limit=4)} {safe_text(host.name, limit=120)}".strip(),
            (" (host country)", MUTED),
        )
    _field(text, "Organiser", expo.organizer)
    _field(text, "Theme", expo.theme)
    dated = [d for d in days if d.date is not None]
    if days:
        events = sum(d.events for d in days)
        shown = [d for d in dated if d.phase == "expo"]
        _line(
            text,
            ("Timeline: ", LABEL),
            (
                f"{count_words(events, 'event')} on {count_words(len(dated), 'date')}"
                f" ({len(shown)} show days)",
                "",
            ),
        )
    if expo.notes:
        text.append("\n")
        _line(text, ("Notes", HEADING))
        _line(text, (_t(expo.notes, limit=8000), MUTED))
    text.append("\n")
    # every source once, numbered: the figures cite them by number
    numbered: dict[int, int] = {}
    ordered: list[Source] = []
    for source in (*sources, *(s for f in figures for s in f.sources)):
        if source.id not in numbered:
            numbered[source.id] = len(ordered) + 1
            ordered.append(source)
    _line(
        text, (f"Published figures ({len(figures)})" if figures else "Published figures", HEADING)
    )
    if not figures:
        _line(text, ("  none recorded", MUTED))
    for group in figure_groups(figures):
        values = [figure_value(f) for f in group]
        if len(set(values)) > 1:
            unit = safe_text(group[0].unit, limit=40) if group[0].unit else ""
            bare = [v[: -len(unit)].strip() if unit and v.endswith(unit) else v for v in values]
            _line(
                text,
                ("≠ ", WARNING),
                (" vs ".join(bare) + (f" {unit}" if unit else ""), WARNING),
                ("  sources disagree", MUTED),
            )
        for figure in group:
            _line(
                text,
                ("• ", MUTED),
                (figure_value(figure), BOLD),
                " · ",
                _t(figure.metric, limit=300),
            )
            if figure.note or figure.sources:
                text.append("  ")
            if figure.note:
                text.append(_t(figure.note, limit=1000) + " ", MUTED)
            for index, source in enumerate(figure.sources):
                text.append(" · " if index else "", MUTED)
                name = _t(source.publisher or source.title or source.url, limit=80)
                text.append(f"[{numbered[source.id]}] ", MUTED)
                url = source.url
                link = url if is_web_url(url) and url == safe_text(url, limit=2000) else None
                text.append(name, RichStyle(link=link, dim=True) if link else MUTED)
            if figure.note or figure.sources:
                text.append("\n")
    text.append("\n")
    sources_block(text, ordered)
    text.append("\n")
    _line(text, ("j/k in Countries picks a country · o comes back here", MUTED))
    return text


def person_details(person: Person) -> Text:
    text = Text()
    text.append_text(person_line(person))
    text.append("\n")
    if person.variants:
        _field(text, "Also written", ", ".join(_t(v, limit=200) for v in person.variants))
    return text


def message_text(message: str) -> Text:
    return Text(safe_text(message, multiline=True, limit=2000), style=MUTED)


# -- palette ---------------------------------------------------------------------------------

HIT_KINDS = {
    "country": "Country",
    "person": "Person",
    "organization": "Organisation",
    "exhibitor": "Exhibitor",
    "event": "Event",
}


def hit_display(hit: SearchHit) -> Content:
    kind = HIT_KINDS.get(hit.kind, safe_text(hit.kind, limit=20))
    return Content.assemble((f"{kind}: ", "bold"), safe_text(hit.label, limit=200))


def hit_help(hit: SearchHit) -> Content | None:
    bits = [safe_text(b, limit=200) for b in (hit.detail, hit.country_code) if b]
    return Content(" · ".join(bits)) if bits else None


def plain_lines(items: Iterable[str]) -> Content:
    return Content("\n".join(safe_text(i) for i in items))
