"""Reading what the details say: wrapped lines keep a hanging indent, a URL stays one clickable
line, the sources list opens or copies a source, and the layout gives titles their room."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.text import Text

from expo_tui.records import SourceRecord
from expo_tui.tui.render.details import hang, prepare
from expo_tui.tui.screens.sources import SourcesScreen
from tests.factory import NEWS, showcase_bundle

from .conftest import write_store
from .helpers import Notes, press, screen_text, settle
from .test_explorer import details_text, explorer

LONG_URL = "https://news.example.org/" + "/".join(f"section-{n}" for n in range(30))


def test_a_line_hangs_under_its_bullet_label_or_indent() -> None:
    assert hang("  • Rostest Export (company)") == 4
    assert hang("[3] Example News — a title") == 4
    assert hang("Organiser: Ministry of Testing") == len("Organiser: ")
    assert hang("    Deputy Director, Federal Service") == 4
    assert hang("A plain sentence of prose that wraps") == 0
    prepared = prepare(Text("Venue: a hall\n    https://example.org/x\n"))
    assert prepared.one_line == (False, True)


def long_url_store(tmp_path: Path) -> Path:
    """The test expo with one source whose URL is far wider than any pane."""
    bundle = showcase_bundle()
    sources = tuple(
        SourceRecord(LONG_URL, s.publisher, s.title, s.language, s.published)
        if s.url == NEWS
        else s
        for s in bundle.sources
    )
    events = tuple(
        dataclasses.replace(e, sources=tuple(LONG_URL if u == NEWS else u for u in e.sources))
        for e in bundle.events
    )
    exhibitors = tuple(
        dataclasses.replace(x, sources=tuple(LONG_URL if u == NEWS else u for u in x.sources))
        for x in bundle.exhibitors
    )
    notes = "The organisers " + "wrote a long note about the show's preparations, " * 6
    expo = dataclasses.replace(
        bundle.expo, sources=(LONG_URL,), organizer=f"Ministry of Testing. {notes}"
    )
    bundle = dataclasses.replace(
        bundle, expo=expo, sources=sources, events=events, exhibitors=exhibitors, figures=()
    )
    return write_store(tmp_path / "long.db", bundle)


async def test_wrapped_lines_hang_and_a_long_url_stays_one_clickable_line(
    make_app, tmp_path: Path, monkeypatch
) -> None:
    app = make_app(long_url_store(tmp_path))
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "tab", "tab", "o", "G")  # the overview, scrolled to its sources
        lines = screen_text(app).splitlines()
        url_lines = [line for line in lines if "news.example.org" in line]
        assert len(url_lines) == 1 and "…" in url_lines[0]  # one line, cut in the middle
        assert "section-29" in url_lines[0]  # the end of the URL is still shown
        await press(pilot, "g")
        text = screen_text(app).splitlines()
        first = next(i for i, line in enumerate(text) if "Organiser: Ministry" in line)
        continuation = text[first + 1]
        column = text[first].index("Organiser: ") + len("Organiser: ")
        assert continuation[column - 1] == " " and continuation[column] != " "  # hangs
        # the shortened URL is still a link to the whole URL
        region = explorer(app).details.content_region
        await press(pilot, "G")
        spot = next(
            (x, y)
            for y in range(region.y, region.bottom)
            for x in range(region.x, region.right)
            if app.screen.get_style_at(x, y).link == LONG_URL
        )
        await pilot.click(offset=spot)
        await settle(pilot)
        assert opened == [LONG_URL]


async def test_the_sources_list_opens_a_source_and_copies_its_url(make_app, monkeypatch) -> None:
    app = make_app()
    opened: list[str] = []
    copied: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    monkeypatch.setattr(app, "copy_to_clipboard", copied.append)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"rus", "enter", "s")
        assert isinstance(app.screen, SourcesScreen)
        text = screen_text(app)
        assert "Sources · Russia" in text and "Example Wire" in text
        await press(pilot, "y")
        assert copied == ["https://wire.example.net/defence/harbour-show"]
        await press(pilot, "enter")
        assert opened == ["https://wire.example.net/defence/harbour-show"]
        await press(pilot, "escape")
        assert not isinstance(app.screen, SourcesScreen)
        assert "Pavel Dorokhov" in details_text(app)


async def test_e_with_one_expo_says_so(make_app) -> None:
    app = make_app()
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert "only one expo" in notes.text()


async def test_at_120_columns_titles_and_details_have_room(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        text = screen_text(app)
        # the chain's titles whole, and the overview's lines unwrapped
        assert "KSAD meets the Russian delegation led by Dorokhov" in text
        assert "Theme: Partnerships in Testing" in text
        assert "Organiser: Ministry of Testing" in text
