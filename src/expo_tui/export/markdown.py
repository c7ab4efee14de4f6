"""`--format md`: a readable brief: who led each delegation, then one section per day: what
happened, who met whom (each person with rank, position and organisation), sources.

Every heading has a blank line before it, so CommonMark and pandoc read each as a heading.

Every piece of data is sanitised and escaped (md_text): a title cannot open a link, an image,
HTML, emphasis or a heading, and URLs in text do not become autolinks. The only links are the
sources', and only clean http(s) URLs become links (`sanitize.is_web_url`); anything else is
shown as escaped text.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Iterable
from typing import TextIO

from ..countries import country_info
from ..observations import observation_of
from ..store import Store
from ..store.models import Delegation, EventDetail, Expo, Participant, Person, Source
from .collect import Selection, iter_events
from .text import md_inline, md_text, md_url

_KINDS = {
    "bilateral_meeting": "Bilateral meeting",
    "courtesy_call": "Courtesy call",
    "mou_signing": "MoU signing",
    "pavilion_visit": "Pavilion visit",
    "forum_session": "Forum session",
    "public_day": "Public day",
}

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # not strftime: that follows locale


def _long(date: dt.date) -> str:
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def _country(code: str | None) -> str | None:
    if not code:
        return None
    info = country_info(code)
    return info.name if info else code


def person_text(person: Person, position: str | None = None) -> str:
    """Rank and name, then position, organisation and country: "Maj. Gen. A (Vice
    President, PT Pindad, Indonesia)". `position` is the one held at an event, if it differs."""
    name = " ".join(x for x in (person.rank, person.name) if x)
    position = position or person.position
    organization = person.organization
    if organization and position and organization.casefold() in position.casefold():
        organization = None  # "Director, PT Pindad" already names it
    said = person.name.casefold()
    if position and position.casefold() == said:
        position = None  # a company signing in its own name
    if organization and organization.casefold() == said:
        organization = None
    extra = ", ".join(x for x in (position, organization, _country(person.country_code)) if x)
    return f"{name} ({extra})" if extra else name


def _who(p: Participant) -> str:
    return md_inline(person_text(p.person, p.position))


def _delegation(d: Delegation) -> str:
    country = _country(d.country_code) or d.country_code
    kind = " " + md_inline(f"({d.kind})") if d.kind else ""
    head = person_text(d.head) if d.head else "head not reported"
    return f"- **{md_inline(country)}**{kind}: {md_inline(head)}"


