"""Hostile data: markup, escape sequences, RTL, combining marks and 10,000-character names are
shown literally in every pane, title, notification and palette entry, and never run anything."""

from __future__ import annotations

import re
from pathlib import Path

from textual.command import CommandList, CommandPalette

from expo_tui.tui.render.text import safe_text

from .conftest import LONG_NAME
from .helpers import press, screen_text, settle
from .test_explorer import details_text, explorer

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def assert_clean(text: str) -> None:
    assert "\x1b" not in text and "\x07" not in text
    assert not CONTROL.search(text), repr(CONTROL.search(text))


async def test_hostile_strings_render_literally_everywhere(
    make_app, hostile_db: Path, monkeypatch
) -> None:
    app = make_app(hostile_db)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **kw: opened.append(url))
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        await settle(pilot)
        screen = explorer(app)
        seen = []

        async def look() -> str:
            text = screen_text(app)
            assert_clean(text)
            assert app.is_running
            seen.append(text)
            return text

        text = await look()
        assert "[@click=app.quit]Hostile[/]" in text  # header, literally
        assert "[link=file:///etc/passwd]venue[/link]" in text
        assert "Canada [@cli" in text  # country list (cut to fit)
        names = [o.prompt.title.plain for o in screen.countries.options]
        assert "Canada [@click=app.quit]x[/]  Kanada [/]" in names
        assert "Veryloooo"[:6] in text and "…" in text  # the long name is cut, not wrapped
        # every country's details, clicking each row (clicks must not run actions)
        for row in range(3):
            await pilot.click("#countries", offset=(8, row))
            await settle(pilot)
            await pilot.click("#countries", offset=(20, row))
            await settle(pilot)
            await look()
        await press(pilot, "slash", *"canada", "enter")
        body = details_text(app)
        for fragment in (
            "[bold]x",
            "[/]",
            "[@click=app.quit]x[/]",
            "[link=file:///etc/passwd]y[/link]",
            "red",
            "שלום עולם",
            "e\u0301\u0301\u0301",
            "[b]General[/b]",
            "[@click=app.quit]member[/]",
            "[@click=app.quit]Exhibitor[/]",
            "cleared? [/]",
        ):
            assert fragment in body, fragment
        assert_clean(body)
        # click all over the details pane (source links are http(s) only; data URLs inert)
        region = screen.details.content_region
        for y in range(region.y, region.bottom, 5):
            await pilot.click(offset=(region.x + 3, y))
        await settle(pilot)
        assert app.is_running
        assert all(url.startswith("https://") for url in opened)
        await press(pilot, "G", "escape", "escape")
        # the timeline, every day and all days, every event's details
        for key in ("1", "2", "3", "0", "right_square_bracket", "left_square_bracket"):
            await press(pilot, key)
            await look()
        await press(pilot, "0", "l")
        for _ in range(4):
            await press(pilot, "j")
            assert_clean(details_text(app))
            await look()
        await press(pilot, "g")
        body = details_text(app)
        assert "Talks [bold]x [/] [@click=app.quit]x[/]" in body
        assert "[@click=app.quit]Chain[/]" in body  # the chain's scope
        assert "[link=file:///etc/passwd]Hall[/link]" in body
        assert "Summary red [bold]x" in body and "file:///etc/passwd" in body
        links = [s.style.link for s in screen.details.text.spans if getattr(s.style, "link", None)]
        assert links and all(link.startswith("https://") for link in links)
        await pilot.click("#events", offset=(30, 2))
        await settle(pilot)
        await press(pilot, "f", "f", "enter", "G", "g", "escape")
        await look()
        # help and the palette
        await press(pilot, "question_mark")
        await look()
        await press(pilot, "escape", "ctrl+p")
        await pilot.press(*"click")
        for _ in range(40):
            await settle(pilot, 1)
            if (
                isinstance(app.screen, CommandPalette)
                and len(app.screen.query_one(CommandList).options) > 1
            ):
                break
            await pilot.pause(0.05)
        text = await look()
        assert "[@click=app.quit]" in text
        await pilot.click(CommandList, offset=(10, 0))
        await settle(pilot)
        await look()
        assert app.is_running
        # narrow and tiny layouts with the same data
        for size in ((80, 24), (40, 12)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            await look()
        assert app.return_code is None
        # notifications with hostile text are literal too
        app.notify(safe_text("[@click=app.quit]x[/] \x1b]52;c;SGVsbG8=\x07"), markup=False)
        await settle(pilot)
        await look()
    assert all(LONG_NAME not in text for text in seen)  # never painted whole


async def test_hostile_strings_render_literally_in_the_views(make_app, hostile_db: Path) -> None:
    """The matrix, the ledger, the facets and a person's record show data as text."""
    app = make_app(hostile_db)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        for keys, expected in (
            (("m",), "Bilateral matrix"),
            (("a",), "Agreements ledger"),
            (("F",), "Facets"),
            (("2", "tab", "enter", "p", "enter"), "Person"),
        ):
            await press(pilot, *keys)
            text = screen_text(app)
            assert expected in text, text
            assert "\x1b" not in text
            await press(pilot, "escape")
            await settle(pilot)
        assert app.is_running  # no markup ran app.quit
