"""The first reads started before the app are the ones the explorer asks for: the screen's
workers take them instead of querying again."""

from __future__ import annotations

from collections import Counter

from expo_tui.store import open_store
from expo_tui.tui.app import ExpoApp
from expo_tui.tui.prefetch import Prefetch, first_page

from .helpers import SHIPPED_DB, screen_text, settle


def counting(store, calls: Counter) -> None:  # type: ignore[no-untyped-def]
    for name in ("events", "countries", "days", "figures", "expo_sources"):
        original = getattr(store, name)

        def wrapper(*args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls[_name] += 1
            if _name == "events":  # which day: the neighbours of the first are read ahead
                calls[f"events {args[1]}"] += 1
            return _original(*args, **kwargs)

        setattr(store, name, wrapper)


async def test_first_loads_come_from_the_prefetch() -> None:
    store = open_store(SHIPPED_DB, readonly=True)
    calls: Counter[str] = Counter()
    counting(store, calls)
    prefetch = Prefetch(store, None, terminal_lines=40).start()
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)  # the loads were instant: let the panes' first paint happen
        text = screen_text(app)
        assert "Timeline · Day 1" in text and "Indonesia" in text
        assert "(host country)" in app.screen.details.text.plain  # the overview
    store.close()
    # each read once: by the prefetch, none again by the screen's workers (the days next to
    # the first one are read ahead once it is shown: day 2, and the last date before it)
    assert calls["events 2025-06-11"] == 1
    assert {key for key in calls if key.startswith("events ")} <= {
        "events 2025-06-11",
        "events 2025-06-12",
        "events 2025-06-09",
    }
    assert calls - Counter(
        {key: n for key, n in calls.items() if key.startswith("events")}
    ) == Counter(countries=1, days=1, figures=1, expo_sources=1)


async def test_a_prefetch_for_another_size_is_not_used_and_nothing_breaks() -> None:
    store = open_store(SHIPPED_DB, readonly=True)
    calls: Counter[str] = Counter()
    counting(store, calls)
    assert first_page(200) != first_page(40)
    prefetch = Prefetch(store, None, terminal_lines=200).start()  # a different first page
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert "Timeline · Day 1" in screen_text(app)
    store.close()
    # the prefetched page did not match: the worker read its own
    assert calls["events 2025-06-11"] == 2


async def test_a_failing_prefetch_leaves_the_workers_to_read_and_report() -> None:
    store = open_store(SHIPPED_DB, readonly=True)

    class Broken(Prefetch):
        def _run(self) -> None:
            self._done.set()  # finished, with nothing read

    app = ExpoApp(store, prefetch=Broken(store, None, 40).start())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.1)
        assert "Timeline · Day 1" in screen_text(app)
    store.close()
