"""The key table, generated from the bindings themselves (help screen and docs/keys.md).

python -m expo_tui.tui.keys > docs/keys.md
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from textual.binding import Binding
from textual.dom import DOMNode

KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
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
class KeyRow:
    scope: str
    keys: tuple[str, ...]
    description: str
    id: str | None
    action: str


def display_key(key: str) -> str:
    return KEY_NAMES.get(key, key)


Scope = tuple[str, type[DOMNode], bool]  # (title, class, only the class's own bindings)


def key_rows(scopes: list[Scope], keymap: Mapping[str, str] | None = None) -> list[KeyRow]:
    """Every binding of every scope, keys grouped per binding, with keymap overrides applied."""
    keymap = keymap or {}
    table: list[KeyRow] = []
    for scope, cls, own_only in scopes:
        merged: dict[tuple[str, str | None], list[str]] = {}
        descriptions: dict[tuple[str, str | None], str] = {}
        for base in (cls,) if own_only else reversed(cls.__mro__):
            if not (isinstance(base, type) and issubclass(base, DOMNode)):
                continue
            if not getattr(base, "_inherit_bindings", True):
                merged.clear()
            for binding in base.__dict__.get("BINDINGS", []):
                if not isinstance(binding, Binding):
                    binding = Binding(*binding)
                ident = (binding.action, binding.id)
                keys = [k.strip() for k in binding.key.split(",") if k.strip()]
                if binding.id and binding.id in keymap:
                    keys = [k.strip() for k in keymap[binding.id].split(",") if k.strip()]
                merged[ident] = keys
                descriptions[ident] = binding.tooltip or binding.description or binding.action
        for (action, ident), keys in merged.items():
            table.append(
                KeyRow(
                    scope,
                    tuple(display_key(k) for k in keys),
                    descriptions[(action, ident)],
                    ident,
                    action,
                )
            )
    return table


def explorer_scopes() -> list[Scope]:
    from .app import ExpoApp
    from .screens.explorer import ExplorerScreen
    from .screens.expos import ExpoPicker
    from .screens.help import HelpScreen
    from .widgets.countries import SearchInput
    from .widgets.details import DetailsPane
    from .widgets.paged_list import PagedList

    return [
        ("Anywhere", ExpoApp, False),
        ("Explorer", ExplorerScreen, False),
        ("Country and timeline lists", PagedList, False),
        ("Search box (besides the usual editing keys)", SearchInput, True),
        ("Details pane", DetailsPane, False),
        ("Help screen", HelpScreen, False),
        ("Expo picker", ExpoPicker, False),
    ]


def markdown(rows: list[KeyRow]) -> str:
    lines = [
        "# Keys",
        "",
        "Generated from the bindings by `python -m expo_tui.tui.keys`; a test checks it is current.",
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


def main() -> None:
    print(markdown(key_rows(explorer_scopes())), end="")


if __name__ == "__main__":
    main()
