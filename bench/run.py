"""The performance benchmark: every figure of issue 5, each with a baseline taken in the same run.

    python bench/run.py [--sizes 10k,100k,1m] [--json FILE] [--quick] [--workdir DIR]

For each size it generates a synthetic store (bench/generate.py, through Store.write_bundle) and
measures, as medians over repeated runs:

  import       rows/s written by write_bundle (validation, FTS and counts kept in step)
               / rows/s of raw sqlite3 executemany of the very same rows into the same schema
  query.*      each pane's store call (ms) / the same SQL statements replayed on raw sqlite3
  key.*        key -> last frame of the reaction (ms, median and p95), Textual headless, in a
               separate process (bench/session.py)
  memory       peak RSS (VmHWM) of that session process / a process that only imports Textual
  cold_start   `expo-tui --db STORE` in a pseudo-terminal until the three panes show data
               / `python -c "import textual.app, textual.widgets"`
  cli_start    `expo-tui meetings --json` (a small selection) / the TUI's cold start

Prints a table; with --json writes {"machine": {...}, "results": [...]} (see docs/performance.md).
Targets are those of issue 5 at 1,000,000 meetings; `met` is reported at every size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import select
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

PY = sys.executable
EXPO_TUI = (
    [str(Path(PY).with_name("expo-tui"))]
    if Path(PY).with_name("expo-tui").exists()
    else [PY, "-m", "expo_tui"]
)

# Targets (issue 5). Each: (comparison, threshold, on which figure).
TARGETS: dict[str, tuple[str, float]] = {
    "cold_start": ("ratio<=", 1.6),
    "cli_start": ("ratio<=", 0.5),
    "key": ("value<=", 33.0),  # median ms; p95 rows use 50
    "key_p95": ("value<=", 50.0),
    "query": ("value<=", 5.0),
    "memory": ("value<=", 80.0),
    "memory_growth": ("value<", 10.0),
    "import": ("ratio>=", 0.5),
}


@dataclass
class Result:
    size: str
    metric: str
    value: float | None
    unit: str
    baseline: float | None
    ratio: float | None
    target: str
    met: bool | None
    note: str = ""

    def as_json(self) -> dict[str, object]:
        row: dict[str, object] = {
            "size": self.size,
            "metric": self.metric,
            "value": _round(self.value),
            "unit": self.unit,
            "baseline": _round(self.baseline),
            "ratio": _round(self.ratio),
            "target": self.target,
            "met": self.met,
        }
        if self.value is None and self.note:  # only a figure that could not be taken says why
            row["note"] = self.note
        return row


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def result(
    size: str,
    metric: str,
    kind: str,
    value: float | None,
    unit: str,
    baseline: float | None,
    note: str = "",
) -> Result:
    op, threshold = TARGETS[kind]
    ratio = value / baseline if value is not None and baseline else None
    subject = ratio if op.startswith("ratio") else value
    what = "ratio" if op.startswith("ratio") else unit
    sign = op.split("ratio")[-1].split("value")[-1]
    target = f"{sign} {threshold:g}" + ("x" if what == "ratio" else f" {unit}")
    met = None
    if subject is not None:
        met = {"<=": subject <= threshold, "<": subject < threshold, ">=": subject >= threshold}[
            sign
        ]
    return Result(size, metric, value, unit, baseline, ratio, target, met, note)


def median(xs: list[float]) -> float:
    return statistics.median(xs)


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


def timed(fn: Callable[[], object], repeats: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


# -- import --------------------------------------------------------------------------------
# Tables write_bundle fills, parents first (the order a raw loader must use with foreign keys on).
IMPORT_TABLES = (
    "sources",
    "organizations",
    "people",
    "person_variants",
    "expos",
    "expo_sources",
    "events",
    "event_participants",
    "event_sources",
    "event_countries",
    "delegations",
    "delegation_members",
    "delegation_sources",
    "exhibitors",
    "exhibitor_sources",
    "figures",
    "figure_sources",
)


def _fresh(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)


def _table_rows(conn: sqlite3.Connection) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every row write_bundle wrote (search rows for the records, not the country ones)."""
    data: dict[str, tuple[list[str], list[tuple]]] = {}
    for table in IMPORT_TABLES:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
        data[table] = (columns, conn.execute(f"SELECT * FROM {table}").fetchall())
    for fts in _fts_tables(conn):
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({fts})")]
        where = " WHERE kind != 'country'" if "kind" in columns else ""
        data[fts] = (
            columns,
            conn.execute(
                f"SELECT {', '.join(columns)} FROM {fts}{where} ORDER BY rowid"
            ).fetchall(),
        )
    return data


