"""Pilot tests of the analyst's views on the invented expo: facets, the matrix, the ledger, a
person's record, the clock, the overlap mark, rank-forgiving search and the palette."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from expo_tui.tui.screens.facets import FacetsScreen
from expo_tui.tui.screens.ledger import LedgerScreen, PersonScreen
from expo_tui.tui.screens.matrix import MatrixScreen
from expo_tui.tui.screens.people import PeoplePicker

from .helpers import Notes, press, screen_text, settle, wait_until
from .test_explorer import country_names, details_text, event_items, explorer


async def test_facets_leave_only_signings_then_only_asean(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "0", "F")
        assert isinstance(app.screen, FacetsScreen)
        text = screen_text(app)
        assert "Signing (MoU / contract)" in text and "ASEAN" in text
        await press(pilot, "j", "j", "j", "j", "space", "escape")  # the fifth kind; apply
        screen = explorer(app)
        await wait_until(pilot, lambda: {e.kind for e in event_items(app)} == {"mou_signing"})
        assert country_names(app) == ["Indonesia", "France", "Japan", "Türkiye"]
        await press(pilot, "F", "j", "j", "j", "j")
        for _ in range(10):  # down to ASEAN, past the statuses and "any country"
            await press(pilot, "j")
        await press(pilot, "space", "escape")
        await wait_until(pilot, lambda: country_names(app) == ["Indonesia"])
        assert screen.facets.group == "asean" and screen.facets.kinds == {"mou_signing"}
        text = screen_text(app)
        assert "only MoU · ASEAN · 3 events" in text and "Countries · 1 match" in text
        await press(pilot, "F", "c", "escape")
        await wait_until(pilot, lambda: len(event_items(app)) == 21)


async def test_facet_counts_follow_the_other_facets(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "F")
        await wait_until(pilot, lambda: "planned" in screen_text(app))
        dialog = app.screen
        assert isinstance(dialog, FacetsScreen) and dialog.counts is not None
        assert dialog.counts.kinds["bilateral_meeting"] == 4  # the KSAD's three, China's
        await press(pilot, "j", "j", "j", "j", "j", "j", "j", "j", "j", "j", "space")  # happened
        await wait_until(
            pilot,
            lambda: dialog.counts is not None and dialog.counts.kinds["bilateral_meeting"] == 3,
        )


async def test_the_facets_dialog_scrolls_to_the_last_group_at_80x24(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "F")
        dialog = app.screen
        assert isinstance(dialog, FacetsScreen)
        await wait_until(pilot, lambda: dialog.counts is not None)
        options = dialog.query_one("#facet-list", OptionList)
        last = options.option_count - 1
        for _ in range(last):  # down to the last group (the cursor wraps past it)
            if options.highlighted == last:
                break
            await press(pilot, "j")
        assert options.highlighted == last
        assert "Five Eyes" in screen_text(app)  # the last group, highlighted, is in sight
        assert options.region.bottom <= app.size.height  # the list fits the terminal


async def test_day_headings_count_only_what_the_list_is_of(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "0")
        await wait_until(pilot, lambda: "Day 2 · Thu 12 Jun 2025  7 events" in screen_text(app))
        await press(pilot, "F", "j", "j", "j", "j", "space", "escape")  # only signings
        await wait_until(pilot, lambda: {e.kind for e in event_items(app)} == {"mou_signing"})
        text = screen_text(app)
        headings = [line for line in text.splitlines() if "━━ Day" in line]
        assert headings and not any("events" in line for line in headings)  # not the day's
        await press(pilot, "F", "c", "escape", "m")
        matrix = app.screen
        assert isinstance(matrix, MatrixScreen)
        await wait_until(pilot, lambda: matrix.grid.view is not None)
        codes = [c.code for c in matrix.grid.view.order]  # type: ignore[union-attr]
        for _ in range(codes.index("RUS") - 1):
            await press(pilot, "l")
        await press(pilot, "enter")
        await wait_until(pilot, lambda: "KSAD meets the Russian delegation" in screen_text(app))
        heading = next(line for line in screen_text(app).splitlines() if "━━ Day 2" in line)
        assert "events" not in heading  # one pair's event, not the day's seven


async def test_the_matrix_lists_a_cells_events_and_shows_one(
    make_app, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        matrix = app.screen
        assert isinstance(matrix, MatrixScreen)
        await wait_until(pilot, lambda: matrix.grid.view is not None)
        text = screen_text(app)
        assert "Bilateral matrix" in text and "the whole expo" in text
        row = next(line for line in text.splitlines() if "Indonesia" in line and "host" not in line)
        assert row.lstrip("│ ").startswith("🇮🇩 Indonesia")
        codes = [c.code for c in matrix.grid.view.order]  # type: ignore[union-attr]
        for _ in range(codes.index("RUS") - 1):
            await press(pilot, "l")
        assert matrix.grid.pair == ("IDN", "RUS")
        assert "Indonesia × Russia: 1 event together" in screen_text(app)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: "KSAD meets the Russian delegation" in screen_text(app))
        await press(pilot, "x")
        assert (
            (tmp_path / "matrix-harbour2025-all-days.csv")
            .read_text("utf-8")
            .startswith("\ufeffcountry,name,IDN")
        )
        await press(pilot, "enter")  # on the event: back in the explorer, on its day
        screen = explorer(app)
        assert app.screen is screen and screen.day == "2025-06-12"
        assert "Talks on training and joint production." in details_text(app)


async def test_the_matrix_steps_through_days_and_sorts(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "m", "left_square_bracket")  # from the whole expo to its last day
        matrix = app.screen
        assert isinstance(matrix, MatrixScreen) and matrix.day is not None
        await press(pilot, "0", "s")
        assert matrix.day is None and matrix.by_count
        await press(pilot, "escape")
        assert app.screen is explorer(app)


async def test_the_ledger_lists_signings_with_parties_and_value(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, LedgerScreen)
        text = screen_text(app)
        assert "Agreements ledger" in text
        assert "Ministry signs five agreements with French industry" in text
        assert "2.1 EUR billion" in text and "Parties" in text and "FRA:" in text
        await press(pilot, "j", "enter")
        assert app.screen is explorer(app) and explorer(app).day == "2025-06-12"


async def test_a_persons_record_from_an_events_participants(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "tab", "j", "enter")  # the KSAD's meeting with Canada
        await wait_until(pilot, lambda: "Colin Ashdown" in details_text(app))
        await press(pilot, "p")
        assert isinstance(app.screen, PeoplePicker)
        await press(pilot, "j", "enter")
        record = app.screen
        assert isinstance(record, PersonScreen)
        await wait_until(
            pilot, lambda: "Canadian attaché visits the naval pavilion" in screen_text(app)
        )
        text = screen_text(app)
        assert "Person · Colin Ashdown" in text and "Defence Attaché" in text
        assert "attendee" in text and "Organisers brief attachés" in text


async def test_the_clock_key_shows_times_on_utc(make_app) -> None:
    from expo_tui.tui.render.clock import Clock

    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=(notes := Notes())) as pilot:
        await settle(pilot)
        assert "Timeline · Day 1 · Wed 11 Jun · WIB" in screen_text(app)
        screen = explorer(app)
        screen.clock = Clock("local", "Europe/Paris")
        await settle(pilot)
        assert "CEST" in screen_text(app) and "04:00" in screen_text(app)  # 09:00 WIB
        await press(pilot, "z")  # local -> UTC
        assert "UTC" in notes.text() and "02:00" in screen_text(app)
        await press(pilot, "tab", "enter")
        assert "02:00 UTC (09:00 WIB)" in details_text(app)


async def test_double_booked_events_are_marked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        rows = [o.prompt.plain for o in explorer(app).events.options if o.item]
        marked = [r for r in rows if "! " in r]
        assert len(marked) == 2 and any("naval pavilion" in r for r in marked)
        await press(pilot, "tab", "enter")
        assert "Overlap:" in details_text(app)


async def test_the_country_search_forgives_ranks(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(
            pilot, "slash", *"Mayjen Ashdown"
        )  # Major General, as Indonesian press writes it
        await wait_until(pilot, lambda: country_names(app) == ["Canada"])


async def test_the_palette_ranks_people_at_the_expo_above_countries_that_are_not(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        hits = [(h.kind, h.label) for h in app.store.search("ra", expo=explorer(app).expo)]
        # the United Kingdom and Aziz Rahman took part; Laos did not
        assert hits == [
            ("country", "United Kingdom"),
            ("person", "Aziz Rahman"),
            ("country", "Laos"),
        ]
