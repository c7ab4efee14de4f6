"""A scripted review session over a queue of N candidates, run in its own process.

    python bench/review_session.py --db STORE [--candidates 10000] [--repeats 25]

Queues N candidates (four per article) into a copy of STORE, opens the review screen
(`ExpoApp(review=True)`) headless, and times keys with session.py's harness: moving the
highlight (the candidate is read in a worker and shown), paging down the list (the next page
of articles is read when the end nears), and reject + undo (a write through app.writes and
the re-read after it). Prints one JSON object of samples (ms), with the minimal Textual app's
baseline taken in the same process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from session import Harness, baseline

PER_ARTICLE = 4


def build_queue(source: Path, target: Path, candidates: int) -> None:
    from expo_tui.store import open_store
    from expo_tui.store.review import NewCandidate, NewDocument

    shutil.copy(source, target)
    store = open_store(target)
    expo = store.expos()[0]
    for a in range(candidates // PER_ARTICLE):
        url = f"https://bench.example.org/{a}"
        text = f"Article {a}. General A{a} received General B{a} on 12 June 2025."
        document = NewDocument(url, f"{a}.txt", None, None, "en", None, f"h{a}", text)
        made = []
        for c in range(PER_ARTICLE):
            record = {
                "event": {"key": f"news-{a}-{c}", "title": f"B{a} calls on A{a} ({c})",
                          "kind": "courtesy_call", "status": "happened", "date": "2025-06-12",
                          "participants": [], "sources": [url]},
                "people": [], "sources": [{"url": url}],
            }  # fmt: skip
            made.append(
                NewCandidate(expo.id, f"f{a}-{c}", "courtesy_call", record["event"]["title"],
                             record, "new", None, 0.8, ((text, 0, len(text), "en.receive"),))
            )  # fmt: skip
        store.review.add(document, made)
    store.close()


async def session(db: Path, repeats: int, size: tuple[int, int]) -> dict[str, object]:
    from expo_tui.store import open_store
    from expo_tui.tui.app import ExpoApp
    from expo_tui.tui.screens.review import ReviewScreen

    store = open_store(db)
    app = ExpoApp(store, review=True)
    samples: dict[str, list[float]] = {}

    def add(name: str, value: float | None) -> None:
        if value is not None:
            samples.setdefault(name, []).append(value)

    async with app.run_test(size=size) as pilot:
        h = Harness(app)
        await h.ready(
            lambda: isinstance(app.screen, ReviewScreen) and app.screen.candidate is not None
        )
        for i in range(repeats + 2):
            value = await h.press("down")
            if i >= 2:
                add("review_move", value)
        for i in range(repeats + 2):
            value = await h.press("pagedown")
            if i >= 2:
                add("review_page", value)
        for i in range(min(repeats, 10) + 1):
            value = await h.press("x" if i % 2 == 0 else "u")
            if i >= 1:
                add("review_decide", value)
        await pilot.pause()
    store.close()
    samples["baseline_move"] = await baseline(repeats, size)
    return {"samples": samples}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=25)
    parser.add_argument("--width", type=int, default=160)
    parser.add_argument("--height", type=int, default=48)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        queued = Path(folder) / "queue.db"
        build_queue(args.db, queued, args.candidates)
        result = asyncio.run(session(queued, args.repeats, (args.width, args.height)))
    json.dump(result, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
