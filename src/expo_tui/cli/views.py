"""The analyst's views on the command line: `matrix` (who met whom across countries) and
`agreements` (the ledger of signings). Both read what the explorer's screens read."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .common import (
    COUNTRY_HELP,
    DAY_HELP,
    DB_HELP,
    EXPO_HELP,
    JSON_HELP,
    Failure,
    chosen_db,
    country_option,
    day_option,
    facet_options,
    facets_option,
    friendly_errors,
    open_for,
    pick_expo,
)
from .output import echo_json, table
from .queries import source_json

if TYPE_CHECKING:
    from ..store.models import Agreement, Matrix, Participant


def _matrix_json(matrix: Matrix, day: str | None) -> dict[str, object]:
    return {
        "day": day,
        "countries": [
            {"code": c.code, "name": c.name, "is_host": c.code == matrix.host}
            for c in matrix.countries
        ],
        "pairs": [
            {"a": p.a, "b": p.b, "events": p.total, "kinds": p.kinds}
            for p in sorted(matrix.pairs, key=lambda p: (-p.total, p.a, p.b))
        ],
    }


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@facet_options
@click.option("--csv", "as_csv", is_flag=True, help="Print the matrix as CSV (a spreadsheet).")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def matrix(
    ctx: click.Context,
    db: str | None,
    expo_slug: str | None,
    day: str | None,
    kinds: tuple[str, ...],
    statuses: tuple[str, ...],
    group: str | None,
    as_csv: bool,
    as_json: bool,
) -> None:
    """Who met whom across countries: the events each pair of countries took part in together,
    over the expo or one day (--kind mou_signing: who signed with whom).

    Prints each pair with its count, most first; --csv the matrix itself (host first), --json
    the pairs with their counts by kind. Exit status 1 when no pair took part in an event.
    """
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            expo = pick_expo(store, expo_slug)
            key = day_option(expo, day)
            found = store.matrix(expo, key, facets_option(kinds, statuses, group), by_kind=True)
        finally:
            store.close()
    if as_json:
        echo_json(_matrix_json(found, key))
        return
    if not found.pairs:
        raise Failure(f"No two countries took part in the same event at {expo.display_name}.")
    if as_csv:
        from ..export.matrix_csv import write

        write(found, sys.stdout)
        return
    names = {c.code: c.name for c in found.countries}
    table(
        ["A", "B", "EVENTS", "KINDS"],
        [
            [
                f"{names.get(p.a, p.a)} ({p.a})",
                f"{names.get(p.b, p.b)} ({p.b})",
                p.total,
                ", ".join(f"{k} {n}" for k, n in sorted(p.kinds.items())),
            ]
            for p in sorted(found.pairs, key=lambda p: (-p.total, p.a, p.b))
        ],
    )


def _person_json(participant: Participant) -> dict[str, object]:
    person = participant.person
    return {
        "key": person.key,
        "name": person.name,
        "kind": person.kind,
        "rank": person.rank,
        "position": participant.position or person.position,
        "organization": person.organization,
        "country": person.country_code,
    }


def _agreement_json(agreement: Agreement) -> dict[str, object]:
    e = agreement.detail.event
    return {
        "key": e.key,
        "title": e.title,
        "date": e.date.isoformat() if e.date else None,
        "status": e.status,
        "parties": [
            {"country": code, "organizations": names} for code, names in agreement.parties()
        ],
        "signatories": [_person_json(p) for p in agreement.signatories],
        "witnesses": [_person_json(p) for p in agreement.witnesses],
        "subject": agreement.detail.summary,
        "values": [
            {"value": f.value, "number": f.number, "unit": f.unit, "metric": f.metric}
            for f in agreement.figures
        ],
        "sources": [s.url for s in agreement.detail.sources],
        "cites": [source_json(s) for s in agreement.detail.sources],
    }


@click.command()
@click.option("--db", "db", metavar="PATH", help=DB_HELP)
@click.option("--expo", "expo_slug", metavar="SLUG", help=EXPO_HELP)
@click.option("--day", "-d", metavar="N|DATE", help=DAY_HELP)
@click.option("--country", "-c", metavar="X", help=COUNTRY_HELP)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(("happened", "planned", "unconfirmed"), case_sensitive=False),
    help="Only signings of this status (repeatable).",
)
@click.option("--group", "-g", "group", metavar="GROUP", help="Only signings with a member.")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.pass_context
def agreements(
    ctx: click.Context,
    db: str | None,
    expo_slug: str | None,
    day: str | None,
    country: str | None,
    statuses: tuple[str, ...],
    group: str | None,
    as_json: bool,
) -> None:
    """The agreements ledger: every signing with its parties, signatories, witnesses, value
    (where a published figure gives one), day and sources. Exit status 1 when there is none."""
    with friendly_errors(ctx.obj["debug"]):
        store = open_for(chosen_db(ctx, db))
        try:
            code = country_option(country, store)
            expo = pick_expo(store, expo_slug)
            facets = facets_option((), statuses, group)
            found = list(store.iter_agreements(expo, day_option(expo, day), facets, country=code))
        finally:
            store.close()
    if as_json:
        echo_json([_agreement_json(a) for a in found])
        return
    if not found:
        raise Failure(f"No signing at {expo.display_name} matches.")
    rows: list[list[object]] = []
    for agreement in found:
        e = agreement.detail.event
        sides = "; ".join(
            f"{code or '?'}: {', '.join(names)}" for code, names in agreement.parties()
        )
        value = ", ".join(f"{f.value} {f.unit or ''}".strip() for f in agreement.figures)
        rows.append([e.date.isoformat() if e.date else "undated", e.status, value, sides, e.title])
    table(["DATE", "STATUS", "VALUE", "PARTIES", "TITLE"], rows)
