"""Pre-normalising date text: what the raw input becomes before dateutil reads it.

Dotted times become colon times ("10.00" -> "10:00"), zone words and weekday and part-of-day
words are taken out (and remembered, to be checked against the result), brackets and odd
characters become spaces; input that no date could be is refused here, before dateutil sees
it. dates.py runs dateutil on the result.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .date_words import PART_OF_DAY, ZONE_RE, ZONES, fixed_zone, parser

#: Longer input is refused outright: no real date needs it, and dateutil's
#: character-by-character lexer should not be fed whole paragraphs.
MAX_INPUT_LENGTH = 256


class DateParseError(ValueError):
    """A text could not be read as a date or time.

    A :class:`ValueError` subclass so callers that already catch
    ``ValueError`` keep working; the message is plain English and quotes
    the offending value so it can be shown to the user as-is.
    """


_WORD_RE = re.compile(r"[^\W\d_]+")
_INNER_APOSTROPHE_RE = re.compile(r"(?<=[^\W\d_])['\u2019\u2018`](?=[^\W\d_])")
_BRACKETS_RE = re.compile(r"[()\[\]{}]")
_SPACES_RE = re.compile(r" {2,}")
# "10.00" -> "10:00"; not when part of a dotted date such as 11.06.2025.
_DOTTED_TIME_RE = re.compile(r"(?<![0-9.:])([0-9]{1,2})\.([0-5][0-9])(?![0-9]|[.:][0-9])")
_TIME_RANGE_RE = re.compile(r"[0-9]{1,2}[.:][0-9]{2}\s*[-\u2013\u2014]\s*[0-9]{1,2}[.:][0-9]{2}")
# "pukul 10" -> "pukul 10:00": a bare number after "pukul" is an hour.
_BARE_HOUR_RE = re.compile(
    r"(?<![A-Za-z])(pukul|pkl|jam)\s+([0-9]{1,2})(?![0-9]|[.:][0-9])", re.IGNORECASE
)
# "June 12,2025": dateutil would read "12,2025" as the decimal 12.2025.
_COMMA_DIGIT_RE = re.compile(r",(?=[0-9])")
# A decimal number left over ("14.6") would be truncated to 14 by dateutil.
_DECIMAL_RE = re.compile(r"(?<![0-9.:,])[0-9]+\.[0-9]+(?![0-9]|[.:][0-9])")
# Something that marks a number as a clock time: "10:00" (dotted times are
# rewritten to this), "2pm", "2 p.m.", "10h30".
TIME_MARKER_RE = re.compile(r":|[0-9]\s*(?:[ap]\.?m?\.?|h)(?![^\W\d_])", re.IGNORECASE)
# "0030": dateutil reads it as 30 (a day) or as the year 30, depending on
# where it stands.  Leading zeros on 3+ digits only make sense in ISO text.
_LEADING_ZERO_RE = re.compile(r"(?<![0-9+\-])0[0-9]{2,}")
_YEAR_FIRST_RE = re.compile(r"^[^0-9]*(?:[0-9]{4}[-/.][0-9]|[0-9]{8}(?![0-9]))")
_COMPACT_DMY_RE = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})[0-9]{2}(?![0-9])")  # DDMMYY
_NUMERIC_DM_RE = re.compile(
    r"(?<![0-9/.:\-])([0-9]{1,2})[-/. ]([0-9]{1,2})(?:[-/. ][0-9]{2,4})?(?![0-9])"
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """Normalised text for dateutil, plus what pre-normalisation took out."""

    original: str
    text: str
    dayfirst: bool
    weekdays: frozenset[int]
    parts_of_day: frozenset[str]
    zone: datetime.tzinfo | None
    day_month: tuple[int, int] | None


def quote(text: str) -> str:
    """Show a value inside an error message, safely and briefly."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f'"{shown}"' if shown.isprintable() else repr(shown)


def prepare(text: str) -> Prepared:
    """Turn raw input into text dateutil reads correctly, noting what was removed."""
    if not isinstance(text, str):
        raise DateParseError(f"{text!r} is not text, so it cannot be a date")
    if len(text) > MAX_INPUT_LENGTH:
        raise DateParseError(f"{quote(text)} is too long to be a date")
    cleaned = _clean_characters(text)
    if not cleaned:
        raise DateParseError("an empty value is not a date")
    cleaned, zone = _extract_zone(cleaned, text)
    cleaned, weekdays, parts = _extract_words(cleaned)
    dayfirst = _YEAR_FIRST_RE.match(cleaned) is None
    cleaned = _normalise_times(cleaned, text, dayfirst)
    cleaned = _SPACES_RE.sub(" ", _COMMA_DIGIT_RE.sub(", ", cleaned)).strip(" .,;")
    if _DECIMAL_RE.search(cleaned) or (dayfirst and _LEADING_ZERO_RE.search(cleaned)):
        raise DateParseError(f"{quote(text)} is not a recognised date or time")
    return Prepared(
        original=text,
        text=cleaned,
        dayfirst=dayfirst,
        weekdays=weekdays,
        parts_of_day=parts,
        zone=zone,
        day_month=_numeric_day_month(cleaned) if dayfirst else None,
    )


