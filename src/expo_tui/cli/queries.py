"""The query commands: `expos`, `countries`, `delegations`, `meetings` and `search`."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import click

from ..observations import OBSERVATION_KIND, observation_of, observed_text
from .common import (
    COUNTRY_HELP,
    DAY_HELP,
    DB_HELP,
    EXPO_HELP,
    JSON_HELP,
    SEARCH_KINDS,
    Failure,
    chosen_db,
    country_option,
    day_option,
    facet_options,
    facets_option,
    friendly_errors,
    one_line,
    open_for,
    pick_expo,
)
from .output import echo_json, stream_json_list, table

if TYPE_CHECKING:
    from ..store.models import CountrySummary, Delegation, EventDetail, Expo, Person, Source

# -- query commands ------------------------------------------------------------------------------


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def expos(ctx: click.Context, db: str | None, as_json: bool) -> None:
    """List the expos in the store, most recent first."""
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            found = [(e, sum(d.events for d in store.days(e))) for e in store.expos()]
        finally:
            store.close()
    if as_json:
        echo_json(
            [
                {
                    "slug": e.slug,
                    "name": e.name,
                    "short_name": e.short_name,
                    "start_date": e.start_date.isoformat(),
                    "end_date": e.end_date.isoformat(),
                    "timezone": e.timezone,
                    "venue": e.venue,
                    "city": e.city,
                    "country": e.country_code,
                    "events": n,
                }
                for e, n in found
            ]
        )
        return
    if not found:
        raise Failure("The store holds no expo yet; import one first.")
    table(
        ["SLUG", "DATES", "EVENTS", "NAME"],
        [[e.slug, f"{e.start_date} to {e.end_date}", n, e.display_name] for e, n in found],
    )


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option(
    "--search",
    "-s",
    "query",
    metavar="Q",
    default="",
    help="Only countries whose names, codes or people match Q.",
)
@facet_options
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def countries(
    ctx: click.Context,
    db: str | None,
    expo_slug: str | None,
    query: str,
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    group: str | None,
    as_json: bool,
) -> None:
    """Countries present at an expo, host first, with delegation, event and exhibitor counts
    and who led each delegation (rank, name, position).

    With --kind/--status only countries with such events (EVENTS counts them); with --group
    only the group's members. Exit status 1 when nothing matches.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug)
            facets = facets_option(kinds, statuses, group)
            found: list[CountrySummary] = []
            cursor: str | None = None
            while True:
                page = store.countries(expo, query, limit=300, cursor=cursor, facets=facets)
                found += page.items
                if page.next_cursor is None:
                    break
                cursor = page.next_cursor
            delegations = {d.country_code: d for d in store.delegations(expo)}
        finally:
            store.close()
    if as_json:
        echo_json(
            [
                {
                    "code": c.country.code,
                    "alpha2": c.country.alpha2,
                    "name": c.country.name,
                    "name_id": c.country.name_id,
                    "flag": c.country.flag,
                    "is_host": c.is_host,
                    "delegations": c.delegations,
                    "events": c.events,
                    "exhibitors": c.exhibitors,
                    "delegation": _delegation_json(delegations[c.country.code])
                    if c.country.code in delegations
                    else None,
                }
                for c in found
            ]
        )
    elif found:
        table(
            ["CODE", "DELEGATIONS", "EVENTS", "EXHIBITORS", "NAME", "HEAD OF DELEGATION"],
            [
                [
                    c.country.code,
                    c.delegations,
                    c.events,
                    c.exhibitors,
                    c.country.name
                    + (f" / {c.country.name_id}" if c.country.name_id != c.country.name else "")
                    + (" (host)" if c.is_host else ""),
                    _head_text(delegations.get(c.country.code)),
                ]
                for c in found
            ],
        )
    if not found:
        raise Failure(
            f"No country at {expo.display_name} matches {query!r}."
            if query.strip() or facets.active
            else f"{expo.display_name} lists no countries."
        )


def _person_json(person: Person) -> dict[str, object]:
    return {
        "key": person.key,
        "name": person.name,
        "rank": person.rank,
        "position": person.position,
        "organization": person.organization,
        "country": person.country_code,
    }


def _delegation_json(d: Delegation) -> dict[str, object]:
    return {
        "country": d.country_code,
        "kind": d.kind,
        "head": _person_json(d.head) if d.head else None,
        "members": [
            {"name": m.name, "role": m.role, "person": m.person.key if m.person else None}
            for m in d.members
        ],
        "notes": d.notes,
        "sources": [s.url for s in d.sources],
    }


def _head_text(d: Delegation | None) -> str:
    """Who led a delegation: "Rank Name, Position" ("" without a delegation)."""
    if d is None:
        return ""
    if d.head is None:
        return "(head not reported)"
    name = " ".join(x for x in (d.head.rank, d.head.name) if x)
    return ", ".join(x for x in (name, d.head.position) if x)


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def delegations(ctx: click.Context, db: str | None, expo_slug: str | None, as_json: bool) -> None:
    """Every country's delegation at an expo: its kind and who led it (rank, name, position),
    with members and sources in --json. Exit status 1 when the expo lists none."""
    from ..countries import country_info

    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug)
            found = store.delegations(expo)
        finally:
            store.close()
    if as_json:
        echo_json([_delegation_json(d) for d in found])
        return
    if not found:
        raise Failure(f"{expo.display_name} lists no delegations.")

    def country_name(code: str) -> str:
        info = country_info(code)
        return info.name if info else code

    table(
        ["CODE", "COUNTRY", "KIND", "MEMBERS", "HEAD OF DELEGATION"],
        [
            [
                d.country_code,
                country_name(d.country_code),
                d.kind or "",
                len(d.members),
                _head_text(d),
            ]
            for d in found
        ],
    )