def _list(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _day_heading(expo: Expo, date: dt.date | None) -> str:
    if date is None:
        return "Day not reported"
    label = f"{_WEEKDAYS[date.weekday()]} {date.day} {_MONTHS[date.month - 1]} {date.year}"
    if expo.start_date <= date <= expo.end_date:
        return f"Day {(date - expo.start_date).days + 1} · {label}"
    return label


def _event(detail: EventDetail) -> list[str]:
    """One event's block, starting with a blank line so its heading is always read as one."""
    e = detail.event
    lines = ["", f"### {md_inline(e.title)}", ""]
    facts = [_KINDS.get(e.kind, e.kind.replace("_", " ").capitalize())]
    if e.status != "happened":
        facts.append(e.status)
    if e.start_time:
        facts.append(
            e.start_time.strftime("%H:%M") + (e.end_time.strftime("–%H:%M") if e.end_time else "")
        )
    if e.date is None and (e.date_from or e.date_to):
        facts.append(f"sometime {e.date_from or '?'} to {e.date_to or '?'}")
    if e.order is not None:
        facts.append(f"no. {e.order} in {e.order_scope}" if e.order_scope else f"no. {e.order}")
    if e.location:
        facts.append(e.location)
    if e.track:
        facts.append(f"track: {e.track}")
    lines.append("*" + md_inline(" · ".join(str(f) for f in facts)) + "*")
    lines.append("")
    hosts = [_who(p) for p in detail.participants if p.role == "host"]
    others = [_who(p) for p in detail.participants if p.role != "host"]
    if hosts and others:
        lines.append(f"**Who met whom:** {_list(hosts)} met {_list(others)}.")
    elif hosts or others:
        lines.append(f"**Who:** {_list(hosts + others)}.")
    if detail.summary:
        lines += ["", md_text(detail.summary)]
    if detail.sources:
        links = []
        for s in detail.sources:
            if (observation := observation_of(s)) is not None:  # no link: who saw it, when
                links.append(md_inline(observation))
                continue
            target = md_url(s.url)
            if target is None:  # not a clean http(s) URL: shown, never linked
                links.append(md_inline(s.url))
                continue
            label = md_inline(s.publisher or urllib.parse.urlsplit(s.url).hostname or s.url)
            links.append(f"[{label}]({target})")
        lines += ["", "Sources: " + "; ".join(links)]
    return lines


def write(store: Store, selection: Selection, out: TextIO) -> int:
    expo = selection.expo
    head = [f"# {md_inline(expo.display_name)}", ""]
    where = ", ".join(x for x in (expo.venue, expo.city) if x)
    span = f"{_long(expo.start_date)} to {_long(expo.end_date)}"
    head.append(md_inline(f"{where}, {span}." if where else f"{span}."))
    if selection.country:
        head += ["", md_inline(f"Events involving {_country(selection.country)} only.")]
    if selection.day is None:
        delegations = [
            d for d in store.delegations(expo) if selection.country in (None, d.country_code)
        ]
        if delegations:
            head += ["", "## Delegations", "", *(_delegation(d) for d in delegations)]
    out.write("\n".join(head) + "\n")
    count = 0
    current: object = object()
    for detail in iter_events(store, selection):
        date = detail.event.date
        if date != current:
            out.write(f"\n## {md_inline(_day_heading(expo, date))}\n")
            current = date
        out.write("\n".join(_event(detail)) + "\n")
        count += 1
    if count == 0:
        out.write("\nNo events.\n")
    _ledger(store, selection, out)
    if selection.notes:
        _own_notes(store, selection, out)
    return count


def _own_notes(store: Store, selection: Selection, out: TextIO) -> None:
    """The analyst's own stars, notes and tags (`--notes`), in a section of their own: they
    are not sourced facts and the brief says so. Every word made literal (md_text)."""
    kinds = {"country": "Country", "delegation": "Delegation", "person": "Person",
             "event": "Event"}  # fmt: skip
    lines = []
    for found in store.annotations.starred(starred_only=False, limit=100_000).items:
        a = found.annotation
        if a.subject.expo not in ("", selection.expo.slug):
            continue
        if selection.country and found.country_code not in (None, selection.country):
            continue
        star = "★ " if a.starred else ""
        gone = "" if found.present else " (not in the store)"
        lines += ["", f"### {star}{kinds[a.subject.kind]}: {md_inline(found.label)}{gone}"]
        if a.tags:
            lines += ["", "Tags: " + ", ".join(md_inline(t) for t in a.tags)]
        if a.note:
            lines += ["", *(f"> {md_text(line)}" if line.strip() else ">"
                            for line in a.note.splitlines())]  # fmt: skip
    if lines:
        out.write("\n## Your notes (the analyst's own, not from the sources)\n")
        out.write("\n".join(lines) + "\n")


def _links(sources: Iterable[Source]) -> str:
    links = []
    for s in sources:
        if (observation := observation_of(s)) is not None:
            links.append(md_inline(observation))
            continue
        target = md_url(s.url)
        if target is None:  # not a clean http(s) URL: shown, never linked
            links.append(md_inline(s.url))
            continue
        label = md_inline(s.publisher or urllib.parse.urlsplit(s.url).hostname or s.url)
        links.append(f"[{label}]({target})")
    return "; ".join(links)


def _ledger(store: Store, selection: Selection, out: TextIO) -> None:
    """The agreements ledger: every signing of the selection, with its parties, signatories,
    witnesses, value (where a figure gives one) and sources."""
    agreements = list(
        store.iter_agreements(
            selection.expo, selection.day, selection.facets, country=selection.country
        )
    )
    if not agreements:
        return
    out.write(f"\n## Agreements ledger ({len(agreements)})\n\n")
    for agreement in agreements:
        e = agreement.detail.event
        when = _day_heading(selection.expo, e.date) if e.date else "day not reported"
        status = "" if e.status == "happened" else f" ({e.status})"
        out.write(f"- **{md_inline(e.title)}**{md_inline(status)} · {md_inline(when)}\n")
        sides = [
            f"{_country(code) or 'country not recorded'}: {', '.join(names)}"
            for code, names in agreement.parties()
        ]
        if sides:
            out.write(f"  - Parties: {md_inline('; '.join(sides))}\n")
        if agreement.signatories:
            who = ", ".join(_who(p) for p in agreement.signatories)
            out.write(f"  - Signatories: {who}\n")
        if agreement.witnesses:
            out.write(f"  - Witnesses: {', '.join(_who(p) for p in agreement.witnesses)}\n")
        for figure in agreement.figures:
            value = f"{figure.value} {figure.unit or ''}".strip()
            out.write(f"  - Value: {md_inline(value)} ({md_inline(figure.metric)})\n")
        if agreement.detail.sources:
            out.write(f"  - Sources: {_links(agreement.detail.sources)}\n")
