"""What a record must satisfy before the writer stores it; each failure is a DataError naming
the record and the field, and the whole write is rolled back.

The readers check their own formats (a date that does not parse, a missing column); these are
the store's rules, the same whichever reader or caller produced the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set

from ..observations import OBSERVATION_KIND, SOURCE_KINDS, is_observation_id, observation_id
from ..records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    PERSON_KINDS,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    PersonRecord,
    SourceRecord,
    date_problem,
    order_problem,
    slug_problem,
    span_problem,
)
from .errors import DataError


def choice(value: str, allowed: tuple[str, ...], where: str) -> str:
    if value not in allowed:
        raise DataError(f"{where}: {value!r} is not one of {', '.join(allowed)}.")
    return value


def known_country(code: str | None, known: Set[str], where: str) -> str | None:
    """`code` if it is a country the store knows (None stays None)."""
    if code is None:
        return None
    if code not in known:
        raise DataError(f"{where}: unknown country code {code!r}.")
    return code


def check_expo(expo: ExpoRecord) -> None:
    problem = slug_problem(expo.slug)
    if problem:
        raise DataError(f"expo, field slug: {problem}.")
    where = f"expo {expo.slug!r}"
    _check_dates(where, start_date=expo.start_date, end_date=expo.end_date)
    problem = span_problem(expo.start_date, expo.end_date)
    if problem:
        raise DataError(f"{where}, field end_date: {problem}.")


def _check_dates(where: str, **dates: dt.date | None) -> None:
    """Each date given must be plausible for an expo (records.date_problem)."""
    for field, value in dates.items():
        problem = date_problem(value) if value is not None else None
        if problem:
            raise DataError(f"{where}, field {field}: {problem}.")


def check_source(source: SourceRecord) -> None:
    """A URL source is not an observation; an observation says who and when, and is keyed by
    the identifier those make (observations.py), so the same observation is one source."""
    where = f"source {source.url[:80]!r}"
    choice(source.kind, SOURCE_KINDS, f"{where}, field kind")
    if source.kind != OBSERVATION_KIND:
        if is_observation_id(source.url) or source.observer or source.observed:
            raise DataError(f"{where}: an observer and a day belong to an observation only.")
        return
    if not source.observer or not source.observer.strip() or source.observed is None:
        raise DataError(f"{where}: an observation needs who observed (observer) and when.")
    _check_dates(where, observed=source.observed)
    try:
        expected = observation_id(source.observer, source.observed, source.observed_time)
    except ValueError as error:
        raise DataError(f"{where}, field observer: {error}.") from None
    if source.url != expected:
        raise DataError(f"{where}: an observation by them then is keyed {expected!r}.")


def check_person(person: PersonRecord, countries: Set[str]) -> str | None:
    """Validate one person; returns its country code."""
    where = f"person {person.key!r}"
    if not person.key or not person.name:
        raise DataError(f"{where}: key and name are required.")
    choice(person.kind, PERSON_KINDS, f"{where}, field kind")
    return known_country(person.country, countries, f"{where}, field country")


def check_event(event: EventRecord) -> None:
    """Validate one event's own fields (its participants and sources are checked as they are
    linked)."""
    where = f"event {event.key!r}"
    if not event.key:
        raise DataError("event: key is required.")
    if not event.title:
        raise DataError(f"{where}, field title: a title is required.")
    choice(event.kind, EVENT_KINDS, f"{where}, field kind")
    choice(event.status, EVENT_STATUSES, f"{where}, field status")
    if event.date is not None and (event.date_from or event.date_to):
        raise DataError(f"{where}, field date_range: give a date or a range, not both.")
    if event.date_from and event.date_to and event.date_to < event.date_from:
        raise DataError(f"{where}, field date_range: the range ends before it starts.")
    if event.end_time and not event.start_time:
        raise DataError(f"{where}, field end_time: an end time needs a start time.")
    if event.order is not None and (problem := order_problem(event.order)):
        raise DataError(f"{where}, field order: {problem}.")
    _check_dates(where, date=event.date, date_from=event.date_from, date_to=event.date_to)


def check_exhibitor(exhibitor: ExhibitorRecord) -> None:
    if not exhibitor.name:
        raise DataError("exhibitor: a name is required.")


def check_figure(figure: FigureRecord) -> None:
    if not figure.key or not figure.metric or figure.value in (None, ""):
        raise DataError(f"figure {figure.key!r}: key, metric and value are required.")


def check_bundle(bundle: ExpoBundle, countries: Set[str]) -> None:
    """Every record's own rules, as the writer checks them one by one while it writes: run
    before anything is written, so that a bad record is found before the first write."""
    check_expo(bundle.expo)
    known_country(bundle.expo.country, countries, f"expo {bundle.expo.slug!r}, field country")
    for person in bundle.people:
        check_person(person, countries)
    for event in bundle.events:
        check_event(event)
        for n, participant in enumerate(event.participants, start=1):
            where = f"event {event.key!r}, participant {n}, field role"
            choice(participant.role, PARTICIPANT_ROLES, where)
    for delegation in bundle.delegations:
        known_country(delegation.country, countries, f"delegation {delegation.country!r}")
    for exhibitor in bundle.exhibitors:
        check_exhibitor(exhibitor)
        known_country(exhibitor.country, countries, f"exhibitor {exhibitor.name!r}, field country")
    for figure in bundle.figures:
        check_figure(figure)
