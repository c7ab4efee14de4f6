"""The one error every reader raises: it names the file, the line (or element) and the field."""

from __future__ import annotations


class IngestError(ValueError):
    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        element: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file = file
        self.line = line
        self.element = element
        self.field = field
        self.problem = problem
        where = [file]
        if line is not None:
            where.append(f"line {line}")
        if element:
            where.append(element)
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{', '.join(where)}: {problem}")
