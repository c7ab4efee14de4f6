"""Before and after in one run: bench/run.py at another commit and at this checkout, in turn.

    python bench/compare.py BASE [--head REV] [--sizes 10k,1m] [--rounds 1] [--json FILE] [--quick]

BASE is any git revision (the parent of a change, say), HEAD another (default: this checkout
as it is). Each revision is checked out in a temporary worktree, and each side runs its own
bench/run.py with its own source on PYTHONPATH (so its
own generator, store, explorer and session script), in the same Python environment, one after
the other (with --rounds 2: base, head, head, base), so that both meet the same machine. The
table gives each figure for both sides and the change; where a figure has a baseline taken in
the same run (the Textual import, raw sqlite3, the minimal Textual app), the change is that of
the ratio, which is what the targets are about. A change over 10% for the worse is marked.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORSE_LIMIT = 0.10  # a figure more than this much worse is flagged
HIGHER_IS_BETTER = {"import"}  # rows/s; every other figure is a time or a size


def run_side(tree: Path, sizes: str, out: Path, workdir: Path, quick: bool) -> None:
    command = [sys.executable, str(tree / "bench" / "run.py"), "--sizes", sizes]
    command += ["--json", str(out), "--workdir", str(workdir)]
    if quick:
        command.append("--quick")
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    print(f"== {tree.name}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
    subprocess.run(command, env=env, cwd=tree, check=True)


def figures(paths: list[Path]) -> dict[tuple[str, str], dict[str, float | None]]:
    """(size, metric) -> value and ratio, the median over the rounds of one side."""
    import statistics

    seen: dict[tuple[str, str], dict[str, list[float]]] = {}
    for path in paths:
        for row in json.loads(path.read_text())["results"]:
            entry = seen.setdefault((row["size"], row["metric"]), {"value": [], "ratio": []})
            for field in ("value", "ratio"):
                if row.get(field) is not None:
                    entry[field].append(row[field])
    return {
        key: {f: statistics.median(v) if v else None for f, v in entry.items()}
        for key, entry in seen.items()
    }


def change(metric: str, before: float, after: float) -> float:
    """How much worse `after` is than `before` (negative: better)."""
    if before == 0:
        return 0.0
    kind = metric.split(".")[0]
    return (before - after) / before if kind in HIGHER_IS_BETTER else (after - before) / before


def table(base: dict, head: dict) -> tuple[list[str], list[str]]:  # type: ignore[type-arg]
    lines = [
        f"{'size':<5} {'metric':<26} {'before':>10} {'after':>10} {'ratio before':>13} "
        f"{'ratio after':>12} {'change':>8}"
    ]
    worse = []
    for key in sorted(set(base) & set(head)):
        size, metric = key
        b, h = base[key], head[key]
        use = "ratio" if b["ratio"] is not None and h["ratio"] is not None else "value"
        if b[use] is None or h[use] is None:
            continue
        delta = change(metric, b[use], h[use])
        flag = "  <-- worse" if delta > WORSE_LIMIT else ""
        if flag:
            worse.append(f"{size} {metric}")

        def show(x: float | None) -> str:
            return "" if x is None else f"{x:.3g}" if abs(x) < 100 else f"{x:,.0f}"

        lines.append(
            f"{size:<5} {metric:<26} {show(b['value']):>10} {show(h['value']):>10} "
            f"{show(b['ratio']):>13} {show(h['ratio']):>12} {delta:>+8.1%}{flag}"
        )
    return lines, worse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the git revision to compare this checkout with")
    parser.add_argument(
        "--head", default=None, help="compare this revision instead of the checkout"
    )
    parser.add_argument("--sizes", default="10k,1m")
    parser.add_argument("--rounds", type=int, default=1, help="runs of each side, alternating")
    parser.add_argument("--json", type=Path, default=None, help="write both sides' figures")
    parser.add_argument("--quick", action="store_true", help="bench/run.py --quick (a smoke test)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="expo-tui-compare-") as temp:
        root = Path(temp)
        trees = {"base": root / "base", "head": root / "head" if args.head else REPO}
        for side, revision in (("base", args.base), ("head", args.head)):
            if revision is not None:
                subprocess.run(
                    ["git", "worktree", "add", "--detach", str(trees[side]), revision],
                    cwd=REPO,
                    check=True,
                    capture_output=True,
                )
        try:
            outputs: dict[str, list[Path]] = {"base": [], "head": []}
            for round_ in range(args.rounds):
                order = ("base", "head") if round_ % 2 == 0 else ("head", "base")
                for side in order:
                    out = root / f"{side}-{round_}.json"
                    run_side(trees[side], args.sizes, out, root / f"work-{side}", args.quick)
                    outputs[side].append(out)
            base, head = figures(outputs["base"]), figures(outputs["head"])
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(
                        ["git", "worktree", "remove", "--force", str(tree)], cwd=REPO, check=False
                    )
    lines, worse = table(base, head)
    print("\n".join(lines))
    print(f"\nworse by more than {WORSE_LIMIT:.0%}: {', '.join(worse) if worse else 'none'}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "base": args.base,
                    "base_figures": {f"{k[0]} {k[1]}": v for k, v in base.items()},
                    "head_figures": {f"{k[0]} {k[1]}": v for k, v in head.items()},
                },
                indent=2,
            )
            + "\n"
        )
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
