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


# The analyst's views, each at 80x24 and 140x40.
VIEWS = {
    "matrix": ("m",),
    "matrix_cell_events": ("m", "l", "l", "enter"),
    "facets": ("0", "F", "j", "j", "j", "j", "space"),
    "ledger": ("a",),
    "person": ("2", "tab", "j", "enter", "p", "j", "enter"),
}


def _view_snapshot(snap_compare, make_app, view: str, size: tuple[int, int]) -> bool:  # type: ignore[no-untyped-def]
    return bool(snap_compare(make_app(), terminal_size=size, run_before=keys(*VIEWS[view])))


def test_matrix_80x24(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "matrix", (80, 24))


def test_matrix_140x40(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "matrix", (140, 40))


def test_matrix_cell_events_80x24(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "matrix_cell_events", (80, 24))


def test_matrix_cell_events_140x40(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "matrix_cell_events", (140, 40))


def test_facets_80x24(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "facets", (80, 24))


def test_facets_140x40(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "facets", (140, 40))


def test_ledger_80x24(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "ledger", (80, 24))


def test_ledger_140x40(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "ledger", (140, 40))


def test_person_80x24(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "person", (80, 24))


def test_person_140x40(snap_compare, make_app) -> None:
    assert _view_snapshot(snap_compare, make_app, "person", (140, 40))


def _event_form(*pressed: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        from textual.widgets import Input

        await settle(pilot)
        await press(pilot, *pressed)
        await settle(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False  # a still cursor: the same picture every run
        await pilot.pause()

    return run_before


def test_new_event_form_80x24(snap_compare, make_app) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_event_form("2", "N"))


def test_edit_event_form_140x40(snap_compare, make_app) -> None:
    run_before = _event_form("2", "l", "E")
    assert snap_compare(make_app(), terminal_size=(140, 40), run_before=run_before)


# The user's own layer: a note in the details pane, and the starred view.
def _annotated_db(showcase_db, tmp_path):  # type: ignore[no-untyped-def]
    import shutil

    from expo_tui.store import open_store
    from expo_tui.store.annotations import Subject

    path = tmp_path / "annotated.db"
    shutil.copyfile(showcase_db, path)
    store = open_store(path)
    expo = store.expos()[0]
    first = store.countries(expo, limit=2).items
    event = store.events(expo, None, limit=1).items[0]
    notes = store.annotations
    for summary in first:
        notes.set_star(Subject.country(summary.country.code), True)
    code = first[0].country.code
    notes.set_note(Subject.country(code), "Met the attaché at hall B.\n[b]Follow up[/b] =cmd")
    notes.set_tags(Subject.country(code), ["follow-up", "ASEAN"])
    notes.set_star(Subject.event(expo.slug, event.key), True)
    notes.set_tags(Subject.event(expo.slug, event.key), ["follow-up"])
    notes.set_star(Subject.person("nobody-here"), True)
    store.close()
    return path


def test_details_with_a_note_80x24(snap_compare, make_app, showcase_db, tmp_path) -> None:
    app = make_app(_annotated_db(showcase_db, tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("enter"))


def test_details_with_a_note_140x40(snap_compare, make_app, showcase_db, tmp_path) -> None:
    app = make_app(_annotated_db(showcase_db, tmp_path))
    assert snap_compare(app, terminal_size=(140, 40), run_before=keys("enter"))


def test_starred_view_80x24(snap_compare, make_app, showcase_db, tmp_path) -> None:
    app = make_app(_annotated_db(showcase_db, tmp_path))
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("S"))


def test_starred_view_140x40(snap_compare, make_app, showcase_db, tmp_path) -> None:
    app = make_app(_annotated_db(showcase_db, tmp_path))
    assert snap_compare(app, terminal_size=(140, 40), run_before=keys("S"))
