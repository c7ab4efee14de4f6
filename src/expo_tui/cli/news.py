"""`ingest`, `review` and `expo add`: news articles in, candidates reviewed, expos added.

The commands only parse options and print: the work is done by expo_tui.news.pipeline.ingest
and expo_tui.news.review, which a review screen calls too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .common import DB_HELP, JSON_HELP, Failure, chosen_db, friendly_errors, one_line, open_for
from .output import echo_json, table

if TYPE_CHECKING:
    from ..news.pipeline import IngestReport
    from ..store import Store

PROGRESS_FROM = 20  # inputs; fewer finish before a progress bar is worth drawing


def _store_for_writing(db: str | None, dry_run: bool):  # type: ignore[no-untyped-def]
    """The one place the ingest gets its store: the import workflow's, which makes the user's
    own store from the shipped data on the first write (and a throwaway copy for a dry run)."""
    from ..workflows.stores import store_for_import

    return store_for_import(db, dry_run=dry_run)


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.task: Any = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_FROM:
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(
                TextColumn("Reading articles", markup=False),
                BarColumn(),
                MofNCompleteColumn(),
                transient=True,
                console=None,
            )
            self.bar.start()
            self.task = self.bar.add_task("ingest", total=total)
        self.bar.update(self.task, completed=done)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


# -- ingest ------------------------------------------------------------------------------------


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH|URL...")
@click.option(
    "--expo",
    "expo_slug",
    metavar="SLUG",
    help="The expo the articles are about. Default: the expo each article names.",
)
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="Store to queue the candidates in (created if missing). Default: $EXPO_TUI_DB, "
    "else your own store, made on the first write from the shipped data.",
)
@click.option(
    "--source",
    "source_url",
    metavar="URL",
    help="The article's URL, for text files and standard input that do not give it "
    "on their first line.",
)
@click.option("--dry-run", "-n", is_flag=True, help="Show the candidates; queue nothing.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the candidates as a document of the project's JSON format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the candidates as a project JSON document to this file.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Worker processes reading articles.",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    inputs: tuple[str, ...],
    expo_slug: str | None,
    db: str | None,
    source_url: str | None,
    dry_run: bool,
    as_json: bool,
    output: Path | None,
    jobs: int,
) -> None:
    """Read news articles and propose who met whom, with evidence, for review.

    PATH may be a saved page (.html, .htm), a text file (.txt, .md: the article's URL on the
    first line, or --source), a folder (read recursively) or - for standard input; URL an
    http(s) address, fetched once. Without --dry-run the candidates are queued in the store:
    see them with `expo-tui review list`. A file that cannot be read is named with the reason
    on one line; the others are still read, and the exit status is then 1.
    """
    from ..ingest.common import check_url
    from ..ingest.errors import IngestError
    from ..news.pipeline import IngestSetupError, documents
    from ..news.pipeline import ingest as run_ingest

    if as_json and output is not None:
        raise click.UsageError("Give --json or -o FILE, not both.")
    if source_url is not None:
        try:
            source_url = check_url(source_url, "--source", "URL")
        except IngestError:
            raise click.BadParameter(
                f"{source_url[:80]!r} is not an http(s) URL", param_hint="--source"
            ) from None
    progress = _Progress(sys.stderr.isatty() and not as_json)
    debug = ctx.obj["debug"]
    with (
        friendly_errors(debug),
        _store_for_writing(chosen_db(ctx, db), dry_run) as target,
    ):
        store, where, fresh = target.store, target.where, target.created
        try:
            report = run_ingest(
                store,
                list(inputs),
                expo=expo_slug,
                source_url=source_url,
                dry_run=dry_run,
                jobs=jobs,
                keep_candidates=dry_run or as_json or output is not None,
                progress=progress,
            )
        except IngestSetupError as error:
            raise Failure(one_line(str(error))) from None
        finally:
            progress.stop()
        docs = documents(store, report)
    for failed in report.failed:
        click.echo(f"expo-tui: {one_line(f'{failed.name}: {failed.problem}')}", err=True)
    if as_json or output is not None:
        payload: Any = docs[0] if len(docs) == 1 else docs
        if as_json:
            echo_json(payload)
        else:
            _write_json(output, payload)  # type: ignore[arg-type]
    if not as_json:
        _print_report(report, docs, where, fresh, output)
    if report.failed:
        ctx.exit(1)


def _write_json(path: Path, payload: Any) -> None:
    import os
    import tempfile

    from ..export.text import json_text

    path = path.expanduser()
    if not path.parent.is_dir():
        raise Failure(f"Cannot write {path}: folder {path.parent} does not exist.")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json_text(payload) + "\n")
        os.replace(temp, path)
    finally:
        Path(temp).unlink(missing_ok=True)


def _print_report(
    report: IngestReport,
    docs: list[dict[str, Any]],
    where: str,
    fresh: bool,
    output: Path | None,
) -> None:
    from ..sanitize import clean

    for d in report.documents:
        if not d.ok:
            continue
        line = f"{d.name} ({d.language}) -> {d.expo}: {d.candidates} candidate(s)"
        if d.expo_note:
            line += f" [{d.expo_note}]"
        if d.queued:
            line += f", queued as {', '.join(f'#{i}' for i in d.queued)}"
        click.echo(one_line(line))
    if report.dry_run:
        for doc in docs:
            for event in doc["events"]:
                day = event.get("date") or "undated"
                order = f" #{event['order']}" if event.get("order") else ""
                click.echo(
                    "  "
                    + " ".join(clean(f"{day}{order} {event['match']:<11} {event['title']}").split())
                )
    read = sum(1 for d in report.documents if d.ok)
    summary = f"{read} of {len(report.documents)} input(s) read"
    if report.failed:
        summary += f"; {len(report.failed)} could not be read: " + ", ".join(
            d.name for d in report.failed
        )
    click.echo(one_line(summary), err=bool(report.failed))
    if output is not None:
        click.echo(one_line(f"Wrote the candidates to {output}"))
    if report.dry_run:
        click.echo("Dry run: nothing was queued.")
    elif any(d.queued for d in report.documents):
        made = "Created your store from the shipped data; " if fresh else ""
        review = "Review them on the review screen (`expo-tui review`) or `expo-tui review list`."
        click.echo(one_line(f"{made}queued in {where}. {review}"))


# -- review ------------------------------------------------------------------------------------


@click.group(invoke_without_command=True)
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def review(ctx: click.Context, db: str | None) -> None:
    """The candidates the ingest proposed: list, show, accept, reject, undo.

    With no command, opens the explorer on its review screen (over --db, else the store the
    explorer opens).
    """
    if ctx.invoked_subcommand is None:
        from .explorer import run_explorer

        run_explorer(chosen_db(ctx, db), ctx.obj.get("expo"), ctx.obj["debug"], review=True)


def _review_store(ctx: click.Context, db: str | None, *, write: bool) -> Store:
    """The store whose queue is reviewed: the one named, else the user's own. Deciding writes,
    so it needs a store of one's own: the shipped data holds no queue."""
    if not write:
        return open_for(chosen_db(ctx, db))
    import os

    from .. import paths
    from ..store import open_store

    named = chosen_db(ctx, db) or os.environ.get(paths.ENV_DB)
    if named:
        return open_store(Path(named).expanduser(), create=False)
    path, readonly = paths.default_db()
    if readonly:
        raise Failure("There is nothing to review yet: `expo-tui ingest` queues candidates first.")
    return open_store(path, create=False)


