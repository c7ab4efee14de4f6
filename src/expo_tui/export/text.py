"""Making data safe for where it is written: a spreadsheet cell, Markdown, JSON.

Each output starts from the one sanitiser (`expo_tui.sanitize`): no escape sequence, control or
bidi character reaches a file or a terminal. On top of it this module keeps each format's own
rules: no spreadsheet formulas, no Markdown links or HTML that the data did not come with as
plain text, JSON that keeps the data exactly while printing inertly.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..sanitize import clean, escape_unsafe, is_web_url


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON with non-ASCII text kept readable but every character the sanitiser would change
    written as a `\\uXXXX` escape (json.dumps escapes C0 controls itself; C1, bidi controls,
    line separators and lone surrogates it leaves raw). The data stays exact, and printing it
    to a terminal runs nothing."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return escape_unsafe(text, lambda ch: f"\\u{ord(ch):04x}")


# What makes a spreadsheet read a cell as a formula. Tab and carriage return, which can too,
# never start a sanitised cell (a tab is a space, a CR a newline).
FORMULA_START = ("=", "+", "-", "@")


def csv_cell(value: object) -> str:
    """A clean, spreadsheet-safe cell: sanitised (line breaks kept, the csv module quotes
    them), then a leading ' on text a spreadsheet would run as a formula."""
    text = clean(value, multiline=True)
    return "'" + text if text.startswith(FORMULA_START) else text


_MD_PUNCT = re.compile(r"([\\`*_\[\]<>()#|~!{}&$^])")
_MD_LINE_START = re.compile(r"(?m)^(\s*)([-+=>:])")
_MD_ORDERED = re.compile(r"(?m)^(\s*\d+)\.")
_MD_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def md_text(value: object) -> str:
    """Markdown that shows `value` literally: no emphasis, links, images, HTML or headings."""
    text = clean(value, multiline=True)
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(
        lambda m: m.group(0).replace(":", "\\:").replace(".", "\\.").replace("@", "\\@"), text
    )
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_ORDERED.sub(r"\1\\.", text)


def md_inline(value: object) -> str:
    """One line of literal Markdown (newlines become spaces), for headings and list items."""
    return md_text(" ".join(clean(value).split()))


def md_url(url: str) -> str | None:
    """A link destination, or None for anything that is not a clean http(s) URL."""
    if not is_web_url(url):
        return None
    safe = "".join(f"%{ord(ch):02X}" if ch in "<>()[] \"'`\\" else ch for ch in url)
    return f"<{safe}>"
