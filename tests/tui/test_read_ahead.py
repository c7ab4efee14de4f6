"""Reading ahead: the next move in the country list and the next step through the days show
what was read in the background, and nothing read ahead outlives a reload from the store."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from pathlib import Path

from expo_tui.records import DelegationRecord, EventRecord, ParticipantRecord, PersonRecord
from expo_tui.store import open_store
from expo_tui.tui import render
from expo_tui.tui.read_ahead import ReadAheadCache
from expo_tui.tui.screens.explorer import DETAIL_EVENTS
from tests.conftest import tiny_bundle

from .conftest import write_store
from .helpers import press, settle
from .test_explorer import details_text, event_items, explorer


async def read_ahead(pilot, cache: str, key) -> bool:  # type: ignore[no-untyped-def]
    """Whether `key` lands in the screen's `cache` within 5 s: the read starts once the frame
    that showed its neighbour is painted, which `settle` may not wait for."""
    screen = explorer(pilot.app)
    for _ in range(250):
        if key in screen._read_ahead[cache]:
            return True
        await pilot.pause(0.02)
    return False


def record_calls(store, name: str):  # type: ignore[no-untyped-def]
    """Wrap `store.<name>(expo, key, ...)`: the keys it is called with from now on, and the
    original method (to read without being recorded)."""
    calls: list[object] = []
    original = getattr(store, name)

    def recorded(expo, key, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(key)
        return original(expo, key, **kwargs)

    setattr(store, name, recorded)
    return calls, original


def test_cache_keeps_the_newest_and_drops_older_generations() -> None:
    cache = ReadAheadCache(size=2)
    cache.put("CAN", 1)
    cache.put("IRN", 2)
    assert cache.get("CAN") == 1  # now the newest
    cache.put("RUS", 3)
    assert "IRN" not in cache and "CAN" in cache and "RUS" in cache
    assert cache.missing(["CAN", "IRN", "FRA"]) == ["IRN", "FRA"]
    old = cache.generation
    cache.clear()
    assert len(cache) == 0 and cache.generation == old + 1
    cache.put("CAN", 1, generation=old)  # read before the clear: dropped
    assert "CAN" not in cache
    cache.put("CAN", 1, generation=cache.generation)
    assert cache.get("CAN") == 1


async def test_moving_down_the_country_list_shows_details_read_ahead(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "down")  # the host: its details load, then its neighbours'
        second = screen.countries.neighbours()[0].country
        assert await read_ahead(pilot, "countries", second.code)
        calls, original = record_calls(screen.store, "country_detail")
        await pilot.press("down")
        # shown by the key's own handler: no worker, no store call for it
        assert screen.country == second.code
        assert screen.details.subject == ("country", second.code)
        await settle(pilot)
        assert second.code not in calls
        fresh = original(screen.expo, second.code, event_limit=DETAIL_EVENTS)
        assert details_text(app) == render.country_details(fresh, screen.day_map).plain
        # and the list keeps reading ahead of the highlight
        following = screen.countries.neighbours()[0].country.code
        assert await read_ahead(pilot, "countries", following) and following in calls


def two_country_bundle(*extra_events: EventRecord):  # type: ignore[no-untyped-def]
    """Canada (Ana's meeting) and Russia (Boris's delegation, no events yet)."""
    bundle = tiny_bundle(extra_events=extra_events)
    boris = PersonRecord(key="boris", name="Boris Example", country="RUS")
    russia = DelegationRecord(country="RUS", head="boris", sources=("https://example.org/report",))
    return dataclasses.replace(bundle, people=(*bundle.people, boris), delegations=(russia,))


def import_late_meeting(path: Path) -> None:
    """Boris's late meeting on 11 January, written as `expo-tui import` would."""
    late = EventRecord(
        key="e2",
        title="Late addition",
        kind="courtesy_call",
        date=dt.date(2025, 1, 11),
        participants=(ParticipantRecord("boris", "guest"),),
        sources=("https://example.org/report",),
    )
    writer = open_store(path)
    try:
        writer.write_bundle(two_country_bundle(late))
    finally:
        writer.close()


@contextlib.asynccontextmanager
async def live_store_app(make_app, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The explorer, settled, over a two-country store another process will import into:
    yields (the store's path, the pilot, the explorer screen)."""
    path = write_store(tmp_path / "live.db", two_country_bundle())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield path, pilot, explorer(app)


async def test_ctrl_r_drops_details_read_ahead(make_app, tmp_path: Path) -> None:
    async with live_store_app(make_app, tmp_path) as (path, pilot, screen):
        app = pilot.app
        await press(pilot, "down")  # Canada; Russia is read ahead
        assert screen.country == "CAN" and await read_ahead(pilot, "countries", "RUS")
        import_late_meeting(path)  # another process's import
        await press(pilot, "ctrl+r")
        assert screen.country == "CAN"
        await press(pilot, "down")
        assert screen.country == "RUS"
        assert "Late addition" in details_text(app)


async def test_stepping_through_the_days_shows_timelines_read_ahead(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "tab", "right_square_bracket")  # the timeline, the expo's day 2
        keys = screen.day_keys()
        following = keys[keys.index(screen.day) + 1]
        assert await read_ahead(pilot, "days", screen._day_request(following))
        calls, original = record_calls(screen.store, "events")
        await pilot.press("right_square_bracket")
        assert screen.day == following  # shown by the key's own handler, with its details
        fresh = original(screen.expo, following, limit=screen._first_page()).items
        assert event_items(app) == list(fresh)
        assert screen.details.subject == ("event", fresh[0].id)
        await settle(pilot)
        assert following not in calls
        after = keys[keys.index(following) + 1]  # and it reads ahead again
        assert await read_ahead(pilot, "days", screen._day_request(after)) and after in calls


async def test_ctrl_r_drops_days_read_ahead(make_app, tmp_path: Path) -> None:
    async with live_store_app(make_app, tmp_path) as (path, pilot, screen):
        app = pilot.app
        assert screen.day == "2025-01-10"
        assert await read_ahead(pilot, "days", screen._day_request("2025-01-11"))
        import_late_meeting(path)
        await press(pilot, "ctrl+r", "right_square_bracket")
        assert screen.day == "2025-01-11"
        assert sorted(e.title for e in event_items(app)) == ["Late addition", "Talks"]
