"""How well and how fast the news ingest reads articles.

    python bench/ingest_eval.py --set ../shared/ingest-dev            # quality on the set
    python bench/ingest_eval.py --set ../shared/ingest-dev --html DIR # + speed on saved pages
    python bench/ingest_eval.py --synthetic 5000 --jobs 1,2           # memory and jobs

Quality: each article of the set is ingested into a fresh copy of the shipped store (the queue
filled as a user's `expo-tui ingest` would), its candidates are read back from the queue, and
`tools/score-ingest` (beside the set) scores them all. A candidate is scored for the article it
was read from: a candidate that corroborates a stored event lists that event's other sources
too (so importing it loses none), and those would credit it to other articles of the set.

Speed: saved HTML pages (any folder of .html files) are ingested as one folder run, extraction
included; articles per second and the peak memory (RSS) are printed. --synthetic N writes N
generated pages to a temporary folder and reports memory along the run, for --jobs 1 and 2.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from expo_tui.news.pipeline import ingest  # noqa: E402
from expo_tui.store import open_store  # noqa: E402

SHIPPED = REPO / "data" / "expo.db"


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _fresh_store(folder: Path):  # type: ignore[no-untyped-def]
    path = folder / "expo.db"
    shutil.copyfile(SHIPPED, path)
    return open_store(path)


def quality(
    set_dir: Path, work: Path, expo: str | None, args_stored: bool = False
) -> tuple[dict, float, int]:
    """Score every article of the set; returns (scores, seconds, articles)."""
    articles = sorted((set_dir / "articles").glob("*.txt"))
    documents = []
    started = time.perf_counter()
    for article in articles:
        folder = Path(tempfile.mkdtemp(dir=work))
        store = _fresh_store(folder)
        try:
            report = ingest(store, [str(article)], expo=expo)
            url = next((d.url for d in report.documents if d.url), None)
            page = store.review.candidates(state="pending", limit=10_000)
            events, people = [], {}
            for candidate in page.items:
                # scored as the article reads it: a candidate merged with a stored event also
                # carries what the store knows (its day, its other sources), which the article
                # may not say
                event = dict(candidate.record["event"])
                if args_stored:
                    event["sources"] = [url]
                else:
                    event = {**event["reading"], "key": event["key"], "sources": [url]}
                events.append(event)
                for person in candidate.record.get("people", []):
                    people[person["key"]] = person
            documents.append(
                {
                    "format": "expo-tui",
                    "version": 1,
                    "people": list(people.values()),
                    "events": events,
                }
            )
        finally:
            store.close()
            shutil.rmtree(folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    predictions = work / "candidates.json"
    predictions.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
    scorer = set_dir.parent / "tools" / "score-ingest"
    done = subprocess.run(
        [
            sys.executable,
            str(scorer),
            str(set_dir / "gold.jsonl"),
            str(predictions),
            "--articles",
            str(set_dir / "articles"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout), seconds, len(articles)


def _rss_mb() -> float:
    """The resident memory now (Linux), to show it stays flat along a long run."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb()


