"""The workflows the CLI and the explorer share, called as code: a typed request in, a typed
report out, no click and no printing."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expo_tui.export.collect import Selection
from expo_tui.ingest.common import ExpoTarget
from expo_tui.records import PersonRecord
from expo_tui.store import open_store
from expo_tui.workflows.exporting import ExportTargetError, export_to_file, selects_nothing
from expo_tui.workflows.importing import (
    ExpoNotNamed,
    ImportRequest,
    NotAWebUrl,
    import_files,
    plan_bundle,
    plan_file,
    stored_expo_record,
    write_plans,
)

from ..conftest import SHIPPED_DB, tiny_bundle

CSV = "title,date,participants\nTalks with Ana,2025-01-11,Ana (guest)\n"  # key "ana"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    store = open_store(target, create=True)
    store.write_bundle(tiny_bundle())
    store.close()
    return target


def test_import_files_reports_per_file_and_per_kind(tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text(CSV, encoding="utf-8")
    request = ImportRequest(files=(sheet,), db=str(db), expo_slug="demo")
    report = import_files(request)
    assert (report.where, report.dry_run, report.created_store) == (str(db), False, False)
    (part,) = report.files
    assert (part.label, part.format, part.expo_slug, part.new_expo) == (
        str(sheet),
        "csv",
        "demo",
        False,
    )
    assert part.counts("events") == (1, 0, 0)
    assert part.counts("people") == (0, 0, 1)  # Ana was known: linked, not written again
    again = import_files(request).files[0]
    assert again.counts("events") == (0, 0, 1)


def test_dry_run_reports_and_writes_nothing(tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text(CSV, encoding="utf-8")
    before = db.read_bytes()
    report = import_files(ImportRequest(files=(sheet,), db=str(db), expo_slug="demo", dry_run=True))
    assert report.dry_run and report.files[0].counts("events") == (1, 0, 0)
    assert db.read_bytes() == before


def test_requests_that_cannot_be_carried_out_are_typed_errors(tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text(CSV, encoding="utf-8")
    with pytest.raises(ExpoNotNamed) as missing:
        import_files(ImportRequest(files=(sheet,), db=str(db)))
    assert (missing.value.path, missing.value.format) == (sheet, "csv")
    with pytest.raises(NotAWebUrl):
        import_files(
            ImportRequest(files=(sheet,), db=str(db), expo_slug="demo", source_url="file:///x")
        )


def test_records_in_hand_link_to_what_the_store_knows(db: Path) -> None:
    """What code that is not the CLI (accepting a news candidate, say) does: plan records it
    holds, then write them into the store it has open."""
    store = open_store(db)
    try:
        known = store.person("ana")
        assert known is not None and known.country_code == "CAN"
        bare = dataclasses.replace(
            tiny_bundle(title="A second meeting"),
            people=(PersonRecord(key="ana", name="Ana Example"),),  # knows less: no country
        )
        plan = plan_bundle(store, bare, label="candidate 7")
        assert plan.linked == {"people": 1, "sources": 1} and not plan.bundle.people
        (report,) = write_plans(store, [plan])
        assert report.label == "candidate 7" and report.counts("events") == (0, 1, 0)
        assert store.person("ana") == known  # the store's richer record stands
    finally:
        store.close()


def test_plan_file_reads_and_checks_without_writing(tmp_path: Path, db: Path) -> None:
    sheet = tmp_path / "day.csv"
    sheet.write_text(CSV, encoding="utf-8")
    store = open_store(db)
    try:
        target = ExpoTarget(slug="demo", lookup=lambda slug: stored_expo_record(store, slug))
        plan = plan_file(store, sheet, expo=target)
        assert (plan.format, plan.name, len(plan.bundle.events)) == ("csv", "day.csv", 1)
        assert [e.key for e in store.events(store.expos()[0], None).items] == ["e1"]
    finally:
        store.close()


def test_export_to_file_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    store = open_store(SHIPPED_DB, readonly=True)
    target = tmp_path / "out.csv"
    target.write_text("kept", encoding="utf-8")
    try:
        selection = Selection(store.expos()[0])
        with pytest.raises(ValueError, match="unknown export format"):
            export_to_file(store, selection, "xls", target)
        assert target.read_text(encoding="utf-8") == "kept"
        every_event = len(store.events(store.expos()[0], None, limit=10_000).items)
        assert export_to_file(store, selection, "csv", target) == every_event
        assert target.read_text(encoding="utf-8-sig").startswith("key,date,")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]  # no temporary left
        with pytest.raises(ExportTargetError, match="does not exist"):
            export_to_file(store, selection, "csv", tmp_path / "no" / "such.csv")
        assert not selects_nothing(store, selection)
        assert selects_nothing(store, Selection(selection.expo, "2025-06-12", "ATA"))
    finally:
        store.close()


def test_first_import_makes_the_users_store_from_the_shipped_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from expo_tui import paths

    user = tmp_path / "home" / "expo.db"
    monkeypatch.setattr(paths, "user_db", lambda: user)
    monkeypatch.delenv(paths.ENV_DB, raising=False)
    sheet = tmp_path / "day.csv"
    sheet.write_text(CSV.replace("2025-01-11", "2025-06-12"), encoding="utf-8")
    request = ImportRequest(files=(sheet,), expo_slug="indodefence2025")
    dry = import_files(dataclasses.replace(request, dry_run=True))
    assert not dry.created_store and not user.exists()
    report = import_files(request)
    assert report.created_store and report.where == str(user)
    assert sorted(p.name for p in user.parent.iterdir()) == ["expo.db"]
    store = open_store(user, readonly=True)
    try:
        assert [e.slug for e in store.expos()] == ["indodefence2025"]  # the shipped expo stays
    finally:
        store.close()
    assert import_files(request).created_store is False
    shutil.rmtree(user.parent)


def test_workflows_load_neither_click_nor_a_ui() -> None:
    code = (
        "import sys, expo_tui.workflows.importing, expo_tui.workflows.exporting,"
        " expo_tui.workflows.stores;"
        "heavy = {'click', 'textual', 'rich'} & set(sys.modules);"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