def _candidate_json(c: Any) -> dict[str, Any]:
    return {
        "id": c.id,
        "expo": c.expo_slug,
        "kind": c.kind,
        "title": c.title,
        "state": c.state,
        "match": c.match,
        "matched_event": c.matched_event,
        "confidence": c.confidence,
        "created_at": c.created_at,
        "decided_at": c.decided_at,
        "evidence": [
            {"source": e.url, "quote": e.quote, "start": e.start, "end": e.end, "rule": e.rule}
            for e in c.evidence
        ],
        "record": c.record,
    }


STATE_CHOICE = click.Choice(["pending", "accepted", "rejected", "all"])


@review.command(name="list")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option(
    "--state",
    type=STATE_CHOICE,
    default="pending",
    show_default=True,
    help="Which candidates to list.",
)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def review_list(ctx: click.Context, db: str | None, state: str, as_json: bool) -> None:
    """List candidates: id, match against the store, confidence, day, title."""
    with friendly_errors(ctx.obj["debug"]):
        store = _review_store(ctx, db, write=False)
        try:
            found: list[Any] = []
            after = 0
            while True:
                page = store.review.candidates(
                    state=None if state == "all" else state, after=after, limit=500
                )
                found.extend(page.items)
                if page.next_cursor is None:
                    break
                after = int(page.next_cursor)
        finally:
            store.close()
    if as_json:
        echo_json([_candidate_json(c) for c in found])
        return
    if not found:
        click.echo(f"No {state if state != 'all' else ''} candidates to review.".replace("  ", " "))
        return
    rows = []
    for c in found:
        event = c.record.get("event", {})
        day = event.get("date") or "undated"
        rows.append([f"#{c.id}", c.state, c.match, f"{c.confidence:.2f}", day, c.title])
    table(["ID", "STATE", "MATCH", "CONF", "DAY", "TITLE"], rows)


