"""The door to the news ingest: `ingest(store, inputs, ...)` reads every input, proposes
candidates and (unless it is a dry run) queues them for review. The CLI calls it; a review
screen will call it too. Nothing here prints.

Reading an article (inputs, extraction, analysis) needs no store and runs in `jobs` worker
processes; matching and queueing run here, in order, one document at a time, so memory stays
flat however many files a folder holds. Several articles about one event in one run give one
candidate with several sources (in the queue by its fingerprint; in a dry run in memory).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .analyse import ExpoFrame, Reading
from .errors import NewsInputError
from .inputs import InputRef, RawInput, list_inputs

if TYPE_CHECKING:
    from ..store import Store
    from ..store.matching import PersonRow
    from .candidates import Candidate

WINDOW_PER_JOB = 4  # articles in flight per worker: enough to keep it busy, little to hold


@dataclass
class DocumentResult:
    name: str
    url: str | None = None
    title: str | None = None
    language: str | None = None
    expo: str | None = None
    expo_note: str | None = None  # how the expo was picked when --expo was not given
    candidates: int = 0
    queued: list[int] = field(default_factory=list)
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass
class IngestReport:
    dry_run: bool
    documents: list[DocumentResult] = field(default_factory=list)
    # expo slug -> candidates (kept only for a dry run, or when asked for)
    candidates: dict[str, list[Candidate]] = field(default_factory=dict)

    @property
    def failed(self) -> list[DocumentResult]:
        return [d for d in self.documents if not d.ok]


class IngestSetupError(ValueError):
    """The run cannot start (no such expo, no expo in the store)."""


def expo_frames(store: Store) -> dict[str, ExpoFrame]:
    from ..countries import country_info

    frames = {}
    for expo in store.expos():
        names = [expo.name, expo.short_name or "", expo.slug]
        # "Indo Defence 2025" is also written "Indo Defence": the name without its year
        names += [re.sub(r"\s*\b(19|20)\d\d\b", "", n).strip() for n in names]
        places = [expo.city or ""]
        if expo.country_code and (info := country_info(expo.country_code)) is not None:
            places += [info.name, info.name_id]
        frames[expo.slug] = ExpoFrame(
            expo.slug,
            expo.start_date,
            expo.end_date,
            expo.country_code,
            tuple(dict.fromkeys(n for n in names if len(n) >= 4)),
            tuple(dict.fromkeys(p for p in places if len(p) >= 3)),
        )
    return frames


def pick_expo(
    text: str, published: dt.date | None, frames: dict[str, ExpoFrame]
) -> tuple[str, str] | None:
    """The expo an article names most (ties: the one nearest its publication), with a note."""
    scored = []
    lowered = text.casefold()
    for slug, frame in frames.items():
        # a name with its year counts double: "Indo Defence 2025" over "Indo Defence"
        hits = 2 * sum(lowered.count(name.casefold()) for name in frame.names[:2] if name)
        hits += sum(lowered.count(name.casefold()) for name in frame.names[2:] if name)
        if not hits:
            hits = _close_spelling(lowered, frame.names)  # "Indo Defense" for "Indo Defence"
        if hits:
            distance = abs((published - frame.start).days) if published else 0
            scored.append((-hits, distance, slug))
    if not scored:
        return _nearby_expo(text, published, frames)
    scored.sort()
    slug = scored[0][2]
    return slug, f"picked expo {slug}: the article names it"


NEARBY_DAYS = 30  # an article naming no expo, dated this close to one and naming its place


def _nearby_expo(
    text: str, published: dt.date | None, frames: dict[str, ExpoFrame]
) -> tuple[str, str] | None:
    """The one expo an article that names none is dated near and names the place of (a
    meeting at the ministry a week before the show), if there is exactly one."""
    if published is None:
        return None
    near = [
        slug
        for slug, frame in frames.items()
        if frame.start - dt.timedelta(days=NEARBY_DAYS)
        <= published
        <= frame.end + dt.timedelta(days=NEARBY_DAYS)
        and any(re.search(rf"\b{re.escape(place)}\b", text) for place in frame.places)
    ]
    if len(near) != 1:
        return None
    return near[0], (
        f"picked expo {near[0]}: the article names no expo but is dated within "
        f"{NEARBY_DAYS} days of it and names its place"
    )


def _close_spelling(text: str, names: tuple[str, ...]) -> int:
    from rapidfuzz import fuzz

    sample = text[:20_000]
    return int(any(len(n) >= 8 and fuzz.partial_ratio(n.casefold(), sample) >= 90 for n in names))


# -- the work of one article (runs in a worker when jobs > 1) ----------------------------------

_WORKER: dict[str, Any] = {}
# (reading, expo slug, note on how the expo was picked, error) of one input
WorkResult = tuple[Reading | None, str | None, str | None, NewsInputError | None]


def _setup(
    people_rows: list[PersonRow],
    frames: dict[str, ExpoFrame],
    expo: str | None,
    source_url: str | None,
) -> None:
    from ..gazetteer import load
    from .known import KnownPeople, KnownPerson

    gazetteer = load()
    _WORKER.update(
        gazetteer=gazetteer,
        known=KnownPeople((KnownPerson(*row) for row in people_rows), gazetteer),
        frames=frames,
        expo=expo,
        source_url=source_url,
    )


def _work(item: InputRef | RawInput) -> WorkResult:
    """(reading, expo slug, note, error) for one input."""
    from .analyse import read
    from .extract import read_article
    from .inputs import read_input

    name = item.name
    try:
        raw = item if isinstance(item, RawInput) else read_input(item)
        article = read_article(raw, source_url=_WORKER["source_url"])
        frames: dict[str, ExpoFrame] = _WORKER["frames"]
        slug, note = _WORKER["expo"], None
        if slug is None:
            picked = pick_expo(article.text, article.published, frames)
            if picked is None:
                raise NewsInputError(name, "names no expo of the store; give one with --expo")
            slug, note = picked
        reading = read(article, frames[slug], _WORKER["gazetteer"], _WORKER["known"])
        for entity in reading.entities:
            entity.mentions = []  # not needed past this point; keeps what is sent back small
        return reading, slug, note, None
    except NewsInputError as error:
        return None, None, None, error
    except RecursionError:
        return None, None, None, NewsInputError(name, "is nested too deeply to be read as a page")


def _readings(refs: list[InputRef], jobs: int) -> Iterator[tuple[str, WorkResult]]:
    """(name, result of _work) for every input, in order."""
    from .inputs import read_input

    def prepared(ref: InputRef) -> InputRef | RawInput:
        # standard input and URLs are read here: a worker has no terminal, and one polite
        # request each is easier to keep in order from one place
        return ref if ref.kind == "file" else read_input(ref)

    if jobs <= 1:
        for ref in refs:
            try:
                yield ref.name, _work(prepared(ref))
            except NewsInputError as error:
                yield ref.name, (None, None, None, error)
        return
    import concurrent.futures
    import multiprocessing
    from collections import deque

    start = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(start)
    if start == "fork":
        # loaded once here, shared by every worker forked after: the language model alone
        # takes most of a second to read
        import trafilatura  # noqa: F401

        from .extract import language_of

        language_of("warm up")
    setup = _WORKER["setup_args"]
    with concurrent.futures.ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_setup, initargs=setup
    ) as pool:
        pending: deque[tuple[str, concurrent.futures.Future[WorkResult] | NewsInputError]] = deque()
        items = iter(refs)
        while True:
            while len(pending) < jobs * WINDOW_PER_JOB:
                following = next(items, None)
                if following is None:
                    break
                ref = following
                try:
                    pending.append((ref.name, pool.submit(_work, prepared(ref))))
                except NewsInputError as error:
                    pending.append((ref.name, error))
            if not pending:
                return
            name, future = pending.popleft()
            if isinstance(future, NewsInputError):
                yield name, (None, None, None, future)
            else:
                yield name, future.result()


def ingest(
    store: Store,
    inputs: list[str],
    *,
    expo: str | None = None,
    source_url: str | None = None,
    dry_run: bool = False,
    jobs: int = 1,
    keep_candidates: bool | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Read `inputs` (paths, folders, `-`, URLs) and propose candidates for review.

    Without `dry_run`, each document and its candidates are queued in the store as it is read
    (all of one document or none of it). `keep_candidates` (default: only in a dry run) keeps
    the candidates in the report, for printing them as project-format documents.
    """
    from .candidates import CandidateBuilder

    frames = expo_frames(store)
    if not frames:
        raise IngestSetupError(
            f"{store.path or 'The store'} holds no expo; add one with `expo-tui expo add`."
        )
    if expo is not None and expo not in frames:
        known = ", ".join(sorted(frames)[:10])
        raise IngestSetupError(
            f"No expo {expo!r} in {store.path or 'the store'} (known: {known}); add it with `expo-tui expo add`."
        )
    keep = dry_run if keep_candidates is None else keep_candidates
    report = IngestReport(dry_run)
    setup = (store.review.people_for_matching(), frames, expo, source_url)
    _setup(*setup)
    _WORKER["setup_args"] = setup
    builders: dict[str, CandidateBuilder] = {}
    merged: dict[str, dict[str, Candidate]] = {}
    refs: list[InputRef] = []
    for found in list_inputs(inputs):
        if isinstance(found, NewsInputError):
            report.documents.append(DocumentResult(found.name, problem=found.problem))
        else:
            refs.append(found)
    total = len(refs)
    for done, (name, (reading, slug, note, error)) in enumerate(_readings(refs, jobs), start=1):
        if error is not None or reading is None or slug is None:
            report.documents.append(
                DocumentResult(name, problem=error.problem if error else "was not read")
            )
        else:
            builder = builders.get(slug) or builders.setdefault(slug, _builder(store, slug))
            candidates = builder.build(reading)
            article = reading.article
            result = DocumentResult(
                name, article.url, article.title, article.language, slug, note, len(candidates)
            )
            if not dry_run:
                result.queued = _queue(store, builder.expo_id, reading, candidates)
            if keep:
                bucket = merged.setdefault(slug, {})
                for candidate in candidates:
                    if candidate.fingerprint in bucket:
                        bucket[candidate.fingerprint].absorb(candidate)
                    else:
                        bucket[candidate.fingerprint] = candidate
            report.documents.append(result)
        if progress is not None:
            progress(done, total)
    report.candidates = {slug: list(c.values()) for slug, c in merged.items()}
    return report


