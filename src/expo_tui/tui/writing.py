"""The one way the explorer's screens write to the store: `app.writes.run(job, done=...)`.

A write runs in a thread worker, like every store call, with a store that can be written: the
app's own, or, when the app is on the shipped database (read-only, and never written), the
user's own store, made from a copy of the shipped data on the first write as the first import
makes it. From then on the app shows that store. After a write every screen on the stack gets
`StoreChanged` and re-reads what it shows. A refusal is shown as an error, in plain text, and
nothing of the write is kept (the job writes in one transaction).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from textual.message import Message
from textual.worker import get_current_worker

from ..store.errors import StoreError
from .render.text import safe_text

if TYPE_CHECKING:
    from textual.screen import Screen

    from ..store import Store
    from .app import ExpoApp

T = TypeVar("T")

# what a write refuses with, in words meant for the user; anything else is a fault, named
REFUSALS = (StoreError, ValueError, OSError)


class StoreChanged(Message):
    """The store was written (and may be another store than before: `store`)."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store


def covered(screen: Screen[Any]) -> bool:
    """Another full screen (not a dialog) is over `screen`: it is not seen, and may re-read
    the store when it is shown again rather than now."""
    stack = screen.app.screen_stack
    return screen in stack and any(not s.is_modal for s in stack[stack.index(screen) + 1 :])


class ReadOnlyStore(ValueError):
    """The app was opened on a store that cannot be written, and it is not the shipped one."""


class StoreWrites:
    def __init__(self, app: ExpoApp) -> None:
        self.app = app

    def run(
        self,
        job: Callable[[Store], T],
        *,
        done: Callable[[T], None] | None = None,
        failed: Callable[[str], None] | None = None,
        what: str = "Saving",
    ) -> None:
        """Run `job` with a writable store in a worker; then `done(result)` on the UI thread."""
        self.app.run_worker(
            lambda: self._write(job, done, failed, what),
            name="write",
            group="write",
            thread=True,
            exit_on_error=False,
        )

    def _write(
        self,
        job: Callable[[Store], T],
        done: Callable[[T], None] | None,
        failed: Callable[[str], None] | None,
        what: str,
    ) -> None:
        store: Store | None = None
        try:
            store = self._writable()
            result = job(store)
        except Exception as error:  # every refusal is shown, never a traceback
            if store is not None and store is not self.app.store:
                store.close()  # the user's own, opened for this write: the app stays where it is
            message = _message(error)
            self.app.call_from_thread(self._refused, what, message, failed)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._written, store, result, done)

    def _writable(self) -> Store:
        """The app's store if it can be written, else the user's own (made if need be)."""
        from .. import paths
        from ..workflows.stores import writable_store

        current = self.app.store
        if not current.readonly:
            return current
        if current.path is not None and _same(current.path, paths.shipped_db()):
            return writable_store(None)
        raise ReadOnlyStore(
            f"{current.path} can only be read: open a store you can write with --db, "
            "or run expo-tui without --db to write into your own."
        )

    def _refused(self, what: str, message: str, failed: Callable[[str], None] | None) -> None:
        self.app.notify(
            safe_text(message, limit=400),
            title=f"{what}: nothing was written",
            severity="error",
            markup=False,
            timeout=10,
        )
        if failed is not None:
            failed(message)

    def _written(self, store: Store, result: Any, done: Callable[[Any], None] | None) -> None:
        if store is not self.app.store:
            self.app.use_store(store)
        for screen in self.app.screen_stack:
            screen.post_message(StoreChanged(store))
        if done is not None:
            done(result)


def _message(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    if not isinstance(error, REFUSALS):  # a fault, not a refusal: say what kind
        text = f"{type(error).__name__}: {text}"
    return text


def _same(a: str | Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False
