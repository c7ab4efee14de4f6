"""The key bar: the keys of the focused pane, one line, clickable; a focus change that keeps
the same keys repaints nothing."""

from __future__ import annotations

from expo_tui.tui.screens.help import HelpScreen
from expo_tui.tui.widgets.keybar import KeyBar, KeyItem, bar_content

from .test_explorer import explorer, settle


def test_bar_fits_the_width_and_keeps_the_palette_at_the_right() -> None:
    entries = [
        KeyItem("slash", "/", "Search", True),
        KeyItem("q", "q", "Quit", True),
        ([KeyItem("[", "[", "", True), KeyItem("]", "]", "", True)], "Day"),
    ]
    palette = KeyItem("ctrl+p", "^p", "Palette", True)
    content, spans = bar_content(entries, palette, 80)
    assert content.cell_length == 80
    assert content.plain.rstrip().endswith("^p Palette")
    assert " / Search " in content.plain and "[] Day" in content.plain
    assert [s.key for s in spans] == ["slash", "slash", "q", "q", "[", "]", "ctrl+p", "ctrl+p"]
    narrow, spans = bar_content(entries, palette, 24)
    assert narrow.cell_length <= 24
    assert "Quit" not in narrow.plain and "Palette" in narrow.plain


def test_disabled_keys_are_dim_and_do_not_count_as_enabled() -> None:
    content, spans = bar_content([KeyItem("e", "e", "Expo", False)], None, 40)
    assert "Expo" in content.plain
    assert not spans[0].enabled


async def test_bar_lists_the_focused_panes_keys_and_a_click_presses_one(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        text = bar.render().plain
        for word in ("Search", "Details", "Day", "All days", "Filter", "Help", "Quit", "Palette"):
            assert word in text
        help_span = next(s for s in bar.spans if s.key == "question_mark")
        await pilot.click(KeyBar, offset=(help_span.start, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_moving_focus_between_panes_with_the_same_keys_keeps_the_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        before = bar.entries
        await pilot.press("tab")
        await settle(pilot)
        assert explorer(app).panes.focused == "timeline-pane"
        assert bar.entries == before  # same keys: no repaint was asked for
