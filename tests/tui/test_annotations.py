"""The user's own layer in the explorer: star (`*`), a private note (`n`), tags (`t`), the ★ in
the lists, "Your note" in the details, the starred view (`S`) and its tag filter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from expo_tui.store import open_store
from expo_tui.store.annotations import Subject
from expo_tui.tui.app import ExpoApp

from .helpers import SHIPPED_DB, press, screen_text, settle, wait_until


@pytest.fixture
def own_db(tmp_path: Path) -> Path:
    path = tmp_path / "own.db"
    shutil.copyfile(SHIPPED_DB, path)
    return path


def _annotation(path: Path, subject: Subject):  # type: ignore[no-untyped-def]
    store = open_store(path, readonly=True)
    try:
        return store.annotations.get(subject)
    finally:
        store.close()


async def test_star_a_country_note_and_tags_show_apart_in_the_details(own_db: Path) -> None:
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "j", "j")  # the third country
        country = app.screen.countries.country.country  # type: ignore[attr-defined]
        await press(pilot, "asterisk")
        await wait_until(pilot, lambda: f"★ {country.name}" in screen_text(app))
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.screen.query(TextArea))
        area = app.screen.query_one(TextArea)
        area.insert("Met the attaché at B12.\n[b]not bold[/b] =cmd")
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: "Met the attaché at B12." in screen_text(app))
        text = screen_text(app)
        assert "Your note" in text and "[b]not bold[/b] =cmd" in text
        assert "Starred by you" in text
        await press(pilot, "t")
        await wait_until(pilot, lambda: app.screen.query(Input))
        app.screen.query_one(Input).value = "ASEAN, follow-up, asean"
        await press(pilot, "enter")
        await wait_until(pilot, lambda: "Tags: ASEAN, follow-up" in screen_text(app))
    app.store.close()
    found = _annotation(own_db, Subject.country(country.code))
    assert found.starred and found.note == "Met the attaché at B12.\n[b]not bold[/b] =cmd"
    assert found.tags == ("ASEAN", "follow-up")


async def test_star_an_event_in_the_timeline_and_unstar_it(own_db: Path) -> None:
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "tab")  # the timeline
        event = app.screen.events.event  # type: ignore[attr-defined]
        assert event is not None
        await press(pilot, "asterisk")
        await wait_until(pilot, lambda: app.screen.events.starred)  # type: ignore[attr-defined]
        assert "★ " in screen_text(app)
        assert _annotation(own_db, Subject.event("indodefence2025", event.key)).starred
        await press(pilot, "asterisk")
        await wait_until(pilot, lambda: not app.screen.events.starred)  # type: ignore[attr-defined]
    app.store.close()
    assert _annotation(own_db, Subject.event("indodefence2025", event.key)).empty


async def test_a_note_is_cancelled_with_escape(own_db: Path) -> None:
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await wait_until(pilot, lambda: app.screen.query(TextArea))
        app.screen.query_one(TextArea).insert("not kept")
        await press(pilot, "escape")
        assert not app.screen.query(TextArea)
    app.store.close()
    store = open_store(own_db, readonly=True)
    assert store.annotations.tags() == () and not list(store.annotations.iter_all())
    store.close()


def _seed(path: Path) -> None:
    store = open_store(path)
    notes = store.annotations
    notes.set_star(Subject.country("AUS"), True)
    notes.set_note(Subject.country("AUS"), "Ask about the Hunter-class frigates.")
    notes.set_tags(Subject.country("KHM"), ["ASEAN"])
    notes.set_star(Subject.person("ghost-person"), True)  # not in the store
    store.close()


async def test_the_starred_view_lists_filters_by_tag_and_jumps(own_db: Path) -> None:
    _seed(own_db)
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "S")
        await wait_until(pilot, lambda: "Australia" in screen_text(app))
        text = screen_text(app)
        assert "Starred" in text and "not in the store" in text and "Cambodia" not in text
        assert "Ask about the Hunter-class frigates." in text
        await press(pilot, "t")  # the tag filter
        await wait_until(pilot, lambda: "Filter by tag" in screen_text(app))
        await press(pilot, "j", "enter")  # ASEAN
        await wait_until(pilot, lambda: "Cambodia" in screen_text(app))
        assert "tagged ASEAN" in screen_text(app)
        assert "Australia" not in screen_text(app)
        await press(pilot, "enter")  # back to the explorer, on Cambodia
        await wait_until(pilot, lambda: type(app.screen).__name__ == "ExplorerScreen")
        await settle(pilot)
        country = app.screen.countries.country  # type: ignore[attr-defined]
        assert country is not None and country.country.code == "KHM"
    app.store.close()


async def test_the_search_finds_a_country_by_its_note(own_db: Path) -> None:
    _seed(own_db)
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"frigates")
        await wait_until(pilot, lambda: "Australia" in screen_text(app))
        assert "Cambodia" not in screen_text(app)
    app.store.close()


async def test_star_a_person_in_the_people_picker(own_db: Path) -> None:
    from textual.widgets import OptionList

    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"canada", "enter")  # Canada's details: its delegation
        await wait_until(pilot, lambda: app.screen.details.people)  # type: ignore[attr-defined]
        await press(pilot, "p")
        await wait_until(pilot, lambda: app.screen.query(OptionList))
        person = app.screen.people[0]  # type: ignore[attr-defined]
        await press(pilot, "asterisk")
        await wait_until(pilot, lambda: person.key in app.screen.starred)  # type: ignore[attr-defined]
        assert "★ " in screen_text(app)
        await press(pilot, "escape")
    app.store.close()
    assert _annotation(own_db, Subject.person(person.key)).starred


async def test_star_the_delegation_shown_in_the_details(own_db: Path) -> None:
    app = ExpoApp(open_store(own_db))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "slash", *"canada", "enter")  # the focus moves to the details
        await wait_until(pilot, lambda: app.screen.details.target is not None)  # type: ignore[attr-defined]
        await press(pilot, "asterisk")
        await wait_until(pilot, lambda: "Starred by you on the delegation" in screen_text(app))
    app.store.close()
    assert _annotation(own_db, Subject.delegation("indodefence2025", "CAN")).starred
    assert not _annotation(own_db, Subject.country("CAN")).starred
