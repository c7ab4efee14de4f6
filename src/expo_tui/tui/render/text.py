"""Text from the store made safe for the terminal, as plain strings and one-line `Content`.

Every string that came from a database or a file goes through `safe_text()` (the project's one
sanitiser, `expo_tui.sanitize.clean`) before it is wrapped in `Content` or Rich `Text`. Nothing
in this package builds markup strings, so a name such as ``[@click=app.quit]x[/]`` is shown
literally and does nothing, and escape sequences or bidi controls hidden in data never reach
the terminal. A source becomes a live link only if `is_web_url` accepts it as it is.
"""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from ...sanitize import ELLIPSIS, REPLACEMENT, is_web_url
from ...sanitize import clean as safe_text

__all__ = ["ELLIPSIS", "REPLACEMENT", "content", "is_web_url", "safe_text"]


def content(value: object, style: str | Style = "", *, limit: int | None = None) -> Content:
    """Data as one line of Content: never parsed as markup."""
    text = safe_text(value, limit=limit)
    return Content.styled(text, style) if style else Content(text)
