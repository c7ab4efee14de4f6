"""The store's review queue API (what a review screen will call), and the schema 3 -> 4 step."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from expo_tui.store import SCHEMA_VERSION, DataError, open_store
from expo_tui.store.review import _COUNT, STATES, NewCandidate, NewDocument

from ..conftest import SHIPPED_DB, tiny_bundle
from ..old_stores import take_back_to_version_5


def document(url: str = "https://example.org/a", text: str = "Teks artikel.") -> NewDocument:
    return NewDocument(
        url, "a.txt", "Judul", "Contoh", "id", dt.date(2025, 1, 11), f"hash-{text}", text
    )


def candidate(
    expo_id: int, fingerprint: str = "f1", url: str = "https://example.org/a"
) -> NewCandidate:
    record = {
        "event": {"key": "news-1", "title": "Talks", "kind": "bilateral_meeting", "sources": [url]},
        "people": [],
        "sources": [{"url": url, "publisher": "Contoh"}],
    }
    return NewCandidate(
        expo_id,
        fingerprint,
        "bilateral_meeting",
        "Talks",
        record,
        "new",
        None,
        0.7,
        (("Teks artikel.", 0, 13, "id.meet"),),
    )


def test_documents_candidates_and_counts(memory_store) -> None:
    memory_store.write_bundle(tiny_bundle())
    expo_id = memory_store.expo("demo").id
    queue = memory_store.review
    document_id, (first,) = queue.add(document(), [candidate(expo_id)])
    _, (again,) = queue.add(
        document("https://example.org/b", "Lain."),
        [candidate(expo_id, url="https://example.org/b")],
    )
    assert again == first  # the same proposal from a second article: one candidate, two sources
    shown = queue.candidate(first)
    assert shown.record["event"]["sources"] == ["https://example.org/a", "https://example.org/b"]
    assert len(shown.document_ids) == 2
    assert [e.url for e in shown.evidence] == ["https://example.org/a", "https://example.org/b"]
    assert queue.counts() == {"pending": 1, "accepted": 0, "rejected": 0}
    assert [(d.url, d.pending) for d in queue.documents()] == [
        ("https://example.org/b", 1),
        ("https://example.org/a", 1),
    ]
    assert queue.document_text(document_id) == "Teks artikel."
    queue.reject([first])
    assert (
        queue.candidates().items == () and queue.candidates(state="rejected").items[0].id == first
    )
    (decision,) = queue.decisions()
    assert decision.action == "reject" and decision.candidates == (first,)


def test_a_page_of_articles_counts_each_articles_own_candidates(memory_store) -> None:
    memory_store.write_bundle(tiny_bundle())
    expo_id = memory_store.expo("demo").id
    queue = memory_store.review
    ids = []
    for n in range(3):
        url = f"https://example.org/{n}"
        _, made = queue.add(
            document(url, f"Teks {n}."),
            [candidate(expo_id, f"f{n}-{c}", url) for c in range(2)],
        )
        ids += made
    queue.reject([ids[0]])
    queue.accept([ids[5]], None)
    page = queue.document_page(limit=2)
    assert [(d.url, d.pending, d.accepted, d.rejected) for d in page.items] == [
        ("https://example.org/2", 1, 1, 0),
        ("https://example.org/1", 2, 0, 0),
    ]
    rest = queue.document_page(limit=2, before=int(page.next_cursor))
    assert [(d.pending, d.rejected) for d in rest.items] == [(1, 1)] and rest.next_cursor is None
    assert [c.id for c in queue.candidates_by_id([ids[3], ids[1], 999])] == [ids[1], ids[3]]
    # the counts go through the article's own candidates, not the state index (which walks
    # every pending candidate of the queue for each article: 50 ms a page at 10,000)
    plan = " ".join(
        r[3]
        for r in memory_store.connection.read(
            "EXPLAIN QUERY PLAN SELECT d.id, "
            + ", ".join(_COUNT.format(s) for s in STATES)
            + " FROM review_documents d WHERE d.id < 99 ORDER BY d.id DESC LIMIT 3"
        )
    )
    assert "idx_review_candidates_state" not in plan
    assert "idx_review_candidate_documents_document" in plan


def test_an_unknown_match_is_refused(memory_store) -> None:
    memory_store.write_bundle(tiny_bundle())
    bad = candidate(memory_store.expo("demo").id)
    bad = NewCandidate(**{**bad.__dict__, "match": "maybe"})
    with pytest.raises(DataError, match="match 'maybe'"):
        memory_store.review.add(document(), [bad])
    assert memory_store.review.documents() == ()  # nothing of the document was kept


def test_schema_3_stores_gain_the_queue_with_their_rows_kept(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(SHIPPED_DB, path)
    conn = sqlite3.connect(path)
    take_back_to_version_5(conn)
    for table in (
        "review_evidence",
        "review_candidate_documents",
        "review_candidates",
        "review_documents",
        "review_decisions",
    ):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("PRAGMA user_version = 3")
    events = conn.execute("SELECT * FROM events ORDER BY id").fetchall()
    conn.commit()
    conn.close()
    store = open_store(path)
    try:
        assert store.review.counts() == {"pending": 0, "accepted": 0, "rejected": 0}
        assert store.check() == []
    finally:
        store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("SELECT * FROM events ORDER BY id").fetchall() == events
    conn.close()
