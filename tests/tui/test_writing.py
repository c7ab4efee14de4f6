"""How the explorer writes: through `app.writes`, never into the shipped database. The first
write on the shipped data makes the user's own store from a copy and the app moves to it;
a refused write changes nothing and says why."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from textual.message import Message

from expo_tui import paths
from expo_tui.records import ExpoBundle
from expo_tui.store import Store, open_store
from expo_tui.store.errors import DataError
from expo_tui.tui.app import ExpoApp
from expo_tui.tui.writing import StoreChanged

from ..conftest import tiny_bundle
from .conftest import write_store
from .helpers import Notes, press, screen_text, settle, wait_until


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shipped_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A stand-in for the shipped database, and where the user's own store would go."""
    shipped = write_store(tmp_path / "package" / "expo.db", tiny_bundle())
    user = tmp_path / "user" / "expo.db"
    monkeypatch.setattr(paths, "shipped_db", lambda: shipped)
    monkeypatch.setattr(paths, "user_db", lambda: user)
    monkeypatch.delenv(paths.ENV_DB, raising=False)
    return shipped, user


def renamed(title: str) -> ExpoBundle:
    bundle = tiny_bundle()
    return dataclasses.replace(bundle, events=(dataclasses.replace(bundle.events[0], title=title),))


async def test_the_first_write_makes_the_users_store_and_the_explorer_shows_it(
    shipped_copy: tuple[Path, Path],
) -> None:
    shipped, user = shipped_copy
    before = _digest(shipped)
    store = open_store(shipped, readonly=True)
    app = ExpoApp(store)
    changed: list[Store] = []
    results: list[object] = []

    def hook(message: Message) -> None:
        if isinstance(message, StoreChanged):
            changed.append(message.store)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await settle(pilot)
        await press(pilot, "2")  # the day of the tiny expo's one event
        await wait_until(pilot, lambda: "Talks" in screen_text(app))
        app.writes.run(
            lambda s: s.write_bundle(renamed("Talks on submarines")).changed["events"],
            done=results.append,
        )
        await settle(pilot)
        await wait_until(pilot, lambda: "Talks on submarines" in screen_text(app))
        assert app.store is not store and app.store.path is not None
        assert Path(app.store.path) == user and not app.store.readonly
        assert results == [1]
        assert "read-only" not in screen_text(app).splitlines()[0]  # the header says so
        assert changed and all(s is app.store for s in changed)
        assert app.screen.store is app.store  # type: ignore[attr-defined]
    app.store.close()
    store.close()
    assert _digest(shipped) == before  # the shipped database was not written
    reopened = open_store(user, readonly=True)
    try:
        expo = reopened.expos()[0]
        assert [e.title for e in reopened.events(expo, "2025-01-11").items] == [
            "Talks on submarines"
        ]
    finally:
        reopened.close()


async def test_a_refused_write_changes_nothing_and_says_why(
    shipped_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    shipped, user = shipped_copy
    own = tmp_path / "own.db"
    shutil.copyfile(shipped, own)
    before = _digest(own)
    store = open_store(own)
    app = ExpoApp(store)
    failures: list[str] = []

    def refuse(s: Store) -> None:
        with s.transaction():
            s.write_bundle(renamed("Half written"))
            raise DataError("field 'day': 31 June is not a date")

    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        app.writes.run(refuse, failed=failures.append, what="Saving the event")
        await wait_until(pilot, lambda: failures)
        await settle(pilot)
        assert failures == ["field 'day': 31 June is not a date"]
        assert "31 June is not a date" in notes.text()
        assert app.store is store
    store.close()
    assert _digest(own) == before
    assert not user.exists()  # a writable store was open: the user's own was not made


async def test_a_read_only_store_that_is_not_the_shipped_one_is_not_replaced(
    shipped_copy: tuple[Path, Path], tmp_path: Path
) -> None:
    _, user = shipped_copy
    other = write_store(tmp_path / "colleague.db", tiny_bundle())
    store = open_store(other, readonly=True)
    app = ExpoApp(store)
    failures: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.writes.run(lambda s: s.write_bundle(tiny_bundle()), failed=failures.append)
        await wait_until(pilot, lambda: failures)
        assert "can only be read" in failures[0] and str(other) in failures[0]
    store.close()
    assert not user.exists()


async def test_a_first_write_refused_leaves_the_app_on_the_shipped_data(
    shipped_copy: tuple[Path, Path],
) -> None:
    shipped, _user = shipped_copy
    before = _digest(shipped)
    store = open_store(shipped, readonly=True)
    app = ExpoApp(store)
    failures: list[str] = []
    opened: list[Store] = []

    def refuse(s: Store) -> None:
        opened.append(s)
        raise DataError("field 'source': no source given")

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.writes.run(refuse, failed=failures.append)
        await wait_until(pilot, lambda: failures)
        assert app.store is store  # still on the shipped data
    store.close()
    assert _digest(shipped) == before
    assert opened and opened[0] is not store
    with pytest.raises(sqlite3.ProgrammingError):  # the store opened for it was closed
        opened[0].expos()
