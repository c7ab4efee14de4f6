"""The dialogs of the user's own layer: a private note (a multi-line editor), tags (one line,
comma-separated, completing from the tags already used) and the tag filter's picker.

What the user types is handed back as it is typed; the store checks it and says what it
refuses. Titles and suggestions shown are data made safe (never markup).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..render.text import safe_text

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 100; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} .hint {{ color: $text-muted; height: auto; }}
"""


def split_tags(text: str) -> list[str]:
    """The tags of what was typed: comma-separated, each trimmed, empty ones dropped."""
    return [t.strip() for t in text.split(",") if t.strip()]


class TagSuggester(Suggester):
    """Completes the tag being typed (after the last comma) from the tags already used."""

    def __init__(self, tags: tuple[str, ...]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.tags = tags

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        given = {t.casefold() for t in split_tags(head)}
        for tag in self.tags:
            if tag.casefold().startswith(typed.casefold()) and tag.casefold() not in given:
                lead = value[: len(value) - len(typed)]
                return lead + tag
        return None


class NoteScreen(ModalScreen[str | None], inherit_bindings=False):
    """A private note on one subject: ctrl+s saves it (an empty note removes it)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="note.save", priority=True,
                tooltip="Save the note (an empty note removes it)"),
        Binding("escape", "cancel", "Cancel", id="note.cancel", tooltip="Close without saving"),
    ]  # fmt: skip
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="NoteScreen")
        + """
    NoteScreen TextArea { height: 12; margin: 1 0 0 0; }
    """
    )

    def __init__(self, about: str, note: str) -> None:
        super().__init__()
        self.about, self.note = about, note

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble(
                ("Your note", "bold"), " · ", safe_text(self.about, limit=60)
            )
            box.border_subtitle = "ctrl+s saves · esc cancels"
            yield Static(
                Content(
                    "Private: yours, kept apart from the sourced facts, never shared "
                    "unless you export it."
                ),
                classes="hint",
            )
            yield TextArea(self.note, id="note-text", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TagsScreen(ModalScreen[list[str] | None], inherit_bindings=False):
    """Tags on one subject, comma-separated; enter saves, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel", tooltip="Close without saving"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="TagsScreen")

    def __init__(self, about: str, tags: tuple[str, ...], known: tuple[str, ...]) -> None:
        super().__init__()
        self.about, self.tags, self.known = about, tags, known

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content.assemble(
                ("Tags", "bold"), " · ", safe_text(self.about, limit=60)
            )
            box.border_subtitle = "enter saves · → completes · esc cancels"
            yield Static(
                Content("Comma-separated, any words; NATO and nato are one tag."),
                classes="hint",
            )
            yield Input(
                ", ".join(self.tags),
                placeholder="e.g. follow-up, ASEAN",
                suggester=TagSuggester(self.known),
                id="tags-input",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(split_tags(event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)


ALL_TAGS = ""  # the picker's "every starred subject" (no tag filter)


class TagPicker(ModalScreen[str | None], inherit_bindings=False):
    """Pick a tag to list every subject with it (or none, for every starred subject)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="tagpick.close"),
        Binding("enter", "choose", "Filter by this tag", id="tagpick.choose"),
        Binding("down,j", "move(1)", "Down", show=False, id="tagpick.down"),
        Binding("up,k", "move(-1)", "Up", show=False, id="tagpick.up"),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="TagPicker")
        + """
    TagPicker OptionList { border: none; height: auto; max-height: 24; }
    """
    )

    def __init__(self, tags: tuple[tuple[str, int], ...]) -> None:
        super().__init__()
        self.choices = [ALL_TAGS, *(t for t, _ in tags)]
        self.counts = dict(tags)

    def compose(self) -> ComposeResult:
        options = [Option(Content.styled("Every starred subject (no tag)", "italic"))]
        options += [
            Option(
                Content.assemble(
                    (safe_text(t, limit=60), "bold"), (f"  {self.counts[t]}", "$text-muted")
                )
            )
            for t in self.choices[1:]
        ]
        with Vertical() as box:
            box.border_title = Content.styled("Filter by tag", "bold")
            box.border_subtitle = "enter filters · esc closes"
            yield OptionList(*options, id="tag-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_move(self, step: int) -> None:
        options = self.query_one(OptionList)
        options.action_cursor_down() if step > 0 else options.action_cursor_up()

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        self.dismiss(self.choices[index] if index is not None else None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])
