"""The key table, built from the bindings it is given (the help screen and docs/keys.md).

python -m expo_tui.tui.keys_doc > docs/keys.md
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.binding import Binding, BindingType

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "asterisk": "*",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


@dataclass(frozen=True)
class KeyScope:
    """Where some bindings work ("Anywhere", "Details pane"), and the bindings."""

    title: str
    bindings: Sequence[BindingType]


@dataclass(frozen=True)
class KeyRow:
    scope: str
    keys: tuple[str, ...]
    description: str
    id: str | None
    action: str


def display_key(key: str) -> str:
    return KEY_NAMES.get(key, key)


def key_rows(scopes: Sequence[KeyScope], keymap: Mapping[str, str] | None = None) -> list[KeyRow]:
    """Every binding of every scope, its keys as the keymap (binding id -> keys) remaps them."""
    keymap = keymap or {}
    table: list[KeyRow] = []
    for scope in scopes:
        for entry in scope.bindings:
            binding = entry if isinstance(entry, Binding) else Binding(*entry)
            keys = binding.key
            if binding.id and binding.id in keymap:
                keys = keymap[binding.id]
            table.append(
                KeyRow(
                    scope.title,
                    tuple(display_key(k.strip()) for k in keys.split(",") if k.strip()),
                    binding.tooltip or binding.description or binding.action,
                    binding.id,
                    binding.action,
                )
            )
    return table


def markdown(rows: list[KeyRow]) -> str:
    lines = [
        "# Keys",
        "",
        "Generated from the bindings by `python -m expo_tui.tui.keys_doc`; a test checks it is current.",
        "Every binding has an id, so it can be remapped with Textual's `App.set_keymap`.",
        "In the search box, letters and digits are typed; `esc` clears the search and `enter`",
        "opens the highlighted country.",
        "",
    ]
    scope = None
    for row in rows:
        if row.scope != scope:
            scope = row.scope
            lines += [
                "",
                f"## {scope}",
                "",
                "| Keys | Action | Binding id |",
                "| --- | --- | --- |",
            ]
        keys = " ".join(f"`{k}`" for k in row.keys)
        keys = keys.replace("`|`", "`\\|`")
        lines.append(f"| {keys} | {row.description} | `{row.id}` |")
    return "\n".join(lines).replace("\n\n\n", "\n\n") + "\n"


def for_days(rows: list[KeyRow], days: int) -> list[KeyRow]:
    """The rows without the keys of days an expo of `days` show days does not have."""

    def missing_day(row: KeyRow) -> bool:
        number = (row.id or "").removeprefix("day.")
        return number.isdigit() and int(number) > days

    return [row for row in rows if not missing_day(row)]