def _fts_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            " ORDER BY name"
        )
    ]


def raw_executemany(rows: dict[str, tuple[list[str], list[tuple]]], path: Path) -> float:
    """Seconds to insert `rows` with executemany into an empty store of the same schema."""
    from expo_tui.store import open_store
    from expo_tui.store.writer import IMPORT_CACHE_KIB

    _fresh(path)
    open_store(path, create=True).close()
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA cache_size = {-IMPORT_CACHE_KIB}")  # as write_bundle has
        t0 = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table, (columns, data) in rows.items():
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                data,
            )
        conn.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        conn.close()


def measure_import(
    size: str, spec: generate.Spec, db: Path, runs: int, workdir: Path
) -> tuple[list[Result], dict[str, float]]:
    ours: list[float] = []
    raw: list[float] = []
    info: dict[str, float] = {}
    for _ in range(runs):
        figures = generate.write_store(spec, db, quiet=True)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        rows = _table_rows(conn)
        conn.close()
        n = sum(len(r) for _, r in rows.values())
        ours.append(n / figures["write_s"])
        info = {"rows": n, "write_s": figures["write_s"], "generate_s": figures["generate_s"]}
        raw_db = workdir / f"raw-{size}.db"
        raw.append(n / raw_executemany(rows, raw_db))
        del rows
        _fresh(raw_db)
    return [
        result(
            size,
            "import",
            "import",
            median(ours),
            "rows/s",
            median(raw),
            note=f"{info['rows']:,} rows, median of {runs}",
        )
    ], info


