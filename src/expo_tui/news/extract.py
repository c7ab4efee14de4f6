"""A page or a text file becomes an Article: the main text and what is known about it.

HTML goes through trafilatura (main text, title, site name, date, canonical URL; comments,
tables and site furniture left out). A text file carries its URL on the first line, or gets
the one given with --source. Either way the text is then cleaned (cleaning.py) and its
language read with py3langid, restricted to Indonesian, Malay and English.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from .cleaning import clean_text, markdown_to_text, normalise, text_hash
from .errors import NewsInputError
from .inputs import URL_SCHEMES, RawInput

LANGUAGES = ("id", "ms", "en")
MIN_TEXT_CHARS = 80  # less than this after cleaning is not an article
_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3": "an SQLite database",
}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_URL_DATE = re.compile(r"/(20\d\d)[/-](0[1-9]|1[0-2])[/-]([0-3]\d)(?:/|$|[-_])")


@dataclass(frozen=True)
class Article:
    name: str  # the input as named on the command line
    url: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    language: str
    text: str  # cleaned: evidence offsets index this
    text_hash: str


def read_article(raw: RawInput, *, source_url: str | None = None) -> Article:
    """The article in `raw`, or NewsInputError saying why there is none."""
    if not raw.data.strip():
        raise NewsInputError(raw.name, "is empty")
    for magic, what in _MAGIC.items():
        if raw.data.startswith(magic):
            raise NewsInputError(raw.name, f"is {what}, not a page or text")
    if b"\x00" in raw.data[:8192]:
        raise NewsInputError(raw.name, "is a binary file, not a page or text")
    if raw.form == "html":
        return _from_html(raw, source_url)
    return _from_text(raw, source_url)


def _decode(raw: RawInput, charset: str) -> str:
    if raw.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        charset = "utf-16"
    try:
        return raw.data.decode(charset)
    except LookupError:
        raise NewsInputError(raw.name, f"declares an unknown encoding {charset!r}") from None
    except UnicodeDecodeError as error:
        line = raw.data.count(b"\n", 0, error.start) + 1
        raise NewsInputError(
            raw.name,
            f"is not valid {charset} text (byte 0x{raw.data[error.start]:02x} on line {line})",
        ) from None


def _from_text(raw: RawInput, source_url: str | None) -> Article:
    text = _decode(raw, "utf-8-sig")
    first, _, rest = text.lstrip().partition("\n")
    url = source_url
    if first.strip().lower().startswith(URL_SCHEMES) and " " not in first.strip():
        url, text = first.strip(), rest
    url = url or raw.url
    if not url:
        raise NewsInputError(
            raw.name, "has no source URL: put the article's URL on its first line or give --source"
        )
    if raw.name.lower().endswith((".md", ".markdown")):
        text = markdown_to_text(text)
    return _finish(raw.name, url, None, None, _date_in_url(url), text)


def _from_html(raw: RawInput, source_url: str | None) -> Article:
    declared = _CHARSET.search(raw.data[:4096])
    charset = declared.group(1).decode("ascii").lower() if declared else "utf-8"
    html = _decode(raw, "utf-8-sig" if charset in ("utf-8", "utf8") else charset)
    import trafilatura
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    from .page_meta import page_metadata

    try:
        # lxml refuses text that still declares an encoding: it is decoded already
        tree = lxml_html.document_fromstring(_XML_DECLARATION.sub("", html, count=1))
        meta = page_metadata(tree, raw.url or source_url)
        document = trafilatura.bare_extraction(
            tree,
            url=raw.url or source_url,
            fast=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            with_metadata=False,
            deduplicate=False,
        )
    except Exception as error:  # a third-party parser: any failure is this page's, not ours
        raise NewsInputError(
            raw.name, f"cannot be read as a page ({type(error).__name__})"
        ) from None
    text = getattr(document, "text", None) if document is not None else None
    if not isinstance(text, str) or not text.strip():
        raise NewsInputError(raw.name, "has no article text (scripts or navigation only)")
    url = _http(meta["url"]) or raw.url or source_url
    if not url:
        raise NewsInputError(
            raw.name, "names no URL of its own (no canonical link); give it with --source"
        )
    published = meta["published"] or _date_in_url(url)
    return _finish(raw.name, url, meta["title"], meta["publisher"], published, text)


def _finish(
    name: str,
    url: str,
    title: str | None,
    publisher: str | None,
    published: dt.date | None,
    text: str,
) -> Article:
    cleaned = clean_text(text)
    if len(cleaned) < MIN_TEXT_CHARS:
        raise NewsInputError(name, "has no article text (fewer than 80 characters after cleaning)")
    return Article(
        name=name,
        url=url,
        title=_short(title),
        publisher=_short(publisher),
        published=published,
        language=language_of(cleaned),
        text=cleaned,
        text_hash=text_hash(cleaned),
    )


def _short(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(normalise(value).split())
    return value[:500] or None


def _http(url: str | None) -> str | None:
    return url if url and url.lower().startswith(URL_SCHEMES) and " " not in url else None


def _date_in_url(url: str) -> dt.date | None:
    """Many sites put the publication date in the path (/2025/06/12/)."""
    match = _URL_DATE.search(url)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


@functools.cache
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import (  # type: ignore[import-untyped]
        MODEL_FILE,
        LanguageIdentifier,
    )

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def language_of(text: str) -> str:
    """id, ms or en: the likeliest of the three (the model ships inside py3langid)."""
    language, _ = _identifier().classify(text[:5000])
    return str(language)
