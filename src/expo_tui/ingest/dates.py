"""The one place expo-tui turns human-written dates and times into values.

Expo material arrives in Indonesian and English, from CSV cells, ICS files,
JSON and command-line arguments ("Rabu, 11 Juni 2025", "Sabtu (14/6/2025)",
"11 Juni 2025 pukul 10.00 WIB", "2025-06-12T09:30", "June 12, 2025 14:00").
Every importer goes through this module so that all of them agree on the
rules:

* numeric dates are read day first ("11/06/2025" is 11 June), except when
  they start with a four-digit year, which is read ISO-style (year, month,
  day);
* a value either carries a time of day or it does not, and callers must be
  able to tell the two apart -- a meeting "on 11 June" is not a meeting at
  midnight;
* partial dates ("Juni 2025") are refused unless the caller explicitly says
  how to complete them, because guessing the 1st (or today's day, which is
  what dateutil does) silently invents data;
* anything that cannot be read raises :class:`DateParseError` -- never a
  wrong date and never another exception type.

The parsing itself is python-dateutil's, taught Indonesian through a
:class:`dateutil.parser.parserinfo` subclass.  This module only
*pre-normalises* the text (dotted times, zone words, weekday and
part-of-day words, brackets) and checks dateutil's answer.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from dateutil import parser as _du

__all__ = [
    "MAX_INPUT_LENGTH",
    "MIN_YEAR",
    "DateParseError",
    "IndonesianParserInfo",
    "ParsedWhen",
    "parse_date",
    "parse_time",
    "parse_when",
]

#: Longer input is refused outright: no real date needs it, and dateutil's
#: character-by-character lexer should not be fed whole paragraphs.
MAX_INPUT_LENGTH = 256

#: Earlier years are refused: "0030" or "200" are typos, not expo dates.
MIN_YEAR = 1000


class DateParseError(ValueError):
    """A text could not be read as a date or time.

    A :class:`ValueError` subclass so callers that already catch
    ``ValueError`` keep working; the message is plain English and quotes
    the offending value so it can be shown to the user as-is.
    """


@dataclass(frozen=True, slots=True)
class ParsedWhen:
    """A parsed date with an optional time of day and an optional zone.

    Kept separate (rather than a ``datetime``) because "11 June" and
    "11 June at 00:00" mean different things in an expo schedule.
    ``time`` is naive; the zone, when the text named one, is in ``tzinfo``
    (a :class:`datetime.timezone`, so the value stays hashable).  A zone can
    accompany a date-only value ("11 Juni 2025 WIB").
    """

    date: datetime.date
    time: datetime.time | None = None
    tzinfo: datetime.tzinfo | None = None

    @property
    def has_time(self) -> bool:
        """Whether the text gave a time of day (not merely a date)."""
        return self.time is not None

    def as_datetime(self) -> datetime.datetime:
        """Combine into one ``datetime`` (aware when a zone was given).

        Date-only values become midnight, so check :attr:`has_time` first
        wherever that distinction matters.
        """
        return datetime.datetime.combine(
            self.date, self.time or datetime.time(0), tzinfo=self.tzinfo
        )


# Filler words dateutil may skip: "pukul"/"jam" (o'clock), "tanggal" (date),
# "hari" (day, as in "hari Rabu" or "dini hari").
_FILLER_WORDS = ("pukul", "pkl", "jam", "tanggal", "tgl", "hari")


class IndonesianParserInfo(_du.parserinfo):
    """dateutil vocabulary extended with Indonesian words.

    Both languages live in one table so mixed input ("Rabu, June 11") works
    and English keeps working exactly as dateutil knows it.
    """

    JUMP: ClassVar[list[str]] = [*_du.parserinfo.JUMP, *_FILLER_WORDS]
    WEEKDAYS: ClassVar[list[tuple[str, ...]]] = [
        ("Mon", "Monday", "Sen", "Senin"),
        ("Tue", "Tues", "Tuesday", "Sel", "Selasa"),
        ("Wed", "Wednesday", "Rab", "Rabu"),
        ("Thu", "Thur", "Thurs", "Thursday", "Kam", "Kamis"),
        ("Fri", "Friday", "Jum", "Jumat", "Jumaat"),
        ("Sat", "Saturday", "Sab", "Sabtu"),
        ("Sun", "Sunday", "Min", "Minggu", "Ahad"),
    ]
    MONTHS: ClassVar[list[tuple[str, ...]]] = [
        ("Jan", "January", "Januari"),
        ("Feb", "Febr", "February", "Februari", "Peb", "Pebruari", "Febuari"),
        ("Mar", "March", "Maret"),
        ("Apr", "April"),
        ("May", "Mei"),
        ("Jun", "June", "Juni"),
        ("Jul", "July", "Juli"),
        ("Aug", "August", "Agu", "Agt", "Ags", "Agus", "Agustus"),
        ("Sep", "Sept", "September"),
        ("Oct", "October", "Okt", "Oktober"),
        ("Nov", "November", "Nop", "Nopember"),
        ("Dec", "December", "Des", "Desember"),
    ]


# Indonesian time-zone words.  Pulled out of the text before dateutil sees
# it because dateutil only recognises zone names in upper case, only after a
# time, and reads "GMT+7" the POSIX way (as UTC-7).
_ZONES: dict[str, datetime.timezone] = {
    "WIB": datetime.timezone(datetime.timedelta(hours=7), "WIB"),
    "WITA": datetime.timezone(datetime.timedelta(hours=8), "WITA"),
    "WIT": datetime.timezone(datetime.timedelta(hours=9), "WIT"),
    "UTC": datetime.UTC,
    "GMT": datetime.UTC,
}
_ZONE_RE = re.compile(
    r"(?<![A-Za-z])(WITA|WIB|WIT|UTC|GMT)"
    r"(?:\s*([+-])\s*(?:([0-9]{2}):?([0-9]{2})|([0-9]{1,2})))?(?![A-Za-z0-9])",
    re.IGNORECASE,
)

# Vague parts of the day.  With no clock time they are ignored (the value is
# date-only).  With a clock time they settle 12-hour readings -- "8.00
# malam" is 20:00 -- and contradictions ("20.00 pagi") are refused.
# word -> (hours accepted as written, hours that mean hour + 12)
_PART_OF_DAY: dict[str, tuple[range, range]] = {
    "pagi": (range(12), range(0)),
    "siang": (range(10, 16), range(1, 4)),
    "sore": (range(12, 19), range(1, 7)),
    "petang": (range(15, 20), range(3, 8)),
    "malam": (range(18, 24), range(6, 12)),
    "dini": (range(6), range(0)),
    "subuh": (range(3, 7), range(0)),
    "morning": (range(12), range(0)),
    "afternoon": (range(12, 19), range(1, 7)),
    "evening": (range(17, 24), range(5, 12)),
    "night": (range(18, 24), range(6, 12)),
}

# English names for messages; strftime would follow the process locale.
_MONTH_NAMES = tuple(names[1] for names in IndonesianParserInfo.MONTHS)
_WEEKDAY_NAMES = tuple(names[1] for names in IndonesianParserInfo.WEEKDAYS)

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
_TIME_MARKER_RE = re.compile(r":|[0-9]\s*(?:[ap]\.?m?\.?|h)(?![^\W\d_])", re.IGNORECASE)
# "0030": dateutil reads it as 30 (a day) or as the year 30, depending on
# where it stands.  Leading zeros on 3+ digits only make sense in ISO text.
_LEADING_ZERO_RE = re.compile(r"(?<![0-9+\-])0[0-9]{2,}")
_YEAR_FIRST_RE = re.compile(r"^[^0-9]*(?:[0-9]{4}[-/.][0-9]|[0-9]{8}(?![0-9]))")
_COMPACT_DMY_RE = re.compile(r"(?<![0-9])([0-9]{2})([0-9]{2})[0-9]{2}(?![0-9])")  # DDMMYY
_NUMERIC_DM_RE = re.compile(
    r"(?<![0-9/.:\-])([0-9]{1,2})[-/. ]([0-9]{1,2})(?:[-/. ][0-9]{2,4})?(?![0-9])"
)

# Two defaults that differ in every field: whatever comes out the same from
# both parses was written in the text.  Leap years, and 31-day months, so a
# lone "29/2" or "31" is not rejected because of the default.
_DEFAULT_A = datetime.datetime(2004, 1, 1, 0, 0, 0, 0)
_DEFAULT_B = datetime.datetime(2008, 3, 2, 1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class _Prepared:
    """Normalised text for dateutil, plus what pre-normalisation took out."""

    original: str
    text: str
    dayfirst: bool
    weekdays: frozenset[int]
    parts_of_day: frozenset[str]
    zone: datetime.tzinfo | None
    day_month: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class _Fields:
    """What the text actually contained; None means "not written"."""

    year: int | None
    month: int | None
    day: int | None
    time: datetime.time | None
    tzinfo: datetime.tzinfo | None


class _ZoneProblem(Exception):
    """Raised from inside dateutil's tzinfos hook; turned into DateParseError."""


