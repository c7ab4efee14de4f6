"""The review screen: Pilot flows over a copy of the shipped data with articles ingested (the
test's own article and the news fixtures), and hostile text in a queue of its own."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from expo_tui.news.pipeline import ingest
from expo_tui.store import open_store
from expo_tui.store.review import NewCandidate, NewDocument
from expo_tui.tui.app import ExpoApp
from expo_tui.tui.screens.explorer import ExplorerScreen
from expo_tui.tui.screens.review import ReviewScreen
from expo_tui.tui.screens.review_forms import EditForm
from expo_tui.tui.screens.review_merge import MergePicker, PartyPicker
from expo_tui.tui.widgets.review_detail import ReviewDetail
from expo_tui.tui.widgets.review_list import ReviewList
from tests.conftest import tiny_bundle

from .conftest import HOSTILE_NAME
from .helpers import REPO, SHIPPED_DB, Notes, press, screen_text, settle, wait_until

ARTICLE = Path(__file__).resolve().parents[1] / "fixtures" / "review" / "courtesy_call.txt"
NEWS = Path(__file__).resolve().parents[1] / "fixtures" / "news"
CALL = "Muhammad Hafizuddeain Jantan (Malaysia) calls on Maruli Simanjuntak (Indonesia)"
ARTICLE_URL = "https://news.example.org/2025/06/12/general-visits-army-chief"


@pytest.fixture(scope="session")
def queued_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with the news fixtures and the test's article queued (once)."""
    path = tmp_path_factory.mktemp("review") / "queued.db"
    shutil.copy(SHIPPED_DB, path)
    path.chmod(0o644)
    store = open_store(path)
    here = os.getcwd()
    os.chdir(REPO)  # article names as the repository gives them, the same on every machine
    try:
        news = "tests/fixtures/news/"
        ingest(store, [f"{news}ksad_tiga_delegasi.txt", f"{news}menhan_terima_filipina.txt"])
        ingest(store, ["tests/fixtures/review/courtesy_call.txt"])  # the newest: first
    finally:
        os.chdir(here)
        store.close()
    return path


