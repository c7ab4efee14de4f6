"""Quirks a reader read one sensible way, reported instead of refused.

Real schedules and calendars break their specs in small ways (an unquoted comma in a name, the
same UID on every event, durations written as ISO 8601). Where a quirk has one sensible reading,
the reader reads it that way and tells a `WarningLog`, which keeps one `ImportWarning` per kind
of quirk (with how often it was met and where first), so a schedule with 400 ISO durations
gives one line, not 400. With `strict`, the log refuses the file instead: the first warning is
raised as the IngestError it would otherwise have stood in for (`--strict` on the command line).
Only data that cannot be read truthfully is refused without `strict`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import IngestError


@dataclass(frozen=True)
class ImportWarning:
    """One kind of quirk met in one file: where it was first met, what was made of it, and how
    many times it was met in all."""

    file: str
    problem: str  # what the file does, and how it was read ("… read as 00:40")
    line: int | None = None
    element: str | None = None
    field: str | None = None
    count: int = 1

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.element:
            where.append(self.element)
        if self.field:
            where.append(f"field {self.field!r}")
        more = self.count - 1
        tail = f" (and {more} more like it)" if more else ""
        return f"{', '.join(where)}: {self.problem}{tail}"


class WarningLog:
    """Collects one file's warnings, folding repeats of the same `kind` into one."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self._found: dict[str, ImportWarning] = {}

    def warn(
        self,
        file: str,
        problem: str,
        *,
        kind: str | None = None,
        line: int | None = None,
        element: str | None = None,
        field: str | None = None,
    ) -> None:
        """Note a quirk read one sensible way; `kind` groups repeats (default: the problem)."""
        if self.strict:
            raise IngestError(
                file,
                f"{problem} (refused because of --strict)",
                line=line,
                element=element,
                field=field,
            )
        key = kind or problem
        first = self._found.get(key)
        if first is None:
            self._found[key] = ImportWarning(file, problem, line, element, field)
        else:
            self._found[key] = replace(first, count=first.count + 1)

    @property
    def warnings(self) -> tuple[ImportWarning, ...]:
        """Every kind of quirk met, in the order first met."""
        return tuple(self._found.values())
