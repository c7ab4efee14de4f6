"""The first reads started before the app are the ones the explorer asks for: the screen shows
them instead of reading again."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from expo_tui.store import open_store
from expo_tui.tui.app import ExpoApp
from expo_tui.tui.loading.prefetch import Prefetch
from expo_tui.tui.loading.requests import first_page

from .helpers import screen_text, settle, wait_until


def counting(store, calls: Counter) -> None:  # type: ignore[no-untyped-def]
    for name in ("expos", "events", "countries", "days", "figures", "expo_sources"):
        original = getattr(store, name)

        def wrapper(*args, _original=original, _name=name, **kwargs):  # type: ignore[no-untyped-def]
            calls[_name] += 1
            if _name == "events":  # which day: the neighbours of the first are read ahead
                calls[f"events {args[1]}"] += 1
            return _original(*args, **kwargs)

        setattr(store, name, wrapper)


async def test_first_loads_come_from_the_prefetch(showcase_db: Path) -> None:
    store = open_store(showcase_db, readonly=True)
    calls: Counter[str] = Counter()
    counting(store, calls)
    prefetch = Prefetch(store, None, terminal_lines=40).start()
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Timeline · Day 1" in screen_text(app))
        assert "Indonesia" in screen_text(app)
        assert "(host country)" in app.screen.details.text.plain  # the overview
    store.close()
    # each read once: by the prefetch, none again by the screen's workers (the days next to
    # the first one are read ahead once it is shown: day 2, and the last date before it)
    assert calls["events 2025-06-11"] == 1, calls
    assert {key for key in calls if key.startswith("events ")} <= {
        "events 2025-06-11",
        "events 2025-06-12",
        "events 2025-06-10",
    }
    assert calls - Counter(
        {key: n for key, n in calls.items() if key.startswith("events")}
    ) == Counter(expos=1, countries=2, days=1, figures=1, expo_sources=1), calls  # list, bars


async def test_a_prefetch_for_another_size_is_not_used_and_nothing_breaks(
    showcase_db: Path,
) -> None:
    store = open_store(showcase_db, readonly=True)
    calls: Counter[str] = Counter()
    counting(store, calls)
    assert first_page(200) != first_page(40)
    prefetch = Prefetch(store, None, terminal_lines=200).start()  # a different first page
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Timeline · Day 1" in screen_text(app))
    store.close()
    assert calls["events 2025-06-11"] == 2  # the prefetch's page did not fit: read again
    assert calls["countries"] == 2  # the country list and the overview's bar chart


async def test_a_failing_prefetch_leaves_the_workers_to_read_and_report(showcase_db: Path) -> None:
    store = open_store(showcase_db, readonly=True)
    real_expos = store.expos

    def failing() -> None:
        raise RuntimeError("not yet")

    store.expos = failing  # type: ignore[method-assign]
    prefetch = Prefetch(store, None, terminal_lines=40).start()
    prefetch.join(5)
    store.expos = real_expos  # type: ignore[method-assign]
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Timeline · Day 1" in screen_text(app))
    store.close()


async def test_with_the_prefetch_an_expo_without_countries_starts_in_its_timeline(
    tmp_path: Path,
) -> None:
    # Prefetched answers land before a deferred focus() would: the country list, hidden for
    # a programme with no countries, must not take the focus back from the timeline.
    import dataclasses
    import datetime as dt

    from expo_tui.records import EventRecord, ParticipantRecord, PersonRecord
    from tests.conftest import tiny_bundle

    from .conftest import write_store
    from .helpers import press

    talks = tuple(
        EventRecord(
            key=f"t{n}",
            title=f"Talk number {n}",
            kind="forum_session",
            date=dt.date(2025, 1, 10),
            start_time=dt.time(9 + n),
            location="Hall B",
            participants=(ParticipantRecord("ana", "speaker"),),
            sources=("https://example.org/report",),
        )
        for n in range(3)
    )
    bundle = tiny_bundle(extra_events=talks)
    bundle = dataclasses.replace(
        bundle,
        expo=dataclasses.replace(bundle.expo, country=None),
        people=(PersonRecord(key="ana", name="Ana Example"),),
    )
    store = open_store(write_store(tmp_path / "programme.db", bundle), readonly=True)
    prefetch = Prefetch(store, None, terminal_lines=40).start()
    prefetch.join(5)  # every first answer is waiting before the app starts
    app = ExpoApp(store, prefetch=prefetch)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.screen.panes.focused == "timeline-pane"
        await press(pilot, "j")
        assert app.screen.details.text.plain.startswith("Talk number 1")
    store.close()