# ---------------------------------------------------------------- public API


def parse_when(
    text: str, *, default_year: int | None = None, require_full_date: bool = True
) -> ParsedWhen:
    """Parse a date, optionally with time and zone, from free text.

    ``default_year`` completes values written without a year ("Selasa
    (6/5)") -- pass the expo's year.  With ``require_full_date`` (the
    default) a missing day or month, or a missing year without
    ``default_year``, raises instead of being guessed.  With it off, a
    missing day becomes the 1st, a missing month the current month and a
    missing year ``default_year`` or the current year; a text with no date
    part at all still raises.

    Raises :class:`DateParseError` for anything unreadable or invalid.
    """
    _check_default_year(default_year)
    prepared = _prepare(text)
    fields = _read_fields(prepared)
    day = _complete_date(prepared, fields, default_year, require_full_date)
    _check_weekday(prepared, day)
    return ParsedWhen(date=day, time=fields.time, tzinfo=fields.tzinfo)


def parse_date(text: str, *, default_year: int | None = None) -> datetime.date:
    """Parse a full date (the time part, if any, is dropped).

    For CLI arguments like ``--day`` and date-only columns.
    """
    return parse_when(text, default_year=default_year).date


def parse_time(text: str) -> datetime.time:
    """Parse a time of day: "10:00", "10.00", "9:30", "14.30 WIB", "2pm".

    The zone is ignored (the caller decides which zone a bare time is in);
    date parts, if present, must be valid but are otherwise ignored.
    """
    prepared = _prepare(text)
    fields = _read_fields(prepared)
    if fields.time is None:
        raise DateParseError(f"{_quote(prepared.original)} has no time of day")
    return fields.time


