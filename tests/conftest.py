"""Fixtures shared by every test: the shipped store, fresh stores, and small bundles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from expo_tui.records import (
    EventRecord,
    ExpoBundle,
    ExpoRecord,
    ParticipantRecord,
    PersonRecord,
    SourceRecord,
)
from expo_tui.store import Store, open_store

# Property tests judge what the code does, not how fast a shared two-core machine runs it:
# no per-example deadline, no "too slow" health check (a loaded CI box trips both at random).
settings.register_profile("expo-tui", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("expo-tui")

REPO = Path(__file__).resolve().parents[1]
SHIPPED_DB = REPO / "data" / "expo.db"
DATA_DIR = REPO / "data"


@pytest.fixture
def shipped() -> Iterator[Store]:
    store = open_store(SHIPPED_DB, readonly=True)
    yield store
    store.close()


@pytest.fixture
def memory_store() -> Iterator[Store]:
    store = open_store(None)
    yield store
    store.close()


def tiny_bundle(
    *,
    slug: str = "demo",
    title: str = "Talks",
    name: str = "Ana Example",
    extra_events: tuple[EventRecord, ...] = (),
) -> ExpoBundle:
    """A one-event expo with one person and one source, for write-path tests."""
    url = "https://example.org/report"
    return ExpoBundle(
        expo=ExpoRecord(
            slug=slug,
            name="Demo Expo",
            start_date=dt.date(2025, 1, 10),
            end_date=dt.date(2025, 1, 12),
            timezone="Asia/Jakarta",
            country="IDN",
        ),
        sources=(SourceRecord(url=url, publisher="Example"),),
        people=(PersonRecord(key="ana", name=name, country="CAN"),),
        events=(
            EventRecord(
                key="e1",
                title=title,
                kind="bilateral_meeting",
                date=dt.date(2025, 1, 11),
                participants=(ParticipantRecord("ana", "guest"),),
                sources=(url,),
            ),
            *extra_events,
        ),
    )


@pytest.fixture(scope="session")
def demo_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding tiny_bundle(), written once a session (making a store costs a second
    or two: every country is loaded); tests copy it with `demo_db`."""
    path = tmp_path_factory.mktemp("demo-store") / "expo.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    return path


@pytest.fixture
def demo_db(tmp_path: Path, demo_store_file: Path) -> Path:
    """A copy of the demo store (in WAL mode, as every store written to is), alone in its own
    folder, for a test to change."""
    import shutil

    folder = tmp_path / "store"
    folder.mkdir()
    path = folder / "expo.db"
    shutil.copyfile(demo_store_file, path)
    return path
