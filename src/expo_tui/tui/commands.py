"""Command palette providers: jump to countries, people, events and days, plus app commands.

Store searches run in a thread worker; every entry is shown as Content built from data (never
markup), and choosing one calls a method on the explorer screen.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.worker import WorkerFailed

from ..store.models import UNDATED, SearchHit
from .loading.requests import PersonRequest
from .render import labels
from .render.text import safe_text

if TYPE_CHECKING:
    from .app import ExpoApp
    from .screens.explorer import ExplorerScreen

SEARCH_LIMIT = 40


def _explorer(provider: Provider) -> ExplorerScreen | None:
    from .screens.explorer import ExplorerScreen

    for screen in reversed(provider.app.screen_stack):
        if isinstance(screen, ExplorerScreen):
            return screen
    return None


def _commands(explorer: ExplorerScreen) -> list[tuple[str, Callable[[], None], str]]:
    """(label, callback, help) for the days and the explorer's own commands."""
    commands: list[tuple[str, Callable[[], None], str]] = []
    for day in explorer.days:
        label = f"Go to {labels.day_label(day, long=True)}"
        help_text = labels.count_words(day.events, "event")
        commands.append((label, partial(explorer.jump_to_day, day.key), help_text))
    commands.append(
        ("Go to all days", partial(explorer.jump_to_day, None), "every event, grouped by day")
    )
    commands.append(
        (
            "Expo overview",
            explorer.action_overview,
            "dates, venue, published figures and sources (o)",
        )
    )
    commands.append(("Show help (every key)", cast("ExpoApp", explorer.app).action_help, "?"))
    commands.append(("Search countries", explorer.action_search, "/"))
    commands.append(
        ("Only the highlighted country's events (toggle)", explorer.action_toggle_filter, "f")
    )
    for expo in explorer.expos:
        if explorer.expo is not None and expo.slug != explorer.expo.slug:
            commands.append(
                (
                    f"Switch to {labels.expo_title(expo)}",
                    partial(explorer.open_expo, expo),
                    "open this expo",
                )
            )
    return commands


class ExplorerCommands(Provider):
    """Days, people, countries, events and organisations, found with the store's search."""

    async def discover(self) -> Hits:
        explorer = _explorer(self)
        if explorer is None:
            return
        for label, callback, help_text in _commands(explorer):
            yield DiscoveryHit(Content(label), callback, text=label, help=Content(help_text))  # type: ignore[arg-type]  # Content, never markup

    async def search(self, query: str) -> Hits:
        explorer = _explorer(self)
        if explorer is None:
            return
        matcher = self.matcher(query)
        for label, callback, help_text in _commands(explorer):
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, label),
                    callback,
                    text=label,
                    help=Content(help_text),  # type: ignore[arg-type]  # Content, never markup
                )
        if not query.strip():
            return
        store, expo = explorer.store, explorer.expo
        worker = self.app.run_worker(
            partial(store.search, query, expo=expo, limit=SEARCH_LIMIT),
            thread=True,
            group="palette",
            exclusive=True,
            exit_on_error=False,
        )
        try:
            hits = await worker.wait()
        except WorkerFailed:
            return  # the app's worker-error handler has told the user
        if not hits:
            return
        for rank, hit in enumerate(hits):
            display = labels.hit_display(hit)
            yield Hit(
                max(0.05, 0.9 - rank * 0.01),
                display,
                partial(jump_to_hit, explorer, hit),
                text=display.plain,
                help=labels.hit_help(hit),  # type: ignore[arg-type]  # Content, never markup
            )


def _highlight(matcher: object, label: str) -> Content:
    """The label with the fuzzy-matched letters emphasised (labels here are our own text)."""
    from textual.fuzzy import Matcher

    assert isinstance(matcher, Matcher)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    display = Content(label)
    if score:
        for offset in offsets:
            display = display.stylize("bold underline", offset, offset + 1)
    return display


def jump_to_hit(explorer: ExplorerScreen, hit: SearchHit) -> None:
    """Show what a search hit names: an event on its day, a country, a person's country (or
    the person, when no country is recorded)."""
    if hit.kind == "event" and hit.ref.isdigit():
        day = hit.detail if hit.detail and hit.detail != UNDATED else None
        explorer.jump_to_event(int(hit.ref), day)
    elif hit.kind == "country":
        explorer.jump_to_country(hit.ref)
    elif hit.country_code:
        explorer.jump_to_country(hit.country_code)
    elif hit.kind == "person":
        explorer.follow.load(PersonRequest(hit.ref), focus=True)
    else:
        message = f"{safe_text(hit.label, limit=80)}: no country recorded."
        explorer.app.notify(message, markup=False)
