"""Keys and cold start of two or more revisions, as interleaved pairs: the check for a change
whose `bench/compare.py` table flags key ratios that the milliseconds do not bear out.

    python bench/pairs.py REV [REV ...] [--rounds 16] [--starts 15] [--size 10k]

Each revision (any git revision; `.` is this checkout as it is) gets a temporary worktree and a
store its own generator writes. Then, round after round (the order reversed every other round),
each revision's own `bench/session.py` runs on its own store: each key's median is divided by the
minimal Textual app's median measured at the end of that same process, so every ratio is paired
with its own baseline, and the table gives the median of the rounds' ratios with their range.
Cold starts (`bench/run.py`'s pty timing) alternate between the revisions the same way, with
`import textual` timed between rounds. Figures are printed, not judged: compare the ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
KEYS = ("next_day", "search_key", "move_event", "move_country", "open_details")
GENERATE = (
    "import sys, pathlib; sys.path.insert(0, 'bench'); import generate; "
    "generate.write_store(generate.Spec(generate.parse_size(sys.argv[2]), seed=1), "
    "pathlib.Path(sys.argv[1]), quiet=True)"
)
MARKERS = (
    "import sys, json, pathlib; sys.path.insert(0, 'bench'); import run; "
    "print(json.dumps(run.tui_markers(pathlib.Path(sys.argv[1]))))"
)


def side_env(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree / "src")}


def session(tree: Path, db: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, str(tree / "bench" / "session.py"), "--db", str(db), "--repeats", "25"],
        cwd=tree,
        env=side_env(tree),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help="git revisions; '.' is this checkout")
    parser.add_argument("--rounds", type=int, default=16, help="sessions of each revision")
    parser.add_argument("--starts", type=int, default=15, help="cold starts of each revision")
    parser.add_argument("--size", default="10k")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import run as timing  # the pty cold start and process timing, the same for every side

    with tempfile.TemporaryDirectory(prefix="expo-tui-pairs-") as temp:
        root = Path(temp)
        trees: dict[str, Path] = {}
        try:
            for number, revision in enumerate(args.revisions):
                tree = REPO if revision == "." else root / f"tree-{number}"
                if tree != REPO:
                    subprocess.run(
                        ["git", "worktree", "add", "--detach", str(tree), revision],
                        cwd=REPO, check=True, capture_output=True,
                    )  # fmt: skip
                trees[revision] = tree
            stores = {}
            for number, (revision, tree) in enumerate(trees.items()):
                db = root / f"store-{number}.db"
                print(f"{revision}: writing a {args.size} store", file=sys.stderr, flush=True)
                subprocess.run([sys.executable, "-c", GENERATE, str(db), args.size], cwd=tree,
                               env=side_env(tree), check=True)  # fmt: skip
                stores[revision] = db
            starts = cold_starts(timing, trees, stores, args.starts)
            keys = sessions(trees, stores, args.rounds)
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                                   cwd=REPO, check=False)  # fmt: skip
    report(args.revisions, starts, keys)
    return 0


def cold_starts(timing, trees, stores, count):
    markers = {}
    for revision, tree in trees.items():
        os.environ["PYTHONPATH"] = str(tree / "src")
        out = subprocess.run([sys.executable, "-c", MARKERS, str(stores[revision])], cwd=tree,
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        markers[revision] = json.loads(out)
        timing.cold_start_once(stores[revision], markers[revision])  # warm the file cache
    times: dict[str, list[float]] = {r: [] for r in trees}
    baseline: list[float] = []
    for round_ in range(count):
        order = list(trees) if round_ % 2 == 0 else list(reversed(list(trees)))
        for revision in order:
            os.environ["PYTHONPATH"] = str(trees[revision] / "src")
            times[revision].append(timing.cold_start_once(stores[revision], markers[revision]))
        os.environ.pop("PYTHONPATH", None)
        baseline += timing.process_ms(
            [sys.executable, "-c", "import textual.app, textual.widgets"], 1
        )
    return times, baseline


def sessions(trees, stores, rounds):
    ratios: dict[str, dict[str, list[float]]] = {r: {k: [] for k in KEYS} for r in trees}
    ms: dict[str, dict[str, list[float]]] = {
        r: {k: [] for k in (*KEYS, "minimal app")} for r in trees
    }
    memory: dict[str, list[float]] = {r: [] for r in trees}
    for round_ in range(rounds):
        order = list(trees) if round_ % 2 == 0 else list(reversed(list(trees)))
        for revision in order:
            data = session(trees[revision], stores[revision])
            samples = data["samples"]
            assert isinstance(samples, dict)
            floor = statistics.median(samples["baseline_move"])
            ms[revision]["minimal app"].append(floor)
            for key in KEYS:
                if samples.get(key):
                    median = statistics.median(samples[key])
                    ms[revision][key].append(median)
                    ratios[revision][key].append(median / floor)
            memory[revision].append(float(data["peak_rss_mib"]))
        print(f"round {round_ + 1} of {rounds}", file=sys.stderr, flush=True)
    return ratios, ms, memory


def report(revisions, starts, keys) -> None:
    times, baseline = starts
    ratios, ms, memory = keys
    floor = statistics.median(baseline)
    print(f"cold start (import textual: {floor:.0f} ms)")
    for revision in revisions:
        t = times[revision]
        print(f"  {revision:12} {statistics.median(t):7.1f} ms  ratio {statistics.median(t) / floor:.3f}"
              f"  range {min(t):.0f}-{max(t):.0f}")  # fmt: skip
    print("keys: median of the rounds' ratios to the minimal app (range), and median ms")
    for key in KEYS:
        cells = []
        for revision in revisions:
            r = ratios[revision][key]
            if r:
                cells.append(f"{revision} {statistics.median(r):.3f} ({min(r):.2f}-{max(r):.2f}) "
                             f"{statistics.median(ms[revision][key]):.1f} ms")  # fmt: skip
        print(f"  {key:14} " + " | ".join(cells))
    print("  minimal app    " + " | ".join(
        f"{r} {statistics.median(ms[r]['minimal app']):.1f} ms" for r in revisions))  # fmt: skip
    print("peak memory      " + " | ".join(
        f"{r} {statistics.median(memory[r]):.1f} MiB" for r in revisions))  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
