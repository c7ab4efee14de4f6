"""Making data safe for where it is written: a terminal, a spreadsheet cell, Markdown, JSON.

Data is never interpreted: no Rich markup, no terminal escape sequences, no spreadsheet
formulas, no Markdown links or HTML that the data did not come with as plain text.
"""

from __future__ import annotations

import json
import re
from typing import Any

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (up to BEL or
# ST), and two-character escapes; the 8-bit C1 forms too.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# C0/C1 controls, DEL, and the Unicode bidi embedding/override/isolate controls, which would
# reorder the rest of a terminal line.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# What json.dumps leaves raw that a terminal could act on (it escapes C0 controls itself).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def plain(value: object, *, keep_newlines: bool = False) -> str:
    """Text fit to print on a terminal: escape sequences removed, controls made spaces."""
    text = "" if value is None else str(value)
    text = _ESCAPES.sub("", text)
    if keep_newlines:
        return "\n".join(_CONTROLS.sub(" ", line) for line in text.split("\n"))
    return _CONTROLS.sub(" ", text)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON with non-ASCII text kept readable but every control character escaped (C1, bidi
    and line separators included), so printing it to a terminal runs nothing."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """A spreadsheet-safe cell: text that a spreadsheet would run as a formula gets a leading '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


_MD_PUNCT = re.compile(r"([\\`*_\[\]<>()#|~!{}&$^])")
_MD_LINE_START = re.compile(r"(?m)^(\s*)([-+=>:])")
_MD_ORDERED = re.compile(r"(?m)^(\s*\d+)\.")
_MD_AUTOLINK = re.compile(r"(?i)(://|www\.|@)")


def md_text(value: object) -> str:
    """Markdown that shows `value` literally: no emphasis, links, images, HTML or headings."""
    text = plain(value, keep_newlines=True)
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _MD_AUTOLINK.sub(
        lambda m: m.group(0).replace(":", "\\:").replace(".", "\\.").replace("@", "\\@"), text
    )
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_ORDERED.sub(r"\1\\.", text)


def md_inline(value: object) -> str:
    """One line of literal Markdown (newlines become spaces), for headings and list items."""
    return md_text(" ".join(plain(value).split()))


def md_url(url: str) -> str | None:
    """A link destination, or None for anything but an http(s) URL."""
    if not re.match(r"https?://", url, re.I):
        return None
    safe = "".join(
        f"%{ord(ch):02X}" if ch in "<>()[] \"'`\\" or not ch.isprintable() else ch for ch in url
    )
    return f"<{safe}>"
