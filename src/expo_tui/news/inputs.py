"""What the ingest reads: files, folders (recursively), standard input and http(s) URLs.

Inputs are listed lazily, so a folder of 5,000 pages is never read into memory at once; each
one is read (and refused, with a reason naming it) only when its turn comes. A refusal is a
NewsInputError: one line, the input's name first.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import NewsInputError

MAX_PAGE_BYTES = 16 * 1024 * 1024  # a saved article is well under this; more is not an article
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
URL_SCHEMES = ("http://", "https://")
STDIN = "-"


@dataclass(frozen=True)
class InputRef:
    """One input to read: a file path, a URL, or standard input (`-`)."""

    name: str
    kind: str  # "file", "url" or "stdin"

    @property
    def is_url(self) -> bool:
        return self.kind == "url"


@dataclass(frozen=True)
class RawInput:
    name: str
    data: bytes
    form: str  # "html" or "text"
    url: str | None = None  # where it was fetched from, when it was


def list_inputs(arguments: list[str]) -> Iterator[InputRef | NewsInputError]:
    """Every input named, folders expanded (sorted, hidden files skipped); an argument that
    names nothing readable is yielded as its error, so a run can go on past it."""
    for argument in arguments:
        if argument == STDIN:
            yield InputRef(STDIN, "stdin")
        elif argument.lower().startswith(URL_SCHEMES):
            yield InputRef(argument, "url")
        else:
            path = Path(argument).expanduser()
            if path.is_dir():
                yield from _folder(path)
            elif path.exists():
                yield InputRef(str(path), "file")
            else:
                yield NewsInputError(argument, "does not exist")


def _folder(folder: Path) -> Iterator[InputRef]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if name.lower().endswith(HTML_SUFFIXES + TEXT_SUFFIXES):
                yield InputRef(str(Path(root) / name), "file")


def form_of(name: str, data: bytes) -> str:
    """ "html" or "text", by the name's extension, else by the first bytes."""
    lower = name.lower()
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(TEXT_SUFFIXES):
        return "text"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "html" if head.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) else "text"


def read_input(ref: InputRef, *, timeout: float = 20.0) -> RawInput:
    """The bytes of one input, size-capped, or NewsInputError."""
    if ref.kind == "url":
        from .fetch import fetch

        data, url, content_type = fetch(ref.name, timeout=timeout, max_bytes=MAX_PAGE_BYTES)
        form = "html" if "html" in content_type else form_of(url, data)
        return RawInput(ref.name, data, form, url)
    if ref.kind == "stdin":
        data = sys.stdin.buffer.read(MAX_PAGE_BYTES + 1)
        _check_size(ref.name, len(data))
        return RawInput("standard input", data, form_of("", data))
    path = Path(ref.name)
    try:
        size = path.stat().st_size
        _check_size(ref.name, size)
        with path.open("rb") as handle:
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError as error:
        raise NewsInputError(ref.name, f"cannot be read ({error.strerror or error})") from None
    _check_size(ref.name, len(data))
    return RawInput(ref.name, data, form_of(ref.name, data))


def _check_size(name: str, size: int) -> None:
    if size > MAX_PAGE_BYTES:
        raise NewsInputError(
            name, f"is over {MAX_PAGE_BYTES // (1024 * 1024)} MB, too large to be one article"
        )
