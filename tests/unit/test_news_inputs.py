"""What the ingest reads and refuses: files, folders, standard input, URLs, and bad input
(binary, empty, broken encodings, huge pages, pages of scripts, hostile text)."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli

from ..conftest import SHIPPED_DB

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "news"
ARTICLE = (FIXTURES / "ksad_tiga_delegasi.txt").read_bytes()
PAGE = (FIXTURES / "minister_receives_counterpart.html").read_bytes()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


def run(*args: str, input: bytes | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, list(args), input=input, catch_exceptions=False)


def bad_files(folder: Path) -> dict[str, str]:
    """name -> the reason its line must give."""
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "nul.txt").write_bytes(b"https://example.org/x\n\nabc\x00def" * 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        b"https://example.org/l\n\nMenhan menerima tamu dari Fran\xe7a di Jakarta hari ini.\n" * 3
    )
    (folder / "broken.html").write_bytes(
        b"<html><head><meta charset='utf-8'></head><body><p>caf\xff\xfe</p></body></html>"
    )
    with (folder / "huge.html").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # a 50 MB page: refused before it is read
    (folder / "scripts.html").write_bytes(
        b"<html><head><script>var a=1;</script></head><body>"
        + b"<script>document.write('x');</script>" * 2000
        + b"</body></html>"
    )
    (folder / "nourl.txt").write_bytes(
        b"Menhan menerima delegasi Kanada di Jakarta pada Kamis, lalu keduanya membahas latihan.\n"
    )
    return {
        "image.html": "is a PNG image",
        "nul.txt": "binary file",
        "empty.txt": "is empty",
        "latin1.txt": "is not valid utf-8-sig text (byte 0xe7 on line 3)",
        "broken.html": "is not valid utf-8-sig text (byte 0xff on line 1)",
        "huge.html": "is over 16 MB",
        "scripts.html": "has no article text",
        "nourl.txt": "has no source URL",
    }


def test_a_folder_run_goes_past_bad_files_and_names_each_once(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "nested").mkdir(parents=True)
    (folder / "nested" / "good.txt").write_bytes(ARTICLE)
    expected = bad_files(folder)
    before = db.read_bytes()
    result = run("ingest", str(folder), "--db", str(db), "--expo", "indodefence2025", "--dry-run")
    assert result.exit_code == 1
    for name, reason in expected.items():
        lines = [
            line
            for line in result.stderr.splitlines()
            if line.startswith(f"expo-tui: {folder / name}:")
        ]
        assert len(lines) == 1 and reason in lines[0], (name, result.stderr)
    assert "good.txt (id) -> indodefence2025: 3 candidate(s)" in result.stdout
    assert f"1 of {len(expected) + 1} input(s) read" in result.stderr
    assert db.read_bytes() == before


def test_bad_files_queue_nothing_and_good_ones_are_queued(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    bad_files(folder)
    (folder / "good.txt").write_bytes(ARTICLE)
    result = run("ingest", str(folder), "--db", str(db), "--expo", "indodefence2025")
    assert result.exit_code == 1
    listed = json.loads(run("review", "list", "--db", str(db), "--json").stdout)
    assert {c["record"]["event"]["sources"][-1] for c in listed} == {
        "https://berita.example.id/2025/06/13/ksad-terima-tiga-delegasi"
    }


def test_standard_input_with_source(db: Path) -> None:
    body = ARTICLE.split(b"\n", 2)[2]  # without its URL line
    result = run(
        "ingest",
        "-",
        "--source",
        "https://example.org/stdin",
        "--db",
        str(db),
        "--expo",
        "indodefence2025",
        "--dry-run",
        "--json",
        input=body,
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {e["matched_event"] for e in document["events"]} == {"ID25-E15", "ID25-E16", "ID25-E17"}
    assert all("https://example.org/stdin" in e["sources"] for e in document["events"])


def test_hostile_text_never_reaches_the_terminal(tmp_path: Path, db: Path) -> None:
    page = tmp_path / "evil.txt"
    page.write_bytes(
        b"https://example.org/evil\n\n"
        b"Menhan Sjafrie Sjamsoeddin\x1b[2J menerima [@click=app.quit]x[/] Menteri Pertahanan "
        b"Australia Richard Marles\x1b]52;c;ZXZpbA==\x07 di Jakarta\xe2\x80\xae pada hari kedua Indo Defence 2025.\n"
    )
    human = run("ingest", str(page), "--db", str(db), "--dry-run")
    assert human.exit_code == 0, human.output
    assert "\x1b" not in human.output and "\u202e" not in human.output
    data = run("ingest", str(page), "--db", str(db), "--dry-run", "--json").stdout
    assert "\x1b" not in data and "\u202e" not in data
    quote = json.loads(data)["events"][0]["evidence"][0]["quote"]
    assert "[@click=app.quit]x[/]" in quote  # kept as data, never read as markup


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """A saved page served on 127.0.0.1, as a news site would serve it."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "page.html").write_bytes(PAGE)
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_a_page_is_ingested_by_url(served: str, db: Path) -> None:
    result = run("ingest", f"{served}/page.html", "--db", str(db), "--dry-run", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    meetings = [
        {p["person"] for p in e["participants"]}
        for e in document["events"]
        if e["kind"] in ("bilateral_meeting", "courtesy_call")
    ]
    assert any({"seok-jong-gun", "sjafrie-sjamsoeddin"} <= people for people in meetings)
    source = next(
        s for s in document["sources"] if s["url"].startswith("https://times.example.com/")
    )
    assert source["publisher"] == "Example Times" and source["published"] == "2025-06-11"


def test_a_missing_page_is_one_line(served: str, db: Path) -> None:
    result = run("ingest", f"{served}/nothing.html", "--db", str(db), "--dry-run")
    assert result.exit_code == 1
    assert f"expo-tui: {served}/nothing.html: answered HTTP 404" in result.stderr


def test_two_workers_give_what_one_gives(tmp_path: Path, db: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for source in FIXTURES.glob("*.txt"):
        shutil.copyfile(source, folder / source.name)
    shutil.copyfile(FIXTURES / "minister_receives_counterpart.html", folder / "page.html")
    (folder / "empty.txt").write_bytes(b"")
    one = run(
        "ingest", str(folder), "--expo", "indodefence2025", "--db", str(db), "--dry-run", "--json"
    )
    two = run(
        "ingest",
        str(folder),
        "--expo",
        "indodefence2025",
        "--db",
        str(db),
        "--dry-run",
        "--json",
        "--jobs",
        "2",
    )
    assert one.exit_code == two.exit_code == 1  # the empty file, named in both
    assert one.stdout == two.stdout and json.loads(one.stdout)["events"]
    assert "empty.txt: is empty" in two.stderr
