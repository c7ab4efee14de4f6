"""The review screen's modals: edit a candidate's proposal, ask for a path to ingest, and read
the article around the evidence. (Merging has its own picker: review_merge.py.)"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from ...records import EVENT_KINDS, EVENT_STATUSES, order_problem
from ..render.text import safe_text

if TYPE_CHECKING:
    from ...store.models import Expo
    from ...store.review import Candidate

FORM_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 100; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{name} Horizontal {{ height: auto; }}
{name} Label {{ width: 10; padding: 1 0 0 0; color: $text-muted; }}
{name} Input, {name} Select {{ width: 1fr; }}
{name} .form-problem {{ color: $error; height: auto; }}
"""


class EditForm(ModalScreen[dict[str, Any] | None], inherit_bindings=False):
    """The proposal's kind, status, day, order and parties, checked before anything is written.
    Dismissed with the corrected fields (news.review.edited's arguments), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="edit.cancel"),
        Binding("ctrl+s", "save", "Accept as edited", id="edit.save", priority=True),
    ]
    DEFAULT_CSS = FORM_CSS.format(name="EditForm")

    def __init__(self, candidate: Candidate, expo: Expo) -> None:
        super().__init__()
        self.candidate = candidate
        self.expo = expo
        self.event = candidate.record.get("event", {})
        self.people = list(candidate.record.get("people", []))

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = Text("Edit · " + safe_text(self.candidate.title, limit=60))
            box.border_subtitle = "ctrl+s accepts as edited · esc cancels"
            with VerticalScroll():
                with Horizontal():
                    yield Label("Kind")
                    yield Select(
                        [(k.replace("_", " "), k) for k in EVENT_KINDS],
                        value=self.event.get("kind") or self.candidate.kind,
                        allow_blank=False,
                        id="edit-kind",
                    )
                with Horizontal():
                    yield Label("Status")
                    yield Select(
                        [(s, s) for s in EVENT_STATUSES],
                        value=self.event.get("status") or "happened",
                        allow_blank=False,
                        id="edit-status",
                    )
                with Horizontal():
                    yield Label("Day")
                    yield Input(
                        self.event.get("date") or "",
                        placeholder="2, 12 Juni 2025, 2025-06-12; empty: undated",
                        id="edit-day",
                    )
                with Horizontal():
                    yield Label("Order")
                    order = self.event.get("order")
                    yield Input(
                        "" if order is None else str(order),
                        placeholder="empty: none",
                        id="edit-order",
                    )
                for i, p in enumerate(self.people):
                    yield Static(Text(safe_text(p.get("name") or p.get("key"), limit=80), "bold"))
                    for field in ("rank", "position", "country"):
                        with Horizontal():
                            yield Label(field.capitalize())
                            yield Input(
                                safe_text(p.get(field) or "", limit=200), id=f"edit-{field}-{i}"
                            )
            yield Static("", classes="form-problem", id="edit-problem")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        problems: list[str] = []
        values = self.values(problems)
        if problems:
            self.query_one("#edit-problem", Static).update(Text("\n".join(problems)))
            return
        self.dismiss(values)

    def values(self, problems: list[str]) -> dict[str, Any]:
        from ...selectors import ALL_DAYS, SelectorError, country_code, day_key
        from ...store.models import UNDATED

        day_text = self.query_one("#edit-day", Input).value.strip()
        date: str | None = None
        if day_text:
            try:
                key = day_key(self.expo, day_text)
            except SelectorError as error:
                problems.append(f"Day: {error}")
                key = UNDATED
            if key is ALL_DAYS:
                problems.append("Day: give one day, not all of them.")
            date = None if key in (ALL_DAYS, UNDATED) else key
        order_text = self.query_one("#edit-order", Input).value.strip()
        order: int | None = None
        if order_text:
            if not order_text.isdigit() or len(order_text) > 6:
                problems.append(
                    f"Order: {safe_text(order_text, limit=20)!r} is not a whole number."
                )
            elif problem := order_problem(int(order_text)):
                problems.append(f"Order: {problem}.")
            else:
                order = int(order_text)
        people: dict[str, dict[str, str | None]] = {}
        for i, p in enumerate(self.people):
            fields: dict[str, str | None] = {}
            for field in ("rank", "position", "country"):
                value = self.query_one(f"#edit-{field}-{i}", Input).value.strip()
                if field == "country" and value:
                    try:
                        value = country_code(value)
                    except SelectorError as error:
                        problems.append(f"{safe_text(p.get('name'), limit=60)}: {error}")
                if len(value) > 200:
                    problems.append(
                        f"{safe_text(p.get('name'), limit=60)}: the {field} is too long."
                    )
                fields[field] = value or None
            people[p.get("key", "")] = fields
        return {
            "kind": self.query_one("#edit-kind", Select).value,
            "status": self.query_one("#edit-status", Select).value,
            "date": date,
            "order": order,
            "people": people,
        }


class PathPrompt(ModalScreen[str | None], inherit_bindings=False):
    """A path to ingest: a saved page, a text file, or a folder of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="ingest.cancel"),
    ]
    DEFAULT_CSS = FORM_CSS.format(name="PathPrompt")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Ingest articles"
            box.border_subtitle = "enter reads it · esc cancels"
            yield Input(placeholder="a file (.html, .txt, .md) or a folder", id="ingest-path")
            yield Static("", classes="form-problem", id="ingest-problem")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        from pathlib import Path

        event.stop()
        text = event.value.strip()
        path = Path(text).expanduser()
        if not text:
            return
        if not path.exists():
            self.query_one("#ingest-problem", Static).update(
                Text(f"There is no file or folder {safe_text(text, limit=120)}.")
            )
            return
        self.dismiss(str(path))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ArticleText(ModalScreen[None], inherit_bindings=False):
    """The article's text around the evidence (its URL opened in the browser too)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,o", "close", "Close", id="article.close"),
    ]
    DEFAULT_CSS = """
    ArticleText { align: center middle; }
    ArticleText > VerticalScroll {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ArticleText Static { height: auto; }
    """

    def __init__(self, url: str, text: Text) -> None:
        super().__init__()
        self.url = url
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll() as box:
            box.border_title = Text(safe_text(self.url, limit=90))
            box.border_subtitle = "esc closes"
            yield Static(self.text)

    def action_close(self) -> None:
        self.dismiss(None)
