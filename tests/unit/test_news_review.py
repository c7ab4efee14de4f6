"""The review queue and its commands: ingest fills it, accept writes through the store's writer
(all or nothing, the article as a source), reject, undo restores the store exactly."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.store import open_store

from ..conftest import SHIPPED_DB

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
ARTICLE = FIXTURES / "ksad_tiga_delegasi.txt"
PAGE = FIXTURES / "minister_receives_counterpart.html"
ARTICLE_URL = "https://berita.example.id/2025/06/13/ksad-terima-tiga-delegasi"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of the records' tables (not the queue's), for comparing stores. Full-text
    indexes are compared by what they index, not by their segments (which an insert and a
    delete leave laid out differently)."""
    conn = sqlite3.connect(path)
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r[0].startswith(("review_", "sqlite_"))
        and "search" not in r[0]
        and not r[0].endswith(("_fts_data", "_fts_idx", "_fts_docsize", "_fts_config"))
    ]
    rows = {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    conn.close()
    return rows


def test_the_army_chiefs_meetings_are_proposed_in_order_and_matched(db: Path) -> None:
    result = run(
        "ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db), "--dry-run", "--json"
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.stdout)["events"]
    assert [(e["date"], e["order"], e["match"], e["matched_event"]) for e in events] == [
        ("2025-06-12", 1, "adds_source", "ID25-E15"),
        ("2025-06-12", 2, "adds_source", "ID25-E16"),
        ("2025-06-12", 3, "adds_source", "ID25-E17"),
    ]
    for event in events:
        assert ARTICLE_URL in event["sources"]
        (evidence,) = event["evidence"]
        assert set(evidence) == {"source", "quote", "start", "end", "rule"}
        assert 0 < event["confidence"] <= 1


def test_the_candidate_document_imports_and_changes_only_the_sources(
    db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "candidates.json"
    assert (
        run(
            "ingest",
            str(ARTICLE),
            "--expo",
            "indodefence2025",
            "--db",
            str(db),
            "--dry-run",
            "-o",
            str(out),
        ).exit_code
        == 0
    )
    report = json.loads(run("import", str(out), "--db", str(db), "--json").stdout)
    (file,) = report["files"]
    assert file["changed"] == {"events": 3}
    assert file["added"] == {"sources": 1}


def test_ingest_fills_the_queue_and_accept_writes_the_article_as_a_source(db: Path) -> None:
    before = dump(db)
    result = run("ingest", str(PAGE), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "picked expo indodefence2025" in result.stdout
    listed = json.loads(run("review", "list", "--db", str(db), "--json").stdout)
    assert len(listed) == 3 and {c["match"] for c in listed} <= {
        "new",
        "adds_source",
        "updates",
        "conflicts",
    }
    reception = next(
        c
        for c in listed
        if {p["person"] for p in c["record"]["event"]["participants"]}
        >= {"seok-jong-gun", "sjafrie-sjamsoeddin"}
        and c["kind"] != "mou_signing"
    )
    shown = run("review", "show", str(reception["id"]), "--db", str(db))
    assert "evidence [en.receive" in shown.stdout and "Seok Jong-gun (KOR)" in shown.stdout
    assert dump(db) == before  # queueing writes no record

    assert run("review", "accept", str(reception["id"]), "--db", str(db)).exit_code == 0
    store = open_store(db)
    try:
        expo = store.expo("indodefence2025")
        detail = store.event_by_key(expo, reception["record"]["event"]["key"])
        assert detail is not None and detail.event.date.isoformat() == "2025-06-11"
        source = next(s for s in detail.sources if s.url.startswith("https://times.example.com/"))
        assert (source.publisher, source.language, source.published.isoformat()) == (
            "Example Times",
            "en",
            "2025-06-11",
        )
        assert source.title.startswith("Defence minister receives Korean counterpart")
        roles = {(p.person.key, p.role) for p in detail.participants}
        assert {("sjafrie-sjamsoeddin", "host"), ("seok-jong-gun", "guest")} <= roles
        assert store.review.counts() == {"pending": 2, "accepted": 1, "rejected": 0}
        kept = store.review.candidate(reception["id"]).evidence
        assert kept[0].rule.startswith("en.receive")
        assert store.check() == []
    finally:
        store.close()

    assert "Undid the accept" in run("review", "undo", "--db", str(db)).stdout
    assert dump(db) == before  # the accept is taken back to the row


def test_an_edited_accept_is_what_the_queue_keeps_and_undo_puts_the_proposal_back(
    db: Path,
) -> None:
    from expo_tui.news import review

    assert run("ingest", str(PAGE), "--db", str(db)).exit_code == 0
    store = open_store(db)
    try:
        proposal = next(c for c in store.review.candidates().items if c.match == "new")
        event = proposal.record["event"]
        record = review.edited(
            proposal.record, kind=event["kind"], status="unconfirmed", date=event.get("date"),
            order=None, people={},
        )  # fmt: skip
        review.accept_as(store, proposal.id, record, proposal.match)
        kept = store.review.candidate(proposal.id)
        assert kept is not None and kept.state == "accepted"
        assert kept.record["event"]["status"] == "unconfirmed"  # what the store was told
        stored = store.event_by_key(store.expo("indodefence2025"), event["key"])
        assert stored is not None and stored.event.status == "unconfirmed"
        store.review.undo()
        back = store.review.candidate(proposal.id)
        assert back is not None and back.state == "pending"
        assert (back.record, back.match, back.matched_event) == (
            proposal.record,
            proposal.match,
            proposal.matched_event,
        )
    finally:
        store.close()

    merged = json.loads(run("review", "list", "--db", str(db), "--json").stdout)[0]
    store = open_store(db)
    try:
        into = review.into_event(merged["record"], "ID25-E15")
        review.accept_as(store, merged["id"], into, "updates")
        kept = store.review.candidate(merged["id"])
        assert kept is not None and (kept.match, kept.matched_event) == ("updates", "ID25-E15")
    finally:
        store.close()


def test_accepting_a_corroboration_adds_the_source_to_the_stored_event(db: Path) -> None:
    assert run("ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db)).exit_code == 0
    ids = [
        str(c["id"]) for c in json.loads(run("review", "list", "--db", str(db), "--json").stdout)
    ]
    assert run("review", "accept", *ids, "--db", str(db)).exit_code == 0
    store = open_store(db)
    try:
        expo = store.expo("indodefence2025")
        for key in ("ID25-E15", "ID25-E16", "ID25-E17"):
            detail = store.event_by_key(expo, key)
            assert ARTICLE_URL in [s.url for s in detail.sources]
            assert detail.event.order is not None  # the stored event is otherwise unchanged
        assert store.check() == []
    finally:
        store.close()


def test_reject_and_undo(db: Path) -> None:
    run("ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db))
    first = json.loads(run("review", "list", "--db", str(db), "--json").stdout)[0]["id"]
    assert run("review", "reject", str(first), "--db", str(db)).exit_code == 0
    again = run("review", "reject", str(first), "--db", str(db))
    assert again.exit_code == 1 and "already rejected" in again.stderr
    assert len(json.loads(run("review", "list", "--db", str(db), "--json").stdout)) == 2
    assert run("review", "undo", "--db", str(db)).exit_code == 0
    assert len(json.loads(run("review", "list", "--db", str(db), "--json").stdout)) == 3
    nothing = run("review", "undo", "--db", str(db))
    assert nothing.exit_code == 1 and "no decision to undo" in nothing.stderr


def test_an_accept_is_all_or_nothing(db: Path) -> None:
    run("ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db))
    before = dump(db)
    first = json.loads(run("review", "list", "--db", str(db), "--json").stdout)[0]["id"]
    failed = run("review", "accept", str(first), "999", "--db", str(db))
    assert failed.exit_code == 1 and "no candidate 999" in failed.stderr
    assert dump(db) == before


def test_the_same_article_twice_queues_one_candidate_per_event(db: Path) -> None:
    run("ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db))
    run("ingest", str(ARTICLE), "--expo", "indodefence2025", "--db", str(db))
    assert len(json.loads(run("review", "list", "--db", str(db), "--json").stdout)) == 3


def test_expo_add_makes_an_expo_to_ingest_into(db: Path, tmp_path: Path) -> None:
    result = run(
        "expo",
        "add",
        "idef2025",
        "--name",
        "IDEF 2025",
        "--start",
        "2025-07-22",
        "--end",
        "26 Juli 2025",
        "--city",
        "Istanbul",
        "--country",
        "Turki",
        "--timezone",
        "Europe/Istanbul",
        "--db",
        str(db),
    )
    assert result.exit_code == 0, result.output
    store = open_store(db)
    expo = store.expo("idef2025")
    store.close()
    assert (expo.country_code, expo.end_date.isoformat(), expo.timezone) == (
        "TUR",
        "2025-07-26",
        "Europe/Istanbul",
    )
    assert (
        run(
            "expo",
            "add",
            "idef2025",
            "--name",
            "x",
            "--start",
            "2025-07-22",
            "--end",
            "2025-07-23",
            "--db",
            str(db),
        ).exit_code
        == 1
    )
    text = tmp_path / "idef.txt"
    text.write_text(
        "https://example.org/idef\n\nAt IDEF 2025 in Istanbul, Turkish Defence Minister Yasar Guler "
        "met Indonesian Deputy Defence Minister Donny Ermawan Taufanto on the second day.\n",
        encoding="utf-8",
    )
    found = json.loads(
        run(
            "ingest", str(text), "--expo", "idef2025", "--db", str(db), "--dry-run", "--json"
        ).stdout
    )
    (event,) = found["events"]
    assert (event["date"], event["match"]) == ("2025-07-23", "new")


def test_an_unknown_expo_is_refused(db: Path) -> None:
    result = run("ingest", str(ARTICLE), "--expo", "nope", "--db", str(db), "--dry-run")
    assert result.exit_code == 1 and "No expo 'nope'" in result.stderr


def test_the_explorer_does_not_load_the_news_ingest() -> None:
    code = (
        "import sys\nimport expo_tui.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith(('expo_tui.news', 'trafilatura', 'py3langid', 'rapidfuzz'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_news_ingest_does_not_load_the_ui() -> None:
    code = (
        "import sys\nimport expo_tui.news.pipeline, expo_tui.news.analyse, expo_tui.news.candidates\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_article_naming_no_expo_is_given_the_one_it_is_dated_near(
    db: Path, tmp_path: Path
) -> None:
    text = tmp_path / "pre-show.txt"
    text.write_text(
        "https://example.org/2025/06/06/menhan-terima-marles\n\n"
        "Menhan Sjafrie Sjamsoeddin menerima Menteri Pertahanan Australia Richard Marles di "
        "kantor Kemhan, Jakarta, Kamis (5/6).\n",
        encoding="utf-8",
    )
    result = run("ingest", str(text), "--db", str(db), "--dry-run")
    assert result.exit_code == 0, result.output
    assert (
        "picked expo indodefence2025: the article names no expo but is dated within 30 days"
        in result.stdout
    )
    far = tmp_path / "far.txt"
    far.write_text(
        text.read_text(encoding="utf-8").replace("2025/06/06", "2025/09/06"), encoding="utf-8"
    )
    refused = run("ingest", str(far), "--db", str(db), "--dry-run")
    assert refused.exit_code == 1 and "names no expo of the store" in refused.stderr
