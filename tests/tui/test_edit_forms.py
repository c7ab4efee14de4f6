"""The explorer's own edits, as a person does them: add an event from their own observation
through the form and find it on its day (and in `expo-tui meetings --json`), edit an event,
edit a person, delete an event after saying yes (and keep it after saying no); the form says
what is wrong before anything is written; the shipped database is never written."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Button, Input, Select, SelectionList

from expo_tui import cli, paths
from expo_tui.store import open_store
from expo_tui.tui.app import ExpoApp
from expo_tui.tui.screens.confirm import ConfirmScreen
from expo_tui.tui.screens.event_form import EventForm
from expo_tui.tui.screens.person_form import PersonForm

from ..conftest import tiny_bundle
from .conftest import write_store
from .helpers import Notes, press, screen_text, settle, wait_until

OBSERVED = "own observation by Anna Schmidt, 11 January 2025 10:40"


@pytest.fixture
def own_db(tmp_path: Path) -> Path:
    return write_store(tmp_path / "own.db", tiny_bundle())


def _details(app: ExpoApp) -> str:
    return str(app.screen.details.text.plain)  # type: ignore[attr-defined]


async def _type(pilot: Pilot, selector: str, text: str) -> None:
    """Focus a field and type `text` into it, key by key (plain letters, digits, spaces)."""
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    await pilot.pause()
    keys = ["space" if ch == " " else ("colon" if ch == ":" else ch) for ch in text]
    await pilot.press(*keys)


async def _fill_new_event(pilot: Pilot) -> None:
    await press(pilot, "2", "N")  # day 2 of the demo expo: 11 January 2025
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EventForm))
    await settle(pilot)
    form = pilot.app.screen
    assert form.query_one("#day", Input).value == "2"  # the day shown is the form's
    await _type(pilot, "#time", "10:30")
    form.query_one("#kind", Select).value = "courtesy_call"
    await _type(pilot, "#title", "Walk past the stand")
    form.query_one("#summary", Input).value = "[@click=app.quit]x[/] saw [b]it[/b]"  # inert
    await _type(pilot, "#participant-name", "Ana")
    await pilot.press("right", "enter")  # the suggestion taken, then added
    await _type(pilot, "#participant-name", "Budi Santoso")
    await _type(pilot, "#participant-rank", "Kolonel")
    await _type(pilot, "#participant-country", "Kanada")
    await pilot.press("enter")
    await _type(pilot, "#observer", "Anna Schmidt")
    await _type(pilot, "#observed-time", "10:40")


async def test_an_event_from_own_observation_lands_on_its_day_and_in_meetings_json(
    own_db: Path,
) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _fill_new_event(pilot)
        participants = app.screen.query_one("#participant-list").option_count  # type: ignore[attr-defined]
        assert participants == 2
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, EventForm))
        await settle(pilot)
        await wait_until(pilot, lambda: OBSERVED in _details(app))
        assert "Walk past the stand" in screen_text(app)  # in the timeline, on its day
        assert "Details · Walk past the stand" in screen_text(app)  # with its details
        assert "[@click=app.quit]x[/] saw [b]it[/b]" in _details(app)  # as typed, not run
        assert app.is_running
    store.close()
    result = CliRunner().invoke(cli.main, ["meetings", "--db", str(own_db), "--json"])
    assert result.exit_code == 0, result.output
    event = next(e for e in json.loads(result.output) if e["title"] == "Walk past the stand")
    assert event["date"] == "2025-01-11" and event["start_time"] == "10:30"
    assert event["cites"] == [
        {
            "kind": "observation",
            "id": "observation:anna-schmidt@2025-01-11T10:40",
            "observer": "Anna Schmidt",
            "observed": "2025-01-11T10:40",
            "label": OBSERVED,
        }
    ]
    names = {(p["name"], p["rank"], p["country"]) for p in event["participants"]}
    assert names == {("Ana Example", None, "CAN"), ("Budi Santoso", "Kolonel", "CAN")}


async def test_the_form_says_what_is_wrong_and_writes_nothing(own_db: Path) -> None:
    before = hashlib.sha256(own_db.read_bytes()).hexdigest()
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "N")
        await settle(pilot)
        form = app.screen
        form.query_one("#day", Input).value = "12 Juni 2025"  # read, but outside the expo
        form.query_one("#title", Input).value = "Bad\x1b[2Jtitle"
        await press(pilot, "ctrl+s")
        text = screen_text(app)
        assert "Title: holds a control character" in text
        assert "Source: give a URL, or your own observation" in text
        assert isinstance(app.screen, EventForm)  # still open, to be put right
        await press(pilot, "escape")
        assert not isinstance(app.screen, EventForm)
    store.close()
    assert hashlib.sha256(own_db.read_bytes()).hexdigest() == before


async def test_edit_the_highlighted_event(own_db: Path) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l", "E")
        await wait_until(pilot, lambda: isinstance(app.screen, EventForm))
        await settle(pilot)
        title = app.screen.query_one("#title", Input)
        assert title.value == "Talks"  # the stored event, read into the form
        assert "https://example.org/report" in screen_text(app)  # the source it keeps
        title.value = "Talks on submarines"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: "Talks on submarines" in screen_text(app))
    store.close()
    reopened = open_store(own_db, readonly=True)
    expo = reopened.expos()[0]
    (event,) = reopened.events(expo, "2025-01-11").items
    detail = reopened.event(event.id)
    assert detail is not None and [s.url for s in detail.sources] == ["https://example.org/report"]
    assert [p.person.key for p in detail.participants] == ["ana"]
    reopened.close()


async def _untick_the_first_source(pilot: Pilot) -> None:
    kept = pilot.app.screen.query_one("#kept", SelectionList)
    kept.focus()
    await pilot.pause()
    kept.highlighted = 0
    await pilot.press("space")
    await wait_until(pilot, lambda: kept.selected == [])


async def test_an_edit_can_drop_a_wrong_source_once_another_cites_the_event(
    own_db: Path,
) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l", "E")
        await wait_until(pilot, lambda: isinstance(app.screen, EventForm))
        await settle(pilot)
        await wait_until(pilot, lambda: app.screen.query_one("#kept", SelectionList).selected)
        await _untick_the_first_source(pilot)
        await press(pilot, "ctrl+s")  # the only source unticked, none given: refused
        assert "Source: give a URL, or your own observation" in screen_text(app)
        assert isinstance(app.screen, EventForm)
        app.screen.query_one("#source-kind", Select).value = "url"
        await settle(pilot)
        app.screen.query_one("#url", Input).value = "https://example.org/right-report"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, EventForm))
        await settle(pilot)
    store.close()
    reopened = open_store(own_db, readonly=True)
    expo = reopened.expos()[0]
    (event,) = reopened.events(expo, "2025-01-11").items
    detail = reopened.event(event.id)
    assert detail is not None
    assert [s.url for s in detail.sources] == ["https://example.org/right-report"]
    assert reopened.check() == []
    reopened.close()


async def test_edit_a_person_the_details_name(own_db: Path) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l", "enter")  # the event's details: Ana takes part
        await press(pilot, "P")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonForm))
        await settle(pilot)
        assert "Ana Example" in screen_text(app)
        app.screen.query_one("#person-rank", Input).value = "Brigadier General"
        app.screen.query_one("#person-variants", Input).value = "Anna Example; A. Example"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, PersonForm))
        await settle(pilot)
        await wait_until(pilot, lambda: "Brigadier General" in _details(app))
    store.close()
    reopened = open_store(own_db, readonly=True)
    person = reopened.person("ana")
    assert person is not None and person.rank == "Brigadier General"
    assert reopened.search("A. Example", kinds=("person",))
    reopened.close()


async def test_delete_asks_first_and_no_keeps_the_event(own_db: Path) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await press(pilot, "2", "l", "D")
        assert isinstance(app.screen, ConfirmScreen)
        assert "Delete “Talks”?" in screen_text(app)
        await press(pilot, "n")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Talks" in screen_text(app)
        await press(pilot, "D", "enter")  # enter is on "keep it"
        assert "Talks" in screen_text(app)
        await press(pilot, "D", "y")
        await wait_until(pilot, lambda: "Event deleted." in notes.text())
        await settle(pilot)
        assert "Talks" not in screen_text(app).split("Details")[0]
    store.close()
    reopened = open_store(own_db, readonly=True)
    assert reopened.events(reopened.expos()[0], "2025-01-11").items == ()
    assert reopened.check() == []
    reopened.close()


async def test_the_first_edit_on_the_shipped_data_goes_to_the_users_own_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = write_store(tmp_path / "package" / "expo.db", tiny_bundle())
    user = tmp_path / "user" / "expo.db"
    monkeypatch.setattr(paths, "shipped_db", lambda: shipped)
    monkeypatch.setattr(paths, "user_db", lambda: user)
    monkeypatch.delenv(paths.ENV_DB, raising=False)
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    store = open_store(shipped, readonly=True)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _fill_new_event(pilot)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: OBSERVED in _details(app))
        assert app.store.path is not None and Path(app.store.path) == user
    app.store.close()
    store.close()
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == before
    mine = open_store(user, readonly=True)
    titles = [e.title for e in mine.events(mine.expos()[0], "2025-01-11").items]
    assert "Walk past the stand" in titles
    mine.close()


async def test_a_long_form_scrolls_within_80x24_and_save_stays_reachable(own_db: Path) -> None:
    from expo_tui.tui.form_checks import ParticipantDraft
    from expo_tui.tui.widgets.participants import ParticipantsField

    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "N")
        await settle(pilot)
        field = app.screen.query_one(ParticipantsField)
        for number in range(6):
            field.append(ParticipantDraft(f"Person {number}", "guest", None))
        await press(pilot, "ctrl+s")  # no source: two lines of problems on top
        assert "Source: give a URL" in screen_text(app)
        save = app.screen.query_one("#save")
        save.focus()
        await settle(pilot)
        assert 0 <= save.region.y < 23 and save.region.height >= 1  # scrolled into view
        assert "Save (ctrl+s)" in screen_text(app)
    store.close()


async def test_the_sources_list_shows_an_observation_with_nothing_to_open(own_db: Path) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    notes = Notes()
    async with app.run_test(size=(120, 40), message_hook=notes) as pilot:
        await settle(pilot)
        await _fill_new_event(pilot)
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: OBSERVED in _details(app))
        await press(pilot, "s")
        assert OBSERVED in screen_text(app) and "no link to open" in screen_text(app)
        await press(pilot, "enter")
        await press(pilot, "y")
        assert "An own observation has no page to open." in notes.text()
        assert "An own observation has no URL to copy." in notes.text()
    store.close()


async def test_the_forms_buttons_cancel_and_save_as_their_keys_do(own_db: Path) -> None:
    store = open_store(own_db)
    app = ExpoApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "N")
        await wait_until(pilot, lambda: isinstance(app.screen, EventForm))
        app.screen.query_one(".form-save", Button).press()  # empty: refused, the form stays
        await wait_until(pilot, lambda: "Source: give a URL" in screen_text(app))
        assert isinstance(app.screen, EventForm)
        app.screen.query_one(".form-cancel", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, EventForm))
        await press(pilot, "l", "enter", "P")
        await wait_until(pilot, lambda: isinstance(app.screen, PersonForm))
        await settle(pilot)
        app.screen.query_one("#person-rank", Input).value = "Colonel"
        app.screen.query_one(".form-save", Button).press()
        await wait_until(pilot, lambda: not isinstance(app.screen, PersonForm))
    store.close()
    reopened = open_store(own_db, readonly=True)
    person = reopened.person("ana")
    assert person is not None and person.rank == "Colonel"
    reopened.close()