def _builder(store: Store, slug: str):  # type: ignore[no-untyped-def]
    from .candidates import CandidateBuilder

    expo = store.review.expo_record(slug)
    found = store.expo(slug)
    assert expo is not None and found is not None
    return CandidateBuilder(store, expo, found.id)


def _queue(store: Store, expo_id: int, reading: Reading, candidates: list[Candidate]) -> list[int]:
    from ..store.review import NewCandidate, NewDocument

    article = reading.article
    document = NewDocument(
        article.url,
        article.name,
        article.title,
        article.publisher,
        article.language,
        article.published,
        article.text_hash,
        article.text,
    )
    queued = [
        NewCandidate(
            expo_id,
            c.fingerprint,
            c.kind,
            c.title,
            c.record(),
            c.match,
            c.matched_event,
            c.confidence,
            tuple((e["quote"], e["start"], e["end"], e["rule"]) for e in c.evidence),
        )
        for c in candidates
    ]
    _document_id, ids = store.review.add(document, queued)
    return ids


def documents(store: Store, report: IngestReport) -> list[dict[str, Any]]:
    """The report's candidates as one project-format document per expo."""
    from .candidates import document

    out = []
    for slug, candidates in report.candidates.items():
        expo = store.review.expo_record(slug)
        if expo is None:
            continue
        out.append(document(expo, store.review.source_records(expo.sources), candidates))
    return out
