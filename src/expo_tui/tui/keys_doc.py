"""Print docs/keys.md: `python -m expo_tui.tui.keys_doc > docs/keys.md`."""

from __future__ import annotations

from .app import binding_scopes
from .keys import key_rows, markdown


def main() -> None:
    print(markdown(key_rows(binding_scopes())), end="")


if __name__ == "__main__":
    main()