def _meeting_json(detail: EventDetail) -> dict[str, object]:
    e = detail.event
    return {
        "id": e.id,
        "key": e.key,
        "date": e.date.isoformat() if e.date else None,
        "date_range": [
            e.date_from.isoformat() if e.date_from else None,
            e.date_to.isoformat() if e.date_to else None,
        ]
        if (e.date_from or e.date_to)
        else None,
        "start_time": e.start_time.strftime("%H:%M") if e.start_time else None,
        "end_time": e.end_time.strftime("%H:%M") if e.end_time else None,
        "order": e.order,
        "order_scope": e.order_scope,
        "kind": e.kind,
        "status": e.status,
        "title": e.title,
        "location": e.location,
        "track": e.track,
        "countries": list(e.countries),
        "participants": [
            {
                "name": p.person.name,
                "rank": p.person.rank,
                "country": p.person.country_code,
                "role": p.role,
                "position": p.position or p.person.position,
                "key": p.person.key,
                "kind": p.person.kind,
            }
            for p in detail.participants
        ],
        "sources": [s.url for s in detail.sources],
        "cites": [source_json(s) for s in detail.sources],
        "summary": detail.summary,
    }


def source_json(source: Source) -> dict[str, object]:
    """What a source is, for `--json`: a URL with its publisher and title, or the user's own
    observation with who observed and when ("observed": `2025-06-12` or `2025-06-12T10:30`)."""
    if source.kind == OBSERVATION_KIND and source.observed is not None:
        return {
            "kind": source.kind,
            "id": source.url,
            "observer": source.observer,
            "observed": observed_text(source.observed, source.observed_time),
            "label": observation_of(source),
        }
    return {
        "kind": source.kind,
        "url": source.url,
        "publisher": source.publisher,
        "title": source.title,
    }


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@click.option("--country", "-c", metavar="X", help=COUNTRY_HELP)
@facet_options
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def meetings(
    ctx: click.Context,
    db: str | None,
    expo_slug: str | None,
    day: str | None,
    country: str | None,
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    group: str | None,
    as_json: bool,
) -> None:
    """Meetings and other events, in timeline order: by day, then clock time, then each host's
    reported order. An empty result is not an error (exit status 0).

    With --json each event's `sources` lists what it cites (URLs, or `observation:` keys) and
    `cites` says what each is: a URL with its publisher, or the user's own observation with
    observer and when."""
    from ..export.collect import Selection, iter_events

    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            code = country_option(country, store)
            expo = pick_expo(store, expo_slug)
            facets = facets_option(kinds, statuses, group)
            selection = Selection(expo, day_option(expo, day), code, facets)
            # Streamed page by page from the store: the first lines print at once at any size.
            details = iter_events(store, selection)
            if as_json:
                stream_json_list(_meeting_json(d) for d in details)
                return
            first = next(details, None)
            if first is None:
                click.echo("No events match.", err=True)
                return
            table(
                ["DATE", "TIME", "#", "KIND", "STATUS", "COUNTRIES", "WHERE", "TRACK", "TITLE"],
                (_meeting_row(d, expo) for d in itertools.chain([first], details)),
            )
        finally:
            store.close()


def _meeting_row(detail: EventDetail, expo: Expo) -> list[object]:
    e = detail.event
    when = e.start_time.strftime("%H:%M") if e.start_time else ""
    if e.end_time is not None and e.start_time is not None:
        when += "-" + e.end_time.strftime("%H:%M")
    if expo.after_midnight(e.start_time):
        when += "+1"  # listed under its schedule day, happening after midnight
    date = e.date.isoformat() if e.date else "undated"
    return [
        date,
        when,
        "" if e.order is None else e.order,
        e.kind,
        e.status,
        ",".join(e.countries),
        e.location or "",
        e.track or "",
        e.title,
    ]


@click.command()
@click.argument("query")
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option(
    "--expo",
    "expo_slug",
    metavar="SLUG",
    help="Only events and exhibitors of this expo (people and countries always).",
)
@click.option(
    "--kind",
    "-k",
    "kinds",
    multiple=True,
    type=click.Choice(SEARCH_KINDS, case_sensitive=False),
    help="Only hits of this kind (repeatable).",
)
@click.option("--limit", "-n", default=50, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def search(
    ctx: click.Context,
    query: str,
    db: str | None,
    expo_slug: str | None,
    kinds: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """Search countries, people, organisations, exhibitors and events by word prefix.

    Any text is safe (quotes and search operators are read as plain words). Exit status 1 when
    nothing matches, like grep.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug) if expo_slug else None
            hits = store.search(
                query, expo=expo, limit=limit, kinds=tuple(k.lower() for k in kinds) or SEARCH_KINDS
            )
        finally:
            store.close()
    if as_json:
        echo_json(
            [
                {
                    "kind": h.kind,
                    "ref": h.ref,
                    "label": h.label,
                    "detail": h.detail,
                    "country": h.country_code,
                    "expo_id": h.expo_id,
                }
                for h in hits
            ]
        )
    elif hits:
        table(
            ["KIND", "COUNTRY", "REF", "MATCH"],
            [
                [
                    h.kind,
                    h.country_code or "",
                    h.ref,
                    h.label + (f" — {h.detail}" if h.detail else ""),
                ]
                for h in hits
            ],
        )
    if not hits:
        raise Failure(f"Nothing matches {one_line(query)[:80]!r}.")
