"""The news ingest's view of the store's people is bounded: past MAX_PEOPLE (by key) neither
the people nor their spellings are read, so a huge store never lands in memory whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from expo_tui.records import PersonRecord
from expo_tui.store import matching, open_store

from ..conftest import tiny_bundle


def test_people_and_their_variants_stop_at_the_bound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tiny_bundle()
    people = tuple(
        PersonRecord(key=f"p{n}", name=f"Person {n}", variants=(f"P. {n}", f"Per {n}"))
        for n in range(4)
    )
    store = open_store(tmp_path / "many.db", create=True)
    store.write_bundle(dataclasses.replace(bundle, people=(*bundle.people, *people)))
    monkeypatch.setattr(matching, "MAX_PEOPLE", 3)
    rows = store.review.people_for_matching()
    store.close()
    assert [row[0] for row in rows] == ["ana", "p0", "p1"]
    assert [row[2] for row in rows] == [(), ("P. 0", "Per 0"), ("P. 1", "Per 1")]
