"""The agreements ledger and a person's record as text: one-line rows, and the details of the
highlighted signing (parties, signatories, witnesses, subject, value, day, sources)."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from ...store.models import Agreement, Person, PersonEvent
from .details import HEADING, LABEL, MUTED, WARNING, _line, _t, person_line, sources_block
from .details import event_when as _when
from .labels import is_tentative
from .rows import RowVisual
from .text import safe_text


def agreement_row(agreement: Agreement) -> RowVisual:
    e = agreement.detail.event
    when = f"{e.date:%d %b}" if e.date else "undated"
    sides = " · ".join(safe_text(code or "?", limit=3) for code, _ in agreement.parties())
    title: list[str | tuple[str, str]] = []
    if is_tentative(e):
        title.append((f"({safe_text(e.status)}) ", "bold $warning"))
    title.append((safe_text(e.title, limit=300), "italic $text-muted" if is_tentative(e) else ""))
    value = ", ".join(
        safe_text(f"{f.value} {f.unit or ''}".strip(), limit=40) for f in agreement.figures
    )
    right = Content.assemble((value + "  " if value else "", "bold"), (sides, "$text-muted"))
    return RowVisual(Content.styled(f" {when:<7} ", "bold"), Content.assemble(*title), right)


def agreement_details(agreement: Agreement) -> Text:
    detail = agreement.detail
    e = detail.event
    text = Text()
    _line(text, (_t(e.title, limit=1000), LABEL))
    if is_tentative(e):
        _line(text, (f"{e.status.upper()}: ", WARNING), ("not confirmed by the sources", MUTED))
    _line(text, ("Day: ", LABEL), _when(e))
    text.append("\n")
    _line(text, ("Parties", HEADING))
    for code, names in agreement.parties() or [(None, ["not recorded"])]:
        side = f"{safe_text(code, limit=3)}: " if code else "country not recorded: "
        _line(text, "  • ", (side, LABEL), _t(", ".join(names)))
    text.append("\n")
    for heading, people in (
        ("Signatories", agreement.signatories),
        ("Witnesses", agreement.witnesses),
    ):
        if people:
            _line(text, (heading, HEADING))
            for participant in people:
                text.append_text(person_line(participant.person, position=participant.position))
                text.append("\n")
            text.append("\n")
    if agreement.figures:
        _line(text, ("Value", HEADING))
        for figure in agreement.figures:
            value = _t(f"{figure.value} {figure.unit or ''}".strip(), limit=80)
            _line(text, "  • ", (value, LABEL), " · ", _t(figure.metric, limit=300))
            if figure.note:
                _line(text, ("    " + _t(figure.note, limit=600), MUTED))
        text.append("\n")
    if detail.summary:
        _line(text, ("Subject", HEADING))
        _line(text, _t(detail.summary, limit=8000))
        text.append("\n")
    if detail.notes:
        _line(text, ("Notes", HEADING))
        _line(text, (_t(detail.notes, limit=8000), MUTED))
        text.append("\n")
    sources_block(text, detail.sources)
    text.append("\n")
    _line(text, ("enter shows it in the explorer · esc goes back", MUTED))
    return text


def person_event_row(item: PersonEvent, expo_shown: bool) -> RowVisual:
    e = item.event
    when = f"{e.date:%d %b %Y}" if e.date else "undated"
    time = f"{e.start_time:%H:%M}" if e.start_time else "  —  "
    left = Content.assemble((f" {when:<11} ", "bold"), (f"{time} ", ""))
    role = (f"{safe_text(item.role, limit=10):<10}", "$text-muted")
    title = Content.assemble(role, " ", safe_text(e.title, limit=300))
    right = Content.styled(safe_text(item.expo_name, limit=30) if expo_shown else "", "$text-muted")
    return RowVisual(left, title, right)


def person_header(person: Person | None, shown: int, more: bool) -> Text:
    text = Text()
    if person is None:
        _line(text, ("This person is no longer in the store.", MUTED))
        return text
    text.append_text(person_line(person))
    text.append("\n")
    if person.variants:
        _line(text, ("Also written: ", LABEL), _t(", ".join(person.variants), limit=400))
    count = f"{shown}+" if more else str(shown)
    _line(text, (f"{count} events across the store's expos; position held at each below", MUTED))
    return text


def person_event_details(item: PersonEvent) -> Text:
    text = Text()
    e = item.event
    _line(text, (_t(e.title, limit=600), LABEL))
    _line(text, ("Expo: ", LABEL), _t(item.expo_name, limit=200))
    _line(text, ("Day: ", LABEL), _when(e))
    _line(text, ("Part: ", LABEL), safe_text(item.role))
    if item.position and item.position_recorded:
        _line(text, ("Position held: ", LABEL), _t(item.position, limit=400))
    elif item.position:  # no source gives one for this event: say whose the position is
        _line(
            text,
            ("Position: ", LABEL),
            _t(item.position, limit=400),
            (" (as the store has it; none recorded for this event)", MUTED),
        )
    return text
