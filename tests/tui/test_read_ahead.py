"""Country details read ahead: the next move in the country list shows them from memory, and
nothing read ahead outlives a reload from the store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from expo_tui.records import DelegationRecord, EventRecord, ParticipantRecord, PersonRecord
from expo_tui.store import open_store
from expo_tui.tui import render
from expo_tui.tui.read_ahead import CachedDetail, DetailCache
from expo_tui.tui.screens.explorer import DETAIL_EVENTS
from expo_tui.tui.widgets.details import prepare
from tests.conftest import tiny_bundle

from .conftest import write_store
from .helpers import press, settle
from .test_explorer import details_text, explorer


def _entry(code: str) -> CachedDetail:
    return CachedDetail(code, None, prepare(render.message_text(code)))  # type: ignore[arg-type]


def test_cache_keeps_the_newest_and_drops_older_generations() -> None:
    cache = DetailCache(size=2)
    cache.put(_entry("CAN"))
    cache.put(_entry("IRN"))
    assert cache.get("CAN") is not None  # now the newest
    cache.put(_entry("RUS"))
    assert "IRN" not in cache and "CAN" in cache and "RUS" in cache
    assert cache.missing(["CAN", "IRN", "FRA"]) == ["IRN", "FRA"]
    old = cache.generation
    cache.clear()
    assert len(cache) == 0 and cache.generation == old + 1
    cache.put(_entry("CAN"), generation=old)  # read before the clear: dropped
    assert "CAN" not in cache
    cache.put(_entry("CAN"), generation=cache.generation)
    assert "CAN" in cache


async def test_moving_down_the_country_list_shows_details_read_ahead(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "down")  # the host: its details load, then its neighbours'
        second = screen.countries.neighbours()[0].country
        assert second.code in screen._detail_cache
        calls: list[str] = []
        original = screen.store.country_detail

        def counted(expo, code, **kwargs):  # type: ignore[no-untyped-def]
            calls.append(code)
            return original(expo, code, **kwargs)

        screen.store.country_detail = counted  # type: ignore[method-assign]
        await pilot.press("down")
        # shown by the key's own handler: no worker, no store call for it
        assert screen.country == second.code
        assert screen.details.subject == ("country", second.code)
        await settle(pilot)
        assert second.code not in calls
        fresh = original(screen.expo, second.code, event_limit=DETAIL_EVENTS)
        assert details_text(app) == render.country_details(fresh, screen.day_map).plain
        # and the list keeps reading ahead of the highlight
        assert screen.countries.neighbours()[0].country.code in calls


def two_country_bundle(*extra_events: EventRecord):  # type: ignore[no-untyped-def]
    """Canada (Ana's meeting) and Russia (Boris's delegation, no events yet)."""
    bundle = tiny_bundle(extra_events=extra_events)
    boris = PersonRecord(key="boris", name="Boris Example", country="RUS")
    russia = DelegationRecord(country="RUS", head="boris", sources=("https://example.org/report",))
    return dataclasses.replace(bundle, people=(*bundle.people, boris), delegations=(russia,))


async def test_ctrl_r_drops_details_read_ahead(make_app, tmp_path: Path) -> None:
    path = write_store(tmp_path / "live.db", two_country_bundle())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "down")  # Canada; Russia is read ahead
        assert screen.country == "CAN" and "RUS" in screen._detail_cache
        late = EventRecord(key="e2", title="Late addition", kind="courtesy_call",
                           date=dt.date(2025, 1, 11),
                           participants=(ParticipantRecord("boris", "guest"),),
                           sources=("https://example.org/report",))
        writer = open_store(path)  # another process's import
        try:
            writer.write_bundle(two_country_bundle(late))
        finally:
            writer.close()
        await press(pilot, "ctrl+r")
        assert screen.country == "CAN"
        await press(pilot, "down")
        assert screen.country == "RUS"
        assert "Late addition" in details_text(app)
