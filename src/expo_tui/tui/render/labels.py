"""Labels: the words and numbers the explorer puts in titles, headers, rows and the palette."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from textual.content import Content

from ...store.models import Day, EventSummary, Expo, Facets, SearchHit
from .text import safe_text


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


def count_words(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {plural or word + 's'}"


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


def clock(time: dt.time, day_change: dt.time | None = None) -> str:
    """A clock time as schedules print it: "09:30"; a time before the schedule's day change
    is "24:30" (listed under its day, it happens after that day's midnight)."""
    if day_change is not None and time < day_change:
        return f"{time.hour + 24:02d}:{time:%M}"
    return f"{time:%H:%M}"


def time_label(event: EventSummary, day_change: dt.time | None = None) -> str:
    """Clock time, else "#n" within its host's chain, else an em dash (not reported)."""
    if event.start_time is not None:
        return clock(event.start_time, day_change)
    if event.order is not None:
        return f"#{event.order}"
    return "—"


def is_tentative(event: EventSummary) -> bool:
    return event.status in ("planned", "unconfirmed")


def timeline_title(day: Day | None, zone: str | None = None) -> Content:
    """ "Timeline · Day 2 · Thu 12 Jun · WIB": the day, and the clock times are shown on."""
    parts: list[str | tuple[str, str]] = [("Timeline", "bold"), " · ", day_label(day)]
    if zone:
        parts += [" · ", (safe_text(zone, limit=8), "$text-muted")]
    return Content.assemble(*parts)


def shown_count(count: int, more: bool, word: str, plural: str | None = None) -> str:
    """How many rows a filtered pane shows: "3 events", "200+ events" (more pages follow)."""
    return count_words(count, word, plural) if not more else f"{count:,}+ {plural or word + 's'}"


def timeline_subtitle(
    country_name: str | None,
    filtered: bool,
    shown: tuple[int, bool] | None = None,
    facets: str = "",
) -> Content:
    count = f" · {shown_count(*shown, 'event')}" if shown is not None else ""
    if filtered and country_name:
        parts: list[str | tuple[str, str]] = ["only ", (safe_text(country_name, limit=40), "bold")]
        if facets:
            parts += [" · ", (facets, "bold")]
        return Content.assemble(*parts, count, " · f shows all")
    if facets:
        return Content.assemble("only ", (facets, "bold"), count, " · F changes")
    return Content("")


def pane_title(title: str, detail: str | None = None) -> Content:
    if not detail:
        return Content.styled(title, "bold")
    return Content.assemble((title, "bold"), " · ", safe_text(detail, limit=60))


HIT_KINDS = {
    "country": "Country",
    "person": "Person",
    "organization": "Organisation",
    "exhibitor": "Exhibitor",
    "event": "Event",
}


def hit_display(hit: SearchHit) -> Content:
    kind = HIT_KINDS.get(hit.kind, safe_text(hit.kind, limit=20))
    if hit.annotated:  # found by the user's own note or tags
        return Content.assemble(
            ("Your note · ", "bold italic"), (f"{kind}: ", "bold"), safe_text(hit.label, limit=200)
        )
    return Content.assemble((f"{kind}: ", "bold"), safe_text(hit.label, limit=200))


def hit_help(hit: SearchHit) -> Content | None:
    bits = [safe_text(b, limit=200) for b in (hit.detail, hit.country_code) if b]
    return Content(" · ".join(bits)) if bits else None


def plain_lines(items: Iterable[str]) -> Content:
    return Content("\n".join(safe_text(i) for i in items))


def facet_words(facets: Facets) -> str:
    """The facets in a few words: "MoU, bilateral · planned · ASEAN" ("" when none)."""
    parts = []
    if facets.kinds:
        parts.append(", ".join(kind_label(k) for k in sorted(facets.kinds)))
    if facets.statuses:
        parts.append(", ".join(sorted(facets.statuses)))
    if facets.group:
        from ...country_groups import group_by_key

        group = group_by_key(facets.group)
        parts.append(group.name if group else safe_text(facets.group, limit=20))
    return " · ".join(parts)