def _clean_characters(text: str) -> str:
    """Make control characters and odd spaces plain spaces; drop brackets.

    "Sabtu (14/6/2025)" is common, and dateutil does not skip brackets.
    Apostrophes inside words go too, so "Jum'at" reads as "Jumat".
    """
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = _BRACKETS_RE.sub(" ", text)
    text = _INNER_APOSTROPHE_RE.sub("", text)
    return _SPACES_RE.sub(" ", text).strip()


def _extract_zone(text: str, original: str) -> tuple[str, datetime.tzinfo | None]:
    """Remove zone words (WIB, WITA, WIT, UTC+7, ...) and return the zone."""
    found: list[datetime.tzinfo] = []

    def take(match: re.Match[str]) -> str:
        found.append(_zone_from_match(match, original))
        return " "

    text = ZONE_RE.sub(take, text)
    offsets = {zone.utcoffset(None) for zone in found}
    if len(offsets) > 1:
        raise DateParseError(f"{quote(original)} names more than one time zone")
    return text, (found[0] if found else None)


def _zone_from_match(match: re.Match[str], original: str) -> datetime.tzinfo:
    """The zone for one ``ZONE_RE`` match; "UTC+7" means seven hours ahead."""
    name, sign, long_hours, minutes, short_hours = match.groups()
    zone = ZONES[name.upper()]
    if sign is None:
        return zone
    if name.upper() not in ("UTC", "GMT"):
        raise DateParseError(f"{quote(original)} adds an offset to {name.upper()}")
    hours, minutes = int(long_hours or short_hours), int(minutes or 0)
    seconds = hours * 3600 + minutes * 60
    fixed = fixed_zone(-seconds if sign == "-" else seconds)
    if fixed is None or minutes >= 60:
        raise DateParseError(f"{quote(original)} has an impossible UTC offset")
    return fixed


def _extract_words(text: str) -> tuple[str, frozenset[int], frozenset[str]]:
    """Remove weekday and part-of-day words, remembering them for checks.

    dateutil ignores a weekday when a day is given and *moves* the date
    when one is not, which would defeat the field-detection trick; removing
    it here and checking it afterwards is both simpler and stricter.
    """
    info = parser().info
    weekdays: set[int] = set()
    parts: set[str] = set()

    def take(match: re.Match[str]) -> str:
        word = match.group(0)
        weekday = info.weekday(word)
        if weekday is not None:
            weekdays.add(weekday)
            return " "
        if word.lower() in PART_OF_DAY:
            parts.add(word.lower())
            return " "
        return word

    text = _WORD_RE.sub(take, text)
    return text, frozenset(weekdays), frozenset(parts)


def _normalise_times(text: str, original: str, dayfirst: bool) -> str:
    """Rewrite Indonesian time notation into what dateutil reads.

    "10.00" becomes "10:00" and "pukul 10" becomes "pukul 10:00".  Time
    ranges ("10.00-12.00", "10:00-12:00") are refused: dateutil would read
    "-12:00" as a UTC offset.
    """
    time_range = _TIME_RANGE_RE.search(text)
    if time_range and not (not dayfirst and _is_iso_offset(text, time_range)):
        raise DateParseError(f"{quote(original)} is a time range, not a single time")
    text = _DOTTED_TIME_RE.sub(_dotted_to_colon, text)
    return _BARE_HOUR_RE.sub(lambda m: f"{m.group(1)} {m.group(2)}:00", text)


def _is_iso_offset(text: str, match: re.Match[str]) -> bool:
    """Whether a "range" match is really ISO "T09:30-03:00" or "09:30:00-03:00".

    Only in year-first text, only tight (no spaces or dots), and only right
    after "T" or after seconds -- "2025-06-12 10:00-12:00" stays a range.
    """
    found = match.group(0)
    before = text[: match.start()]
    tight = not any(ch.isspace() or ch == "." for ch in found)
    return tight and before[-1:] in (":", "T", "t")


def _dotted_to_colon(match: re.Match[str]) -> str:
    """Turn "14.30" into "14:30", but leave numbers that cannot be an hour alone."""
    hour, minute = match.groups()
    if int(hour) > 23:
        return match.group(0)
    return f"{hour}:{minute}"


def _numeric_day_month(text: str) -> tuple[int, int] | None:
    """The (day, month) a day-first numeric date like "6/5/2025" must give.

    dateutil quietly falls back to month-first when day-first is impossible
    ("6/13/2025" becomes 13 June, "123125" 31 December); comparing with
    this catches that.
    """
    match = _NUMERIC_DM_RE.search(text) or _COMPACT_DMY_RE.search(text)
    if match is None:
        return None
    return int(match.group(1)), int(match.group(2))
