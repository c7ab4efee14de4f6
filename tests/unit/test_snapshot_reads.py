"""An export or a listing read page by page while an import lands used to mix both states
(29,698 events: neither the 20,032 before nor the 40,032 after). Every read command now reads
one snapshot: all of it from before the import, or all of it from after."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.export import collect
from expo_tui.export.collect import Selection
from expo_tui.records import EventRecord
from expo_tui.store import Store, open_store
from expo_tui.workflows.exporting import write_export

from ..conftest import tiny_bundle

BEFORE = 30  # events in the store when the reading starts
PAGE = 10  # events a page (collect.PAGE_SIZE, made small so the reading takes pages)


def events(prefix: str, count: int, *, early: bool = False) -> tuple[EventRecord, ...]:
    """`count` events on one day; with `early`, every other one at 08:00, which sorts before
    the untimed ones: an import of them lands both before and after what a reader has read."""
    return tuple(
        EventRecord(
            key=f"{prefix}{n:03d}",
            title=f"{prefix} {n}",
            date=dt.date(2025, 1, 11),
            start_time=dt.time(8, 0) if early and n % 2 else None,
        )
        for n in range(count)
    )


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot") / "s.db"
    store = open_store(path, create=True)
    store.write_bundle(replace(tiny_bundle(), events=events("a", BEFORE)))
    store.close()
    return path


@pytest.fixture
def db(tmp_path: Path, template: Path) -> Path:
    path = tmp_path / "s.db"
    shutil.copyfile(template, path)
    return path


@pytest.fixture
def import_lands_after_the_first_page(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Another connection writes BEFORE more events (sorting both before the ones already
    read and among the ones still to read) once the reader has fetched its first page."""
    monkeypatch.setattr(collect, "PAGE_SIZE", PAGE)
    writer = open_store(db)
    original = Store.event_details
    landed = []

    def details_then_import(self: Store, ids: object) -> object:
        found = original(self, ids)  # type: ignore[arg-type]
        if not landed and self is not writer:
            writer.write_bundle(replace(tiny_bundle(), events=events("b", BEFORE, early=True)))
            landed.append(True)
        return found

    monkeypatch.setattr(Store, "event_details", details_then_import)
    yield
    writer.close()
    assert landed, "the import never landed during the reading"


@pytest.mark.usefixtures("import_lands_after_the_first_page")
@pytest.mark.parametrize("fmt", ["csv", "json", "ics", "md"])
def test_an_export_during_an_import_holds_one_state(db: Path, fmt: str) -> None:
    store = open_store(db, readonly=True)
    try:
        expo = store.expos()[0]
        out = io.BytesIO()
        assert write_export(store, Selection(expo), fmt, out) == BEFORE
    finally:
        store.close()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8-sig"))))
        assert sorted(r["key"] for r in rows) == [f"a{n:03d}" for n in range(BEFORE)]


@pytest.mark.usefixtures("import_lands_after_the_first_page")
def test_a_listing_during_an_import_holds_one_state(db: Path) -> None:
    result = CliRunner().invoke(cli.main, ["meetings", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == BEFORE
