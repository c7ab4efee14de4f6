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
:class:`dateutil.parser.parserinfo` subclass (date_words.py).  expo-tui only
*pre-normalises* the text (dotted times, zone words, weekday and
part-of-day words, brackets: date_text.py) and checks dateutil's answer
(here).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from dateutil import parser as _du

from .date_text import MAX_INPUT_LENGTH, TIME_MARKER_RE, DateParseError, Prepared, prepare, quote
from .date_words import (
    MONTH_NAMES,
    PART_OF_DAY,
    WEEKDAY_NAMES,
    IndonesianParserInfo,
    fixed_zone,
    parser,
)

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


#: Earlier years are refused: "0030" or "200" are typos, not expo dates.
MIN_YEAR = 1000


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


# Two defaults that differ in every field: whatever comes out the same from
# both parses was written in the text.  Leap years, and 31-day months, so a
# lone "29/2" or "31" is not rejected because of the default.
_DEFAULT_A = datetime.datetime(2004, 1, 1, 0, 0, 0, 0)
_DEFAULT_B = datetime.datetime(2008, 3, 2, 1, 1, 1, 1)


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
    prepared = prepare(text)
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
    prepared = prepare(text)
    fields = _read_fields(prepared)
    if fields.time is None:
        raise DateParseError(f"{quote(prepared.original)} has no time of day")
    return fields.time


# ----------------------------------------------------------- pre-normalising


def _check_default_year(default_year: int | None) -> None:
    """Refuse a default year the parsed text itself could not have, up front."""
    if default_year is not None and not MIN_YEAR <= default_year <= 9999:
        raise DateParseError(f"default year {default_year!r} is outside {MIN_YEAR}..9999")


# ------------------------------------------------------------ running dateutil


def _tzinfo_for(name: str | None, offset: int | None) -> datetime.tzinfo | None:
    """dateutil's ``tzinfos`` hook: numeric offsets and "Z" only.

    Given as a callable so dateutil never consults the machine's local zone
    (it maps a name found in ``time.tzname`` to ``tzlocal()``) and never
    returns its own, unhashable, ``tzoffset``.
    """
    if offset is not None:
        zone = fixed_zone(offset, name)
        if zone is None:
            raise _ZoneProblem("has an impossible UTC offset")
        return zone
    if name is None:
        return None
    raise _ZoneProblem(f'has an unknown time zone "{name}" (use WIB, WITA, WIT, UTC or +07:00)')


def _run_dateutil(prepared: Prepared, default: datetime.datetime) -> datetime.datetime:
    """One dateutil parse; every failure becomes a DateParseError.

    dateutil documents ParserError but also leaks OverflowError (huge
    numbers) and others, so everything it raises is caught here.
    """
    quoted = quote(prepared.original)
    try:
        result = parser().parse(
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


def _read_fields(prepared: Prepared) -> _Fields:
    """Parse twice with different defaults to learn which fields were written."""
    if not prepared.text:
        raise DateParseError(f"{quote(prepared.original)} has no date or time in it")
    first = _run_dateutil(prepared, _DEFAULT_A)
    second = _run_dateutil(prepared, _DEFAULT_B)

    def written(name: str) -> bool:
        return bool(getattr(first, name) == getattr(second, name))

    fields = _Fields(
        year=first.year if written("year") else None,
        month=first.month if written("month") else None,
        day=first.day if written("day") else None,
        time=_written_time(prepared, first, written),
        tzinfo=_combine_zones(prepared, first.tzinfo),
    )
    _check_day_first(prepared, fields)
    if fields.year is not None and fields.year < MIN_YEAR:
        raise DateParseError(f"{quote(prepared.original)} has an implausible year {fields.year}")
    return fields


def _written_time(
    prepared: Prepared, parsed: datetime.datetime, written: Callable[[str], bool]
) -> datetime.time | None:
    """The time of day from the text, or None if it gave none."""
    quoted = quote(prepared.original)
    if not written("hour"):
        if written("minute") or written("second"):
            raise DateParseError(f"{quoted} has minutes but no hour")
        return None
    if prepared.dayfirst and not TIME_MARKER_RE.search(prepared.text):
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


def _apply_part_of_day(prepared: Prepared, hour: int) -> int:
    """Settle "8.00 malam" as 20:00; refuse "20.00 pagi" and mixed words."""
    if not prepared.parts_of_day:
        return hour
    if len(prepared.parts_of_day) > 1:
        raise DateParseError(f"{quote(prepared.original)} names more than one part of the day")
    (word,) = prepared.parts_of_day
    as_written, plus_twelve = PART_OF_DAY[word]
    if hour in as_written:
        return hour
    if hour in plus_twelve:
        return hour + 12
    raise DateParseError(f'{quote(prepared.original)} is contradictory: {hour}:00 is not "{word}"')


def _combine_zones(prepared: Prepared, parsed: datetime.tzinfo | None) -> datetime.tzinfo | None:
    """The zone word and a numeric offset may both appear, but must agree."""
    if prepared.zone is None or parsed is None:
        return prepared.zone or parsed
    if prepared.zone.utcoffset(None) != parsed.utcoffset(None):
        raise DateParseError(f"{quote(prepared.original)} names two different time zones")
    return prepared.zone


def _check_day_first(prepared: Prepared, fields: _Fields) -> None:
    """Refuse numeric dates that only make sense month-first ("6/13/2025")."""
    if prepared.day_month is None or (fields.day, fields.month) == prepared.day_month:
        return
    day, month = prepared.day_month
    reason = (
        f"read day first, {day}/{month} has no month {month}"
        if month > 12
        else f"its numbers do not read as day {day}, month {month}"
    )
    raise DateParseError(f"{quote(prepared.original)} is not a valid date ({reason})")


# ------------------------------------------------------------ finishing a date


def _complete_date(
    prepared: Prepared, fields: _Fields, default_year: int | None, require_full_date: bool
) -> datetime.date:
    """Build the date, filling or refusing missing parts as the caller asked."""
    quoted = quote(prepared.original)
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


def _check_weekday(prepared: Prepared, day: datetime.date) -> None:
    """A written weekday must match the date; a mismatch means one is wrong."""
    if not prepared.weekdays:
        return
    if len(prepared.weekdays) > 1 or day.weekday() not in prepared.weekdays:
        raise DateParseError(
            f"{quote(prepared.original)} does not add up: "
            f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year} "
            f"is a {WEEKDAY_NAMES[day.weekday()]}"
        )