@review.command(name="show")
@click.argument("candidate_id", type=int, metavar="N")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def review_show(ctx: click.Context, candidate_id: int, db: str | None, as_json: bool) -> None:
    """Show candidate N: the proposed event, its participants, the evidence and its sources."""
    from ..sanitize import clean

    with friendly_errors(ctx.obj["debug"]):
        store = _review_store(ctx, db, write=False)
        try:
            c = store.review.candidate(candidate_id)
        finally:
            store.close()
    if c is None:
        raise Failure(f"There is no candidate {candidate_id} in the review queue.")
    if as_json:
        echo_json(_candidate_json(c))
        return
    event = c.record.get("event", {})
    people = {p["key"]: p for p in c.record.get("people", [])}

    def say(text: str) -> None:
        click.echo(clean(text).rstrip())  # one line: line breaks and controls become spaces

    say(f"#{c.id} {c.title}")
    say(
        f"  {c.kind}, {event.get('status')}, {event.get('date') or 'undated'}"
        + (f", order {event['order']}" if event.get("order") else "")
    )
    say(
        f"  {c.state}; match: {c.match}"
        + (f" ({c.matched_event})" if c.matched_event else "")
        + f"; confidence {c.confidence:.2f}"
    )
    for note in event.get("match_notes", []):
        say(f"    {note}")
    for p in event.get("participants", []):
        person = people.get(p["person"], {})
        extra = person.get("match")
        line = (
            f"  {p['role']:<9} {person.get('name', p['person'])} ({person.get('country') or '?'})"
        )
        if extra:
            line += f" - maybe {extra.get('name')} ({extra.get('score')})"
        say(line)
    for e in c.evidence:
        say(f"  evidence [{e.rule}] {e.url} @{e.start}-{e.end}:")
        say(f'    "{e.quote}"')


def _decide(ctx: click.Context, db: str | None, ids: tuple[int, ...], action: str) -> None:
    from ..news import review as decisions
    from ..news.review import ReviewError
    from ..store import DataError

    with friendly_errors(ctx.obj["debug"]):
        store = _review_store(ctx, db, write=True)
        try:
            try:
                if action == "accept":
                    decisions.accept(store, list(ids))
                else:
                    decisions.reject(store, list(ids))
            except (ReviewError, DataError) as error:
                raise Failure(one_line(str(error))) from None
        finally:
            store.close()
    done = "Accepted" if action == "accept" else "Rejected"
    click.echo(
        f"{done} {', '.join(f'#{i}' for i in dict.fromkeys(ids))}. Undo with `expo-tui review undo`."
    )