# -- store queries -------------------------------------------------------------------------
def measure_queries(size: str, db: Path, repeats: int) -> tuple[list[Result], dict[str, object]]:
    from expo_tui.store import open_store
    from expo_tui.store.models import Facets

    store = open_store(db, readonly=True)
    expo = store.expos()[0]
    days = store.days(expo)
    day2 = [d for d in days if d.phase == "expo"][1].key
    host = expo.country_code
    countries = store.countries(expo, "", limit=300).items
    mid = countries[len(countries) // 2].country.code
    event_id = store.events(expo, day2, limit=1).items[0].id
    page2 = store.events(expo, day2, limit=200).next_cursor
    signings = Facets(kinds=frozenset({"mou_signing"}))
    group = Facets(group="nato")
    queries: dict[str, Callable[[], object]] = {
        "query.days": lambda: store.days(expo),
        "query.countries": lambda: store.countries(expo, "", limit=200),
        "query.countries_search": lambda: store.countries(expo, "rus", limit=200),
        "query.events_day": lambda: store.events(expo, day2, limit=200),
        "query.events_next_page": lambda: store.events(expo, day2, limit=200, cursor=page2),
        "query.events_all_days": lambda: store.events(expo, None, limit=200),
        "query.events_day_country": lambda: store.events(expo, day2, country=host, limit=200),
        "query.country_detail_host": lambda: store.country_detail(expo, host),
        "query.country_detail": lambda: store.country_detail(expo, mid),
        "query.event_detail": lambda: store.event(event_id),
        "query.palette_search": lambda: store.search("wang", expo=expo, limit=50),
        # the analyst's views (issue 17), from the summaries kept on write
        "query.facet_counts": lambda: store.facet_counts(expo, day2, signings),
        "query.events_facets": lambda: store.events(expo, day2, facets=signings, limit=200),
        "query.events_group": lambda: store.events(expo, day2, facets=group, limit=200),
        "query.countries_facets": lambda: store.countries(expo, facets=signings, limit=200),
        "query.matrix": lambda: store.matrix(expo, None),
        "query.matrix_day": lambda: store.matrix(expo, day2, signings),
        "query.pair_events": lambda: store.pair_events(expo, host, mid, day2, limit=200),
        "query.agreements": lambda: store.agreements(expo, day2, limit=60),  # the ledger's page
        "query.search_rank": lambda: store.search("Letjen wang", expo=expo, limit=50),
    }
    raw = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out = []
    for name, fn in queries.items():
        statements: list[str] = []
        store.connection.conn.set_trace_callback(statements.append)
        fn()
        store.connection.conn.set_trace_callback(None)
        ms = median(timed(fn, repeats))

        def replay(sql: list[str] = statements) -> None:
            for s in sql:
                raw.execute(s).fetchall()

        base = median(timed(replay, repeats))
        out.append(
            result(size, name, "query", ms, "ms", base, note=f"{len(statements)} statement(s)")
        )
    raw.close()
    # a selection for the CLI start-up: the country with fewest events, on day 2
    small = min((c for c in countries if c.events), key=lambda c: c.events).country.code
    facts = {"day2": day2, "cli_country": small, "host": host}
    store.close()
    return out, facts


# -- the explorer in a pseudo-terminal -----------------------------------------------------
ANSI = re.compile(
    r"\x1b(\[[0-9;?<>=$ ]*[A-Za-z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78MDEHc])"
)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of the processes timed here. PYTHONDONTWRITEBYTECODE is dropped: with
    it, every start of an editable install compiles expo-tui's modules again (~40 ms) while
    Textual, installed by pip, runs from .pyc files - a wheel install compiles both."""
    env = {**os.environ, **extra}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def tui_markers(db: Path) -> list[str]:
    """Texts that are on screen only when the three panes show data."""
    from expo_tui.store import open_store

    store = open_store(db, readonly=True)
    try:
        expo = store.expos()[0]
        first = store.countries(expo, "", limit=3).items
        event = store.events(expo, expo.start_date.isoformat(), limit=1).items[0]
    finally:
        store.close()
    word = max(re.findall(r"\w{4,}", event.title) or [event.title[:4]], key=len)
    return [first[0].country.name, first[1].country.name, word, "host country"]


def cold_start_once(
    db: Path, markers: list[str], cols: int = 160, rows: int = 48, timeout: float = 60.0
) -> float:
    import fcntl
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    env = child_env(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
    env.pop("TEXTUAL", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [*EXPO_TUI, "--db", str(db)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        close_fds=True,
    )
    os.close(slave)
    seen = ""
    elapsed = None
    try:
        while time.perf_counter() - t0 < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                break
            seen += chunk.decode("utf-8", "replace")
            text = ANSI.sub("", seen)
            if all(m in text for m in markers):
                elapsed = time.perf_counter() - t0
                break
    finally:
        if proc.poll() is None:
            try:
                os.write(master, b"q")
                proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                proc.kill()
                proc.wait()
        # drain so the child never blocks on a full pty
        try:
            while select.select([master], [], [], 0)[0] and os.read(master, 1 << 16):
                pass
        except OSError:
            pass
        os.close(master)
    if elapsed is None:
        raise RuntimeError(f"expo-tui never showed {markers!r}: {ANSI.sub('', seen)[-500:]!r}")
    return elapsed * 1000


def process_ms(argv: list[str], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(
            argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env()
        )
        out.append((time.perf_counter() - t0) * 1000)
    return out


def textual_import_ms(repeats: int) -> float:
    process_ms([PY, "-c", "import textual.app, textual.widgets"], 1)
    return median(process_ms([PY, "-c", "import textual.app, textual.widgets"], repeats))


def textual_import_rss() -> float:
    code = (
        "import textual.app, textual.widgets\n"
        "print([l for l in open('/proc/self/status') if l.startswith('VmHWM')][0].split()[1])"
    )
    out = subprocess.run([PY, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(out) / 1024


def measure_start(
    size: str, db: Path, facts: dict[str, object], repeats: int, baseline_ms: float
) -> tuple[list[Result], float | None]:
    out: list[Result] = []
    try:
        markers = tui_markers(db)
        if repeats > 1:
            cold_start_once(db, markers)  # warm the OS file cache
        # Runs alternate with runs of the baseline, so both see the same machine: on this
        # VM the same command's median moves by 10-20% from one minute to the next.
        colds: list[float] = []
        bases: list[float] = []
        for _ in range(repeats):
            colds.append(cold_start_once(db, markers))
            if repeats > 1:
                bases += process_ms([PY, "-c", "import textual.app, textual.widgets"], 1)
        cold = median(colds)
        if bases:
            baseline_ms = median(bases)
        out.append(
            result(
                size,
                "cold_start",
                "cold_start",
                cold,
                "ms",
                baseline_ms,
                note="expo-tui in a pty until the panes show data; baseline: "
                "'import textual.app, textual.widgets', runs interleaved",
            )
        )
    except Exception as error:
        cold = None
        out.append(
            Result(
                size,
                "cold_start",
                None,
                "ms",
                baseline_ms,
                None,
                "<= 1.6x",
                None,
                note=f"not measured: {error}"[:300],
            )
        )
    argv = [
        *EXPO_TUI,
        "--db",
        str(db),
        "meetings",
        "--json",
        "--day",
        "2",
        "--country",
        str(facts["cli_country"]),
    ]
    try:
        cli = median(process_ms(argv, repeats))
        out.append(
            result(
                size,
                "cli_start",
                "cli_start",
                cli,
                "ms",
                cold,
                note="meetings --json --day 2 --country "
                + str(facts["cli_country"])
                + "; baseline = the TUI cold start",
            )
        )
    except Exception as error:
        out.append(
            Result(
                size,
                "cli_start",
                None,
                "ms",
                cold,
                None,
                "<= 0.5x",
                None,
                note=f"not measured: {error}"[:300],
            )
        )
    return out, cold


# -- keys and memory (bench/session.py in its own process) ---------------------------------
KEY_METRICS = {
    "next_day": "key.next_day",
    "search_key": "key.search_keystroke",
    "move_event": "key.move_selection",
    "move_country": "key.move_country",
    "open_details": "key.open_details",
    "facet_toggle": "key.facet_toggle",
    "open_matrix": "key.open_matrix",
    "matrix_move": "key.matrix_move",
}


def measure_session(
    size: str, db: Path, repeats: int, rss_baseline: float, quick: bool = False
) -> tuple[list[Result], float | None]:
    try:
        proc = subprocess.run(
            [
                PY,
                str(HERE / "session.py"),
                "--db",
                str(db),
                "--repeats",
                str(repeats),
                *(["--quick"] if quick else []),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception as error:
        reason = getattr(error, "stderr", None) or str(error)
        note = f"not measured: {reason.strip().splitlines()[-1] if reason.strip() else error}"
        return (
            [
                Result(size, m, None, "ms", None, None, "<= 33 ms", None, note[:300])
                for m in KEY_METRICS.values()
            ]
            + [
                Result(
                    size, "memory", None, "MiB", rss_baseline, None, "<= 80 MiB", None, note[:300]
                )
            ],
            None,
        )
    out = []
    for key, metric in KEY_METRICS.items():
        xs = data["samples"].get(key, [])
        if not xs:
            out.append(
                Result(
                    size, metric, None, "ms", None, None, "<= 33 ms", None, "not measured: no frame"
                )
            )
            continue
        base = data["samples"].get("baseline_move", [])
        out.append(
            result(
                size,
                metric,
                "key",
                median(xs),
                "ms",
                median(base) if base else None,
                note=f"median of {len(xs)}",
            )
        )
        out.append(
            result(
                size,
                metric + ".p95",
                "key_p95",
                p95(xs),
                "ms",
                p95(base) if base else None,
                note=f"p95 of {len(xs)}",
            )
        )
    rss = float(data["peak_rss_mib"])
    out.append(
        result(
            size,
            "memory",
            "memory",
            rss,
            "MiB",
            rss_baseline,
            note="VmHWM of the session process; baseline: importing Textual",
        )
    )
    return out, rss


REVIEW_METRICS = {
    "review_move": "review.move_candidate",
    "review_page": "review.page_down",
    "review_decide": "review.reject_or_undo",
}


def measure_review(size: str, db: Path, repeats: int) -> list[Result]:
    """The review screen over 10,000 queued candidates (bench/review_session.py), its keys as a
    ratio to the minimal Textual app measured in the same process."""
    try:
        proc = subprocess.run(
            [PY, str(HERE / "review_session.py"), "--db", str(db), "--repeats", str(repeats)],
            check=True,
            capture_output=True,
            text=True,
            timeout=900,
        )
        data = json.loads(proc.stdout.strip().splitlines()[-1])
    except Exception as error:
        reason = getattr(error, "stderr", None) or str(error)
        note = f"not measured: {str(reason).strip().splitlines()[-1:]}"[:300]
        return [
            Result(size, m, None, "ms", None, None, "-", None, note)
            for m in REVIEW_METRICS.values()
        ]
    base = data["samples"].get("baseline_move", [])
    return [
        result(size, metric, "key", median(xs), "ms", median(base) if base else None,
               note=f"median of {len(xs)}, 10k candidates")
        for key, metric in REVIEW_METRICS.items()
        if (xs := data["samples"].get(key))
    ]  # fmt: skip


# -- main ----------------------------------------------------------------------------------
def machine() -> dict[str, object]:
    import textual

    version = getattr(textual, "__version__", None)
    if version is None:
        from importlib.metadata import version as pkg_version

        version = pkg_version("textual")
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": version,
    }


def print_table(results: list[Result]) -> None:
    head = (
        f"{'size':>5} {'metric':30} {'value':>12} {'unit':6} {'baseline':>12} {'ratio':>7} "
        f"{'target':>10} met"
    )
    print(head)
    print("-" * len(head))
    for r in results:

        def f(x: float | None) -> str:
            return "-" if x is None else (f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.2f}")

        met = {True: "yes", False: "NO", None: "-"}[r.met]
        print(
            f"{r.size:>5} {r.metric:30} {f(r.value):>12} {r.unit:6} {f(r.baseline):>12} "
            f"{'-' if r.ratio is None else f'{r.ratio:.2f}':>7} {r.target:>10} {met}"
            + (f"  ({r.note})" if r.note and r.value is None else "")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--quick", action="store_true", help="few repeats (smoke test)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/expo-tui-bench"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the generated stores")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    args.workdir.mkdir(parents=True, exist_ok=True)
    quick = args.quick
    started = time.perf_counter()
    results: list[Result] = []

    def log(text: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {text}", file=sys.stderr, flush=True)

    log("baselines: python -c 'import textual.app, textual.widgets'")
    import_ms = textual_import_ms(3 if quick else 9)
    import_rss = textual_import_rss()
    peaks: dict[str, float] = {}
    for size in sizes:
        n = generate.parse_size(size)
        spec = generate.Spec(n, seed=args.seed)
        db = args.workdir / f"bench-{size}.db"
        runs = 1 if quick or n > 200_000 else 3
        log(f"{size}: import ({runs} run(s))")
        rows, _info = measure_import(size, spec, db, runs, args.workdir)
        results += rows
        # The import just wrote the store (and the raw copy): let the kernel write it back now,
        # or the timings below measure the disk catching up (cold start and the CLI were
        # 50-100 ms slower at 1M right after the import).
        os.sync()
        log(f"{size}: store queries")
        rows, facts = measure_queries(size, db, 3 if quick else 30)
        results += rows
        log(f"{size}: cold start and CLI")
        rows, _cold = measure_start(size, db, facts, 1 if quick else 11, import_ms)
        results += rows
        log(f"{size}: scripted session (keys, memory)")
        rows, rss = measure_session(size, db, 2 if quick else 25, import_rss, quick)
        results += rows
        if rss is not None:
            peaks[size] = rss
        log(f"{size}: review session (10,000 candidates)")
        results += measure_review(size, db, 2 if quick else 25)
        if not args.keep:
            _fresh(db)
    if len(peaks) >= 2:
        first, last = sizes[0], sizes[-1]
        if first in peaks and last in peaks:
            results.append(
                result(
                    last,
                    "memory_growth",
                    "memory_growth",
                    peaks[last] - peaks[first],
                    "MiB",
                    None,
                    note=f"peak at {last} minus peak at {first}",
                )
            )
    print_table(results)
    log("done")
    if args.json:
        args.json.write_text(
            json.dumps(
                {"machine": machine(), "results": [r.as_json() for r in results]},
                indent=2,
                ensure_ascii=False,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
