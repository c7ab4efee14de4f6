"""Project-format JSON through the import path: broken and schema-violating documents, format
detection, and the byte-identical database after a refused import."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from expo_tui.export import json as json_export
from expo_tui.export.collect import Selection
from expo_tui.ingest.common import ExpoTarget
from expo_tui.ingest.detect import detect_format, read_bundle
from expo_tui.ingest.errors import IngestError
from expo_tui.store import open_store

from ..conftest import SHIPPED_DB


@pytest.fixture(scope="module")
def shipped_document() -> str:
    store = open_store(SHIPPED_DB, readonly=True)
    try:
        out = io.StringIO()
        json_export.write(store, Selection(store.expos()[0]), out)
        return out.getvalue()
    finally:
        store.close()


def edited(document: str, change) -> str:  # type: ignore[no-untyped-def]
    data = json.loads(document)
    change(data)
    return json.dumps(data)


def refuse(tmp_path: Path, data: str | bytes, words: str) -> IngestError:
    path = tmp_path / "expo.json"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    with pytest.raises(IngestError) as caught:
        read_bundle(path, "auto", ExpoTarget())
    assert words in str(caught.value), str(caught.value)
    assert str(caught.value).startswith(str(path))
    return caught.value


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "not valid JSON"),
        (b"\x00\x01\x02\xff\xfe", "is a binary file"),
        ('{"format": "expo-tui", "title": "Caf\xe9"}'.encode("latin-1"), "not UTF-8"),
        ('{"format": "expo-tui"}'.encode("utf-16"), "is UTF-16 text"),
        (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        (b'{"format": "other", "version": 1}', "field 'format'"),
        (b'{"format": "expo-tui", "version": 2}', "field 'version'"),
        (b"[1, 2, 3]", "is a JSON list of 3 items"),
    ],
)
def test_broken_documents_are_refused(tmp_path: Path, data: bytes, words: str) -> None:
    refuse(tmp_path, data, words)


def test_truncated_export_names_its_line(tmp_path: Path, shipped_document: str) -> None:
    error = refuse(tmp_path, shipped_document[: len(shipped_document) // 2], "not valid JSON")
    assert error.line is not None and error.line > 100


@pytest.mark.parametrize(
    "change, words",
    [
        (lambda d: d["events"][3].update(date="2025-06-31"), "events[3], field 'date'"),
        (lambda d: d["events"][0].update(kind="party"), "field 'kind'"),
        (lambda d: d["events"][0].update(title=42), "expected text"),
        (lambda d: d["events"][0].update(summary="x" * 200_000), "over 100,000"),
        (lambda d: d["people"][0].update(country="Narnia"), "unknown country 'Narnia'"),
        (
            lambda d: d["events"][0]["participants"][0].update(person="nobody"),
            "person 'nobody' is not in people",
        ),
        (
            lambda d: d["events"][0].update(sources=["https://nowhere.example/"]),
            "is cited but not in sources",
        ),
        (lambda d: d["expo"].update(timezone="Mars/Olympus"), "not an IANA timezone"),
        (lambda d: d["events"].append(d["events"][0]), "duplicate events"),
    ],
)
def test_schema_violations_name_element_and_field(
    tmp_path: Path, shipped_document: str, change, words: str
) -> None:  # type: ignore[no-untyped-def]
    refuse(tmp_path, edited(shipped_document, change), words)


def test_a_refused_document_leaves_the_database_byte_identical(
    tmp_path: Path, shipped_document: str
) -> None:
    db = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = edited(shipped_document, lambda d: d["events"][-1].update(date="2025-06-31"))
    store = open_store(db)
    try:
        with pytest.raises(IngestError):
            path = tmp_path / "bad.json"
            path.write_text(bad, encoding="utf-8")
            store.write_bundle(read_bundle(path, "json", ExpoTarget()))
    finally:
        store.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(
    "name, head, expected",
    [
        ("a.json", b"", "json"),
        ("a.CSV", b"", "csv"),
        ("a.ics", b"", "ics"),
        ("a.xml", b"", "frab"),
        ("a.txt", b'\xef\xbb\xbf  {"format"', "json"),
        ("a", b"BEGIN:VCALENDAR\r\n", "ics"),
        ("a", b"<?xml version='1.0'?>", "frab"),
        ("a", b"title,date\n", "csv"),
    ],
)
def test_format_detection(tmp_path: Path, name: str, head: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(head or b"x")
    assert detect_format(path) == expected


def test_expo_flag_renames_a_json_expo(tmp_path: Path, shipped_document: str) -> None:
    path = tmp_path / "expo.json"
    path.write_text(shipped_document, encoding="utf-8")
    bundle = read_bundle(path, "json", ExpoTarget(slug="copy"))
    assert bundle.expo.slug == "copy" and len(bundle.events) == 39
