"""Build the shipped database from the text records under data/.

    expo-tui build data --output data/expo.db

Each folder under `data/` holding an `expo.json` is one expo (see project_format.py). The build
writes a fresh file beside the target and swaps it in only when every record loaded and the
integrity check is clean, so a failed build never leaves a half-written database behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..records import ExpoBundle
from ..store import open_store
from ..store.connection import compact_for_shipping
from ..store.models import Problem
from .project_format import read_folder


class BuildError(Exception):
    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def expo_folders(data_dir: Path) -> list[Path]:
    return sorted(p.parent for p in data_dir.glob("*/expo.json"))


def read_expos(data_dir: Path) -> list[ExpoBundle]:
    folders = expo_folders(data_dir)
    if not folders:
        raise BuildError(f"No expo folders (with an expo.json) under {data_dir}.")
    return [read_folder(folder) for folder in folders]


def build_database(data_dir: Path, output: Path) -> list[ExpoBundle]:
    """Write every expo under `data_dir` into a new database at `output`."""
    bundles = read_expos(data_dir)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".expo-build-", suffix=".db", dir=output.parent)
    os.close(handle)
    temp = Path(temp_name)
    temp.unlink()
    try:
        store = open_store(temp, create=True)
        try:
            for bundle in bundles:
                store.write_bundle(bundle)
            problems = store.check()
            if problems:
                raise BuildError(f"The built database has {len(problems)} problem(s).", problems)
        finally:
            store.close()
        compact_for_shipping(temp)
        os.replace(temp, output)
    finally:
        temp.unlink(missing_ok=True)
    return bundles