# ----------------------------------------------------------- pre-normalising


def _quote(text: str) -> str:
    """Show a value inside an error message, safely and briefly."""
    shown = text if len(text) <= 60 else text[:57] + "..."
    return f'"{shown}"' if shown.isprintable() else repr(shown)


def _check_default_year(default_year: int | None) -> None:
    """Refuse a default year the parsed text itself could not have, up front."""
    if default_year is not None and not MIN_YEAR <= default_year <= 9999:
        raise DateParseError(f"default year {default_year!r} is outside {MIN_YEAR}..9999")


def _prepare(text: str) -> _Prepared:
    """Turn raw input into text dateutil reads correctly, noting what was removed."""
    if not isinstance(text, str):
        raise DateParseError(f"{text!r} is not text, so it cannot be a date")
    if len(text) > MAX_INPUT_LENGTH:
        raise DateParseError(f"{_quote(text)} is too long to be a date")
    cleaned = _clean_characters(text)
    if not cleaned:
        raise DateParseError("an empty value is not a date")
    cleaned, zone = _extract_zone(cleaned, text)
    cleaned, weekdays, parts = _extract_words(cleaned)
    dayfirst = _YEAR_FIRST_RE.match(cleaned) is None
    cleaned = _normalise_times(cleaned, text, dayfirst)
    cleaned = _SPACES_RE.sub(" ", _COMMA_DIGIT_RE.sub(", ", cleaned)).strip(" .,;")
    if _DECIMAL_RE.search(cleaned) or (dayfirst and _LEADING_ZERO_RE.search(cleaned)):
        raise DateParseError(f"{_quote(text)} is not a recognised date or time")
    return _Prepared(
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

    text = _ZONE_RE.sub(take, text)
    offsets = {zone.utcoffset(None) for zone in found}
    if len(offsets) > 1:
        raise DateParseError(f"{_quote(original)} names more than one time zone")
    return text, (found[0] if found else None)


def _zone_from_match(match: re.Match[str], original: str) -> datetime.tzinfo:
    """The zone for one ``_ZONE_RE`` match; "UTC+7" means seven hours ahead."""
    name, sign, long_hours, minutes, short_hours = match.groups()
    zone = _ZONES[name.upper()]
    if sign is None:
        return zone
    if name.upper() not in ("UTC", "GMT"):
        raise DateParseError(f"{_quote(original)} adds an offset to {name.upper()}")
    hours, minutes = int(long_hours or short_hours), int(minutes or 0)
    seconds = hours * 3600 + minutes * 60
    fixed = _fixed_zone(-seconds if sign == "-" else seconds)
    if fixed is None or minutes >= 60:
        raise DateParseError(f"{_quote(original)} has an impossible UTC offset")
    return fixed


def _fixed_zone(seconds: int, name: str | None = None) -> datetime.timezone | None:
    """A stdlib fixed-offset zone, or None when the offset is not a real one."""
    if abs(seconds) >= 24 * 3600:
        return None
    if seconds == 0:
        return datetime.UTC
    offset = datetime.timedelta(seconds=seconds)
    return datetime.timezone(offset, name) if name else datetime.timezone(offset)


def _extract_words(text: str) -> tuple[str, frozenset[int], frozenset[str]]:
    """Remove weekday and part-of-day words, remembering them for checks.

    dateutil ignores a weekday when a day is given and *moves* the date
    when one is not, which would defeat the field-detection trick; removing
    it here and checking it afterwards is both simpler and stricter.
    """
    info = _parser().info
    weekdays: set[int] = set()
    parts: set[str] = set()

    def take(match: re.Match[str]) -> str:
        word = match.group(0)
        weekday = info.weekday(word)
        if weekday is not None:
            weekdays.add(weekday)
            return " "
        if word.lower() in _PART_OF_DAY:
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
        raise DateParseError(f"{_quote(original)} is a time range, not a single time")
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


# ------------------------------------------------------------ running dateutil


@functools.lru_cache(maxsize=1)
def _parser() -> _du.parser:
    """The shared parser, built on first use so importing does no work."""
    return _du.parser(IndonesianParserInfo(dayfirst=True))


def _tzinfo_for(name: str | None, offset: int | None) -> datetime.tzinfo | None:
    """dateutil's ``tzinfos`` hook: numeric offsets and "Z" only.

    Given as a callable so dateutil never consults the machine's local zone
    (it maps a name found in ``time.tzname`` to ``tzlocal()``) and never
    returns its own, unhashable, ``tzoffset``.
    """
    if offset is not None:
        zone = _fixed_zone(offset, name)
        if zone is None:
            raise _ZoneProblem("has an impossible UTC offset")
        return zone
    if name is None:
        return None
    raise _ZoneProblem(f'has an unknown time zone "{name}" (use WIB, WITA, WIT, UTC or +07:00)')


def _run_dateutil(prepared: _Prepared, default: datetime.datetime) -> datetime.datetime:
    """One dateutil parse; every failure becomes a DateParseError.

    dateutil documents ParserError but also leaks OverflowError (huge
    numbers) and others, so everything it raises is caught here.
    """
    quoted = _quote(prepared.original)
    try:
        result = _parser().parse(
            prepared.text,
            default=default,
            dayfirst=prepared.dayfirst,
            yearfirst=not prepared.dayfirst,
            tzinfos=_tzinfo_for,
        )
    except _ZoneProblem as exc:
        raise DateParseError(f"{quoted} {exc}") from None
    except _du.ParserError as exc:
        raise DateParseError(_parser_error_message(quoted, exc)) from exc
    except Exception as exc:  # third-party parser: see docstring
        raise DateParseError(f"{quoted} is not a recognised date or time") from exc
    if not isinstance(result, datetime.datetime):  # pragma: no cover - defensive
        raise DateParseError(f"{quoted} is not a recognised date or time")
    return result


def _parser_error_message(quoted: str, exc: _du.ParserError) -> str:
    """Plain English for dateutil's two kinds of failure."""
    cause = exc.__cause__
    if not isinstance(cause, ValueError):
        return f"{quoted} is not a recognised date or time"
    kind = "time" if any(w in str(cause) for w in ("hour", "minute", "second")) else "date"
    return f"{quoted} is not a valid {kind} ({cause})"


def _read_fields(prepared: _Prepared) -> _Fields:
    """Parse twice with different defaults to learn which fields were written."""
    if not prepared.text:
        raise DateParseError(f"{_quote(prepared.original)} has no date or time in it")
    first = _run_dateutil(prepared, _DEFAULT_A)
    second = _run_dateutil(prepared, _DEFAULT_B)

    def written(name: str) -> bool:
        return getattr(first, name) == getattr(second, name)

    fields = _Fields(
        year=first.year if written("year") else None,
        month=first.month if written("month") else None,
        day=first.day if written("day") else None,
        time=_written_time(prepared, first, written),
        tzinfo=_combine_zones(prepared, first.tzinfo),
    )
    _check_day_first(prepared, fields)
    if fields.year is not None and fields.year < MIN_YEAR:
        raise DateParseError(f"{_quote(prepared.original)} has an implausible year {fields.year}")
    return fields


def _written_time(
    prepared: _Prepared, parsed: datetime.datetime, written: Callable[[str], bool]
) -> datetime.time | None:
    """The time of day from the text, or None if it gave none."""
    quoted = _quote(prepared.original)
    if not written("hour"):
        if written("minute") or written("second"):
            raise DateParseError(f"{quoted} has minutes but no hour")
        return None
    if prepared.dayfirst and not _TIME_MARKER_RE.search(prepared.text):
        # dateutil reads a bare number after a full date as an hour
        # ("11 Juni 2025 10"), but not "... 9"; outside ISO text, refuse it.
        raise DateParseError(f'{quoted} has a bare number, not a time; write "10.00"')
    hour = _apply_part_of_day(prepared, parsed.hour)
    return datetime.time(
        hour,
        parsed.minute if written("minute") else 0,
        parsed.second if written("second") else 0,
        parsed.microsecond if written("microsecond") else 0,
    )


def _apply_part_of_day(prepared: _Prepared, hour: int) -> int:
    """Settle "8.00 malam" as 20:00; refuse "20.00 pagi" and mixed words."""
    if not prepared.parts_of_day:
        return hour
    if len(prepared.parts_of_day) > 1:
        raise DateParseError(f"{_quote(prepared.original)} names more than one part of the day")
    (word,) = prepared.parts_of_day
    as_written, plus_twelve = _PART_OF_DAY[word]
    if hour in as_written:
        return hour
    if hour in plus_twelve:
        return hour + 12
    raise DateParseError(f'{_quote(prepared.original)} is contradictory: {hour}:00 is not "{word}"')


def _combine_zones(prepared: _Prepared, parsed: datetime.tzinfo | None) -> datetime.tzinfo | None:
    """The zone word and a numeric offset may both appear, but must agree."""
    if prepared.zone is None or parsed is None:
        return prepared.zone or parsed
    if prepared.zone.utcoffset(None) != parsed.utcoffset(None):
        raise DateParseError(f"{_quote(prepared.original)} names two different time zones")
    return prepared.zone


def _check_day_first(prepared: _Prepared, fields: _Fields) -> None:
    """Refuse numeric dates that only make sense month-first ("6/13/2025")."""
    if prepared.day_month is None or (fields.day, fields.month) == prepared.day_month:
        return
    day, month = prepared.day_month
    reason = (
        f"read day first, {day}/{month} has no month {month}"
        if month > 12
        else f"its numbers do not read as day {day}, month {month}"
    )
    raise DateParseError(f"{_quote(prepared.original)} is not a valid date ({reason})")


# ------------------------------------------------------------ finishing a date


def _complete_date(
    prepared: _Prepared, fields: _Fields, default_year: int | None, require_full_date: bool
) -> datetime.date:
    """Build the date, filling or refusing missing parts as the caller asked."""
    quoted = _quote(prepared.original)
    if fields.year is None and fields.month is None and fields.day is None:
        raise DateParseError(f"{quoted} has no date in it")
    year = fields.year if fields.year is not None else default_year
    if require_full_date:
        missing = [
            name
            for name, value in (("day", fields.day), ("month", fields.month), ("year", year))
            if value is None
        ]
        if missing:
            raise DateParseError(
                f'{quoted} has no {" or ".join(missing)}; write a full date such as "11 Juni 2025"'
            )
    today = datetime.date.today()
    year = year if year is not None else today.year
    month = fields.month if fields.month is not None else today.month
    day = fields.day if fields.day is not None else 1
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise DateParseError(f"{quoted} is not a valid date ({exc})") from None


def _check_weekday(prepared: _Prepared, day: datetime.date) -> None:
    """A written weekday must match the date; a mismatch means one is wrong."""
    if not prepared.weekdays:
        return
    if len(prepared.weekdays) > 1 or day.weekday() not in prepared.weekdays:
        raise DateParseError(
            f"{_quote(prepared.original)} does not add up: "
            f"{day.day} {_MONTH_NAMES[day.month - 1]} {day.year} "
            f"is a {_WEEKDAY_NAMES[day.weekday()]}"
        )
