"""Text from the store made safe for the terminal, as plain strings and one-line `Content`.

Every string that came from a database or a file goes through `safe_text()` before it is
wrapped in `Content` or Rich `Text`. Nothing in this package builds markup strings, so a name
such as ``[@click=app.quit]x[/]`` is shown literally and does nothing, and escape sequences
hidden in data never reach the terminal.
"""

from __future__ import annotations

import re

from textual.content import Content
from textual.style import Style

_ESCAPE_SEQUENCE = re.compile(
    r"""
      \x1b\[[0-?]*[ -/]*[@-~]                        # CSI: colours, cursor moves
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|\Z)         # OSC (links, clipboard), DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]                                # two-character and nF escapes
    | \x9b[0-?]*[ -/]*[@-~]                          # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|\Z)  # 8-bit OSC, DCS, SOS, PM, APC
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"
ELLIPSIS = "…"


def safe_text(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """`value` as text that is safe to put on a terminal.

    Escape sequences (ANSI colours, OSC 8 links, OSC 52 clipboard writes, DCS...) are removed;
    any other C0/C1 control character becomes U+FFFD. Tabs become spaces; line breaks are kept
    only when `multiline`, else they become spaces. `limit` clips to that many characters with
    an ellipsis. Markup needs no treatment here: callers wrap the result in Content/Text.
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if limit is not None and len(text) > limit * 4 + 64:
        text = text[: limit * 4 + 64]  # bound the work on enormous values
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    if not multiline:
        text = text.replace("\n", " ")
    text = _CONTROL.sub(REPLACEMENT, text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + ELLIPSIS
    return text


def content(value: object, style: str | Style = "", *, limit: int | None = None) -> Content:
    """Data as one line of Content: never parsed as markup."""
    text = safe_text(value, limit=limit)
    return Content.styled(text, style) if style else Content(text)


def is_web_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