@review.command(name="accept")
@click.argument("ids", type=int, nargs=-1, required=True, metavar="N...")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def review_accept(ctx: click.Context, ids: tuple[int, ...], db: str | None) -> None:
    """Write candidates N... into the store (all or none), each citing its articles."""
    _decide(ctx, db, ids, "accept")


@review.command(name="reject")
@click.argument("ids", type=int, nargs=-1, required=True, metavar="N...")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def review_reject(ctx: click.Context, ids: tuple[int, ...], db: str | None) -> None:
    """Mark candidates N... rejected; nothing is written to the records."""
    _decide(ctx, db, ids, "reject")


@review.command(name="undo")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.pass_context
def review_undo(ctx: click.Context, db: str | None) -> None:
    """Undo the last accept or reject (an accept's writes are taken back)."""
    with friendly_errors(ctx.obj["debug"]):
        store = _review_store(ctx, db, write=True)
        try:
            decision = store.review.undo()
        finally:
            store.close()
    if decision is None:
        raise Failure("There is no decision to undo.")
    ids = ", ".join(f"#{i}" for i in decision.candidates)
    click.echo(f"Undid the {decision.action} of {ids}; they are pending again.")


# -- expo add ----------------------------------------------------------------------------------


@click.group()
def expo() -> None:
    """Expos in the store: add one to ingest articles about another show."""


@expo.command(name="add")
@click.argument("slug")
@click.option("--name", required=True, help="The expo's full name.")
@click.option(
    "--start", "start", required=True, metavar="DATE", help="First day (2025-06-11, 11 Juni 2025)."
)
@click.option("--end", "end", required=True, metavar="DATE", help="Last day.")
@click.option("--city", help="Where it is held.")
@click.option("--country", help="Host country: any name, code or alias.")
@click.option(
    "--timezone",
    "timezone",
    default="UTC",
    show_default=True,
    help="IANA timezone, e.g. Asia/Jakarta.",
)
@click.option("--short-name", help="How it is usually written (IDEF 2025).")
@click.option("--venue", help="The venue.")
@click.option(
    "--db",
    "db",
    metavar="PATH",
    help="Store to add it to. Default: $EXPO_TUI_DB, else your own store.",
)
@click.pass_context
def expo_add(
    ctx: click.Context,
    slug: str,
    name: str,
    start: str,
    end: str,
    city: str | None,
    country: str | None,
    timezone: str,
    short_name: str | None,
    venue: str | None,
    db: str | None,
) -> None:
    """Create expo SLUG, so articles about it can be ingested (`ingest --expo SLUG`)."""
    from ..ingest.common import check_timezone
    from ..ingest.dates import DateParseError, parse_date
    from ..records import ExpoBundle, ExpoRecord
    from ..selectors import SelectorError, country_code

    try:
        first, last = parse_date(start), parse_date(end)
    except DateParseError as error:
        raise click.BadParameter(str(error), param_hint="--start/--end") from None
    if last < first:
        raise click.BadParameter("the expo ends before it starts", param_hint="--end")
    code = None
    if country:
        try:
            code = country_code(country)
        except SelectorError as error:
            raise click.BadParameter(str(error), param_hint="--country") from None
    with friendly_errors(ctx.obj["debug"]):
        check_timezone(timezone, "--timezone")
        with _store_for_writing(chosen_db(ctx, db), False) as target:
            store, where = target.store, target.where
            if store.expo(slug) is not None:
                raise Failure(f"There is already an expo {slug!r} in {where}.")
            record = ExpoRecord(
                slug=slug,
                name=name,
                start_date=first,
                end_date=last,
                timezone=timezone,
                city=city,
                country=code,
                short_name=short_name,
                venue=venue,
            )
            store.write_bundle(ExpoBundle(expo=record))
    click.echo(one_line(f"Added expo {slug} ({name}, {first} to {last}) to {where}."))
