"""Edit a person: rank, position and other spellings (the name and key stay as stored).

Read in a worker, checked in plain words (form_checks.check_person) before anything is
written, written in one transaction through `app.writes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from ...records import PersonRecord
from ..form_checks import FormProblems, PersonDraft, check_person
from ..render.text import safe_text
from .record_form import RecordForm

if TYPE_CHECKING:
    from ...store import Store
    from ..app import ExpoApp


class PersonForm(RecordForm[PersonRecord], inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="pform.save",
                tooltip="Check and save the person's rank, position and other spellings"),
        Binding("escape", "cancel", "Cancel", id="pform.cancel",
                tooltip="Close the form; nothing is written"),
        Binding("tab", "app.focus_next", "Next field", show=False, id="pform.next"),
        Binding("shift+tab", "app.focus_previous", "Previous field", show=False,
                id="pform.previous"),
    ]  # fmt: skip
    DEFAULT_CSS = """
    PersonForm { align: center middle; }
    PersonForm > Vertical {
        width: 100%; max-width: 90; height: auto; max-height: 100%;
        border: round $accent; background: $surface;
    }
    PersonForm VerticalScroll { height: auto; max-height: 1fr; padding: 0 1; }
    PersonForm #person-problems { color: $error; height: auto; display: none; }
    PersonForm #person-problems.-shown { display: block; }
    PersonForm Horizontal { height: auto; margin-top: 1; }
    PersonForm Label { width: 10; color: $text-muted; }
    PersonForm Input { width: 1fr; }
    PersonForm #person-buttons { height: auto; align-horizontal: right; padding: 0 1; }
    PersonForm #person-buttons Button { margin-left: 1; }
    """

    def __init__(self, slug: str, key: str) -> None:
        super().__init__()
        self.slug = slug
        self.key = key
        self.person: PersonRecord | None = None

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Content("Edit a person")
            box.border_subtitle = "ctrl+s saves · esc cancels"
            with VerticalScroll():
                yield Static(id="person-problems")
                yield Static(Content("Reading…"), id="person-name")
                for name, label, hint in (
                    ("rank", "Rank", "Kolonel, Lt Gen…"),
                    ("position", "Position", "what they are, at the time of the expo"),
                    ("variants", "Spellings", "other spellings, separated by ;"),
                ):
                    with Horizontal():
                        yield Label(Content(label))
                        yield Input(placeholder=hint, id=f"person-{name}", compact=True)
            with Horizontal(id="person-buttons"):
                yield Button(Content("Save (ctrl+s)"), variant="primary", id="person-save",
                             classes="form-save", compact=True)  # fmt: skip
                yield Button(
                    Content("Cancel (esc)"), id="person-cancel", classes="form-cancel", compact=True
                )

    def on_mount(self) -> None:
        self.query_one("#person-rank", Input).focus()
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False, group="form-read")
    def _read(self) -> None:
        person = cast("ExpoApp", self.app).store.edits.person(self.key)
        self.app.call_from_thread(self._show, person)

    def _show(self, person: PersonRecord | None) -> None:
        self.person = person
        name = self.query_one("#person-name", Static)
        if person is None:
            name.update(Content("This person is no longer in the store."))
            return
        country = f" ({person.country})" if person.country else ""
        name.update(Content.assemble((safe_text(person.name, limit=200), "bold"), country))
        self.query_one("#person-rank", Input).value = person.rank or ""
        self.query_one("#person-position", Input).value = person.position or ""
        self.query_one("#person-variants", Input).value = "; ".join(person.variants)

    def action_save(self) -> None:
        if self.person is None:
            return
        draft = PersonDraft(
            *(self.query_one(f"#person-{f}", Input).value for f in ("rank", "position", "variants"))
        )
        problems = self.query_one("#person-problems", Static)
        try:
            rank, position, variants = check_person(draft)
        except FormProblems as error:
            problems.update(Content("\n".join(safe_text(p) for p in error.problems.values())))
            problems.add_class("-shown")
            return
        problems.remove_class("-shown")
        slug, key = self.slug, self.key

        def job(store: Store) -> PersonRecord:
            return store.edits.save_person(
                slug, key, rank=rank, position=position, variants=variants
            )

        cast("ExpoApp", self.app).writes.run(job, done=self._saved, what="Saving the person")

    def _saved(self, person: PersonRecord) -> None:
        self.app.notify("Person saved.", markup=False, timeout=3)
        self.dismiss(person)
