"""What the CSV, iCalendar and frab readers share: text decoding, keys, URLs and the target expo.

These formats, unlike the project's own JSON, do not carry complete expo records, so each reader
is given an `ExpoTarget` (what `--expo`, `--timezone` and the store say) and finishes the
`ExpoRecord` from it. People are keyed by `person_key(name)`, the same slug the shipped records
use, so "Agus Subiyanto" in a CSV links to the person already in the store.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
import zoneinfo
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TypeVar

from ..observations import (
    MAX_OBSERVER,
    OBSERVATION_KIND,
    observation_id,
    parse_observation_label,
)
from ..records import (
    DelegationRecord,
    EventRecord,
    ExhibitorRecord,
    ExpoBundle,
    ExpoRecord,
    FigureRecord,
    SourceRecord,
    date_problem,
    order_problem,
    span_problem,
)
from ..sanitize import is_web_url
from .errors import IngestError

MAX_TEXT = 100_000  # the project format's bound on one text value
MAX_FILE_BYTES = 512 * 1024 * 1024  # larger than any schedule; refuse before reading it all
_Citing = TypeVar("_Citing", EventRecord, DelegationRecord, ExhibitorRecord, FigureRecord)
_URL_RE = re.compile(r"https?://[^\s<>\"'\]\[)(]+", re.IGNORECASE)


def _nothing(slug: str) -> ExpoRecord | None:
    return None


@dataclass(frozen=True)
class ExpoTarget:
    """Which expo an import lands in, as far as the command line and the store know.

    `slug` is `--expo` (None when not given); `timezone` is `--timezone`; `lookup(slug)` gives
    the store's record for a slug (with its sources, so writing it back changes nothing).
    """

    slug: str | None = None
    timezone: str | None = None
    lookup: Callable[[str], ExpoRecord | None] = _nothing

    @functools.cached_property
    def existing(self) -> ExpoRecord | None:
        """The store's record for `slug`, if the store has that expo."""
        return self.lookup(self.slug) if self.slug else None


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(str(path), f"is {size:,} bytes, too large to import")
        return path.read_bytes()
    except IsADirectoryError:
        raise IngestError(str(path), "is a folder, not a file") from None
    except OSError as error:
        raise IngestError(str(path), f"cannot be read ({error.strerror or error})") from None


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 text (a BOM is allowed); any other encoding is refused with the line it breaks on."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(file, "is UTF-16 text; save it as UTF-8 and import again")
    if b"\x00" in data[:8192]:
        raise IngestError(
            file,
            "is a binary file, not text",
            line=data[:8192].count(b"\n", 0, data.index(b"\x00")) + 1,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise IngestError(
            file,
            f"is not UTF-8 text (byte 0x{data[error.start]:02x} cannot be decoded; "
            "save the file as UTF-8)",
            line=line,
        ) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise IngestError(file, "is a binary file, not text (it holds NUL bytes)", line=line)
    return text


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens, accents folded: "Türkiye Pavilion" -> "turkiye-pavilion"."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[\W_]+", "-", folded).strip("-")[:120]


def person_key(name: str) -> str:
    """The natural key of a person known only by name (the shipped records use the same slugs)."""
    return slugify(name) or "person-" + stable_hash(name)


def stable_hash(*parts: object) -> str:
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def check_text(
    value: str | None, file: str, field: str, *, line: int | None = None, element: str | None = None
) -> str | None:
    """Strip a text value; None when empty; an error when it is absurdly long."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_TEXT:
        raise IngestError(
            file,
            f"text is {len(value):,} characters, over {MAX_TEXT:,}",
            line=line,
            element=element,
            field=field,
        )
    return value


def check_url(
    url: str, file: str, field: str, *, line: int | None = None, element: str | None = None
) -> str:
    url = url.strip()
    if not is_web_url(url):  # the one test every output uses before it makes a link
        raise IngestError(
            file, f"{url[:80]!r} is not an http(s) URL", line=line, element=element, field=field
        )
    if len(url) > 4096:
        raise IngestError(
            file, "a URL longer than 4,096 characters", line=line, element=element, field=field
        )
    return url


def observation_source(
    label: str, file: str, field: str, *, line: int | None = None, element: str | None = None
) -> SourceRecord:
    """The user's own observation that an export wrote as its label ("own observation by
    Anna Schmidt, 12 June 2025 10:40"), read back as the source it was; an error otherwise."""
    found = parse_observation_label(label)
    if found is None:
        raise IngestError(
            file,
            f"{label[:80]!r} is not an observation as an export writes it "
            "(own observation by NAME, 12 June 2025, or with a time: 12 June 2025 10:40)",
            line=line,
            element=element,
            field=field,
        )
    observer, day, time = found
    if len(observer) > MAX_OBSERVER:
        raise IngestError(
            file,
            f"an observer's name of {len(observer):,} characters, over {MAX_OBSERVER}",
            line=line,
            element=element,
            field=field,
        )
    check_date(day, file, field, line=line, element=element)
    return SourceRecord(
        url=observation_id(observer, day, time),
        kind=OBSERVATION_KIND,
        observer=observer,
        observed=day,
        observed_time=time,
    )


