"""`expo-tui` starts with garbage collection off (cli/launch.py); the explorer turns it back on
once its panes are painted, or a few seconds in whatever happens."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from expo_tui.store import open_store
from expo_tui.tui import app as app_module

from .helpers import settle


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
        await pilot.pause(0.1)
        assert app.screen.query_one("#panes").display
        assert gc.isenabled() and gc.get_freeze_count() > 0


async def test_collection_is_back_on_when_nothing_is_shown(make_app, tmp_path: Path,
                                                           collection_off, monkeypatch) -> None:
    monkeypatch.setattr(app_module, "STARTUP_GC_LIMIT", 0.2)
    open_store(tmp_path / "empty.db", create=True).close()  # no expos: no panes to paint
    app = make_app(tmp_path / "empty.db")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not gc.isenabled()
        await pilot.pause(0.4)
        assert gc.isenabled()


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
