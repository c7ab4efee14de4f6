"""Stores and app factories for the explorer tests."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from expo_tui.records import (
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    MemberRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from expo_tui.store import Store, open_store
from expo_tui.tui.app import ExpoApp
from tests.conftest import tiny_bundle
from tests.factory import showcase_bundle

LONG_NAME = "Very" + "long" * 2499  # 10,000 characters
HOSTILE = (
    "[bold]x",
    "[/]",
    "[@click=app.quit]x[/]",
    "[link=file:///etc/passwd]y[/link]",
    "\x1b[31mred",
    "\x1b]52;c;SGVsbG8=\x07",
    "\x1b]8;;http://evil\x07",
    "שלום עולם",
    "e\u0301\u0301\u0301",
)
HOSTILE_NAME = " ".join(HOSTILE)


@pytest.fixture(scope="session")
def showcase_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test expo of tests/factory.py in a store (opened read-only by the tests)."""
    return write_store(tmp_path_factory.mktemp("showcase") / "showcase.db", showcase_bundle())


@pytest.fixture
def make_app(showcase_db: Path) -> Callable[..., ExpoApp]:
    """`make_app(path=the test expo's store, **kwargs)`: an ExpoApp over a store opened
    read-only."""
    stores: list[Store] = []

    def factory(path: Path | str = showcase_db, **kwargs: object) -> ExpoApp:
        store = open_store(path, readonly=True)
        stores.append(store)
        return ExpoApp(store, **kwargs)  # type: ignore[arg-type]

    yield factory  # type: ignore[misc]
    for store in stores:
        store.close()


def write_store(path: Path, *bundles: ExpoBundle) -> Path:
    store = open_store(path, create=True)
    try:
        for bundle in bundles:
            store.write_bundle(bundle)
    finally:
        store.close()
    return path


@pytest.fixture
def two_expo_db(tmp_path: Path) -> Path:
    second = tiny_bundle(slug="second", title="Second expo talks", name="Bea Second")
    second = ExpoBundle(
        expo=ExpoRecord(
            slug="second",
            name="Second Show 2026",
            short_name="Second Show",
            start_date=dt.date(2026, 3, 1),
            end_date=dt.date(2026, 3, 3),
            timezone="Asia/Jakarta",
            country="IDN",
            venue="Hall B",
        ),
        sources=second.sources,
        people=second.people,
        events=second.events,
    )
    return write_store(tmp_path / "two.db", tiny_bundle(), second)


@pytest.fixture(scope="session")
def big_day_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """1,500 events on one day, in a known order (meeting 0001 … 1500); opened read-only."""
    tmp_path = tmp_path_factory.mktemp("big")
    url = "https://example.org/b2b"
    events = tuple(
        EventRecord(
            key=f"m{i:04d}",
            title=f"Meeting {i:04d}",
            kind="bilateral_meeting",
            date=dt.date(2025, 1, 11),
            order=i,
            order_scope="B2B platform",
            participants=(ParticipantRecord("ana", "guest"),),
            sources=(url,),
        )
        for i in range(1, 1501)
    )
    bundle = ExpoBundle(
        expo=ExpoRecord(
            slug="big",
            name="Big Expo",
            start_date=dt.date(2025, 1, 10),
            end_date=dt.date(2025, 1, 12),
            timezone="Asia/Jakarta",
            country="IDN",
        ),
        sources=(SourceRecord(url=url, publisher="B2B"),),
        people=(PersonRecord(key="ana", name="Ana Example", country="CAN"),),
        events=events,
    )
    return write_store(tmp_path / "big.db", bundle)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    """Every data-facing string carries markup, escape sequences, RTL, combining marks."""
    url = "https://example.org/report?q=[bold]x[/]"
    odd_url = "file:///etc/passwd"
    people = (
        PersonRecord(
            key="evil",
            name=HOSTILE_NAME,
            rank="[b]General[/b]",
            position="[@click=app.quit]Chief[/]",
            organization="\x1b]8;;http://evil\x07Org\x1b]8;;\x07",
            country="CAN",
            variants=("[/]",),
        ),
        PersonRecord(key="long", name=LONG_NAME, country="RUS"),
        PersonRecord(key="host", name="Host [italic]Person", country="IDN"),
    )
    events = (
        EventRecord(
            key="e1",
            title="Talks " + HOSTILE_NAME,
            kind="bilateral_meeting",
            date=dt.date(2025, 1, 11),
            order=1,
            order_scope="[@click=app.quit]Chain[/]",
            location="[link=file:///etc/passwd]Hall[/link]",
            summary="Summary \x1b[31mred [bold]x",
            notes="Notes [/] \x1b]52;c;SGVsbG8=\x07",
            participants=(
                ParticipantRecord("evil", "guest", note="[/]"),
                ParticipantRecord("host", "host"),
            ),
            sources=(url, odd_url),
        ),
        EventRecord(
            key="e2",
            title=LONG_NAME,
            kind="courtesy_call",
            status="planned",
            date=dt.date(2025, 1, 11),
            participants=(ParticipantRecord("long", "guest"),),
            sources=(url,),
        ),
        EventRecord(
            key="e3",
            title="[@click=app.quit]undated[/]",
            kind="other",
            status="unconfirmed",
            participants=(ParticipantRecord("evil", "guest"),),
            sources=(url,),
        ),
    )
    bundle = ExpoBundle(
        expo=ExpoRecord(
            slug="hostile",
            name="Hostile [bold]Expo[/] \x1b[31m",
            short_name="[@click=app.quit]Hostile[/]",
            start_date=dt.date(2025, 1, 10),
            end_date=dt.date(2025, 1, 12),
            timezone="Asia/Jakarta",
            country="IDN",
            venue="[link=file:///etc/passwd]venue[/link]",
            city="שלום",
        ),
        sources=(
            SourceRecord(url=url, publisher="[bold]Pub", title=HOSTILE_NAME),
            SourceRecord(url=odd_url, publisher="Local file"),
        ),
        people=people,
        events=events,
        delegations=(
            DelegationRecord(
                country="CAN",
                kind="[b]military",
                head="evil",
                members=(
                    MemberRecord(name="[@click=app.quit]member[/]", role="[/]"),
                    MemberRecord(name=LONG_NAME),
                ),
                notes="\x1b[2J\x1b[Hcleared? [/]",
                sources=(url,),
            ),
            DelegationRecord(country="RUS", head="long", sources=(url,)),
        ),
        exhibitors=(
            ExhibitorRecord(
                name="[@click=app.quit]Exhibitor[/]",
                country="CAN",
                kind="[/]",
                notes=HOSTILE_NAME,
                sources=(url,),
            ),
        ),
    )
    path = write_store(tmp_path / "hostile.db", bundle)
    with sqlite3.connect(path) as conn:  # country names are reference data: poison them too
        conn.execute(
            "UPDATE countries SET name = ?, name_id = ? WHERE code = 'CAN'",
            ("Canada [@click=app.quit]x[/] \x1b[31m", "Kanada [/]"),
        )
        conn.execute("UPDATE countries SET name = ? WHERE code = 'RUS'", (LONG_NAME,))
    conn.close()
    return path
