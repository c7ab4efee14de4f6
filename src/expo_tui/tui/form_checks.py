"""What the event and person forms accept, checked before anything is written.

The forms hand over what was typed, as text (`EventDraft`, `PersonDraft`); `check_event` and
`check_person` either make the records the store's writer takes, or raise `FormProblems` with
one plain sentence per field ("Day: 'Juni 40' is not a date…"). Days are read as the CLI
reads them (`selectors.day_key`: `2`, `12 Juni 2025`, `2025-06-12`), times as the readers do
(`ingest.dates.parse_time`), countries by name or code (`countries.resolve_country`).

Text is refused rather than changed when it holds what a terminal or a file would act on
(control characters, escape sequences, direction overrides: whatever `sanitize.clean` would
change), or when it is longer than any real value; markup-like text (`[b]`) is kept as it is
and is only ever shown as text. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..countries import resolve_country
from ..observations import MAX_OBSERVER, OBSERVATION_KIND, observation_id, observer_slug
from ..records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    EventRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
    date_problem,
)
from ..sanitize import clean, is_web_url
from ..selectors import SelectorError, day_key
from ..store.models import UNDATED, Expo

LIMITS = {
    "title": 300,
    "summary": 4000,
    "location": 300,
    "name": 200,
    "rank": 120,
    "position": 300,
    "url": 2000,
    "observer": MAX_OBSERVER,
    "variant": 200,
}
MAX_PARTICIPANTS = 60
MAX_VARIANTS = 40


class FormProblems(ValueError):
    """What is wrong with a form, field by field, in plain words."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__(" ".join(problems.values()))


@dataclass(frozen=True)
class ParticipantDraft:
    """A participant as the form holds it: a person of the store (`key`), or a new one."""

    name: str
    role: str = "attendee"
    key: str | None = None  # None: a new person, made from the fields below
    rank: str = ""
    position: str = ""
    country: str = ""  # a name or code, for a new person


@dataclass(frozen=True)
class EventDraft:
    day: str = ""
    time: str = ""
    kind: str = "other"
    status: str = "happened"
    title: str = ""
    summary: str = ""
    location: str = ""
    participants: tuple[ParticipantDraft, ...] = ()
    source_kind: str = OBSERVATION_KIND  # "url" or "observation": the new source, if any
    url: str = ""
    observer: str = ""
    observed_day: str = ""  # empty: the event's day
    observed_time: str = ""
    kept_sources: tuple[str, ...] = ()  # an edited event's sources that stay cited
    key: str = ""  # empty for a new event
    base: EventRecord | None = None  # the stored event being edited


@dataclass(frozen=True)
class CheckedEvent:
    event: EventRecord
    people: tuple[PersonRecord, ...] = ()
    sources: tuple[SourceRecord, ...] = field(default=())


def text_problem(label: str, value: str, limit: int, *, required: bool = False) -> str | None:
    """Why `value` cannot be stored as the field `label`, or None."""
    if not value.strip():
        return f"{label}: required." if required else None
    if clean(value) != value:
        return f"{label}: holds a control character, line break or direction mark; type plain text."
    if len(value) > limit:
        return f"{label}: {len(value):,} characters, at most {limit:,}."
    return None


def _text(problems: dict[str, str], name: str, label: str, value: str, **kw: bool) -> str | None:
    problem = text_problem(label, value, LIMITS.get(name, 300), **kw)
    if problem:
        problems.setdefault(name, problem)
        return None
    return value.strip() or None


def _day(expo: Expo, text: str, label: str) -> tuple[dt.date | None, str | None]:
    """A day as the CLI reads it; (date or None for undated, problem)."""
    if not text.strip():
        return None, f"{label}: required (a day number such as 2, or a date: 12 Juni 2025)."
    if clean(text) != text or len(text) > 100:
        return None, f"{label}: type a day number or a date."
    try:
        key = day_key(expo, text)
    except SelectorError as error:
        return None, f"{label}: {clean(str(error), limit=200)}"
    if key is None:
        return None, f"{label}: one day, not all days."
    if key == UNDATED:
        return None, None
    day = dt.date.fromisoformat(key)
    problem = date_problem(day)
    return (None, f"{label}: {problem}.") if problem else (day, None)


def _time(text: str, label: str) -> tuple[dt.time | None, str | None]:
    if not text.strip():
        return None, None
    if clean(text) != text or len(text) > 40:
        return None, f"{label}: type a time such as 10:30."
    from ..ingest.dates import DateParseError, parse_time

    try:
        value = parse_time(text)
    except DateParseError as error:
        return None, f"{label}: {clean(str(error), limit=200)}"
    return value.replace(second=0, microsecond=0, tzinfo=None), None


def check_event(expo: Expo, draft: EventDraft) -> CheckedEvent:
    """The records `draft` makes, or FormProblems saying what to fix."""
    problems: dict[str, str] = {}
    day, problem = _day(expo, draft.day, "Day")
    if problem:
        problems["day"] = problem
    if draft.day.strip() and day is None and not problem and draft.time.strip():
        problems["time"] = "Time: an undated event has no time."
    start, problem = _time(draft.time, "Time")
    if problem:
        problems["time"] = problem
    if draft.kind not in EVENT_KINDS:
        problems["kind"] = "Kind: choose one from the list."
    if draft.status not in EVENT_STATUSES:
        problems["status"] = "Status: choose one from the list."
    title = _text(problems, "title", "Title", draft.title, required=True)
    summary = _text(problems, "summary", "Summary", draft.summary)
    location = _text(problems, "location", "Place", draft.location)
    before = {p.person: p for p in draft.base.participants} if draft.base else {}
    participants, people = _participants(draft.participants, problems, before)
    sources = _new_source(expo, draft, day, problems)
    cited = tuple(dict.fromkeys([*draft.kept_sources, *(s.url for s in sources)]))
    if not cited and "source" not in problems:
        problems["source"] = "Source: give a URL, or your own observation (who and when)."
    if problems:
        raise FormProblems(problems)
    base = draft.base or EventRecord(key="", title="")
    moved = base.date != day
    event = EventRecord(
        key=draft.key,
        title=title or "",
        kind=draft.kind,
        status=draft.status,
        date=day,
        date_from=None if moved or day else base.date_from,
        date_to=None if moved or day else base.date_to,
        start_time=start,
        end_time=None if moved or start is None else base.end_time,
        order=None if moved else base.order,
        order_scope=None if moved else base.order_scope,
        location=location,
        track=base.track,
        summary=summary,
        notes=base.notes,
        participants=participants,
        sources=cited,
    )
    return CheckedEvent(event, people, sources)


