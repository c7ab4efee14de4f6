"""The one sanitiser: what every output of expo-tui does to data before it is shown or written.

Data comes from the web, from colleagues and from other tools, so any string may carry bytes a
terminal, a spreadsheet or a calendar would act on. `clean()` makes text inert:

- escape sequences are removed whole: CSI (colours, cursor moves), OSC (titles, OSC 8 links,
  OSC 52 clipboard writes), DCS, SOS, PM and APC strings, nF and two-character escapes, and
  the 8-bit C1 forms of all of these;
- every other C0 or C1 control character, DEL and a lone surrogate (which no output encoding
  can write) becomes U+FFFD, so the reader sees that something was there; a tab is a space;
- bidi controls (U+202A-U+202E, U+2066-U+2069) and marks (U+200E, U+200F, U+061C) are removed:
  they would reorder the rest of a line ("gnp.exe" shown for "exe.png");
- line breaks (LF, CR, CRLF, U+2028, U+2029) become one newline where `multiline` text is
  wanted, else a space.

`is_web_url()` says whether a URL may become a link: http(s), a host, and nothing `clean()`
would change or hide. `escape_unsafe()` is for formats that can spell a character out instead
of dropping it (JSON's `\\uXXXX`).

Nothing here imports Rich or Textual: the store, the exports, the CLI and the explorer all use
this module, and none of them needs a UI to do so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["ELLIPSIS", "REPLACEMENT", "clean", "escape_unsafe", "is_web_url"]

REPLACEMENT = "\ufffd"  # shown where a control character was
ELLIPSIS = "…"  # ends a value cut at its limit

# A string's payload runs to its terminator (BEL or ST), and ends early where a terminal would
# abandon it: at ESC (which starts the next sequence), CAN or SUB.
_STRING_BODY = r"[^\x07\x18\x1a\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: ESC [ parameters intermediates final
    rf"|\x1b[\]PX^_]{_STRING_BODY}"  # OSC, DCS, SOS, PM, APC
    r"|\x1b[ -/]*[0-~]?"  # nF escapes (ESC intermediates final), two-character escapes, lone ESC
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    rf"|[\x90\x98\x9d\x9e\x9f]{_STRING_BODY}"  # 8-bit DCS, SOS, OSC, PM, APC
)

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 and C1 but tab, LF and CR; DEL
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_SURROGATES = "\ud800-\udfff"
_LINE_BREAKS = "\n\r\u2028\u2029"
# Every character clean() changes or removes (tab included). A string without one is returned
# as it is, so clean text, by far the usual case, costs one scan.
_NEEDS_WORK = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}{_LINE_BREAKS}\t]")
# The same characters but the newline: what a format that spells characters out must escape.
_UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}\r\u2028\u2029\t]")
# One character to replace once escape sequences are gone and CR is LF.
_CHARACTER = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}\t\u2028\u2029\n]")


def _replacer(multiline: bool) -> Callable[[re.Match[str]], str]:
    line_break = "\n" if multiline else " "

    def replace(match: re.Match[str]) -> str:
        ch = match.group()
        if ch in "\n\u2028\u2029":
            return line_break
        if ch == "\t":
            return " "
        if "\ud800" <= ch <= "\udfff" or ch <= "\x9f":
            return REPLACEMENT
        return ""  # a bidi control or mark

    return replace


_REPLACE = {True: _replacer(True), False: _replacer(False)}
# How much of an enormous value is looked at when a limit is given: removing escape sequences
# can only shorten text, so a few times the limit is always enough to fill it.
_LIMIT_SLACK = 4
_LIMIT_MARGIN = 64


def clean(value: object, *, multiline: bool = False, limit: int | None = None) -> str:
    """`value` as text that is inert wherever it is written (see the module docstring).

    None is the empty string; anything else is `str(value)`. With `limit`, the result has at
    most `limit` characters, ending in an ellipsis when anything was cut, and the work done is
    bounded by the limit however long the value is. Idempotent: clean(clean(x)) == clean(x).
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    cut = False
    if limit is not None:
        if limit < 1:
            raise ValueError(f"limit must be 1 or more, not {limit}")
        bound = limit * _LIMIT_SLACK + _LIMIT_MARGIN
        if len(text) > bound:
            text, cut = text[:bound], True
    if _NEEDS_WORK.search(text) is not None:
        text = _ESCAPE_SEQUENCE.sub("", text)
        if "\r" in text:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = _CHARACTER.sub(_REPLACE[multiline], text)
    if limit is not None and (cut or len(text) > limit):
        text = text[: limit - 1] + ELLIPSIS
    return text


def escape_unsafe(text: str, escape: Callable[[str], str]) -> str:
    """`text` with every character clean() would change, newlines aside, replaced by
    `escape(character)`; an escape sequence loses its power with its ESC. For formats that keep
    data exactly by spelling characters out, such as JSON's `\\u001b`."""
    return _UNSAFE.sub(lambda match: escape(match.group()), text)


def is_web_url(url: object) -> bool:
    """Whether `url` may be offered as a link: an http(s) URL with a host, made only of
    printable characters (no spaces, controls, bidi controls or other invisible ones), so what
    the reader sees is exactly where it leads."""
    if not isinstance(url, str) or not url[:8].lower().startswith(("http://", "https://")):
        return False
    # Every character clean() changes is unprintable, so a printable URL is one clean() keeps.
    if not url.isprintable() or " " in url:
        return False
    import urllib.parse

    try:
        return bool(urllib.parse.urlsplit(url).hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