def speed(
    folder: Path, work: Path, jobs: int, expo: str
) -> tuple[int, int, float, float, float, list[tuple[int, float]]]:
    """(pages, articles read, seconds, peak MB, [(pages done, RSS MB)]) of one folder run into
    a fresh store, the candidates queued as `expo-tui ingest` queues them."""
    run = Path(tempfile.mkdtemp(dir=work))
    store = _fresh_store(run)
    samples: list[tuple[int, float]] = []

    def sample(done: int, total: int) -> None:
        if done % max(1, total // 10) == 0 or done == total:
            samples.append((done, round(_rss_mb())))

    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        report = ingest(
            store,
            [str(folder)],
            expo=expo,
            jobs=jobs,
            source_url="https://example.org/saved-page",
            progress=sample,
        )
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu_started  # this process's own: all of it with --jobs 1
    finally:
        store.close()
        shutil.rmtree(run, ignore_errors=True)
    pages, read = len(report.documents), sum(1 for d in report.documents if d.ok)
    return pages, read, seconds, cpu, _peak_mb(), samples


def synthetic_pages(folder: Path, count: int) -> None:
    """`count` pages of generated news prose (names, days and places vary), as browsers save
    them: a head, navigation, the article and a footer."""
    import random

    rng = random.Random(7)
    hosts = [
        "Kepala Staf Angkatan Darat Jenderal TNI Budi Hartono",
        "Menhan Ahmad Wirawan",
        "Panglima TNI Jenderal TNI Surya Putra",
        "Wamenhan Rudi Santoso",
    ]
    guests = [
        ("Kanada", "Letjen Paul Grant"),
        ("Australia", "Laksdya Mark Hill"),
        ("Jepang", "Jenderal Kenji Mori"),
        ("Prancis", "Mayjen Luc Martin"),
        ("Brasil", "Brigjen Joao Silva"),
        ("India", "Marsdya Ravi Kumar"),
    ]
    days = ["Rabu (11/6)", "Kamis (12/6)", "Jumat (13/6)", "Sabtu (14/6)"]
    for n in range(count):
        host = rng.choice(hosts)
        met = rng.sample(guests, 3)
        body = (
            f"<p>Jakarta - {host} menerima kunjungan delegasi {met[0][0]} yang dipimpin "
            f"{met[0][1]} di sela Indo Defence 2025, {rng.choice(days)}.</p>"
            f"<p>Kemudian ia bertemu dengan delegasi {met[1][0]}, {met[1][1]}, dan selanjutnya "
            f"dengan {met[2][1]} dari {met[2][0]}.</p>"
            "<p>Pertemuan membahas kerja sama pendidikan dan latihan militer. " * 3 + "</p>"
            "<p>Baca juga: Pameran pertahanan terbesar di Asia Tenggara dibuka</p>"
        )
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>Berita {n}</title>"
            f"<link rel='canonical' href='https://news.example.org/{n}'></head><body>"
            "<nav><a href='/'>Beranda</a> <a href='/nasional'>Nasional</a></nav>"
            f"<article><h1>Delegasi asing bertemu pejabat pertahanan {n}</h1>{body}</article>"
            "<footer>Copyright 2025 Example News. All rights reserved.</footer></body></html>"
        )
        (folder / f"page-{n:05d}.html").write_text(page, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, help="the evaluation set (articles/, gold.jsonl)")
    parser.add_argument(
        "--expo", default=None, help="the expo of the set's articles (default: picked)"
    )
    parser.add_argument("--html", type=Path, help="a folder of saved HTML pages, for speed")
    parser.add_argument("--synthetic", type=int, default=0, help="generate this many pages")
    parser.add_argument("--jobs", default="1,2", help="worker counts to time, e.g. 1,2")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--by-article", action="store_true", help="a line per article of the set")
    parser.add_argument(
        "--as-stored",
        action="store_true",
        help="score the queued records as they would be written (merged with the store), "
        "not as the articles read",
    )
    args = parser.parse_args()
    results: dict = {}
    work = Path(tempfile.mkdtemp(prefix="ingest-eval-"))
    try:
        if args.set:
            scores, seconds, count = quality(args.set, work, args.expo, args.as_stored)
            results["quality"] = scores
            print(
                f"{scores['articles']} articles, {scores['gold']} gold events, "
                f"{scores['predicted']} scored candidates (review effort {scores['review_effort']})"
            )
            for name, level in scores["levels"].items():
                print(
                    f"  {name:13} precision {level['precision']:.3f}  recall {level['recall']:.3f}  "
                    f"F1 {level['f1']:.3f}  ({level['matched']} matched)"
                )
            if args.by_article:
                for url, row in scores["by_article"].items():
                    print(
                        f"    {row['predicted']:3} pred {row['gold']:3} gold  "
                        + " ".join(str(row[name]) for name in scores["levels"])
                        + f"  {url}"
                    )
            print(
                f"  {count} articles in {seconds:.2f} s: {count / seconds:.1f} articles/s "
                f"(a fresh store each), peak memory {_peak_mb():.0f} MB"
            )
        folders = []
        if args.html:
            folders.append(("saved HTML pages", args.html))
        if args.synthetic:
            generated = work / "synthetic"
            generated.mkdir()
            synthetic_pages(generated, args.synthetic)
            folders.append((f"{args.synthetic} generated pages", generated))
        for label, folder in folders:
            for jobs in (int(j) for j in args.jobs.split(",")):
                pages, count, seconds, cpu, peak, samples = speed(
                    folder, work, jobs, args.expo or "indodefence2025"
                )
                results.setdefault("speed", []).append(
                    {
                        "input": label,
                        "jobs": jobs,
                        "pages": pages,
                        "articles": count,
                        "seconds": round(seconds, 2),
                        "pages_per_second": round(pages / seconds, 1),
                        "cpu_seconds": round(cpu, 2),
                        "peak_mb": round(peak),
                        "rss_mb_along_the_run": samples,
                    }
                )
                print(
                    f"  {label}, --jobs {jobs}: {pages} pages ({count} with an article) in "
                    f"{seconds:.1f} s = {pages / seconds:.1f} pages/s, peak memory {peak:.0f} MB"
                )
                if jobs == 1:  # the machine's other work does not count against one core
                    print(f"    {cpu:.1f} s of CPU: {pages / cpu:.1f} pages per CPU second")
                along = ", ".join(f"{done}: {mb}" for done, mb in samples)
                print(f"    memory along the run (pages done: MB): {along}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