def _participants(
    drafts: tuple[ParticipantDraft, ...],
    problems: dict[str, str],
    before: dict[str, ParticipantRecord],
) -> tuple[tuple[ParticipantRecord, ...], tuple[PersonRecord, ...]]:
    """The participants, each keeping what the stored event said of them that the form does
    not show (the position held at this event, a note)."""
    if len(drafts) > MAX_PARTICIPANTS:
        problems["participants"] = f"Participants: at most {MAX_PARTICIPANTS}."
        return (), ()
    participants: list[ParticipantRecord] = []
    people: list[PersonRecord] = []
    seen: set[str] = set()
    for number, draft in enumerate(drafts, 1):
        label = f"Participant {number}"
        if draft.role not in PARTICIPANT_ROLES:
            problems.setdefault("participants", f"{label}: choose a role from the list.")
            continue
        if draft.key is not None:
            key = draft.key
        else:
            person = _new_person(draft, label, problems)
            if person is None:
                continue
            key = person.key
            people.append(person)
        if key in seen:
            problems.setdefault("participants", f"{label}: named twice.")
            continue
        seen.add(key)
        stored = before.get(key)
        participants.append(
            ParticipantRecord(
                person=key,
                role=draft.role,
                position=stored.position if stored else None,
                note=stored.note if stored else None,
            )
        )
    return tuple(participants), tuple(people)


def _new_person(
    draft: ParticipantDraft, label: str, problems: dict[str, str]
) -> PersonRecord | None:
    found: dict[str, str] = {}
    name = _text(found, "name", f"{label}, name", draft.name, required=True)
    rank = _text(found, "rank", f"{label}, rank", draft.rank)
    position = _text(found, "position", f"{label}, position", draft.position)
    country = None
    if draft.country.strip():
        if clean(draft.country) != draft.country or len(draft.country) > 100:
            found["country"] = f"{label}, country: type a country's name or code."
        else:
            country = resolve_country(draft.country.strip())
            if country is None:
                shown = clean(draft.country.strip(), limit=60)
                found["country"] = f"{label}, country: {shown!r} is not a country expo-tui knows."
    if name is not None and not observer_slug(name):
        found["name"] = f"{label}, name: needs a letter or a digit."
    if found:
        problems.setdefault("participants", next(iter(found.values())))
        return None
    assert name is not None
    # A placeholder key: the store gives the new person a free key made from the name.
    return PersonRecord(key=f"new:{name}", name=name, rank=rank, position=position, country=country)


def _new_source(
    expo: Expo, draft: EventDraft, day: dt.date | None, problems: dict[str, str]
) -> tuple[SourceRecord, ...]:
    if draft.source_kind != OBSERVATION_KIND:
        url = draft.url.strip()
        if not url:
            return ()
        if text_problem("Source URL", draft.url, LIMITS["url"]) or not is_web_url(url):
            problems["source"] = "Source URL: an http:// or https:// address with a host."
            return ()
        return (SourceRecord(url=url),)
    if not draft.observer.strip():
        if draft.observed_day.strip() or draft.observed_time.strip():
            problems["source"] = "Observed by: who saw it (your name)."
        return ()
    observer = _text(problems, "source", "Observed by", draft.observer)
    if observer is None:
        return ()
    if not observer_slug(observer):
        problems["source"] = "Observed by: a name needs a letter or a digit."
        return ()
    if draft.observed_day.strip():
        observed, problem = _day(expo, draft.observed_day, "Observed on")
    else:
        observed, problem = day, None
    if problem is None and observed is None:
        problem = "Observed on: the day you saw it (the event's day is not known)."
    when, time_problem = _time(draft.observed_time, "Observed at")
    if problem or time_problem:
        problems["source"] = problem or time_problem or ""
        return ()
    assert observed is not None
    return (
        SourceRecord(
            url=observation_id(observer, observed, when),
            kind=OBSERVATION_KIND,
            observer=observer,
            observed=observed,
            observed_time=when,
        ),
    )


@dataclass(frozen=True)
class PersonDraft:
    rank: str = ""
    position: str = ""
    variants: str = ""  # other spellings, separated by ";" or new lines


def check_person(draft: PersonDraft) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(rank, position, variants) from `draft`, or FormProblems."""
    problems: dict[str, str] = {}
    rank = _text(problems, "rank", "Rank", draft.rank)
    position = _text(problems, "position", "Position", draft.position)
    variants: list[str] = []
    for part in draft.variants.split(";"):
        if not part.strip():
            continue
        value = _text(problems, "variants", "Other spellings", part)
        if value is not None and value not in variants:
            variants.append(value)
    if len(variants) > MAX_VARIANTS:
        problems["variants"] = f"Other spellings: at most {MAX_VARIANTS}."
    if problems:
        raise FormProblems(problems)
    return rank, position, tuple(sorted(variants))
