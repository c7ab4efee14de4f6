"""Property tests: export json -> import -> export gives the same document; export ics parses
back with the same events and the same text."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expo_tui.export import ics as ics_export
from expo_tui.export import json as json_export
from expo_tui.export.collect import Selection
from expo_tui.export.ics import ics_text
from expo_tui.ingest.ics_format import _x_text
from expo_tui.ingest.project_format import read_file
from expo_tui.records import (
    EVENT_KINDS,
    EVENT_STATUSES,
    PARTICIPANT_ROLES,
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from expo_tui.store import open_store

# Any text a file can hold: no lone surrogate and no NUL, which every reader refuses.
TEXT = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=25
)
SLUGS = st.from_regex(r"[^\W_][\w.-]{0,15}", fullmatch=True)  # records.SLUG_RE
MAYBE = st.none() | TEXT
COUNTRIES = st.sampled_from(("IDN", "IRN", "RUS", "CAN", "KOR", "TLS", "USA"))
DATES = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))
TIMES = st.builds(dt.time, st.integers(0, 23), st.integers(0, 59))


@st.composite
def bundles(draw: st.DrawFn) -> ExpoBundle:
    urls = draw(
        st.lists(
            st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9?=&%]{0,12}", fullmatch=True),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    sources = tuple(
        SourceRecord(
            url=u,
            publisher=draw(MAYBE),
            title=draw(MAYBE),
            language=draw(st.none() | st.sampled_from(("id", "en"))),
            published=draw(st.none() | DATES),
        )
        for u in urls
    )
    cite = st.lists(st.sampled_from(urls), max_size=3, unique=True).map(tuple)
    keys = draw(st.lists(TEXT, min_size=1, max_size=5, unique=True))
    people = tuple(
        PersonRecord(
            key=k,
            name=draw(TEXT),
            kind=draw(st.sampled_from(("person", "group"))),
            variants=tuple(draw(st.lists(TEXT, max_size=2))),
            rank=draw(MAYBE),
            position=draw(MAYBE),
            organization=draw(MAYBE),
            country=draw(st.none() | COUNTRIES),
        )
        for k in keys
    )
    events = []
    for key in draw(st.lists(TEXT, min_size=1, max_size=6, unique=True)):
        dated = draw(st.sampled_from(("date", "range", "none")))
        start = draw(st.none() | TIMES) if dated == "date" else None
        date_from = draw(DATES) if dated == "range" else None
        events.append(
            EventRecord(
                key=key,
                title=draw(TEXT),
                kind=draw(st.sampled_from(EVENT_KINDS)),
                status=draw(st.sampled_from(EVENT_STATUSES)),
                date=draw(DATES) if dated == "date" else None,
                date_from=date_from,
                date_to=date_from + dt.timedelta(days=draw(st.integers(0, 5)))
                if date_from
                else None,
                start_time=start,
                end_time=draw(st.none() | TIMES) if start else None,
                order=draw(st.none() | st.integers(1, 9)),
                order_scope=draw(MAYBE),
                location=draw(MAYBE),
                summary=draw(MAYBE),
                notes=draw(MAYBE),
                participants=tuple(
                    ParticipantRecord(
                        person=p,
                        role=draw(st.sampled_from(PARTICIPANT_ROLES)),
                        position=draw(MAYBE),
                        note=draw(MAYBE),
                    )
                    for p in draw(st.lists(st.sampled_from(keys), max_size=3))
                ),
                sources=draw(cite),
            )
        )
    delegations = tuple(
        DelegationRecord(
            country=c,
            kind=draw(MAYBE),
            head=draw(st.none() | st.sampled_from(keys)),
            members=tuple(
                MemberRecord(
                    name=draw(TEXT),
                    role=draw(MAYBE),
                    person=draw(st.none() | st.sampled_from(keys)),
                )
                for _ in range(draw(st.integers(0, 2)))
            ),
            notes=draw(MAYBE),
            sources=draw(cite),
        )
        for c in draw(st.lists(COUNTRIES, max_size=3, unique=True))
    )
    exhibitors = tuple(
        ExhibitorRecord(
            name=n,
            country=draw(st.none() | COUNTRIES),
            kind=draw(MAYBE),
            notes=draw(MAYBE),
            sources=draw(cite),
        )
        for n in draw(st.lists(TEXT, max_size=3, unique=True))
    )
    figures = tuple(
        FigureRecord(
            key=k,
            metric=draw(TEXT),
            value=draw(TEXT),
            number=draw(st.none() | st.floats(allow_nan=False, allow_infinity=False)),
            unit=draw(MAYBE),
            note=draw(MAYBE),
            sources=draw(cite),
        )
        for k in draw(st.lists(TEXT, max_size=2, unique=True))
    )
    start = draw(DATES)
    expo = ExpoRecord(
        slug=draw(SLUGS),
        name=draw(TEXT),
        start_date=start,
        end_date=start + dt.timedelta(days=draw(st.integers(0, 4))),
        timezone=draw(st.sampled_from(("Asia/Jakarta", "Europe/Berlin", "UTC", "America/Toronto"))),
        short_name=draw(MAYBE),
        venue=draw(MAYBE),
        country=draw(st.none() | COUNTRIES),
        notes=draw(MAYBE),
        sources=draw(cite),
    )
    return ExpoBundle(
        expo=expo,
        sources=sources,
        people=people,
        events=tuple(events),
        delegations=delegations,
        exhibitors=exhibitors,
        figures=figures,
    )


def export_document(bundle: ExpoBundle) -> dict:
    store = open_store(None)
    try:
        store.write_bundle(bundle)
        expo = store.expo(bundle.expo.slug)
        assert expo is not None
        return json_export.document(store, Selection(expo))
    finally:
        store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_json_export_imports_back_without_loss(bundle: ExpoBundle) -> None:
    first = export_document(bundle)
    assert len(first["events"]) == len(bundle.events)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        out = io.StringIO()
        store = open_store(None)
        try:
            store.write_bundle(bundle)
            json_export.write(store, Selection(store.expo(bundle.expo.slug)), out)  # type: ignore[arg-type]
        finally:
            store.close()
        path.write_text(out.getvalue(), encoding="utf-8")
        again = export_document(read_file(path))
    assert again == first
    by_key = {e["key"]: e for e in first["events"]}
    for event in bundle.events:
        exported = by_key[event.key]
        assert exported["title"] == event.title and exported["summary"] == event.summary
        assert [p["person"] for p in exported["participants"]] == [
            p.person for p in event.participants
        ]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bundles())
def test_ics_export_parses_back_with_the_same_events_and_text(bundle: ExpoBundle) -> None:
    import icalendar

    store = open_store(None)
    try:
        store.write_bundle(bundle)
        out = io.BytesIO()
        count = ics_export.write(store, Selection(store.expo(bundle.expo.slug)), out)  # type: ignore[arg-type]
    finally:
        store.close()
    data = out.getvalue()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded per RFC 5545
    cal = icalendar.Calendar.from_ical(data)
    parsed = cal.walk("VEVENT")
    assert count == len(parsed) == len(bundle.events)
    titles = sorted(str(e["SUMMARY"]) for e in parsed)
    assert titles == sorted(ics_text(e.title) for e in bundle.events)
    keys = sorted(_x_text(e["X-EXPO-TUI-KEY"]) for e in parsed)
    assert keys == sorted(ics_text(e.key) for e in bundle.events)
    assert all(not e.errors for e in parsed)
