"""The benchmark cannot rot: bench/run.py runs end to end at a tiny size and writes its JSON.

No timing is asserted here (that is what docs/performance.md and a real run are for); only that
every metric is produced in the agreed shape. The generator's store must also pass `check` and
re-import as unchanged, which exercises the writer's batch path against its per-record path.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from expo_tui.store import open_store

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"

KEYS = {"size", "metric", "value", "unit", "baseline", "ratio", "target", "met"}


def test_generated_store_is_sound_and_reimports_unchanged(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCH))
    spec = generate.Spec(1500, seed=7, chunk=600)
    db = tmp_path / "g.db"
    generate.write_store(spec, db, quiet=True)
    store = open_store(db)
    try:
        assert store.check() == []
        bundles = list(generate.generate(spec))
        reports = [store.write_bundle(b) for b in bundles]
        assert sum(r.total("added") + r.total("changed") for r in reports) == 0
        assert sum(r.unchanged["events"] for r in reports) == 1500
        assert store.person("P000001") is not None  # people are keyed P000000...
    finally:
        store.close()
    # the same seed gives the same records
    again = [b.events[:50] for b in generate.generate(spec)]
    assert again == [b.events[:50] for b in bundles]


def test_bench_runs_at_the_smallest_size(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    proc = subprocess.run(
        [
            sys.executable,
            str(BENCH / "run.py"),
            "--sizes",
            "1k",
            "--quick",
            "--json",
            str(out),
            "--workdir",
            str(tmp_path / "work"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = json.loads(out.read_text())
    assert set(data) == {"machine", "results"}
    assert set(data["machine"]) == {"cpus", "python", "sqlite", "textual"}
    metrics = {r["metric"] for r in data["results"]}
    for wanted in (
        "import",
        "query.days",
        "query.countries",
        "query.events_day",
        "query.country_detail",
        "query.event_detail",
        "cold_start",
        "cli_start",
        "key.next_day",
        "key.search_keystroke",
        "key.move_selection",
        "key.open_details",
        "memory",
    ):
        assert wanted in metrics, wanted
    for row in data["results"]:
        assert KEYS <= set(row) <= KEYS | {"note"}, row
        assert row["size"] == "1k"
        assert row["met"] in (True, False, None)
        if row["value"] is None:
            assert row.get("note", "").startswith("not measured"), row
