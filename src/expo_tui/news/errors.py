"""The one error the ingest's readers raise: an input that cannot be ingested, and why."""

from __future__ import annotations


class NewsInputError(ValueError):
    """An input that cannot be ingested; str() is the one line shown for it."""

    def __init__(self, name: str, problem: str) -> None:
        self.name = name
        self.problem = problem
        super().__init__(f"{name}: {problem}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (NewsInputError, (self.name, self.problem))  # sent back from worker processes
