"""The details pane's text: a country's delegation, people, events and exhibitors; an event's
participants, summary and notes; the expo overview; always with the sources.

Rich `Text`, because source links are `Style(link=url)` spans. Built in the worker that read
the data and cut into lines there (`prepare`), so the UI thread only wraps what it paints.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style as RichStyle
from rich.text import Text

from ...observations import observation_of
from ...store.models import (
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
    Source,
    figure_groups,
)
from .bars import bar_chart
from .clock import EXPO_CLOCK, Clock
from .labels import (
    KIND_NAMES,
    count_words,
    date_span,
    day_label,
    is_tentative,
    kind_label,
    time_label,
)
from .rows import TIME_WIDTH
from .text import is_web_url, safe_text


@dataclass(frozen=True)
class PreparedText:
    """Details text cut into its lines, ready to show. Built in the worker that loaded the
    data (cutting a busy country's text costs a few ms), so the UI thread only converts and
    wraps the lines it paints."""

    text: Text
    paragraphs: tuple[Text, ...]
    widths: tuple[int, ...]  # each line's width in cells (the pane estimates its height)
    hangs: tuple[int, ...] = ()  # where each line's wrapped continuation starts (cells)
    one_line: tuple[bool, ...] = ()  # lines shortened in the middle, never wrapped (URLs)


_BULLET = re.compile(r"(?:• |\[\d+\] |[A-Z][\w ()/-]{0,22}: )")


def hang(line: str) -> int:
    """Where a wrapped line's continuation starts: under the text after its indent, a bullet
    ("• ", "[2] ") or a field label ("Organiser: "), so lists and fields read as such."""
    indent = len(line) - len(line.lstrip(" "))
    found = _BULLET.match(line, indent)
    return found.end() if found else indent


def is_url_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith(("http://", "https://")) and " " not in stripped


def prepare(text: Text) -> PreparedText:
    if not text.plain:
        return PreparedText(text, (), ())
    lines = list(text.split("\n", allow_blank=True))
    if text.plain.endswith("\n"):
        lines = lines[:-1]  # as Content.split: a final newline ends a line, it starts none
    plain = [line.plain for line in lines]
    return PreparedText(
        text,
        tuple(lines),
        tuple(line.cell_len for line in lines),
        tuple(hang(line) for line in plain),
        tuple(is_url_line(line) for line in plain),
    )


HEADING = RichStyle(bold=True, underline=True)
LABEL = RichStyle(bold=True)
MUTED = RichStyle(dim=True)
BOLD = RichStyle(bold=True)
ITALIC = RichStyle(italic=True)
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


def _described_by(name: str, position: str | None, organization: str | None) -> list[str]:
    """The position and organisation worth a line: not a repeat of the name (a company that
    signs in its own name), not an organisation the position already names."""
    said = name.casefold()
    if position and position.casefold() == said:
        position = None
    if organization and (
        organization.casefold() == said
        or (position and organization.casefold() in position.casefold())
    ):
        organization = None
    return [p for p in (position, organization) if p]


def person_line(person: Person, *, role: str | None = None, position: str | None = None) -> Text:
    line = Text()
    if role:
        line.append(f"{safe_text(role)}: ", LABEL)
    if person.rank:
        line.append(_t(person.rank, limit=120) + " ")
    line.append(_t(person.name, limit=300), RichStyle(bold=True))
    if person.country_code:
        line.append(f" ({safe_text(person.country_code, limit=3)})", MUTED)
    extra = _described_by(person.name, position or person.position, person.organization)
    if extra:
        line.append("\n    " + "\n    ".join(_t(p, limit=400) for p in extra), MUTED)
    return line


def sources_block(text: Text, sources: Sequence[Source]) -> None:
    if not sources:
        _line(text, ("Sources: ", LABEL), ("none recorded", MUTED))
        return
    _line(text, ("Sources", HEADING))
    for number, source in enumerate(sources, 1):
        observation = observation_of(source)
        if observation is not None:  # the user's own: no link, who and when
            text.append(f"[{number}] ", LABEL)
            text.append(_t(observation, limit=300), ITALIC)
            text.append("\n")
            continue
        bits = [b for b in (source.publisher, source.title) if b]
        description = " — ".join(_t(b, limit=300) for b in bits) or "untitled"
        text.append(f"[{number}] ", LABEL)
        text.append(description)
        if source.published:
            text.append(f" ({source.published:%d %b %Y})", MUTED)
        if source.language:
            text.append(f" [{safe_text(source.language, limit=8)}]", MUTED)
        text.append("\n    ")
        if is_web_url(source.url):  # only a URL shown exactly as it is becomes a link
            url = source.url
            text.append(url, RichStyle(link=url, underline=True, color="bright_blue"))
        else:
            text.append(safe_text(source.url, limit=2000), MUTED)
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


def event_time(event: EventSummary, clock: Clock = EXPO_CLOCK, expo: Expo | None = None) -> str:
    """ "09:00–10:00 WIB", or on another clock "02:00–03:00 UTC (09:00 WIB)"."""
    if event.start_time is not None:
        text = f"{event.start_time:%H:%M}"
        if event.end_time is not None:
            text += f"–{event.end_time:%H:%M}"
        if expo is not None:
            text += f" {EXPO_CLOCK.abbreviation(expo, event.date)}"
            if clock.mode != "expo" and event.date is not None:
                shown = clock.label(expo, event.date, event.start_time)
                if event.end_time is not None:
                    shown += f"–{clock.label(expo, event.date, event.end_time)}"
                text = f"{shown} {clock.abbreviation(expo, event.date)} ({text})"
        if event.order is not None:
            text += f" (#{event.order} in {safe_text(event.order_scope or 'the day')})"
        return text
    if event.order is not None:
        scope = safe_text(event.order_scope, limit=300) if event.order_scope else "the day"
        return f"not reported; #{event.order} in {scope}"
    return "time not reported"


def event_details(
    detail: EventDetail,
    day: Day | None = None,
    clock: Clock = EXPO_CLOCK,
    expo: Expo | None = None,
) -> Text:
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
    _field(text, "Time", event_time(event, clock, expo))
    if event.clash:
        _line(
            text,
            ("Overlap: ", WARNING),
            (
                "a participant is in another event at the same time, or in another city that day "
                "(expo-tui check --overlaps lists them)",
                MUTED,
            ),
        )
    _field(text, "Kind", KIND_NAMES.get(event.kind) or safe_text(event.kind))
    _field(text, "Status", event.status)
    _field(text, "Location", event.location or "not reported")
    if event.track:
        _field(text, "Track", event.track)
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


def expo_overview(
    expo: Expo,
    host: Country | None,
    figures: Sequence[Figure],
    sources: Sequence[Source],
    days: Sequence[Day] = (),
    countries: Sequence[CountrySummary] = (),
) -> Text:
    """The details pane at launch (and on `o`): the expo, its events per day and per country as
    bar charts, its published figures and sources."""
    text = Text()
    _line(text, (_t(expo.display_name, limit=300), BOLD))
    if expo.name and expo.name != expo.display_name:
        _line(text, (_t(expo.name, limit=300), MUTED))
    when = f"{date_span(expo.start_date, expo.end_date)} ({count_words(expo.span_days, 'day')})"
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
                f" ({count_words(len(shown), 'show day')})",
                "",
            ),
        )
    if expo.notes:
        text.append("\n")
        _line(text, ("Notes", HEADING))
        _line(text, (_t(expo.notes, limit=8000), MUTED))
    if any(d.events for d in days):
        text.append("\n")
        _line(text, ("Events per day", HEADING))
        bar_chart(text, [(day_label(d), d.events) for d in days if d.events])
    if any(c.events for c in countries):
        text.append("\n")
        _line(text, ("Events per country (most first)", HEADING))
        bar_chart(text, [(c.country.name, c.events) for c in countries if c.events])
    text.append("\n")
    # every source once, numbered: the figures cite them by number
    ordered = overview_sources(figures, sources)
    numbered = {source.id: number for number, source in enumerate(ordered, 1)}
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
                name = _t(
                    observation_of(source) or source.publisher or source.title or source.url,
                    limit=80,
                )
                text.append(f"[{numbered[source.id]}] ", MUTED)
                link = source.url if is_web_url(source.url) else None
                text.append(name, RichStyle(link=link, dim=True) if link else MUTED)
            if figure.note or figure.sources:
                text.append("\n")
    text.append("\n")
    sources_block(text, ordered)
    text.append("\n")
    _line(text, ("j/k move through a list · enter opens · o comes back here", MUTED))
    return text


def overview_sources(figures: Sequence[Figure], sources: Sequence[Source]) -> tuple[Source, ...]:
    """The overview's sources, numbered in this order: the expo's, then the figures', once."""
    seen: dict[int, Source] = {}
    for source in (*sources, *(s for f in figures for s in f.sources)):
        seen.setdefault(source.id, source)
    return tuple(seen.values())


def person_details(person: Person) -> Text:
    text = Text()
    text.append_text(person_line(person))
    text.append("\n")
    if person.variants:
        _field(text, "Also written", ", ".join(_t(v, limit=200) for v in person.variants))
    return text


def message_text(message: str) -> Text:
    return Text(safe_text(message, multiline=True, limit=2000), style=MUTED)
