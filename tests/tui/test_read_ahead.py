"""Reading ahead: the next move in the country list and the next step through the days show
what was read in the background, and nothing read ahead outlives a reload from the store."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from pathlib import Path

from expo_tui.records import DelegationRecord, EventRecord, ParticipantRecord, PersonRecord
from expo_tui.store import open_store
from expo_tui.tui.loading.reader import DETAIL_EVENTS
from expo_tui.tui.loading.requests import CountryDetailsRequest, Subject
from expo_tui.tui.render.details import country_details
from tests.conftest import tiny_bundle

from .conftest import write_store
from .helpers import press, settle, wait_until
from .test_explorer import country_code, details_text, event_items, explorer


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


async def test_moving_down_the_country_list_shows_details_read_ahead(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "o", "j")  # the host's details load, then its neighbours'
        second = screen.countries.neighbours()[0].country
        request = CountryDetailsRequest(screen.expo, second.code)
        await wait_until(pilot, lambda: request in screen.loader.cache)
        calls, original = record_calls(screen.store, "country_detail")
        await pilot.press("down")
        # shown by the key's own handler: no worker, no store call for it
        assert country_code(app) == second.code
        assert screen.details.subject == Subject("country", second.code)
        await settle(pilot)
        assert second.code not in calls
        fresh = original(screen.expo, second.code, event_limit=DETAIL_EVENTS)
        days = {day.key: day for day in screen.days}
        assert details_text(app) == country_details(fresh, days).plain
        # and the list keeps reading ahead of the highlight
        following = screen.countries.neighbours()[0].country.code
        await wait_until(pilot, lambda: following in calls)


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
        await press(pilot, "down", "up")  # Canada's details; Russia is read ahead
        russia = CountryDetailsRequest(screen.expo, "RUS")
        assert country_code(app) == "CAN"
        await wait_until(pilot, lambda: russia in screen.loader.cache)
        import_late_meeting(path)  # another process's import
        await press(pilot, "ctrl+r")
        assert country_code(app) == "CAN"
        await press(pilot, "down")
        assert country_code(app) == "RUS"
        assert "Late addition" in details_text(app)


async def test_stepping_through_the_days_shows_timelines_read_ahead(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "tab", "right_square_bracket")  # the timeline, the expo's day 2
        keys = screen.day_keys()
        following = keys[keys.index(screen.day) + 1]
        await wait_until(pilot, lambda: screen.timeline.request(following) in screen.loader.cache)
        calls, original = record_calls(screen.store, "events")
        await pilot.press("right_square_bracket")
        assert screen.day == following  # shown by the key's own handler, with its details
        limit = screen.timeline.request(following).limit
        fresh = original(screen.expo, following, limit=limit, clashes=True)
        assert event_items(app) == list(fresh.items)
        assert screen.details.subject == Subject("event", fresh.items[0].id)
        await settle(pilot)
        assert following not in calls
        after = keys[keys.index(following) + 1]  # and it reads ahead again
        await wait_until(pilot, lambda: after in calls)


async def test_ctrl_r_drops_days_read_ahead(make_app, tmp_path: Path) -> None:
    async with live_store_app(make_app, tmp_path) as (path, pilot, screen):
        app = pilot.app
        assert screen.day == "2025-01-10"
        day_two = screen.timeline.request("2025-01-11")
        await wait_until(pilot, lambda: day_two in screen.loader.cache)
        import_late_meeting(path)
        await press(pilot, "ctrl+r", "right_square_bracket")
        assert screen.day == "2025-01-11"
        assert sorted(e.title for e in event_items(app)) == ["Late addition", "Talks"]