@pytest.fixture
def review_app(queued_db: Path, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "store.db"
    shutil.copy(queued_db, path)
    store = open_store(path)
    notes = Notes()
    app = ExpoApp(store, review=True)
    yield app, store, notes
    store.close()


async def opened(pilot) -> ReviewScreen:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    screen = pilot.app.screen
    await wait_until(pilot, lambda: screen.candidate is not None)
    return screen


def evidence(screen: ReviewScreen) -> str:
    """The detail pane's text (the proposal, the evidence, the parties, the match), plain."""
    return screen.query_one(ReviewDetail).text.plain


def title(screen: ReviewScreen) -> str:
    """The title line: the counts and what the last decision did."""
    return str(screen.query_one("#review-title").content)


def call_in_store(store) -> list:  # type: ignore[no-untyped-def]
    rows = store.connection.read(
        "SELECT e.key, e.date FROM events e JOIN event_sources es ON es.event_id = e.id "
        "JOIN sources s ON s.id = es.source_id WHERE s.url = ?",
        (ARTICLE_URL,),
    )
    return [tuple(r) for r in rows]


async def test_accept_writes_the_call_and_the_timeline_cites_the_article(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        assert screen.candidate.title == CALL
        text = screen_text(app)
        assert "received a courtesy call from Malaysian Army Chief" in evidence(screen)
        assert "Review · " in text and "pending" in text
        await press(pilot, "a")
        await wait_until(pilot, lambda: screen.candidate.state == "accepted")
        assert "Accepted #" in title(screen)
        assert call_in_store(store) and call_in_store(store)[0][1] == "2025-06-12"
        await press(pilot, "escape")
        explorer = app.screen
        assert isinstance(explorer, ExplorerScreen)
        await press(pilot, "2")
        await wait_until(pilot, lambda: "Jantan" in screen_text(app))


async def test_reject_then_undo(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        first = screen.candidate.id
        await press(pilot, "x")
        await wait_until(pilot, lambda: screen.candidate.state == "rejected")
        assert store.review.candidate(first).state == "rejected"
        assert call_in_store(store) == []
        await press(pilot, "a")  # already decided: nothing happens, it says so
        assert "already rejected" in notes.text()
        await press(pilot, "u")
        await wait_until(pilot, lambda: screen.candidate.state == "pending")
        assert store.review.counts()["rejected"] == 0


async def test_undo_of_an_accept_takes_the_call_back_out(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        await press(pilot, "a")
        await wait_until(pilot, lambda: call_in_store(store) != [])
        await press(pilot, "u")
        await wait_until(pilot, lambda: screen.candidate.state == "pending")
        assert call_in_store(store) == []
        assert "Undid the accept" in title(screen)


async def test_edit_checks_in_plain_words_then_accepts_as_edited(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        await press(pilot, "e")
        await wait_until(pilot, lambda: isinstance(app.screen, EditForm))
        form = app.screen
        form.query_one("#edit-day").value = "9"
        form.query_one("#edit-order").value = "x1"
        form.query_one("#edit-country-1").value = "Atlantis"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, EditForm)  # refused: nothing written
        problem = str(form.query_one("#edit-problem").render())
        assert "there is no day 9" in problem
        assert "'x1' is not a whole number" in problem
        assert "'Atlantis' is not a country" in problem
        assert call_in_store(store) == []
        form.query_one("#edit-day").value = "13 Juni 2025"
        form.query_one("#edit-order").value = "2"
        form.query_one("#edit-country-1").value = "Malaysia"
        form.query_one("#edit-position-1").value = "Chief of Army, Malaysia"
        await press(pilot, "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        await wait_until(pilot, lambda: call_in_store(store) != [])
        _key, day = call_in_store(store)[0]
        assert day == "2025-06-13"
        person = store.person("muhammad-hafizuddeain-jantan")
        assert person.position == "Chief of Army, Malaysia"
        assert screen.candidate.state == "accepted"
        # the queue shows the corrected record, and says it was accepted as edited
        await wait_until(pilot, lambda: "accepted as edited" in evidence(screen))
        assert "2025-06-13" in evidence(screen)
        row = screen.query_one(ReviewList).highlighted_item
        assert (row.state, row.day) == ("accepted", "2025-06-13")
        assert "as edited" in screen_text(app)


async def test_merge_into_a_stored_event_adds_the_article_as_its_source(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        target = store.connection.read_one(
            "SELECT e.key, e.title FROM events e WHERE e.title LIKE 'KSAD meets Russian%'"
        )
        events_before = store.connection.read_one("SELECT count(*) FROM events")[0]
        await press(pilot, "m")
        await wait_until(pilot, lambda: isinstance(app.screen, MergePicker))
        await pilot.press(*"KSAD meets Russian")
        await settle(pilot)
        picker = app.screen
        await wait_until(pilot, lambda: picker.targets and picker.targets[0].key == target[0])
        await press(pilot, "enter")
        await wait_until(pilot, lambda: call_in_store(store) != [])
        assert call_in_store(store)[0][0] == target[0]  # the stored event, citing the article
        assert store.connection.read_one("SELECT count(*) FROM events")[0] == events_before
        assert screen.candidate.state == "accepted"


async def merge_into_person(pilot, name: str) -> str:  # type: ignore[no-untyped-def]
    """Open the merge picker, type `name`, pick the first stored person found; their key."""
    app = pilot.app
    await press(pilot, "m")
    await wait_until(pilot, lambda: isinstance(app.screen, MergePicker))
    await pilot.press(*name)
    picker = app.screen
    await wait_until(pilot, lambda: any(t.what == "person" for t in picker.targets))
    await settle(pilot)
    index = next(i for i, t in enumerate(picker.targets) if t.what == "person")
    picker.query_one("#merge-list").highlighted = index
    await press(pilot, "enter")
    assert not isinstance(app.screen, MergePicker), (index, picker.targets)
    return str(picker.targets[index].key)


def people_of_the_call(store) -> set[str]:  # type: ignore[no-untyped-def]
    rows = store.connection.read(
        "SELECT p.key FROM event_participants ep JOIN events e ON e.id = ep.event_id "
        "JOIN people p ON p.id = ep.person_id WHERE e.key = ?",
        (call_in_store(store)[0][0],),
    )
    return {r[0] for r in rows}


async def test_merge_identifies_a_party_as_a_stored_person(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        await opened(pilot)
        chosen = await merge_into_person(pilot, "Agus Subiyanto")
        await wait_until(pilot, lambda: call_in_store(store) != [] or "not" in notes.text())
        assert "nothing was written" not in notes.text(), notes.text()
        keys = people_of_the_call(store)  # the Indonesian party is now the stored person chosen
        assert chosen in keys and "maruli-simanjuntak" not in keys


async def test_merge_asks_which_party_when_the_persons_country_does_not_tell(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        await opened(pilot)
        await merge_into_person(pilot, "Derek Allen Macaulay")  # Canadian: neither party's
        await wait_until(pilot, lambda: isinstance(app.screen, PartyPicker))
        parties = app.screen.parties
        assert sorted(p.get("country") for p in parties) == ["IDN", "MYS"]
        assert "Which party is Derek Allen Macaulay?" in screen_text(app)
        await press(pilot, "escape")  # cancelled: nothing written
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert call_in_store(store) == []

        chosen = await merge_into_person(pilot, "Derek Allen Macaulay")
        await wait_until(pilot, lambda: isinstance(app.screen, PartyPicker))
        malaysian = next(i for i, p in enumerate(app.screen.parties) if p.get("country") == "MYS")
        app.screen.query_one("#party-list").highlighted = malaysian
        await press(pilot, "enter")
        await wait_until(pilot, lambda: call_in_store(store) != [] or "not" in notes.text())
        keys = people_of_the_call(store)  # the party picked is the stored person; the other stays
        assert chosen in keys and "maruli-simanjuntak" in keys


async def test_accept_every_candidate_of_an_article(review_app) -> None:
    app, store, notes = review_app
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        listing = screen.query_one(ReviewList)
        pending = store.review.counts()["pending"]
        # down to the first candidate of the second article (two or more candidates)
        first_document = listing.current()[1]
        while listing.current()[1] == first_document:
            await press(pilot, "down")
        document = listing.current()[1]
        own = store.review.candidates(document_id=document).items
        assert len(own) >= 2
        await press(pilot, "A")
        await wait_until(pilot, lambda: store.review.counts()["pending"] == pending - len(own))
        assert all(store.review.candidate(c.id).state == "accepted" for c in own)
        assert f"Accepted the article's {len(own)} candidate(s)" in title(screen)


async def test_source_shows_the_article_around_the_evidence(review_app) -> None:
    app, _store, notes = review_app
    opened_urls: list[str] = []
    app.open_url = lambda url, **kw: opened_urls.append(url)  # type: ignore[method-assign]
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        await opened(pilot)
        await press(pilot, "o")
        await wait_until(pilot, lambda: "training exchanges" in screen_text(app))
        assert opened_urls == [ARTICLE_URL]


async def test_ingest_from_inside_the_app(review_app, tmp_path: Path) -> None:
    app, store, notes = review_app
    page = tmp_path / "second.txt"
    page.write_text(
        "https://news.example.org/2025/06/13/second\n\n"
        + ARTICLE.read_text().split("\n", 2)[2].replace("12 June", "13 June"),
        encoding="utf-8",
    )
    async with app.run_test(size=(140, 40), message_hook=notes) as pilot:
        screen = await opened(pilot)
        before = store.review.counts()["pending"]
        await press(pilot, "i")
        await pilot.press(*str(tmp_path / "missing.txt"), "enter")
        await settle(pilot)
        assert "There is no file or folder" in screen_text(app)
        app.screen.query_one("#ingest-path").value = str(page)
        await press(pilot, "enter")
        await wait_until(pilot, lambda: "came into the queue" in notes.text())
        assert "1 candidate(s) came into the queue" in notes.text()
        assert store.review.counts()["pending"] == before + 1
        await wait_until(pilot, lambda: "second.txt" in screen_text(app))
        assert screen.query_one(ReviewList).option_count > 0


# -- hostile text --------------------------------------------------------------------------


@pytest.fixture
def hostile_queue(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    store = open_store(path, create=True)
    store.write_bundle(tiny_bundle())
    expo_id = store.expo("demo").id
    url = "https://example.org/hostile"
    quote = f"{HOSTILE_NAME} received [b]Ana[/b] \x1b[2J here."
    record = {
        "event": {
            "key": "news-h",
            "title": HOSTILE_NAME,
            "kind": "bilateral_meeting",
            "status": "happened",
            "date": "2025-01-11",
            "participants": [{"person": "evil", "role": "host"}],
            "sources": [url],
        },
        "people": [{"key": "evil", "name": HOSTILE_NAME, "rank": "[b]Gen[/b]", "country": "CAN"}],
        "sources": [{"url": url, "publisher": "[red]P[/red]"}],
    }
    store.review.add(
        NewDocument(url, "[b]x.txt", "[@click=app.quit]T[/]", None, "en", dt.date(2025, 1, 11), "h", quote),
        [
            NewCandidate(
                expo_id, "f", "bilateral_meeting", HOSTILE_NAME, record, "new", None, 0.5,
                ((quote, 0, len(quote), "[b]rule"),),
            )
        ],
    )  # fmt: skip
    store.close()
    return path


async def test_hostile_evidence_and_names_are_inert(hostile_queue: Path) -> None:
    store = open_store(hostile_queue)
    app = ExpoApp(store, review=True)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await opened(pilot)
        text = screen_text(app)
        assert "[b]Ana[/b]" in text and "[b]Gen[/b]" in text
        assert "[@click=app.quit]T[/]" in text
        assert "\x1b" not in text and "\u202e" not in text
        assert app.is_running  # the click markup did nothing
        shown = evidence(screen)
        assert "[b]Ana[/b]" in shown and "\x1b" not in shown
    store.close()


# -- snapshots -------------------------------------------------------------------------------


def _snapshot_app(queued_db: Path, tmp_path: Path) -> ExpoApp:
    path = tmp_path / "snap.db"
    shutil.copy(queued_db, path)
    return ExpoApp(open_store(path), review=True)


async def _ready(pilot) -> None:  # type: ignore[no-untyped-def]
    await opened(pilot)
    await settle(pilot)


def test_review_screen_80x24(snap_compare, queued_db: Path, tmp_path: Path) -> None:
    app = _snapshot_app(queued_db, tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_ready)


def test_review_screen_140x40(snap_compare, queued_db: Path, tmp_path: Path) -> None:
    app = _snapshot_app(queued_db, tmp_path)
    assert snap_compare(app, terminal_size=(140, 40), run_before=_ready)
