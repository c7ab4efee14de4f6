"""`--format csv`: one event per row, the columns `expo-tui import` reads (docs/formats.md).

Every cell is clean and formula-safe (`text.csv_cell`): sanitised first (no escape sequence,
control or bidi character; a tab is a space, line breaks stay), then a cell starting with `=`,
`+`, `-` or `@` gets a leading `'`, so a spreadsheet shows it as text instead of running it;
the importer takes that quote off again. UTF-8 with a BOM (so spreadsheets detect the
encoding), comma separated, CRLF.
"""

from __future__ import annotations

import csv
from typing import TextIO

from ..observations import OBSERVATION_KIND, observation_of
from ..store import Store
from ..store.models import EventDetail
from .collect import Selection, iter_events
from .text import csv_cell

COLUMNS = (
    "key",
    "date",
    "time",
    "end_time",
    "kind",
    "status",
    "title",
    "location",
    "track",
    "participants",
    "countries",
    "sources",
    "summary",
    "notes",
    "order",
    "order_scope",
    "date_from",
    "date_to",
    "observations",
)


def participant_cell(detail: EventDetail) -> str:
    parts = []
    for p in detail.participants:
        details = ", ".join(x for x in (p.role, p.person.country_code) if x)
        parts.append(f"{p.person.name} ({details})")
    return "; ".join(parts)


def row(detail: EventDetail) -> list[str]:
    e = detail.event
    values = {
        "key": e.key,
        "date": e.date.isoformat() if e.date else "",
        "time": e.start_time.strftime("%H:%M") if e.start_time else "",
        "end_time": e.end_time.strftime("%H:%M") if e.end_time else "",
        "kind": e.kind,
        "status": e.status,
        "title": e.title,
        "location": e.location or "",
        "track": e.track or "",
        "participants": participant_cell(detail),
        "countries": "; ".join(e.countries),
        "sources": " ".join(s.url for s in detail.sources if s.kind != OBSERVATION_KIND),
        "observations": "; ".join(filter(None, map(observation_of, detail.sources))),
        "summary": detail.summary or "",
        "notes": detail.notes or "",
        "order": "" if e.order is None else str(e.order),
        "order_scope": e.order_scope or "",
        "date_from": e.date_from.isoformat() if e.date_from else "",
        "date_to": e.date_to.isoformat() if e.date_to else "",
    }
    return [csv_cell(values[c]) for c in COLUMNS]


def write(store: Store, selection: Selection, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\r\n")
    out.write("\ufeff")
    writer.writerow(COLUMNS)
    count = 0
    for detail in iter_events(store, selection):
        writer.writerow(row(detail))
        count += 1
    return count
