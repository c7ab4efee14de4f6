"""The people the details name (an event's participants, a country's delegation and people):
pick one to open their record, or (`P`) to edit them in the person form (person_form.py)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...store.models import Person
from ..render.text import safe_text


def person_option(person: Person, starred: bool = False) -> Option:
    bits = [b for b in (person.position, person.organization) if b]
    return Option(
        Content.assemble(
            ("★ " if starred else "", "bold $warning"),
            (safe_text(f"{person.rank} " if person.rank else "", limit=60), ""),
            (safe_text(person.name, limit=120), "bold"),
            (f" ({safe_text(person.country_code or '?', limit=3)})", "$text-muted"),
            (f"  {safe_text(' · '.join(bits), limit=160)}" if bits else "", "$text-muted"),
        )
    )


class PeoplePicker(ModalScreen[str | None], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "cancel", "Close", id="people.close"),
        Binding("enter", "choose", "Open their record", id="people.choose"),
        Binding(
            "asterisk",
            "star",
            "Star/unstar",
            id="people.star",
            tooltip="Star or unstar the highlighted person",
        ),
        Binding("down,j", "move(1)", "Down", show=False, id="people.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="people.up"),
    ]
    DEFAULT_CSS = """
    PeoplePicker { align: center middle; }
    PeoplePicker > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 80%;
        border: round $accent; background: $surface;
    }
    PeoplePicker OptionList { border: none; height: auto; max-height: 30; }
    """

    def __init__(
        self,
        people: tuple[Person, ...],
        title: str,
        hint: str = "enter opens a person's record · * stars · esc closes",
        starred: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.people = people
        self.title_text = title
        self.hint = hint  # what enter does: open the record, or edit the person
        self.starred = set(starred)  # the keys of those the user starred

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble("People · ", safe_text(self.title_text, limit=60))
            box.border_subtitle = self.hint
            yield OptionList(
                *(person_option(p, p.key in self.starred) for p in self.people), id="people-list"
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.people[index].key if index is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_star(self) -> None:
        """Star or unstar the highlighted person (through app.writes, in a worker)."""
        from ...store.annotations import Subject

        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        person = self.people[index]

        def done(annotation: object) -> None:
            starred = bool(getattr(annotation, "starred", False))
            (self.starred.add if starred else self.starred.discard)(person.key)
            options.replace_option_prompt_at_index(index, person_option(person, starred).prompt)
            words = "Starred" if starred else "Unstarred"
            self.app.notify(f"{words}: {safe_text(person.name, limit=80)}", markup=False)

        writes = getattr(self.app, "writes", None)
        if writes is not None:
            subject = Subject.person(person.key)
            writes.run(lambda store: store.annotations.toggle_star(subject), done=done,
                       what="Starring")  # fmt: skip

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.people[event.option_index].key)
