"""The event form's participants: who took part, in what role, a person of the store (the name
completes as it is typed) or a new one, with rank, position and country.

It only holds drafts (form_checks.ParticipantDraft); the form checks them with the rest. What
is typed is completed from the store's people whose names begin with it, read on a thread for
each keystroke (`find_people`, the store's search index: never the whole people table).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.suggester import Suggester
from textual.widgets import Button, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from ...records import PARTICIPANT_ROLES
from ...store.edits import PersonChoice
from ..form_checks import ParticipantDraft
from ..render.text import safe_text

FindPeople = Callable[[str], tuple[PersonChoice, ...]]


class PeopleSuggester(Suggester):
    """Completes a name from the store's people (whose names begin with what is typed); every
    person it read is kept in `seen`, by name, so that a name typed out whole is that person."""

    def __init__(self, find: FindPeople | None = None) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.find = find
        self.seen: dict[str, PersonChoice] = {}

    async def get_suggestion(self, value: str) -> str | None:
        if not value.strip() or self.find is None:
            return None
        people = await asyncio.to_thread(self.find, value)  # a store call: off the UI thread
        for person in people:
            self.seen.setdefault(person.name.casefold(), person)
        return next((p.name for p in people if p.name.casefold().startswith(value)), None)


def participant_option(draft: ParticipantDraft) -> Option:
    who = " ".join(x for x in (draft.rank, draft.name) if x)
    extra = ", ".join(x for x in (draft.position, draft.country) if x)
    return Option(
        Content.assemble(
            (safe_text(who, limit=120), "bold"),
            (f" · {draft.role}", ""),
            (f"  {safe_text(extra, limit=120)}" if extra else "", "$text-muted"),
            ("  new person" if draft.key is None else "", "$warning"),
        )
    )


class ParticipantsField(Vertical):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "delete", "remove", "Remove the highlighted participant", show=False, id="form.remove"
        ),
    ]
    DEFAULT_CSS = """
    ParticipantsField { height: auto; }
    ParticipantsField .heading { color: $text-muted; text-style: bold; margin-top: 1; }
    ParticipantsField OptionList { height: auto; max-height: 6; }
    ParticipantsField Horizontal { height: auto; }
    ParticipantsField #participant-name { width: 1fr; }
    ParticipantsField #participant-role { width: 14; margin-left: 1; }
    ParticipantsField #participant-add { margin-left: 1; }
    ParticipantsField .new-person Input { width: 1fr; margin-right: 1; }
    """

    def __init__(
        self,
        drafts: tuple[ParticipantDraft, ...] = (),
        *,
        find_people: FindPeople | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.drafts: list[ParticipantDraft] = list(drafts)
        self.suggester = PeopleSuggester(find_people)

    def compose(self) -> ComposeResult:
        yield Static(Content("Participants (delete removes the highlighted one)"),
                     classes="heading")  # fmt: skip
        yield OptionList(*(participant_option(d) for d in self.drafts), id="participant-list",
                         compact=True)  # fmt: skip
        with Horizontal():
            yield Label(Content("Who"))
            yield Input(
                placeholder="name (→ completes, enter adds)",
                suggester=self.suggester,
                id="participant-name",
                compact=True,
            )
            roles = [(Content(role), role) for role in PARTICIPANT_ROLES]
            yield Select(roles, value="attendee", allow_blank=False, id="participant-role",
                         compact=True)  # fmt: skip
            yield Button(Content("Add"), id="participant-add", compact=True)
        with Horizontal(classes="new-person"):
            yield Label(Content("New"))
            yield Input(placeholder="rank", id="participant-rank", compact=True)
            yield Input(placeholder="position", id="participant-position", compact=True)
            yield Input(placeholder="country", id="participant-country", compact=True)

    def on_mount(self) -> None:
        self._list_focusable()

    def _list_focusable(self) -> None:
        """The list takes the focus only when it has someone to remove."""
        self.query_one(OptionList).can_focus = bool(self.drafts)

    def add(self) -> None:
        """Add what the inputs say: a person of the store by name, or a new person."""
        name_input = self.query_one("#participant-name", Input)
        name = name_input.value
        if not name.strip():
            self.app.notify("Type a name first.", markup=False, severity="warning")
            return
        role = self.query_one("#participant-role", Select).value
        role_text = role if isinstance(role, str) else "attendee"
        known = self.suggester.seen.get(name.strip().casefold())
        inputs = [
            self.query_one(f"#participant-{f}", Input) for f in ("rank", "position", "country")
        ]
        if known is not None:
            draft = ParticipantDraft(
                name=known.name,
                role=role_text,
                key=known.key,
                rank=known.rank or "",
                country=known.country_code or "",
            )
        else:
            rank, position, country = (i.value for i in inputs)
            draft = ParticipantDraft(name, role_text, None, rank, position, country)
        self.append(draft)
        for widget in (name_input, *inputs):
            widget.value = ""
        name_input.focus()

    def append(self, draft: ParticipantDraft) -> None:
        self.drafts.append(draft)
        self.query_one(OptionList).add_option(participant_option(draft))
        self._list_focusable()

    def action_remove(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not options.has_focus:
            return
        del self.drafts[index]
        options.remove_option_at_index(index)
        self._list_focusable()
        if not self.drafts:
            self.query_one("#participant-name", Input).focus()

    @on(Button.Pressed, "#participant-add")
    def _add_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.add()

    @on(
        Input.Submitted,
        "#participant-name, #participant-rank, #participant-position, #participant-country",
    )
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.add()
