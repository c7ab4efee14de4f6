"""SVG snapshots of the explorer (pytest-textual-snapshot). Regenerate with --snapshot-update.

The app has no clock and no animation; the only cursor that blinks is the search box's, which
none of these screens focus.
"""

from __future__ import annotations

from .helpers import press, settle


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        if pressed:
            await press(pilot, *pressed)
        await settle(pilot)

    return run_before


def test_main_screen_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=keys())


def test_main_screen_140x40(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=keys())


def test_russia_selected_day_two_140x40(snap_compare, make_app) -> None:
    """The README screenshot: Russia selected, its meeting standing out on 12 June."""
    run_before = keys("slash", "r", "u", "s", "escape", "2")
    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=run_before)


def test_event_details_80x24(snap_compare, make_app) -> None:
    run_before = keys("2", "l", "j", "j", "enter")
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_help_screen(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=keys("question_mark"))


def test_compact_layout_40x12(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(40, 12), run_before=keys("tab", "2"))
