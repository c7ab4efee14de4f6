"""The one sanitiser (expo_tui.sanitize): what it removes, what it keeps, and that no output of
it can hold a character a terminal, spreadsheet or calendar would act on."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from expo_tui.sanitize import ELLIPSIS, REPLACEMENT, clean, escape_unsafe, is_web_url

# Everything clean() must never let through: C0 controls (newline aside), DEL, C1 controls,
# bidi controls and marks, line and paragraph separators, lone surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\u2028\u2029\ud800-\udfff]"
)
FORBIDDEN_ONE_LINE = re.compile(FORBIDDEN.pattern[:-1] + "\n]")

# Text rich in what the sanitiser is about: escape introducers, their parameters and
# terminators, controls, bidi characters, separators, surrogates, and ordinary text.
hostile_text = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "\x1b",
                "\x1b[",
                "\x1b]",
                "\x1bP",
                "\x1bX",
                "\x1b^",
                "\x1b_",
                "\x1b\\",
                "\x9b",
                "\x9c",
                "\x9d",
                "\x90",
                "\x07",
                "\x18",
                "\r\n",
                "\r",
                "\n",
                "\t",
                "\u2028",
                "\u2029",
                "\u202e",
                "\u2066",
                "\u200f",
                "\ud800",
                "31;1m",
                "8;;http://x/",
                "52;c;SGVsbG8=",
                "(",
                " ",
                "…",
            ]
        ),
        st.characters(),
        st.text(max_size=5),
    ),
    max_size=30,
).map("".join)
any_text = st.one_of(st.text(), hostile_text)


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # CSI colours
        ("a\x1b[2J\x1b[Hb", "ab"),  # clear screen, cursor home
        ("a\x1b]52;c;SGVsbG8=\x07b", "ab"),  # OSC 52 clipboard write, BEL-terminated
        ("a\x1b]0;title\x1b\\b", "ab"),  # OSC window title, ST-terminated
        ("\x1b]8;;http://evil\x07link\x1b]8;;\x07", "link"),  # OSC 8 hyperlink
        ("x\x1bPdcs\x1b\\y", "xy"),  # DCS
        ("x\x1bXsos\x1b\\y\x1b^pm\x1b\\z\x1b_apc\x1b\\!", "xyz!"),  # SOS, PM, APC
        ("x\x1b(0y\x1b#8z", "xyz"),  # nF escapes: charset designation, DEC screen test
        ("x\x1b=y\x1bcz", "xyz"),  # two-character escapes (keypad mode, full reset)
        ("x\x9b31my", "xy"),  # 8-bit CSI
        ("x\x9d0;title\x9cy", "xy"),  # 8-bit OSC and ST
        ("x\x90dcs\x9cy", "xy"),  # 8-bit DCS
        (
            "x\x1b]0;never ends",
            "x",
        ),  # an unterminated string swallows the rest, as a terminal would
        ("x\x1b]0;title\x1b[1my", "xy"),  # ...unless a new sequence starts
        ("a\x00b\x7fc\x85d\x1ae", f"a{REPLACEMENT}b{REPLACEMENT}c{REPLACEMENT}d{REPLACEMENT}e"),
        ("\u202egnp.exe", "gnp.exe"),  # right-to-left override
        ("a\u2066b\u2069c\u200fd\u200ee\u061cf", "abcdef"),  # isolates and marks
        ("tab\there", "tab here"),
        ("lone \ud800 surrogate", f"lone {REPLACEMENT} surrogate"),
        ("line\nnext\r\nlast\rend", "line next last end"),
        ("a\u2028b\u2029c", "a b c"),
        ("[@click=app.quit]x[/]", "[@click=app.quit]x[/]"),  # markup is not the sanitiser's job
        ("שלום e\u0301 عربي 中文", "שלום e\u0301 عربي 中文"),  # scripts and combining marks stay
        ("👩\u200d💻", "👩\u200d💻"),  # a zero-width joiner is not a control
    ],
)
def test_clean_removes_what_a_terminal_would_act_on(hostile: str, shown: str) -> None:
    assert clean(hostile) == shown


def test_multiline_keeps_line_breaks_as_newlines() -> None:
    assert clean("one\ntwo\r\nthree\rfour\u2028five\u2029six", multiline=True) == (
        "one\ntwo\nthree\nfour\nfive\nsix"
    )
    assert clean("a\x1b[31m\nb", multiline=True) == "a\nb"


def test_none_and_other_values() -> None:
    assert clean(None) == ""
    assert clean(42) == "42"
    assert clean(b"\x1b") == "b'\\x1b'"  # str() of the value; bytes are not decoded


def test_limit_cuts_with_an_ellipsis() -> None:
    assert clean("x" * 50, limit=10) == "x" * 9 + ELLIPSIS
    assert clean("x" * 10, limit=10) == "x" * 10
    assert clean("abc", limit=1) == ELLIPSIS
    with pytest.raises(ValueError, match="limit"):
        clean("abc", limit=0)


def test_limit_bounds_the_work_and_still_says_it_cut() -> None:
    # Escape sequences fill far more than the limit: only a bounded head is looked at, and the
    # result says that something was cut even though what is left is short.
    value = "\x1b[31m" * 1_000_000 + "tail"
    assert clean(value, limit=10) == ELLIPSIS
    assert clean("ok" + "\x1b[1m" * 100_000, limit=10) == "ok" + ELLIPSIS


@given(any_text, st.booleans())
def test_no_output_holds_a_forbidden_character(text: str, multiline: bool) -> None:
    cleaned = clean(text, multiline=multiline)
    assert not FORBIDDEN.search(cleaned)
    if not multiline:
        assert not FORBIDDEN_ONE_LINE.search(cleaned)
    assert "\x1b" not in cleaned


@given(any_text, st.booleans(), st.none() | st.integers(1, 40))
def test_clean_is_idempotent(text: str, multiline: bool, limit: int | None) -> None:
    once = clean(text, multiline=multiline, limit=limit)
    assert clean(once, multiline=multiline, limit=limit) == once


@given(any_text, st.integers(1, 40))
def test_limit_is_a_bound(text: str, limit: int) -> None:
    cleaned = clean(text, limit=limit)
    assert len(cleaned) <= limit
    assert cleaned == clean(text) or cleaned.endswith(ELLIPSIS)


@given(any_text)
def test_clean_text_is_left_as_it_is(text: str) -> None:
    if not FORBIDDEN_ONE_LINE.search(text):
        assert clean(text) == text


@given(any_text)
def test_escape_unsafe_spells_out_exactly_what_clean_would_change(text: str) -> None:
    escaped = escape_unsafe(text, lambda ch: f"<{ord(ch):x}>")
    assert not FORBIDDEN.search(escaped)
    assert clean(escaped, multiline=True) == escaped


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/report",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/a?b=c#d",
        "https://[2001:db8::1]/x",
        "https://例え.jp/ページ",
    ],
)
def test_web_urls(url: str) -> None:
    assert is_web_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "data:text/html,x",
        "http://",
        "https:///path-only",
        "http://[unclosed/",
        "https://example.org/\u202egnp.exe",  # a bidi override would disguise where it leads
        "https://example.org/\x1b]8;;x\x07",
        "https://example.org/a b",
        "https://example.org/\u200b",  # invisible
        "https://example.org/\n",
        " https://example.org",
        None,
        42,
    ],
)
def test_not_web_urls(url: object) -> None:
    assert not is_web_url(url)


@given(st.text().map(lambda tail: "https://example.org/" + tail))
def test_a_web_url_is_one_clean_keeps(url: str) -> None:
    if is_web_url(url):
        assert clean(url) == url


def test_the_sanitiser_imports_no_ui() -> None:
    code = (
        "import sys, expo_tui.sanitize;"
        "heavy = {'textual', 'rich', 'click'} & set(sys.modules);"
        "assert not heavy, heavy"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
