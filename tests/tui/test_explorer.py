"""Pilot tests: every flow of the explorer, driven by keys (and the mouse) at real sizes, on
the test expo of tests/factory.py."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from expo_tui.store.models import EventSummary
from expo_tui.tui.app import binding_scopes
from expo_tui.tui.keys import key_rows
from expo_tui.tui.screens.explorer import ExplorerScreen
from expo_tui.tui.screens.expos import ExpoPicker
from expo_tui.tui.screens.help import HelpScreen
from expo_tui.tui.widgets.timeline import DayStrip

from .helpers import Notes, press, screen_text, settle, wait_until


def explorer(app) -> ExplorerScreen:  # type: ignore[no-untyped-def]
    for screen in app.screen_stack:
        if isinstance(screen, ExplorerScreen):
            return screen
    raise AssertionError("explorer screen not found")


def country_names(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.country.name for c in explorer(app).countries.items()]


def country_code(app) -> str | None:  # type: ignore[no-untyped-def]
    country = explorer(app).country
    return country.code if country else None


def event_items(app) -> list[EventSummary]:  # type: ignore[no-untyped-def]
    return explorer(app).events.items()


def details_text(app) -> str:  # type: ignore[no-untyped-def]
    return explorer(app).details.text.plain


def pane_of_focus(app) -> str | None:  # type: ignore[no-untyped-def]
    return explorer(app).panes.focused


def marked_rows(app) -> list[bool]:  # type: ignore[no-untyped-def]
    """Per event row: whether it is marked as involving the highlighted country."""
    return [o.prompt.plain.startswith("▌") for o in explorer(app).events.options if o.item]


async def test_launch_shows_expo_countries_and_timeline(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Harbour Defence 2025" in text
        assert "read-only" in text
        assert "Harbour Convention Centre" in text
        names = country_names(app)
        assert names[0] == "Indonesia"  # host first
        assert explorer(app).countries.items()[0].is_host
        assert "⌂" in text and "host" in text  # the host mark (★ is the user's star)
        for name in ("Iran", "Canada", "Russia"):
            assert name in names and name in text
        assert "Rusia" in text and "Kanada" in text  # Indonesian names
        assert "Timeline · Day 1 · Wed 11 Jun" in text
        assert event_items(app)[0].title == "President Santoso opens the Harbour Defence Show"
        assert "Country: 🇮🇩 Indonesia (host country)" in details_text(app)  # the expo overview


async def test_launch_shows_the_expo_overview_with_the_host_highlighted(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        # the first row is highlighted (so the first j moves) but the overview stays
        assert country_code(app) == "IDN" and screen.countries.highlighted == 0
        assert all(marked_rows(app)) and marked_rows(app)
        text = details_text(app)
        for fact in (
            "Harbour Defence Show 2025 Expo & Forum",
            "3rd edition",
            "11–14 Jun 2025 (4 days)",
            "Harbour Convention Centre",
            "Organiser: Ministry of Testing",
            "Theme: Partnerships in Testing",
            "21 events on 7 dates (4 show days)",
            "Notes",
            "Published figures (4)",
            "1,180 vs 1,182 companies",
            "The closing report gives 1,182.",
            "Sources",
            "Example News",
        ):
            assert fact in text, fact
        assert "Details · Overview" in screen_text(app)
        await press(pilot, "j")  # the first j moves, and the details follow
        assert country_code(app) == "KHM"
        assert "1 event" in details_text(app) and "Cambodia" in details_text(app)
        await press(pilot, "o")  # back to the overview; nothing marked
        assert screen.country is None and screen.countries.highlighted is None
        assert not any(marked_rows(app))
        assert "Published figures" in details_text(app)
        await press(pilot, "j")  # from no highlight, j picks the first row
        assert country_code(app) == "IDN" and "0 delegations" in details_text(app)
        await press(pilot, "j", "l", "o")  # o works from the timeline too
        assert "Published figures" in details_text(app)


async def test_palette_opens_the_expo_overview(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        assert country_code(app) == "KHM"
        await palette_pick(pilot, "overview", "Expo overview")
        assert explorer(app).country is None
        assert "Published figures" in details_text(app)


async def test_search_narrows_as_each_key_is_typed(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        assert isinstance(app.focused, Input)
        counts = []
        for key in "rus":
            await press(pilot, key)
            counts.append(len(country_names(app)))
        assert country_names(app) == ["Russia"]
        assert counts[0] > counts[-1] == 1
        assert "Pavel Dorokhov" in details_text(app)


async def test_search_matches_indonesian_names_codes_aliases_and_people(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        box = explorer(app).query_one("#search", Input)
        for query, expected in (
            ("Ashdown", "Canada"),
            ("Dorohov", "Russia"),  # a variant spelling of a person's name
            ("Rusia", "Russia"),
            ("IRN", "Iran"),
            ("Kanada", "Canada"),
        ):
            box.value = ""
            await settle(pilot)
            await press(pilot, *query)
            assert country_names(app) == [expected], query
        box.value = ""
        await press(pilot, *"zzzz")
        assert country_names(app) == []
        assert "No country matches zzzz" in screen_text(app)


async def test_enter_shows_delegation_head_and_his_meeting(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "r", "u", "s", "enter")
        assert pane_of_focus(app) == "details"
        text = details_text(app)
        assert "Head: Pavel Dorokhov" in text and "Deputy Director" in text
        assert "Oleg Petrov" in text  # a member
        assert "Day 2 · Thu 12 Jun 2025" in text
        assert "KSAD meets the Russian delegation led by Dorokhov" in text
        assert "Rostest Export" in text  # exhibitors
        assert "Sources" in text and "https://wire.example.net" in text
        assert "Pavel Dorokhov" in screen_text(app)


async def test_day_two_lists_the_army_chiefs_meetings_in_order(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        screen = explorer(app)
        assert screen.day == "2025-06-12"
        events = event_items(app)
        assert all(e.date and e.date.isoformat() == "2025-06-12" for e in events)
        chain = [e for e in events if e.order_scope and e.order_scope.startswith("KSAD")]
        assert [e.countries[-1] for e in chain] == ["IRN", "CAN", "RUS"]
        assert [e.order for e in chain] == [1, 2, 3]
        text = screen_text(app)
        assert "Timeline · Day 2 · Thu 12 Jun" in text
        rows = [line for line in text.splitlines() if "bilateral" in line]
        assert ["IRN" in rows[0], "CAN" in rows[1], "RUS" in rows[2]] == [True] * 3
        headings = [o.prompt.plain.strip() for o in screen.events.options if o.disabled]
        assert "KSAD Arka Wibisana's meetings, 12 June" in headings  # the chain's scope
        assert "KSAD Arka Wibisana's meetings" in text
        assert "time not reported" in text
        assert "(planned)" in text and "(unconfirmed)" in text  # tentative events are marked


async def test_brackets_step_through_the_day_strip(make_app) -> None:
    app = make_app()
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await press(pilot, "left_square_bracket")
        assert screen.day == "2025-06-10"  # the last pre-show date
        await press(pilot, "right_square_bracket", "right_square_bracket")
        assert screen.day == "2025-06-12"
        await press(pilot, *["right_square_bracket"] * 10)
        assert screen.day is None  # the strip ends with All days; no wrap
        assert "Timeline · All days" in screen_text(app)
        await press(pilot, "left_square_bracket")
        assert screen.day == "undated"
        assert "Undated" in screen_text(app)
        await press(pilot, "9")  # the expo has four days
        assert screen.day == "undated"
        assert "there is no day 9" in notes.text()


async def test_zero_lists_all_days_grouped_by_day(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await press(pilot, "0")
        events = event_items(app)
        assert len(events) == 21
        dates = [e.date for e in events]
        dated = [d for d in dates if d is not None]
        assert dated == sorted(dated) and dates[-1] is None  # undated last
        headings = [o.prompt.plain.strip() for o in explorer(app).events.options if o.disabled]
        day_headings = [h for h in headings if h.startswith("━━")]
        assert len(day_headings) == 8  # 3 pre-show dates, 4 show days, undated
        assert day_headings[0].endswith("before the show  1 event")
        assert day_headings[3].startswith("━━ Day 1 · Wed 11 Jun 2025")
        assert day_headings[-1].startswith("━━ Undated")
        assert "Timeline · All days" in screen_text(app)


async def test_selected_country_stands_out_and_f_filters(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"canada", "enter", "escape")
        assert app.focused is explorer(app).countries  # the filtered list, keys are commands
        assert country_names(app) == ["Canada"]
        await press(pilot, "escape")  # clears the search, keeps Canada
        assert len(country_names(app)) == 14
        screen = explorer(app)
        assert country_code(app) == "CAN"
        await press(pilot, "2")
        assert marked_rows(app) == ["CAN" in event.countries for event in event_items(app)]
        assert len(event_items(app)) == 7
        await press(pilot, "f")
        assert screen.filtered
        assert all("CAN" in e.countries for e in event_items(app))
        assert len(event_items(app)) == 2
        assert "only Canada" in screen_text(app)
        await press(pilot, "f")
        assert not screen.filtered and len(event_items(app)) == 7


async def test_filter_needs_a_country_and_follows_the_selection(make_app) -> None:
    app = make_app()
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "o", "0", "f")
        screen = explorer(app)
        assert screen.country is None and not screen.filtered  # the overview: no country
        assert "Highlight a country first" in notes.text()
        await press(pilot, "j", "f")
        assert country_code(app) == "IDN" and screen.filtered
        await press(pilot, "j")  # Cambodia
        assert country_code(app) == "KHM"
        assert [e.countries for e in event_items(app)] == [("IDN", "KHM")]
        assert "only Cambodia · 1 event · f shows all" in screen_text(app)


async def test_tab_h_l_move_between_panes(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert pane_of_focus(app) == "countries-pane"
        order = []
        for key in ("tab", "tab", "tab", "shift+tab", "h", "h", "h", "l", "right", "left"):
            await press(pilot, key)
            order.append(pane_of_focus(app))
        assert order == [
            "timeline-pane",
            "details",
            "countries-pane",
            "details",
            "timeline-pane",
            "countries-pane",
            "countries-pane",
            "timeline-pane",
            "details",
            "timeline-pane",
        ]
        # the details follow the focused pane's highlighted item
        assert details_text(app).startswith("President Santoso opens the Harbour Defence Show")


async def test_j_k_g_G_and_pages_move_within_lists(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        countries = explorer(app).countries
        await press(pilot, "G")
        assert countries.country.country.name == "United States"
        assert "United States" in details_text(app)
        await press(pilot, "g")
        assert countries.country.country.name == "Indonesia"
        await press(pilot, "j", "j", "down")
        assert countries.country.country.name == "China"
        await press(pilot, "k", "up")
        assert countries.country.country.name == "Cambodia"
        await press(pilot, "pagedown")
        assert countries.highlighted > 1
        await press(pilot, "pageup")
        assert countries.highlighted == 0
        await press(pilot, "l", "0", "G")
        assert explorer(app).events.event.title.startswith("Malaysian navy chief's visit")
        await press(pilot, "l", "G")
        details = explorer(app).details
        assert details.scroll_y == details.max_scroll_y
        await press(pilot, "g")
        assert details.scroll_y == 0


async def test_help_lists_every_binding(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body").text.plain  # type: ignore[attr-defined]
        rows = key_rows(binding_scopes())
        assert len(rows) > 40
        assert "day.4" in body and "day.5" not in body  # only the days the expo has
        for row in (r for r in rows if r.id not in {f"day.{n}" for n in range(5, 10)}):
            assert row.description in body, row
            assert row.id and row.id in body
            assert " ".join(row.keys) in body
        ids = [row.id for row in rows]
        assert len(ids) == len(set(ids))  # every binding has its own id
        await press(pilot, "escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_help_shows_remapped_keys(make_app) -> None:
    app = make_app(keymap={"filter": "F", "search": "ctrl+f"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "F")
        assert explorer(app).filtered
        await press(pilot, "question_mark")
        body = app.screen.query_one("#help-body").text.plain  # type: ignore[attr-defined]
        assert "ctrl+f" in body


async def palette_pick(pilot, query: str, label: str) -> None:  # type: ignore[no-untyped-def]
    """Open the palette, type `query`, pick the entry whose text starts with `label`."""
    from textual.command import CommandList, CommandPalette

    def offered() -> list[str]:
        palette = pilot.app.screen
        assert isinstance(palette, CommandPalette)
        return [o.hit.text or "" for o in palette.query_one(CommandList).options]  # type: ignore[attr-defined]

    await press(pilot, "ctrl+p")
    await pilot.press(*query)
    await wait_until(pilot, lambda: any(t.startswith(label) for t in offered()))
    command_list = pilot.app.screen.query_one(CommandList)
    command_list.highlighted = next(i for i, t in enumerate(offered()) if t.startswith(label))
    await press(pilot, "enter")


async def test_palette_jumps_to_people_countries_events_and_days(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await palette_pick(pilot, "Ashdown", "Person: Colin")
        assert country_code(app) == "CAN" and pane_of_focus(app) == "details"
        assert "Colin Ashdown" in details_text(app)

        await palette_pick(pilot, "Rusia", "Country: Russia")
        assert country_code(app) == "RUS" and "Pavel Dorokhov" in details_text(app)

        await palette_pick(pilot, "Dorokhov", "Event: KSAD meets the Russian")
        assert screen.day == "2025-06-12"
        assert screen.events.event.title.startswith("KSAD meets the Russian")
        assert details_text(app).startswith("KSAD meets the Russian delegation")
        assert pane_of_focus(app) == "details"

        await palette_pick(pilot, "Day 3", "Go to Day 3")
        assert screen.day == "2025-06-13" and pane_of_focus(app) == "timeline-pane"


async def test_escape_backs_out(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "i", "r", "a")
        assert country_names(app) == ["Iran"]
        await press(pilot, "escape")
        assert explorer(app).search == "" and len(country_names(app)) == 14
        assert explorer(app).countries.country.country.name == "Iran"  # selection kept
        assert pane_of_focus(app) == "countries-pane"
        assert not explorer(app).query_one("#search").display
        await press(pilot, "enter")
        assert pane_of_focus(app) == "details"
        await press(pilot, "escape")
        assert pane_of_focus(app) == "countries-pane"
        await press(pilot, "l", "enter", "escape")
        assert pane_of_focus(app) == "timeline-pane"
        await press(pilot, "question_mark", "escape")
        assert isinstance(app.screen, ExplorerScreen)


async def test_q_quits_with_status_zero(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_typing_q_in_search_does_not_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", "q", "f", "2")
        assert app.is_running and explorer(app).search == "qf2"
        assert not explorer(app).filtered


async def test_small_terminal_80x24_is_fully_usable(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Harbour Defence 2025" in text and "Countries" in text and "Timeline" in text
        assert "Details" in text
        await press(pilot, "slash", "r", "u", "s", "enter")
        text = screen_text(app)
        assert "Pavel Dorokhov" in text and "KSAD meets the Russian delegation" in text
        await press(pilot, "escape", "escape", "2")
        text = screen_text(app)
        lines = [line for line in text.splitlines() if "KSAD meets" in line]
        assert ["IRN" in lines[0], "CAN" in lines[1], "RUS" in lines[2]] == [True] * 3
        assert "bilateral" not in text  # a narrow timeline gives the kind's room to titles
        await press(pilot, "question_mark")
        assert "Keys" in screen_text(app)


async def test_resizing_down_to_40x12_keeps_working(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for size in ((100, 30), (80, 24), (59, 20), (40, 12), (30, 8), (140, 40), (40, 12)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert "Harbour Defence" in screen_text(app) or size[0] < 40
        # one pane at a time below 60 columns; tab and l bring the others
        assert "Countries" in screen_text(app)
        for key in ("tab", "2", "enter", "escape", "l", "l", "h", "slash", "r", "escape", "0"):
            await press(pilot, key)
            text = screen_text(app)
            assert len(text.splitlines()) == 12
        assert app.is_running


async def test_mouse_click_selects_rows_and_days(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(90, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        await pilot.click("#countries", offset=(5, 3))
        await settle(pilot)
        assert screen.countries.highlighted == 3
        assert country_code(app) == "CHN"
        strip = screen.query_one("#days", DayStrip)
        span = next(s for s in strip.spans if screen.day not in s.keys and len(s.keys) == 1)
        await pilot.click("#days", offset=(span.start, 0))
        await settle(pilot)
        assert screen.day == span.keys[0]
        pre_show = next(s for s in strip.spans if len(s.keys) > 1)  # collapsed at 90 columns
        await pilot.click("#days", offset=(pre_show.start, 0))
        await settle(pilot)
        assert screen.day == pre_show.keys[0]
        pre_show = next(s for s in strip.spans if screen.day in s.keys)
        await pilot.click("#days", offset=(pre_show.start, 0))  # again: the next pre-show date
        await settle(pilot)
        assert screen.day == pre_show.keys[1]
        await pilot.click("#events", offset=(10, 0))
        await settle(pilot)
        assert pane_of_focus(app) == "timeline-pane"
        assert screen.events.event is not None
        assert details_text(app).startswith(screen.events.event.title)


async def test_switching_expo_in_a_two_expo_store(make_app, two_expo_db: Path) -> None:
    app = make_app(two_expo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = explorer(app)
        assert screen.expo.slug == "second"  # the newest expo opens first
        assert "Second Show" in screen_text(app) and "2 expos" in screen_text(app)
        await press(pilot, "e")
        assert isinstance(app.screen, ExpoPicker)
        await press(pilot, "j", "enter")
        assert screen.expo.slug == "demo"
        assert "Demo Expo" in screen_text(app)
        assert [e.title for e in event_items(app)] == []  # day 1 of demo is empty
        await press(pilot, "2")
        assert [e.title for e in event_items(app)] == ["Talks"]
        await press(pilot, "e", "escape")
        assert screen.expo.slug == "demo"
        await palette_pick(pilot, "Switch", "Switch to Second Show")
        assert screen.expo.slug == "second"


async def test_expo_slug_argument_opens_that_expo(make_app, two_expo_db: Path) -> None:
    app = make_app(two_expo_db, expo_slug="demo")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert explorer(app).expo.slug == "demo"


async def test_lists_page_instead_of_loading_a_whole_day(make_app, big_day_db: Path) -> None:
    app = make_app(big_day_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l")
        events = explorer(app).events
        first = len(events.items())
        assert events.size.height < first < 200  # one first page: what fits, twice over
        assert events.next_cursor is not None
        await press(pilot, "G")
        assert len(events.items()) == first + 200  # the end of the page brought the next one
        for _ in range(8):
            await press(pilot, "G")
        titles = [e.title for e in events.items()]
        assert len(titles) == 1500 and events.next_cursor is None
        assert titles == [f"Meeting {i:04d}" for i in range(1, 1501)]  # no gaps, no repeats
        assert events.event.title == "Meeting 1500"


async def test_scrolling_with_the_mouse_wheel_loads_more(make_app, big_day_db: Path) -> None:
    app = make_app(big_day_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        events = explorer(app).events
        first = len(events.items())
        events.scroll_to(y=events.max_scroll_y, animate=False, immediate=True)
        await settle(pilot)
        assert len(events.items()) == first + 200


async def test_a_failing_query_is_reported_literally(make_app, monkeypatch) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk [bold]gone[/] \x1b[31m")

        monkeypatch.setattr(explorer(app).store, "events", broken)
        await press(pilot, "3")
        assert app.is_running
        text = screen_text(app)
        assert "Could not load data" in text
        assert "RuntimeError: disk [bold]gone[/]" in text


async def test_source_links_are_hyperlinks_and_only_web_links_open(make_app, monkeypatch) -> None:
    app = make_app()
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"rus", "enter", "G")
        text = explorer(app).details.text
        links = [
            span.style.link
            for span in text.spans
            if hasattr(span.style, "link") and span.style.link
        ]
        assert links and all(link.startswith("https://") for link in links)
        assert all(link in text.plain for link in links)  # also shown as text
        region = explorer(app).details.content_region
        spot = next(
            (x, y)
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
            if app.screen.get_style_at(x, y).link
        )
        await pilot.click(offset=spot)
        await settle(pilot)
        assert opened and opened[0] in links


async def test_countries_with_no_country_selected_state(make_app, tmp_path: Path) -> None:
    from expo_tui.store import open_store

    empty = tmp_path / "empty.db"
    open_store(empty, create=True).close()
    app = make_app(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "holds no expos" in screen_text(app)
        await press(pilot, "f", "2", "0", "slash", "x", "escape", "tab", "enter", "e")
        assert app.is_running


async def test_an_expo_with_no_countries_gives_the_timeline_its_room(
    make_app, tmp_path: Path
) -> None:
    # e.g. an imported conference schedule: talks in rooms, speakers, no country anywhere
    import dataclasses
    import datetime as dt

    from expo_tui.records import EventRecord, ParticipantRecord, PersonRecord
    from tests.conftest import tiny_bundle

    from .conftest import write_store

    talk = EventRecord(
        key="t1",
        title="Keynote on open schedules",
        kind="forum_session",
        date=dt.date(2025, 1, 11),
        start_time=dt.time(9, 30),
        end_time=dt.time(10, 15),
        location="Hall B",
        track="Open Data",
        participants=(ParticipantRecord("ana", "speaker"),),
        sources=("https://example.org/report",),
    )
    bundle = tiny_bundle(extra_events=(talk,))
    bundle = dataclasses.replace(
        bundle,
        expo=dataclasses.replace(bundle.expo, country=None),
        people=(PersonRecord(key="ana", name="Ana Example"),),
    )
    notes = Notes()
    app = make_app(write_store(tmp_path / "schedule.db", bundle))
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        assert "─ Countries" not in screen_text(app)  # no country list
        assert pane_of_focus(app) == "timeline-pane"
        await press(pilot, "2")
        row = next(line for line in screen_text(app).splitlines() if "Keynote" in line)
        assert "09:30–10:15" in row and row.rstrip(" │").endswith("Hall B")
        assert "Keynote on open schedules  Open Data" in row  # the track after the title
        assert len(row) > 100  # the whole width of the terminal
        await press(pilot, "tab", "tab")  # timeline, details: nothing else to cycle through
        assert pane_of_focus(app) == "timeline-pane"
        await press(pilot, "enter")
        assert "Track: Open Data" in details_text(app)
        await press(pilot, "down", "enter", "f", "slash")  # nothing to pick: nothing breaks
        assert app.is_running and explorer(app).country is None
        assert "none to search" in notes.text()


async def test_ctrl_r_shows_what_another_process_imported(make_app, tmp_path: Path) -> None:
    import datetime as dt

    from expo_tui.records import EventRecord, ParticipantRecord
    from expo_tui.store import open_store
    from tests.conftest import tiny_bundle

    from .conftest import write_store

    path = write_store(tmp_path / "live.db", tiny_bundle())
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l")  # day 2, the timeline focused on its one event
        screen = explorer(app)
        assert [e.title for e in event_items(app)] == ["Talks"]
        assert details_text(app).startswith("Talks")
        late = EventRecord(
            key="e2",
            title="Late addition",
            kind="courtesy_call",
            date=dt.date(2025, 1, 11),
            participants=(ParticipantRecord("ana", "guest"),),
            sources=("https://example.org/report",),
        )
        writer = open_store(path)  # another connection, as `expo-tui import` would open
        try:
            writer.write_bundle(tiny_bundle(extra_events=(late,)))
        finally:
            writer.close()
        assert [e.title for e in event_items(app)] == ["Talks"]  # nothing until asked
        await press(pilot, "ctrl+r")
        assert sorted(e.title for e in event_items(app)) == ["Late addition", "Talks"]
        assert screen.day == "2025-01-11"  # the day, highlighted event and details stay
        assert screen.events.event is not None and screen.events.event.title == "Talks"
        assert details_text(app).startswith("Talks")
        assert pane_of_focus(app) == "timeline-pane"
        assert screen.days[1].events == 2  # day counts re-read


async def test_going_compact_shows_the_pane_that_has_focus(make_app) -> None:
    # -details-focus restyles the whole screen, so wide layouts do without it; a resize sets
    # it when a layout that stacks the details needs it.
    app = make_app()
    async with app.run_test(size=(170, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "tab", "tab")
        assert not app.screen.has_class("-details-focus")
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert app.screen.has_class("-details-focus")
        await press(pilot, "shift+tab")
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        text = screen_text(app)
        assert "Timeline" in text and "Countries" not in text
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        await press(pilot, "tab")  # to the details: they grow at 60-159 columns
        assert app.screen.has_class("-details-focus")
        await pilot.resize_terminal(140, 40)
        await settle(pilot)
        assert app.screen.has_class("-details-focus")
        await pilot.resize_terminal(170, 40)
        await settle(pilot)
        assert not app.screen.has_class("-details-focus")


async def test_a_load_failing_at_start_still_shows_the_other_panes(make_app, monkeypatch) -> None:
    # The first paint waits for every pane's data; a load that fails must not keep the panes
    # hidden: they show once the wait is up, with the error reported.
    app = make_app()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("countries unavailable")

    monkeypatch.setattr(app.store, "countries", broken)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Could not load data" in screen_text(app))
        assert app.screen.query_one("#panes").display
        text = screen_text(app)
        assert "countries unavailable" in text
        assert "Timeline · Day 1" in text and "Harbour Defence 2025" in text
        assert event_items(app), "the timeline shows its events"


async def test_help_opened_at_once_paints_while_the_expo_is_still_loading(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")  # before the first loads are in
        await wait_until(pilot, lambda: "Keys" in screen_text(app))
        await pilot.press("escape")
        await wait_until(pilot, lambda: "Timeline · Day 1" in screen_text(app))