def check_date(
    value: dt.date, file: str, field: str, *, line: int | None = None, element: str | None = None
) -> dt.date:
    """`value` if it is a plausible expo date (records.date_problem), else an IngestError."""
    problem = date_problem(value)
    if problem:
        raise IngestError(file, problem, line=line, element=element, field=field)
    return value


_WHOLE_NUMBER = re.compile(r"[0-9]{1,12}")  # ASCII digits: "²" and "١" are not orders


def check_order(
    text: str, file: str, field: str, *, line: int | None = None, element: str | None = None
) -> int:
    """A position in a chain of meetings written as text ("3"), within records.MAX_ORDER."""
    value = text.strip()
    number = int(value) if _WHOLE_NUMBER.fullmatch(value) else None
    problem = (
        order_problem(number)
        if number is not None
        else f"{value[:40]!r} is not a whole number of 1 or more"
    )
    if problem:
        raise IngestError(file, problem, line=line, element=element, field=field)
    assert number is not None
    return number


def cite_where_missing(bundle: ExpoBundle, source: SourceRecord) -> ExpoBundle:
    """`bundle` with `source` cited by every event, delegation, exhibitor and figure that cites
    nothing of its own: the schedule or page the file was published at, for the records that
    link to nothing more precise. Records with sources of their own keep only those."""

    def cite(records: tuple[_Citing, ...]) -> tuple[tuple[_Citing, ...], bool]:
        cited = tuple(r if r.sources else replace(r, sources=(source.url,)) for r in records)
        return cited, any(c is not r for c, r in zip(cited, records, strict=True))

    events, used_e = cite(bundle.events)
    delegations, used_d = cite(bundle.delegations)
    exhibitors, used_x = cite(bundle.exhibitors)
    figures, used_f = cite(bundle.figures)
    sources = bundle.sources
    if (used_e or used_d or used_x or used_f) and all(s.url != source.url for s in sources):
        sources = (*sources, source)
    return replace(
        bundle,
        events=events,
        delegations=delegations,
        exhibitors=exhibitors,
        figures=figures,
        sources=sources,
    )


def urls_in(text: str | None) -> list[str]:
    """http(s) links written inside free text, in order, without trailing punctuation."""
    if not text:
        return []
    return list(dict.fromkeys(m.group(0).rstrip(".,;:!?") for m in _URL_RE.finditer(text)))


def check_timezone(
    name: str,
    file: str,
    *,
    line: int | None = None,
    element: str | None = None,
    field: str = "timezone",
) -> str:
    """`name` if it is an IANA timezone zoneinfo can load, else an IngestError."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: zoneinfo reads a file of that name: "Asia" is a folder, 300 x's too long
        raise IngestError(
            file, f"{name[:60]!r} is not an IANA timezone", line=line, element=element, field=field
        ) from None
    return name


def finish_expo(
    target: ExpoTarget,
    file: str,
    dates: list[dt.date],
    *,
    timezone: str,
    name: str | None = None,
    lines: Mapping[dt.date, int] | None = None,
) -> ExpoRecord:
    """The expo a CSV or iCalendar file lands in: the existing one, or a new one it spans
    (`lines` says where each date was first written, for the error when the span is absurd).

    These files hold no expo record, so every value is assumed (records.py): it makes a new
    expo, and never changes one the store has by the time the file is written."""
    if target.existing is not None:
        return replace(target.existing, assumed=EXPO_GUESSED)
    if not target.slug:
        raise IngestError(file, "does not say which expo it belongs to; name one with --expo SLUG")
    if not dates:
        raise IngestError(
            file,
            f"has no dated events, so a new expo {target.slug!r} cannot be given dates; "
            "import into an existing expo with --expo",
        )
    start, end = min(dates), max(dates)
    problem = span_problem(start, end)
    if problem:
        raise IngestError(
            file,
            f"a new expo {target.slug!r} would span its events' dates: {problem}, "
            "or create the expo first and import into it",
            line=lines.get(end) if lines else None,
            field="date",
        )
    return ExpoRecord(
        slug=target.slug,
        name=name or target.slug,
        start_date=start,
        end_date=end,
        timezone=timezone,
        assumed=EXPO_GUESSED,
    )


# Every field of an expo record but its slug: what a file without an expo record assumes.
EXPO_GUESSED = frozenset(f.name for f in fields(ExpoRecord) if f.name not in ("slug", "assumed"))
