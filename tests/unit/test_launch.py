"""The console script's fast path: the bare explorer starts without click, and everything else
(and every error) behaves as the click group does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from expo_tui import cli
from expo_tui.cli.launch import bare_explorer_options

from ..conftest import SHIPPED_DB


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], {"db": None, "expo_slug": None, "debug": False}),
        (["--db", "x.db"], {"db": "x.db", "expo_slug": None, "debug": False}),
        (
            ["--db=x.db", "--expo", "slug", "--debug"],
            {"db": "x.db", "expo_slug": "slug", "debug": True},
        ),
        (["--debug", "--expo=slug"], {"db": None, "expo_slug": "slug", "debug": True}),
    ],
)
def test_the_bare_explorer_options_are_read_without_click(args: list[str], expected: dict) -> None:
    assert bare_explorer_options(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["-h"],
        ["--version"],
        ["-V"],
        ["expos"],
        ["--db", "x.db", "meetings"],
        ["--db"],
        ["--db="],
        ["--db", ""],
        ["--db", "--debug"],
        ["--db", "a", "--db", "b"],
        ["--debug", "--debug"],
        ["--debug=1"],
        ["--bogus"],
        ["--"],
        ["--d", "x"],
        ["-x"],
    ],
)
def test_anything_else_is_left_to_click(args: list[str]) -> None:
    assert bare_explorer_options(args) is None


def test_shell_completion_is_left_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_EXPO_TUI_COMPLETE", "bash_complete")
    assert bare_explorer_options([]) is None


def launch(*args: str) -> subprocess.CompletedProcess[str]:
    """`expo-tui ARGS` through the console script's function, the explorer's run stubbed out."""
    code = (
        "import sys\nimport expo_tui.tui.app as app\n"
        "app.ExpoApp.run = lambda self: print('ran', self.store.path, self.expo_slug)\n"
        "from expo_tui.cli.launch import main\n"
        "sys.argv = ['expo-tui', *sys.argv[1:]]\n"
        "try:\n    main()\n"
        "finally:\n    print('click' in sys.modules, file=sys.stderr)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


def test_the_bare_explorer_starts_without_importing_click() -> None:
    done = launch("--db", str(SHIPPED_DB), "--expo", "indodefence2025")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"ran {SHIPPED_DB} indodefence2025\n"
    assert done.stderr == "False\n"


def test_errors_on_the_fast_path_are_the_groups_errors(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    group = CliRunner().invoke(cli.main, ["--db", missing])
    done = launch("--db", missing)
    assert (done.returncode, done.stdout) == (group.exit_code, "") == (1, "")
    assert done.stderr == group.stderr + "True\n"  # click came in only to report
    assert done.stderr.startswith("expo-tui: No database at ")


def test_other_arguments_reach_the_group() -> None:
    done = launch("--version")
    assert (done.returncode, done.stdout) == (0, "expo-tui, version 0.1.0\n")
    done = launch("--db", str(SHIPPED_DB), "expos")
    assert done.returncode == 0 and "indodefence2025" in done.stdout
