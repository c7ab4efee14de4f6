"""The scriptable CLI: query commands, import, export, exit codes and one-line errors."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from expo_tui import cli
from expo_tui.records import EVENT_KINDS

from ..conftest import SHIPPED_DB


@pytest.fixture
def db(tmp_path: Path) -> Path:
    target = tmp_path / "expo.db"
    shutil.copyfile(SHIPPED_DB, target)
    return target


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli.main, list(args), env=env, catch_exceptions=False)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- queries ---------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["2", "2025-06-12", "12 Juni 2025", "Kamis, 12/6"])
def test_meetings_day_two_lists_the_army_chief_meetings_in_order(day: str) -> None:
    result = run("--db", str(SHIPPED_DB), "meetings", "--day", day, "--json")
    assert result.exit_code == 0, result.output
    meetings = json.loads(result.stdout)
    ksad = [m for m in meetings if (m["order_scope"] or "").startswith("KSAD")]
    assert [(m["order"], m["participants"][-1]["country"]) for m in ksad] == [
        (1, "IRN"),
        (2, "CAN"),
        (3, "RUS"),
    ]
    first = ksad[0]
    assert first["date"] == "2025-06-12" and first["kind"] == "bilateral_meeting"
    assert {
        "date",
        "start_time",
        "order",
        "kind",
        "status",
        "title",
        "participants",
        "sources",
    } <= set(first)
    assert {"name", "rank", "country", "role"} <= set(first["participants"][0])
    assert all(url.startswith("https://") for url in first["sources"])


def test_meetings_filters_by_country_and_kind() -> None:
    result = run(
        "--db",
        str(SHIPPED_DB),
        "meetings",
        "--country",
        "Rusia",
        "--kind",
        "bilateral_meeting",
        "--json",
    )
    titles = [m["title"] for m in json.loads(result.stdout)]
    assert titles == ["KSAD meets Russian delegation led by FSMTC's Petukhov"]


def test_meetings_human_output_is_aligned_columns() -> None:
    result = run("--db", str(SHIPPED_DB), "meetings", "-d", "2")
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "DATE",
        "TIME",
        "#",
        "KIND",
        "STATUS",
        "COUNTRIES",
        "WHERE",
        "TRACK",
        "TITLE",
    ]
    assert len({line.index("bilateral") for line in lines if "bilateral" in line}) == 1
    assert len(lines) == 9


def test_countries_json_fields() -> None:
    result = run("--db", str(SHIPPED_DB), "countries", "--json")
    countries = json.loads(result.stdout)
    assert countries[0]["code"] == "IDN" and countries[0]["is_host"]
    russia = next(c for c in countries if c["code"] == "RUS")
    assert {"code", "name", "name_id", "delegations", "events", "exhibitors"} <= set(russia)
    assert (russia["name"], russia["name_id"]) == ("Russia", "Rusia")


def test_countries_search_and_its_exit_status() -> None:
    found = run("--db", str(SHIPPED_DB), "countries", "--search", "macaulay", "--json")
    assert [c["code"] for c in json.loads(found.stdout)] == ["CAN"]
    missing = run("--db", str(SHIPPED_DB), "countries", "--search", "zzzz")
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1


def test_expos_and_search() -> None:
    expos = json.loads(run("--db", str(SHIPPED_DB), "expos", "--json").stdout)
    assert [(e["slug"], e["events"]) for e in expos] == [("indodefence2025", 39)]
    hits = json.loads(run("--db", str(SHIPPED_DB), "search", "Petukhov", "--json").stdout)
    assert hits[0]["kind"] == "person" and hits[0]["country"] == "RUS"
    nothing = run("--db", str(SHIPPED_DB), "search", "qqqqzzzz")
    assert nothing.exit_code == 1 and nothing.stdout == ""
    assert nothing.stderr.startswith("expo-tui: Nothing matches")


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=40)
    | st.sampled_from(
        ['"', "NOT", "a OR b", "*", "(x", "col:val", "^start", "-minus", 'NEAR("a" "b")']
    )
)
def test_search_any_text_returns_results_or_nothing(query: str) -> None:
    result = CliRunner().invoke(
        cli.main, ["--db", str(SHIPPED_DB), "search", "--json", "--", query]
    )
    assert result.exit_code in (0, 1), result.output
    assert isinstance(json.loads(result.stdout), list)


def test_kind_choices_match_the_records() -> None:
    assert cli.common.EVENT_KINDS_CHOICE == EVENT_KINDS


# -- exit codes and errors -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["meetings", "--day", "9"],
        ["meetings", "--day", "31 Juni 2025"],
        ["meetings", "--country", "Narnia"],
        ["meetings", "--kind", "party"],
        ["export"],
        ["export", "--format", "pdf"],
        ["nosuchcommand"],
        ["import"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run("--db", str(SHIPPED_DB), *args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_unknown_expo_and_missing_database_exit_1(tmp_path: Path) -> None:
    result = run("--db", str(SHIPPED_DB), "meetings", "--expo", "nope")
    assert result.exit_code == 1
    assert result.stderr == (
        f"expo-tui: No expo 'nope' in {SHIPPED_DB} (known: indodefence2025).\n"
    )
    missing = run("--db", str(tmp_path / "none.db"), "expos")
    assert missing.exit_code == 1 and missing.stderr.count("\n") == 1


# -- import ----------------------------------------------------------------------------------


def big_csv(rows: int, *, broken_last: bool) -> str:
    lines = ["key,date,time,kind,title,participants,sources"]
    for i in range(rows):
        lines.append(
            f"k{i},{11 + i % 4} Juni 2025,{9 + i % 9:02d}.{i % 60:02d},courtesy call,"
            f'Meeting {i},"Person {i % 200} (guest, {("Iran", "RU", "CAN")[i % 200 % 3]})",'
            f"https://example.org/{i % 40}"
        )
    if broken_last:
        lines[-1] = (
            lines[-1]
            .replace(",courtesy call,", ",courtesy call,")
            .replace(f"{11 + (rows - 1) % 4} Juni 2025", "31 Juni 2025")
        )
    return "\n".join(lines) + "\n"


def test_malformed_csv_is_refused_with_its_line_and_leaves_the_db_unchanged(
    tmp_path: Path, db: Path
) -> None:
    path = tmp_path / "meetings.csv"
    path.write_text(big_csv(2000, broken_last=True), encoding="utf-8")
    before = sha(db)
    result = run("import", str(path), "--db", str(db), "--expo", "indodefence2025")
    assert result.exit_code == 1
    assert result.stderr == (
        f"expo-tui: {path}, line 2001, field 'date': \"31 Juni 2025\" is "
        "not a valid date (day is out of range for month)\n"
    )
    assert sha(db) == before


def test_import_adds_then_changes_nothing_then_updates_in_place(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(big_csv(50, broken_last=False), encoding="utf-8")
    first = run("import", str(path), "--db", str(db), "--expo", "indodefence2025", "--json")
    assert first.exit_code == 0, first.output
    report = json.loads(first.stdout)["files"][0]
    assert report["added"]["events"] == 50 and not report["new_expo"]
    again = json.loads(
        run("import", str(path), "--db", str(db), "--expo", "indodefence2025", "--json").stdout
    )["files"][0]
    assert again["added"] == {} and again["changed"] == {}
    assert again["unchanged"]["events"] == 50
    path.write_text(
        big_csv(50, broken_last=False).replace("Meeting 7,", "Meeting seven,"), encoding="utf-8"
    )
    changed = json.loads(
        run("import", str(path), "--db", str(db), "--expo", "indodefence2025", "--json").stdout
    )["files"][0]
    assert changed["changed"] == {"events": 1}
    shipped_events = run("--db", str(db), "meetings", "--day", "2", "--json")
    assert len(json.loads(shipped_events.stdout)) == 8 + 13  # the shipped day 2 is kept


def test_dry_run_writes_nothing(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(big_csv(20, broken_last=False), encoding="utf-8")
    run("import", str(path), "--db", str(db), "--expo", "indodefence2025")  # db is now WAL
    path.write_text(big_csv(30, broken_last=False), encoding="utf-8")
    before = sha(db)
    result = run("import", str(path), "--db", str(db), "--expo", "indodefence2025", "--dry-run")
    assert result.exit_code == 0
    assert "events       10 added, 0 changed, 20 unchanged" in result.stdout
    assert "Dry run: nothing was written" in result.stdout
    assert sha(db) == before


def test_csv_needs_an_expo_and_can_create_one(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("title,date\nKickoff,3 Maret 2026\nWrap-up,5 Maret 2026\n", encoding="utf-8")
    usage = run("import", str(path), "--db", str(db))
    assert usage.exit_code == 2 and "--expo" in usage.stderr
    created = run(
        "import", str(path), "--db", str(db), "--expo", "spring26", "--timezone", "Europe/Paris"
    )
    assert created.exit_code == 0 and "(new expo, timezone Europe/Paris)" in created.stdout
    expos = json.loads(run("--db", str(db), "expos", "--json").stdout)
    spring = next(e for e in expos if e["slug"] == "spring26")
    assert (spring["start_date"], spring["end_date"], spring["timezone"]) == (
        "2026-03-03",
        "2026-03-05",
        "Europe/Paris",
    )


def test_import_without_db_creates_the_user_store_from_the_shipped_data(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("title,date\nKickoff,3 Maret 2026\n", encoding="utf-8")
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path), "EXPO_TUI_DB": ""}
    dry = run("import", str(path), "--expo", "mine", "--dry-run", env=env)
    assert dry.exit_code == 0 and not (tmp_path / "data" / "expo-tui" / "expo.db").exists()
    result = run("import", str(path), "--expo", "mine", env=env)
    assert result.exit_code == 0, result.output
    user_db = tmp_path / "data" / "expo-tui" / "expo.db"
    assert f"Created your store from the shipped data and imported into {user_db}" in result.stdout
    expos = json.loads(run("expos", "--json", env=env).stdout)
    assert {e["slug"] for e in expos} == {"mine", "indodefence2025"}
    assert sorted(p.name for p in user_db.parent.iterdir()) == ["expo.db"]


def test_debug_shows_the_traceback(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,countries\nA,Narnia\n", encoding="utf-8")
    args = ["import", str(path), "--db", str(db), "--expo", "indodefence2025"]
    plain = subprocess.run(
        [sys.executable, "-m", "expo_tui", *args], capture_output=True, text=True
    )
    assert plain.returncode == 1 and "Traceback" not in plain.stderr
    assert plain.stderr.strip().endswith("line 2, field 'countries': unknown country 'Narnia'")
    debug = subprocess.run(
        [sys.executable, "-m", "expo_tui", "--debug", *args], capture_output=True, text=True
    )
    assert debug.returncode == 1 and "Traceback" in debug.stderr


# -- export ----------------------------------------------------------------------------------


def test_export_json_round_trips_through_import(tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    assert run("--db", str(SHIPPED_DB), "export", "-f", "json", "-o", str(out)).exit_code == 0
    fresh = tmp_path / "fresh.db"
    assert run("import", str(out), "--db", str(fresh)).exit_code == 0
    again = tmp_path / "again.json"
    run("--db", str(fresh), "export", "-f", "json", "-o", str(again))
    assert out.read_bytes() == again.read_bytes()


def test_export_ics_reimports_without_adding(tmp_path: Path, db: Path) -> None:
    out = tmp_path / "expo.ics"
    result = run("--db", str(db), "export", "--format", "ics", "-o", str(out))
    assert result.exit_code == 0 and result.stderr == f"Wrote 39 event(s) to {out}\n"
    again = json.loads(
        run("import", str(out), "--db", str(db), "--expo", "indodefence2025", "--json").stdout
    )["files"][0]
    assert again["added"].get("events", 0) == 0 and again["unchanged"]["events"] >= 23


def test_export_to_stdout_and_nothing_matched(tmp_path: Path) -> None:
    result = run("--db", str(SHIPPED_DB), "export", "-f", "csv", "--day", "2", "--country", "RU")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 2 and "ID25-E17" in result.stdout
    nothing = run(
        "--db",
        str(SHIPPED_DB),
        "export",
        "-f",
        "md",
        "--day",
        "1",
        "--country",
        "Russia",
        "-o",
        str(tmp_path / "x.md"),
    )
    assert nothing.exit_code == 1 and not (tmp_path / "x.md").exists()


def test_hostile_text_reaches_the_terminal_neutralised(tmp_path: Path) -> None:
    path = tmp_path / "evil.csv"
    path.write_text(
        'title,date\n"\x1b]52;c;ZXZpbA==\x07[b]x[/b]\x1b[2J\u202eboom",2025-06-12\n',
        encoding="utf-8",
    )
    db = tmp_path / "evil.db"
    assert run("import", str(path), "--db", str(db), "--expo", "evil").exit_code == 0
    human = run("--db", str(db), "meetings")
    assert "\x1b" not in human.stdout and "\u202e" not in human.stdout
    assert "[b]x[/b]" in human.stdout
    data = run("--db", str(db), "meetings", "--json").stdout
    assert "\x1b" not in data and "\u202e" not in data
    assert json.loads(data)[0]["title"].startswith("\x1b]52;")


def test_error_messages_quoting_data_reach_the_terminal_neutralised(tmp_path: Path) -> None:
    """Failures and click's usage errors alike quote expo names, slugs and typed values; each
    passes through the sanitiser on its way to stderr."""
    from dataclasses import replace

    from expo_tui.store import open_store

    from ..conftest import tiny_bundle

    osc52 = "\x1b]52;c;ZXZpbA==\x07"
    bundle = tiny_bundle(slug="evil")
    bundle = replace(bundle, expo=replace(bundle.expo, name=f"Evil\u202e{osc52}Expo"))
    db = tmp_path / "evil.db"
    store = open_store(db, create=True)
    store.write_bundle(bundle)
    store.close()
    # Imports refuse such a slug now; a store written before that rule (or by hand) has it.
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("UPDATE expos SET slug = ?", (f"evil{osc52}",))
    conn.execute("DELETE FROM event_sources")  # so that `check` quotes the slug
    conn.close()
    outcomes = [
        run("--db", str(db), "meetings", "--expo", "nosuch"),  # "known: evil..."
        run("--db", str(db), "meetings", "--day", "99"),  # "Evil... has days 1 to 3"
        run("--db", str(db), "export", "-f", "csv", "--day", "1", "--country", "RUS"),
        run("--db", str(db), "meetings", f"--bogus{osc52}"),  # click's own usage error
        run("--db", str(db), "expos"),
        run("--db", str(db), "check"),  # "event 'e1' (evil...) cites no source"
    ]
    assert [o.exit_code for o in outcomes] == [1, 2, 1, 2, 0, 1]
    for outcome in outcomes:
        shown = outcome.stdout + outcome.stderr
        assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown, shown
    assert "known: evil" in outcomes[0].stderr and "EvilExpo has days" in outcomes[1].stderr
    assert "(evil" in outcomes[5].stdout


# -- start-up ---------------------------------------------------------------------------------


def test_query_commands_do_not_import_textual_or_rich() -> None:
    code = (
        "import sys\nfrom expo_tui.cli import main\n"
        "try:\n    main(['meetings', '--json'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')),"
        " file=sys.stderr)"
    )
    env = {**os.environ, "EXPO_TUI_DB": str(SHIPPED_DB)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "[]"
    assert json.loads(done.stdout)


def test_dry_run_on_a_never_written_file_leaves_it_byte_identical(tmp_path: Path, db: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text(big_csv(5, broken_last=False), encoding="utf-8")
    before = sha(db)
    assert (
        run(
            "import", str(path), "--db", str(db), "--expo", "indodefence2025", "--dry-run"
        ).exit_code
        == 0
    )
    assert sha(db) == before


def test_meetings_stream_past_the_rows_that_size_the_columns(monkeypatch) -> None:
    monkeypatch.setattr(cli.output, "TABLE_SAMPLE", 2)
    streamed = run("--db", str(SHIPPED_DB), "meetings", "-d", "2").stdout.splitlines()
    monkeypatch.setattr(cli.output, "TABLE_SAMPLE", 500)
    whole = run("--db", str(SHIPPED_DB), "meetings", "-d", "2").stdout.splitlines()
    assert len(streamed) == len(whole) == 9
    assert [line.split()[-1] for line in streamed] == [line.split()[-1] for line in whole]
    as_json = json.loads(run("--db", str(SHIPPED_DB), "meetings", "--json").stdout)
    assert len(as_json) == 39 and as_json[-1]["date"] is None  # undated last


def test_a_closed_pipe_ends_the_output_quietly() -> None:
    """`expo-tui export --format json | head -1`: no 'Broken pipe' message, exit status 0.
    (The export is ~120 kB, more than a pipe buffers, so the writer does meet the closed pipe.)"""
    code = (
        "import sys\nfrom expo_tui.cli import main\n"
        "sys.argv = ['expo-tui', '--db', sys.argv[1], 'export', '--format', 'json']\nmain()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, str(SHIPPED_DB)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"{"
    process.stdout.close()  # the reader goes away, as `head` does
    assert process.wait(timeout=30) == 0
    assert b"Broken pipe" not in process.stderr.read()
