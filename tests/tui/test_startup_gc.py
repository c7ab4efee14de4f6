"""`expo-tui` starts with garbage collection off (cli/launch.py); the explorer turns it back on
once its panes are painted, or a few seconds in whatever happens."""

from __future__ import annotations

import gc
import time

import pytest

from expo_tui.store import open_store
from expo_tui.tui import app as app_module

from .helpers import settle, wait_until


@pytest.fixture
def collection_off():  # type: ignore[no-untyped-def]
    was_enabled = gc.isenabled()
    gc.disable()
    yield
    gc.unfreeze()  # the app froze this test's objects
    if was_enabled:
        gc.enable()


async def test_collection_is_back_on_after_the_first_paint(make_app, collection_off) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, gc.isenabled)
        assert app.screen.query_one("#panes").display
        assert gc.get_freeze_count() > 0


async def test_collection_is_back_on_after_a_first_paint_from_the_prefetch(
    collection_off, monkeypatch, showcase_db
) -> None:
    # as `expo-tui` starts: every first load is ready at mount, the panes are never hidden
    from expo_tui.tui.app import ExpoApp
    from expo_tui.tui.loading.prefetch import Prefetch

    monkeypatch.setattr(app_module, "STARTUP_GC_LIMIT", 60.0)  # not the fallback timer
    store = open_store(showcase_db, readonly=True)
    prefetch = Prefetch(store, None, terminal_lines=40).start()
    prefetch.join(5)
    app = ExpoApp(store, prefetch=prefetch)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await wait_until(pilot, lambda: not app.screen.frames.awaiting)
            await wait_until(pilot, gc.isenabled)
            assert gc.get_freeze_count() > 0
    finally:
        store.close()


async def test_collection_is_back_on_when_the_panes_never_paint(
    make_app, collection_off, monkeypatch
) -> None:
    from expo_tui.tui.screens.explorer import ExplorerScreen

    limit = 1.5
    monkeypatch.setattr(app_module, "STARTUP_GC_LIMIT", limit)
    monkeypatch.setattr(ExplorerScreen, "_first_paint", lambda self: None)  # e.g. an error
    app = make_app()
    started = time.monotonic()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if time.monotonic() - started < limit:  # (a loaded machine may take longer to settle)
            assert not gc.isenabled()  # the panes painted, but nothing turned collection on
        await wait_until(pilot, gc.isenabled, timeout=limit + 5)  # the fallback timer did


def test_the_bare_explorer_starts_with_collection_off(monkeypatch) -> None:
    from expo_tui.cli import launch

    seen: list[bool] = []
    monkeypatch.setattr(launch, "run_explorer", lambda **_: seen.append(gc.isenabled()))
    monkeypatch.setattr("sys.argv", ["expo-tui", "--db", "x.db"])
    was_enabled = gc.isenabled()
    try:
        launch.main()
    finally:
        if was_enabled:
            gc.enable()
    assert seen == [False]
